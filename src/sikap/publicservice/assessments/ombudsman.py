"""Ombudsman pages: the Pemda's official results and findings, and a unit's self-assessment.

Each POST has its own URL, one form and one domain action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach
from sikap.core.inputs import parse_int
from sikap.core.validation import add_to_form
from sikap.core.versioning import ChangeNeedsReason
from sikap.publicservice import domain, queries
from sikap.publicservice.assessments import forms
from sikap.publicservice.assessments.common import (
    confirm_change,
    page_year,
    pemda_managed,
    posted,
    refuse,
)
from sikap.publicservice.assessments.library import library_context
from sikap.publicservice.models import OmbudsmanFinding, ServiceUnit
from sikap.rules import RuleError, ombudsman

RESULT_LABELS = {
    "score": gettext_lazy("Nilai"),
    "grade": gettext_lazy("Opini/kategori"),
    "zone": gettext_lazy("Zona"),
    "dimensions": gettext_lazy("Nilai dimensi"),
    "sampled_units": gettext_lazy("Unit sampel"),
    "note": gettext_lazy("Catatan"),
}


@login_required
@require_GET
def ombudsman_pemda(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_RESULTS)
    return _pemda_page(request)


def _pemda_page(
    request: HttpRequest,
    *,
    result_form: forms.OmbudsmanResultForm | None = None,
    finding_form: tuple[int, forms.OmbudsmanFindingUpdateForm] | None = None,
    new_finding_form: tuple[int, forms.OmbudsmanFindingForm] | None = None,
) -> HttpResponse:
    """The Pemda's official results and readiness; after a refused POST, with the refused
    form and its errors next to their fields (400)."""
    asked = request.GET.get("year") or request.GET.get("tahun")
    year = timezone.localdate().year
    targets = [b.category for b in ombudsman.RULEBOOKS.select(year).bands.bands]
    filter_form = forms.OmbudsmanFilterForm(
        {"year": asked or "", "target": request.GET.get("target", "")} if request.GET else None,
        initial={"year": year, "target": targets[0]},
        targets=targets,
        auto_id="filter-%s",
    )
    target = targets[0]
    if filter_form.is_valid():
        year = filter_form.cleaned_data["year"] or year
        targets = [b.category for b in ombudsman.RULEBOOKS.select(year).bands.bands]
        target = filter_form.cleaned_data["target"] or targets[0]
        if target not in targets:
            target = targets[0]
    elif "year" not in filter_form.errors and filter_form.data.get("year"):
        # only the target was refused: the year asked still holds
        year = filter_form.fields["year"].clean(filter_form.data["year"]) or year
        targets = [b.category for b in ombudsman.RULEBOOKS.select(year).bands.bands]
    pemda_id = request.pemda.pk  # type: ignore[attr-defined]
    results = list(
        queries.ombudsman_results(request.user, Cap.SERVICE_RESULTS).filter(pemda_id=pemda_id)
    )
    # Official results are measured against the rulebook's top band (A), whatever the
    # readiness target chosen below.
    gaps = queries.ombudsman_gaps(results, target=targets[0])
    rows = queries.ombudsman_readiness(
        request.user, Cap.SERVICE_RESULTS, pemda_id=pemda_id, year=year, target=target
    )
    can_record = reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(pemda_id)
    units = []
    if can_record:
        units = list(
            queries.org_units(request.user, Cap.SERVICE_MANAGE)
            .filter(pemda_id=pemda_id)
            .order_by("path")
        )
    for r in results:
        # each finding with its follow-up form (own ids; a refused one comes back bound)
        r.finding_rows = [
            (
                f,
                None
                if not can_record or f.status == "closed"
                else finding_form[1]
                if finding_form and finding_form[0] == f.pk
                else forms.OmbudsmanFindingUpdateForm(auto_id=f"f{f.pk}-%s"),
            )
            for f in r.findings.all()
        ]
        if can_record:
            r.new_finding_form = (
                new_finding_form[1]
                if new_finding_form and new_finding_form[0] == r.pk
                else forms.OmbudsmanFindingForm(auto_id=f"nf{r.pk}-%s")
            )
    if result_form is None:
        result_form = forms.OmbudsmanResultForm(
            initial={"year": year},
            dimensions=ombudsman.dimensions(year),
            units=units,
            auto_id="r-%s",
        )
    refused = result_form.is_bound or finding_form is not None or new_finding_form is not None
    return render(
        request,
        "publicservice/ombudsman_pemda.html",
        {
            "year": year,
            "target": target,
            "gaps": gaps,
            "rows": rows,
            "not_ready": [r for r in rows if r.below_target],
            "can_record": can_record,
            "filter_form": filter_form,
            "result_form": result_form,
            "top_band": targets[0],
        },
        status=400 if refused else 200,
    )


def _dimensions(year: Any) -> Any:
    """The dimensions of the year posted, or of this year if no rulebook knows it."""
    asked = parse_int(year)
    try:
        if asked is not None:
            return ombudsman.dimensions(asked)
    except RuleError:
        pass
    return ombudsman.dimensions(timezone.localdate().year)


def _page_units(request: HttpRequest, pemda: Any) -> list[Any]:
    return list(
        queries.org_units(request.user, Cap.SERVICE_MANAGE).filter(pemda=pemda).order_by("path")
    )


@login_required
@require_POST
def ombudsman_result_record(request: HttpRequest) -> HttpResponse:
    pemda = pemda_managed(request)
    form = forms.OmbudsmanResultForm(
        request.POST,
        dimensions=_dimensions(request.POST.get("year")),
        units=_page_units(request, pemda),
        auto_id="r-%s",
    )
    if not form.is_valid():
        return _pemda_page(request, result_form=form)
    data = form.cleaned_data
    units = list(
        queries.org_units(request.user, Cap.SERVICE_MANAGE).filter(
            pk__in=data["sampled"], pemda=pemda
        )
    )
    try:
        domain.ombudsman_result_record(
            actor=request.user,
            pemda=pemda,
            year=data["year"],
            score=data["score"],
            dimensions=data["dimensions"],
            sampled_units=units,
            note=data["note"],
            reason=data["reason"],
            confirmed_number=data["confirm_version"],
        )
    except ChangeNeedsReason as exc:
        return confirm_change(
            request,
            exc,
            labels=RESULT_LABELS,
            title=_("Hasil resmi Ombudsman %(y)s") % {"y": data["year"]},
            back_url=reverse("publicservice:ombudsman_pemda") + f"?year={data['year']}",
        )
    except ValidationError as exc:
        add_to_form(form, exc)
        return _pemda_page(request, result_form=form)
    messages.success(request, _("Hasil resmi Ombudsman disimpan."))
    return redirect("publicservice:ombudsman_pemda")


@login_required
@require_POST
def ombudsman_finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    pemda_managed(request)
    result = get_in_scope(queries.ombudsman_results(request.user, Cap.SERVICE_MANAGE), pk=pk)
    form = forms.OmbudsmanFindingForm(request.POST, auto_id=f"nf{result.pk}-%s")
    if not form.is_valid():
        return _pemda_page(request, new_finding_form=(result.pk, form))
    unit = None
    if form.cleaned_data["unit"] is not None:
        # A unit that is named but unreadable is as missing as one outside the user's scope.
        unit = queries.get_org_unit(request.user, Cap.SERVICE_MANAGE, form.cleaned_data["unit"])
    try:
        domain.ombudsman_finding_add(
            actor=request.user, result=result, text=form.cleaned_data["text"], unit=unit
        )
    except ValidationError as exc:
        # an empty text is the text's fault; a unit of another Pemda is the form's
        form.add_error(None if form.cleaned_data["text"].strip() else "text", exc)
        return _pemda_page(request, new_finding_form=(result.pk, form))
    messages.success(request, _("Temuan dicatat."))
    return redirect("publicservice:ombudsman_pemda")


@login_required
@require_POST
def ombudsman_finding_update(request: HttpRequest, pk: int) -> HttpResponse:
    pemda_managed(request)
    finding = get_in_scope(queries.ombudsman_findings(request.user, Cap.SERVICE_MANAGE), pk=pk)
    form = forms.OmbudsmanFindingUpdateForm(
        request.POST, request.FILES, auto_id=f"f{finding.pk}-%s"
    )
    if not form.is_valid():
        return _pemda_page(request, finding_form=(finding.pk, form))
    data = form.cleaned_data
    try:
        domain.ombudsman_finding_update(
            actor=request.user,
            finding=finding,
            status=data["status"],
            closure_note=data["closure_note"],
            evidence=data["evidence"],
        )
    except ValidationError as exc:
        # an unknown status is the status's fault; closing without (valid) evidence, the file's
        known = data["status"] in OmbudsmanFinding.Status.values
        form.add_error("evidence" if known else "status", exc)
        return _pemda_page(request, finding_form=(finding.pk, form))
    messages.success(request, _("Temuan diperbarui."))
    return redirect("publicservice:ombudsman_pemda")


def _unit_page(
    request: HttpRequest,
    su: ServiceUnit,
    year: int,
    *,
    refused: forms.OmbudsmanItemForm | forms.OmbudsmanComplaintsForm | None = None,
) -> HttpResponse:
    """The unit's checklist, one form per row; a refused form comes back bound in its row,
    its errors next to its fields."""
    assessment = (
        queries.ombudsman_assessments(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su, year=year)
        .first()
    )
    projection = None
    saved: dict[str, Any] = {}
    if assessment is not None:
        projection = queries.ombudsman_projection(assessment)
        saved = {i.code: i for i in assessment.items.all()}
    can_manage = reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit)
    library = library_context(request, su, domain.OMBUDSMAN, year, assessment)
    scale = queries.checklist_scale(year)
    items = []
    for item in queries.checklist_entries(year):
        entry = saved.get(item.code)
        form = None
        if can_manage:
            if isinstance(refused, forms.OmbudsmanItemForm) and refused.data.get("code") == (
                item.code
            ):
                form = refused
            else:
                form = forms.OmbudsmanItemForm(
                    initial={
                        "code": item.code,
                        "year": year,
                        "score": "" if entry is None or entry.score is None else str(entry.score),
                        "note": entry.note if entry is not None else "",
                    },
                    scale=scale,
                    auto_id=f"id_%s-{item.code}",
                )
        items.append((item, entry, form, library["attached"].get(item.code, [])))
    complaints_form = None
    if can_manage:
        complaints_form = (
            refused
            if isinstance(refused, forms.OmbudsmanComplaintsForm)
            else forms.OmbudsmanComplaintsForm(
                initial={
                    "year": year,
                    "received": getattr(assessment, "complaints_received", None),
                    "resolved": getattr(assessment, "complaints_resolved", None),
                }
            )
        )
    return render(
        request,
        "publicservice/ombudsman_unit.html",
        {
            "su": su,
            "year": year,
            "assessment": assessment,
            "projection": projection,
            "items": items,
            "can_manage": can_manage,
            "complaints_form": complaints_form,
            "library": library,
        },
    )


@login_required
@require_GET
def ombudsman_unit(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    return _unit_page(request, su, page_year(request, ombudsman.RULEBOOKS))


def _unit_managed(request: HttpRequest, pk: int) -> ServiceUnit:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit):
        raise PermissionDenied
    return su


def _year_of(data: Any) -> int:
    """The posted rulebook year, or this year when it is missing or not one (the year field
    itself says why)."""
    year = forms.OmbudsmanComplaintsForm(data).fields["year"]
    try:
        return int(year.clean(data.get("year", "")) or timezone.localdate().year)
    except ValidationError:
        return timezone.localdate().year


def _unit_url(su: ServiceUnit, year: int | None = None) -> str:
    url = reverse("publicservice:ombudsman_unit", args=[su.pk])
    return url if year is None else f"{url}?year={year}"


def _unit_act(request: HttpRequest, su: ServiceUnit, year: int, action: Any) -> HttpResponse:
    """Run one action of a unit's checklist: the page again with its refusal, or on with
    "Disimpan."."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _unit_page(request, su, year)
    messages.success(request, _("Disimpan."))
    return redirect(_unit_url(su, year))


@login_required
@require_POST
def ombudsman_item_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Score one checklist item (the year's assessment is started by the first one)."""
    su = _unit_managed(request, pk)
    data = posted(request)
    year = _year_of(data)
    form = forms.OmbudsmanItemForm(
        data,
        scale=queries.checklist_scale(year),
        auto_id=f"id_%s-{data.get('code', '')}",
    )
    if not form.is_valid():
        refuse(request, form)
        return _unit_page(request, su, year, refused=form)
    data = form.cleaned_data
    return _unit_act(
        request,
        su,
        year,
        lambda: domain.ombudsman_checklist_answer(
            actor=request.user,
            service_unit=su,
            year=year,
            code=data["code"],
            score=data["score"],
            note=data["note"],
        ),
    )


@login_required
@require_POST
def ombudsman_complaints_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the complaints received and resolved in the year."""
    su = _unit_managed(request, pk)
    form = forms.OmbudsmanComplaintsForm(posted(request))
    if not form.is_valid():
        refuse(request, form)
        return _unit_page(request, su, _year_of(form.data), refused=form)
    data = form.cleaned_data
    year = data["year"] or timezone.localdate().year
    return _unit_act(
        request,
        su,
        year,
        lambda: domain.ombudsman_complaints_record(
            actor=request.user,
            service_unit=su,
            year=year,
            received=data["received"],
            resolved=data["resolved"],
        ),
    )
