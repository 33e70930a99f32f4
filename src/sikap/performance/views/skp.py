"""SKP pages: my SKP and my bawahan's, one SKP with its plan, check-ins and rating; the
calibration of a unit against its distribution curve; values beside the culture survey; the
e-Kinerja export. One URL, one form and one domain action per POST.

Who may do what is `performance.queries.skp` (`may_plan`, `may_rate`,
`may_set_org_predicate`); a SKP the user may not see answers 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.core.codes import get_by_code
from sikap.core.decorators import require_capability
from sikap.core.formflow import form_page
from sikap.core.inputs import parse_int
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach
from sikap.core.spreadsheet import SafeCsvDictWriter, workbook_bytes
from sikap.core.validation import add_to_form
from sikap.org.models import OrgUnit
from sikap.performance import domain, exports, queries
from sikap.performance.forms import (
    AnnexForm,
    AssessForm,
    BehaviourForm,
    CheckInForm,
    ExpectationForm,
    OrgPredicateForm,
    RateForm,
    SkpCreateForm,
    SkpResultForm,
)
from sikap.performance.models import Skp, SkpResult
from sikap.performance.views.agreements import pemda_of, year_of
from sikap.rules import berakhlak
from sikap.rules import performance_skp as skp_ratings


def _intervention_choices(skp: Skp) -> list[tuple[str, str]]:
    rows = [(f"r{r.pk}", f"{r.skp.employee.name}: {r.text}") for r in queries.intervenable(skp)]
    indicators = queries.indicators_for_skp(skp)
    rows += [(f"i{i.pk}", f"PK {i.code}: {i.name}") for i in indicators]
    return rows


@login_required
@require_GET
def skp_list(request: HttpRequest) -> HttpResponse:
    return _skp_list_page(request, year_of(request))


def _skp_list_page(
    request: HttpRequest, year: int, form: SkpCreateForm | None = None
) -> HttpResponse:
    """The year's SKPs; after a refused new SKP, with its form and errors (400)."""
    pemda = pemda_of(request)
    skps = list(
        queries.skps_visible(request.user, pemda, year).order_by("unit__path", "employee__name")
    )
    creatable = queries.creatable_for(request.user, pemda, year)
    if form is None:
        form = SkpCreateForm(initial={"year": year}, employees=creatable)
    return render(
        request,
        "performance/skp_list.html",
        {"year": year, "skps": skps, "creatable": creatable, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def skp_create(request: HttpRequest) -> HttpResponse:
    pemda = pemda_of(request)
    year = parse_int(request.POST.get("year"))
    if year is None or not 2000 <= year <= 2100:
        year = timezone.localdate().year
    form = SkpCreateForm(request.POST, employees=queries.creatable_for(request.user, pemda, year))
    if not form.is_valid():
        return _skp_list_page(request, year, form)
    d = form.cleaned_data
    allowed = {e.pk: e for e in queries.creatable_for(request.user, pemda, d["year"])}
    employee = allowed.get(d["employee"])
    if employee is None:
        raise PermissionDenied
    try:
        skp = domain.skp_create(
            actor=request.user, employee=employee, year=d["year"], approach=d["approach"]
        )
    except ValidationError as exc:
        add_to_form(form, exc)
        return _skp_list_page(request, year, form)
    return redirect("performance:skp", pk=skp.pk)


@login_required
@require_GET
def skp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    skp = queries.skp_get(request.user, pemda_of(request), pk)
    return _skp_page(request, skp)


def _skp_page(
    request: HttpRequest, skp: Skp, refused: tuple[str, Any, Any] | None = None
) -> HttpResponse:
    """An SKP with its forms; after a refused POST, with the refused form (`refused`: which
    form, of which row, the form) and its errors next to their fields (400). Each row's forms
    have their own ids."""

    def form(kind: str, key: Any, make: Any) -> Any:
        if refused is not None and refused[0] == kind and refused[1] == key:
            return refused[2]
        return make()

    names = {v.code: v.name for v in berakhlak.RULEBOOKS.select(max(skp.year, 2022)).values}
    behaviours = [
        (
            b,
            names.get(b.value, b.value),
            form(
                "expectation",
                b.value,
                lambda b=b: ExpectationForm(
                    initial={"value": b.value, "expectation": b.expectation},
                    auto_id=f"exp-{b.value}-%s",
                ),
            ),
            form(
                "behaviour",
                b.value,
                lambda b=b: BehaviourForm(
                    initial={"value": b.value, "level": b.level}, auto_id=f"beh-{b.value}-%s"
                ),
            ),
        )
        for b in skp.behaviours.all()
    ]
    results = list(skp.results.select_related("intervenes__skp__employee", "intervenes_indicator"))
    for r in results:
        r.assess_form = form(
            "assess",
            r.pk,
            lambda r=r: AssessForm(
                initial={"realisation": r.realisation, "evidence": r.evidence, "level": r.level},
                auto_id=f"as{r.pk}-%s",
            ),
        )
    governing = domain.governing_predicate(skp)
    rated = [(r.kind == SkpResult.Kind.MAIN, r.level) for r in results if r.level]
    suggestion = skp_ratings.rating_hasil_kerja(rated, year=skp.year) if rated else None
    head, head_missing = domain.head_rating_of(skp) if skp.is_unit_head else (None, "")
    may_plan = queries.may_plan(request.user, skp)
    may_rate = queries.may_rate(request.user, skp)
    shown = {"result": may_plan, "annex": may_plan, "expectation": may_plan}
    shown |= {"assess": may_rate, "behaviour": may_rate, "checkin": may_rate, "rate": may_rate}
    # A refusal of a form the page does not show (rated from the calibration page) is on top.
    unshown: list[str] = []
    if refused is not None and not shown[refused[0]]:
        unshown = [str(e) for e in refused[2].non_field_errors()] + [
            f"{refused[2].fields[k].label}: {' '.join(v)}"
            for k, v in refused[2].errors.items()
            if k != "__all__"
        ]
    return render(
        request,
        "performance/skp.html",
        {
            "skp": skp,
            "unshown": unshown,
            "results": results,
            "behaviours": behaviours,
            "checkins": list(skp.checkins.all()),
            "may_plan": may_plan,
            "may_rate": may_rate,
            "result_form": form(
                "result", 0, lambda: SkpResultForm(choices=_intervention_choices(skp))
            ),
            "annex_form": form(
                "annex",
                0,
                lambda: AnnexForm(
                    initial={
                        "resources": skp.annex_resources,
                        "accountability": skp.annex_accountability,
                        "consequences": skp.annex_consequences,
                    }
                ),
            ),
            "rate_form": form("rate", 0, lambda: RateForm(auto_id="rate-%s")),
            "checkin_form": form("checkin", 0, lambda: CheckInForm(auto_id="checkin-%s")),
            "governing": governing,
            "suggestion": suggestion,
            "head": head,
            "head_capaian": None if head is None else Decimal(f"{head.capaian:.2f}"),
            "head_missing": head_missing,
            "check": domain.distribution_check(governing) if governing else None,
        },
        status=400 if refused is not None else 200,
    )


def _run(
    request: HttpRequest, skp: Skp, refused: tuple[str, Any], form: Any, action: Any, done: str
) -> HttpResponse:
    """One form's action on an SKP (core.formflow.form_page): on to the SKP with `done`, or the
    page again with the refusal next to its field."""
    return form_page(
        request,
        form,
        action,
        ok=done,
        back=reverse("performance:skp", kwargs={"pk": skp.pk}),
        page=lambda bound: _skp_page(request, skp, (*refused, bound)),
    )


@login_required
@require_GET
def skp_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = queries.skp_get(request.user, pemda_of(request), pk)
    names = {v.code: v.name for v in berakhlak.RULEBOOKS.select(max(skp.year, 2022)).values}
    behaviours = [(b, names.get(b.value, b.value)) for b in skp.behaviours.all()]
    response = HttpResponse(
        exports.skp_pdf(request, skp, behaviours), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="skp-{skp.year}-{skp.employee.nip}.pdf"'
    )
    return response


def _skp_for(request: HttpRequest, pk: int, *, rate: bool) -> Skp:
    skp = queries.skp_get(request.user, pemda_of(request), pk)
    allowed = queries.is_rater(request.user, skp) if rate else queries.is_planner(request.user, skp)
    if not allowed:
        raise PermissionDenied
    return skp


@login_required
@require_POST
def skp_result_add(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=False)
    form = SkpResultForm(request.POST, choices=_intervention_choices(skp))

    def act(d: dict[str, Any]) -> None:
        ref = d["intervenes"]
        row = SkpResult.objects.get(pk=int(ref[1:])) if ref.startswith("r") else None
        ind = queries.indicators_for_skp(skp).get(pk=int(ref[1:])) if ref.startswith("i") else None
        domain.skp_result_add(
            actor=request.user, skp=skp, kind=d["kind"], text=d["text"],
            indicator_text=d["indicator"], target=d["target"], aspect=d["aspect"],
            intervenes=row, intervenes_indicator=ind,
        )  # fmt: skip

    return _run(request, skp, ("result", 0), form, act, _("Rencana hasil kerja ditambahkan."))


@login_required
@require_POST
def skp_expectation_set(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=False)

    def act(d: dict[str, Any]) -> None:
        domain.skp_expectation_set(
            actor=request.user, skp=skp, value=d["value"], expectation=d["expectation"]
        )

    value = request.POST.get("value", "")
    form = ExpectationForm(request.POST, auto_id=f"exp-{value}-%s")
    return _run(request, skp, ("expectation", value), form, act, _("Ekspektasi disimpan."))


@login_required
@require_POST
def skp_annex_set(request: HttpRequest, pk: int) -> HttpResponse:
    """The Lampiran SKP, written with the plan by the employee or the rater."""
    skp = _skp_for(request, pk, rate=False)

    def act(d: dict[str, Any]) -> None:
        domain.skp_annex_set(
            actor=request.user, skp=skp, resources=d["resources"],
            accountability=d["accountability"], consequences=d["consequences"],
        )  # fmt: skip

    return _run(
        request, skp, ("annex", 0), AnnexForm(request.POST), act, _("Lampiran SKP disimpan.")
    )


@login_required
@require_POST
def skp_agree(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=False)
    try:
        domain.skp_agree(actor=request.user, skp=skp)
        messages.success(request, _("SKP disepakati; realisasi dapat dinilai."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("performance:skp", pk=skp.pk)


@login_required
@require_POST
def skp_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=True)

    def act(d: dict[str, Any]) -> None:
        domain.skp_checkin_record(
            actor=request.user, skp=skp, period=d["period"], realisation=d["realisation"],
            feedback=d["feedback"],
        )  # fmt: skip

    form = CheckInForm(request.POST, auto_id="checkin-%s")
    return _run(request, skp, ("checkin", 0), form, act, _("Evaluasi periodik disimpan."))


@login_required
@require_POST
def skp_result_assess(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_in_scope(
        SkpResult.objects.filter(skp__in=queries.skps_visible(request.user, pemda_of(request))),
        pk=pk,
    )
    skp = _skp_for(request, result.skp_id, rate=True)

    def act(d: dict[str, Any]) -> None:
        domain.skp_result_assess(
            actor=request.user, result=result, realisation=d["realisation"],
            evidence=d["evidence"], level=d["level"],
        )  # fmt: skip

    form = AssessForm(request.POST, auto_id=f"as{result.pk}-%s")
    return _run(request, skp, ("assess", result.pk), form, act, _("Realisasi hasil kerja dinilai."))


@login_required
@require_POST
def skp_behaviour_rate(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=True)

    def act(d: dict[str, Any]) -> None:
        domain.skp_behaviour_rate(
            actor=request.user, skp=skp, value=d["value"], level=d["level"], feedback=d["feedback"]
        )

    value = request.POST.get("value", "")
    form = BehaviourForm(request.POST, auto_id=f"beh-{value}-%s")
    return _run(request, skp, ("behaviour", value), form, act, _("Perilaku kerja dinilai."))


@login_required
@require_POST
def skp_rate(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_for(request, pk, rate=True)
    form = RateForm(request.POST, auto_id="rate-%s")
    if not form.is_valid():
        return _skp_page(request, skp, ("rate", 0, form))
    try:
        rated = domain.skp_rate(
            actor=request.user, skp=skp, rating_hasil=form.cleaned_data["rating_hasil"],
            rating_perilaku=form.cleaned_data["rating_perilaku"],
        )  # fmt: skip
    except ValidationError as exc:
        add_to_form(form, exc)
        return _skp_page(request, skp, ("rate", 0, form))
    messages.success(
        request, _("Predikat kinerja: %(predicate)s.") % {"predicate": rated.skp.predicate}
    )
    if rated.check is not None and not rated.check.ok:
        for violation in rated.check.violations:
            messages.warning(request, _("Kurva distribusi: %(v)s") % {"v": violation.message})
    return redirect("performance:skp", pk=skp.pk)


# --- per unit --------------------------------------------------------------------------------


def _unit(request: HttpRequest, code: str) -> OrgUnit:
    require_capability(request, Cap.SKP_VIEW)
    r = reach(request.user, Cap.SKP_VIEW)
    unit = get_by_code(OrgUnit.objects.filter(pemda=pemda_of(request)).filter(r.unit_q()), code)
    if unit is None:
        raise Http404
    return unit


@login_required
@require_GET
def calibration(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    return _calibration_page(request, unit, year_of(request))


def _calibration_page(
    request: HttpRequest, unit: OrgUnit, year: int, form: OrgPredicateForm | None = None
) -> HttpResponse:
    """The unit's SKPs to calibrate; after a refused predicate, with its form and errors (400)."""
    cal = queries.calibration(pemda_of(request), unit, year)
    may_rate = reach(request.user, Cap.SKP_CALIBRATE).covers_unit(unit)
    rows = [
        (
            s,
            RateForm(
                initial={"rating_hasil": s.rating_hasil, "rating_perilaku": s.rating_perilaku},
                auto_id=f"rate{s.pk}-%s",
            )
            if may_rate and s.status != "draft"
            else None,
        )
        for s in cal.skps
    ]
    return render(
        request,
        "performance/calibration.html",
        {
            "year": year,
            "cal": cal,
            "rows": rows,
            "may_set": queries.may_set_org_predicate(request.user, unit),
            "form": form or OrgPredicateForm(initial={"year": year}),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def org_predicate_set(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if not queries.may_set_org_predicate(request.user, unit):
        raise PermissionDenied
    form = OrgPredicateForm(request.POST)
    if not form.is_valid():
        return _calibration_page(request, unit, year_of(request), form)
    year = form.cleaned_data["year"]
    try:
        domain.org_predicate_set(
            actor=request.user, unit=unit, year=year, predicate=form.cleaned_data["predicate"]
        )
    except ValidationError as exc:
        add_to_form(form, exc)
        return _calibration_page(request, unit, year, form)
    messages.success(request, _("Predikat kinerja organisasi ditetapkan."))
    target = reverse("performance:calibration", kwargs={"code": unit.code})
    return redirect(f"{target}?year={year}")


@login_required
@require_GET
def values(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    year = year_of(request)
    return render(
        request,
        "performance/values.html",
        {
            "year": year,
            "side": queries.values_beside_culture(request.user, pemda_of(request), unit, year),
        },
    )


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The same rows as the CSV, as a workbook (text never runs as a formula), and a second
    sheet "Lampiran SKP" with one row per item of each SKP's annex."""
    from openpyxl import Workbook

    year = year_of(request)
    skps = queries.skps_visible(request.user, pemda_of(request), year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"SKP {year}"
    ws.append(list(queries.EXPORT_COLUMNS))
    for row in queries.export_rows(skps):
        ws.append([row[c] for c in queries.EXPORT_COLUMNS])
    annex = wb.create_sheet("Lampiran SKP")
    annex.append(list(queries.ANNEX_SHEET_COLUMNS))
    for row in queries.annex_rows(skps):
        annex.append([row[c] for c in queries.ANNEX_SHEET_COLUMNS])
    response = HttpResponse(
        workbook_bytes(wb),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="skp-{year}.xlsx"'
    return response


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The visible SKPs of a year, one row per rencana hasil kerja, for keying into e-Kinerja."""
    year = year_of(request)
    rows = queries.export_rows(queries.skps_visible(request.user, pemda_of(request), year))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="skp-{year}.csv"'
    response.write("\ufeff")
    writer = SafeCsvDictWriter(response, fieldnames=list(queries.EXPORT_COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return response
