from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import queries
from sikap.accounts.domain import role_assign, role_revoke, user_create_for_employee
from sikap.accounts.forms import (
    AuditFilterForm,
    LoginForm,
    RoleAssignForm,
    UserCreateForm,
    UserSearchForm,
)
from sikap.core.decorators import requires
from sikap.core.roles import Cap, Role
from sikap.core.validation import add_to_form, validation_messages
from sikap.org import tenancy

PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user)
        return redirect(next_url or "home:index")
    status = 200 if request.method == "GET" or form.is_valid() else 400
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


@login_required
@require_GET
def pemda_choose(request: HttpRequest) -> HttpResponse:
    """Where an address without a Pemda lands when there is a choice: every Pemda the user
    holds a role in (a superuser: all), each opening that Pemda's home."""
    choices = [
        {"pemda": p, "url": tenancy.pemda_url(p, "home:index")}
        for p in tenancy.user_pemdas(request.user)
    ]
    return render(request, "accounts/pemda_choose.html", {"choices": choices})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@require_GET
@requires(Cap.ROLES_MANAGE)
def roles(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.users_with_roles(request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/roles.html",
        {
            "page": page,
            "q": q,
            "query": f"q={q}" if q else "",
            "create_form": UserCreateForm(actor=request.user),
            "search_form": UserSearchForm(initial={"q": q}),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Cap.ROLES_MANAGE)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    target = queries.user_get(request.user, user_id)
    form = RoleAssignForm(request.POST or None, actor=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                role_assign(
                    actor=request.user,
                    user=target,
                    pemda=target.pemda,
                    role=form.cleaned_data["role"],
                    unit=form.cleaned_data["unit"],
                )
            except ValidationError as exc:
                for message in validation_messages(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Peran diberikan."))
                return redirect("accounts:user_detail", user_id=target.pk)
        status = 400
    assignments = queries.assignments_visible(request.user).filter(user=target)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "form": form,
            "assignments": assignments.select_related("unit").order_by("role", "unit__path"),
        },
        status=status,
    )


@require_POST
@requires(Cap.ROLES_MANAGE)
def role_revoke_view(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = queries.assignment_get(request.user, assignment_id)
    if assignment.user_id == request.user.pk and assignment.role == Role.ADMIN_PEMDA:
        messages.error(request, _("Anda tidak dapat mencabut peran Admin Pemda milik sendiri."))
    else:
        role_revoke(actor=request.user, assignment=assignment)
        messages.success(request, _("Peran dicabut."))
    return redirect("accounts:user_detail", user_id=assignment.user_id)


@require_POST
@requires(Cap.ROLES_MANAGE)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST, actor=request.user)
    if form.is_valid() and form.employee is not None:
        try:
            created, password = user_create_for_employee(
                actor=request.user,
                employee=form.employee,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"] or None,
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            # Rendered, not redirected: the initial password is shown once and never stored.
            response = render(
                request,
                "accounts/user_created.html",
                {
                    "created": created,
                    "password": password,
                    "generated": not form.cleaned_data["password"],
                },
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "accounts/user_create.html", {"form": form}, status=400)


@require_GET
@requires(Cap.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
    zone = queries.audit_zone(request.pemda)  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.to_filter() if request.GET else queries.AuditFilter()
    page = Paginator(
        queries.audit_search(request.user, filters, zone=zone), AUDIT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = []
    for row in page.object_list:
        diff = queries.audit_diff(row)
        rows.append((row, diff, queries.audit_sentence(row, diff)))
    query = request.GET.copy()
    query.pop("page", None)
    with timezone.override(zone):
        return render(
            request,
            "accounts/audit_log.html",
            {
                "form": form,
                "page": page,
                "rows": rows,
                "zone": zone,
                "pemda": request.pemda,  # type: ignore[attr-defined]
                "query": query.urlencode(),
            },
        )
