"""Organisation pages: the unit tree, unit and employee details, the employee list, data quality."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.core.decorators import requires
from sikap.core.inputs import parse_int
from sikap.core.roles import Cap
from sikap.core.scoping import has_capability
from sikap.org import queries
from sikap.org.forms import EmployeeFilterForm
from sikap.org.queries import MAX_TREE_INDENT

PAGE_SIZE = 50
QUALITY_PREVIEW = 10


@require_GET
@requires(Cap.ORG_VIEW)
def unit_tree(request: HttpRequest) -> HttpResponse:
    return render(request, "org/unit_tree.html", {"rows": queries.unit_tree_roots(request.user)})


@require_GET
@requires(Cap.ORG_VIEW)
def unit_children(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = queries.unit_get(request.user, unit_id)
    asked = parse_int(request.GET.get("indent"))
    indent = 1 if asked is None else min(asked, MAX_TREE_INDENT)
    rows = queries.unit_children_rows(request.user, unit, indent=indent)
    return render(request, "org/_unit_rows.html", {"rows": rows})


@require_GET
@requires(Cap.ORG_VIEW)
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = queries.unit_get(request.user, unit_id)
    page = Paginator(queries.unit_employees(request.user, unit), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": queries.unit_ancestors(request.user, unit),
            "children": queries.unit_children_rows(request.user, unit),
            "head": queries.unit_head(unit),
            "page": page,
        },
    )


@require_GET
@requires(Cap.ORG_VIEW)
def employee_list(request: HttpRequest) -> HttpResponse:
    form = EmployeeFilterForm(request.GET or None, user=request.user)
    filters = form.to_filter() if request.GET else queries.EmployeeFilter()
    page = Paginator(queries.employee_search(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "org/_employee_table.html" if request.htmx else "org/employee_list.html"
    return render(request, template, context)


@require_GET
@login_required
def employee_detail(request: HttpRequest, employee_id: int) -> HttpResponse:
    employee = queries.employee_get(request.user, employee_id)
    atasan_linkable = (
        employee.atasan_id is not None
        and queries.employees_visible(request.user).filter(pk=employee.atasan_id).exists()
    )
    return render(
        request,
        "org/employee_detail.html",
        {"employee": employee, "atasan_linkable": atasan_linkable},
    )


@require_GET
@requires(Cap.ORG_VIEW)
def data_quality(request: HttpRequest) -> HttpResponse:
    """Counts per category, then the first issues of each; `?kategori=` pages through one."""
    report = queries.data_quality(request.user, today=timezone.localdate())
    groups = report.by_category()
    category = request.GET.get("kategori", "")
    page = None
    sections = []
    if category in groups:
        page = Paginator(groups[category], PAGE_SIZE).get_page(request.GET.get("page"))
        sections = [(c, list(page.object_list)) for c in report.counts if c.category == category]
    else:
        sections = [(c, groups[c.category][:QUALITY_PREVIEW]) for c in report.counts if c.count]
    return render(
        request,
        "org/data_quality.html",
        {
            "report": report,
            "sections": sections,
            "category": category if page is not None else "",
            "page": page,
            "query": f"kategori={category}",
            "preview": QUALITY_PREVIEW,
        },
    )


@require_GET
@login_required
def home_summary(request: HttpRequest) -> HttpResponse:
    """The organisation cards of the home page, loaded by HTMX so the home stays fast."""
    context: dict[str, Any] = {"summary": None, "quality_total": None}
    if has_capability(request.user, Cap.ORG_VIEW):
        context["summary"] = queries.org_summary(request.user)
        context["quality_total"] = queries.data_quality_total(
            request.user, today=timezone.localdate()
        )
    return render(request, "org/_home_summary.html", context)
