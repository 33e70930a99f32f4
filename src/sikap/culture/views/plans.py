"""Action plans: the list, a new plan, a plan's progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, scope_units
from sikap.core.validation import add_to_form
from sikap.culture import domain, queries
from sikap.culture.forms import (
    ActionPlanForm,
    ProgressForm,
)
from sikap.org.models import OrgUnit

# --- campaigns -----------------------------------------------------------------------------


def _plan_choices(request: HttpRequest) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    units = scope_units(OrgUnit.objects.filter(depth=0), request.user, Cap.ACTIONPLAN_MANAGE)
    unit_choices = [(u.pk, u.name) for u in units.order_by("name")]
    campaigns = queries.campaigns_visible(request.user, Cap.ACTIONPLAN_MANAGE).filter(
        recomputed_at__isnull=False
    )
    return unit_choices, [(c.pk, c.name) for c in campaigns]


def plans(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.ACTIONPLAN_MANAGE)
    items = list(queries.plans_visible(request.user).order_by("due_date", "id"))
    return render(request, "culture/plans.html", {"plans": queries.plans_with_results(items)})


def plan_new(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.ACTIONPLAN_MANAGE)
    unit_choices, campaign_choices = _plan_choices(request)
    initial = {
        k: request.GET.get(k) for k in ("unit", "campaign", "value_code") if k in request.GET
    }
    form = ActionPlanForm(
        request.POST or None,
        initial=initial,
        unit_choices=unit_choices,
        campaign_choices=campaign_choices,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = get_in_scope(
            scope_units(OrgUnit.objects.all(), request.user, Cap.ACTIONPLAN_MANAGE),
            pk=data["unit"],
        )
        campaign = queries.campaign_get(request.user, data["campaign"], Cap.ACTIONPLAN_MANAGE)
        try:
            plan = domain.action_plan_create(
                actor=request.user,
                campaign=campaign,
                unit=unit,
                value_code=data["value_code"],
                actions=data["actions"],
                owner=data["owner"],
                due_date=data["due_date"],
                indicator=data["indicator"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Rencana aksi disimpan."))
            return redirect("culture:plan_detail", pk=plan.pk)
    return render(request, "culture/plan_form.html", {"form": form})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = queries.plan_get(request.user, pk)
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": plan.status,
            "progress_percent": plan.progress_percent,
            "progress_note": plan.progress_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.action_plan_report_progress(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Kemajuan disimpan."))
            return redirect("culture:plan_detail", pk=plan.pk)
    return render(
        request,
        "culture/plan_detail.html",
        {"plan": plan, "form": form, "row": queries.plans_with_results([plan])[0]},
    )
