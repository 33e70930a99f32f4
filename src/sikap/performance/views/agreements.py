"""Perjanjian Kinerja pages: the year's PKs with deadlines and warnings, the cascade tree, a PK
with its sasaran, indicators and realisasi; one URL, one form and one domain action per POST.

The Pemda comes from the URL (`request.pemda`); reads go through `performance.queries`.
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.core import docx
from sikap.core.codes import get_by_code
from sikap.core.decorators import require_capability
from sikap.core.formflow import form_page
from sikap.core.inputs import parse_int
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, has_capability, reach
from sikap.core.validation import add_to_form
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.performance import domain, exports, queries
from sikap.performance.domain.agreements import INDICATOR_FIELDS
from sikap.performance.forms import (
    AgreementForm,
    AgreementPartiesForm,
    IndicatorEditForm,
    IndicatorForm,
    PlanningYearForm,
    RealisationForm,
    RevisionForm,
    SasaranForm,
    SignForm,
    YearFilterForm,
)
from sikap.performance.models import Agreement, PlanningYear, Sasaran
from sikap.rules import performance as rules

YEAR_FORM_IDS = "setting_%s"  # the year settings share the page with the PK form


def pemda_of(request: HttpRequest) -> Pemda:
    """The Pemda of the page, from its URL (`sikap.org.tenancy.PemdaMiddleware`)."""
    pemda: Pemda | None = getattr(request, "pemda", None)
    if pemda is None:
        raise Http404
    return pemda


def year_of(request: HttpRequest) -> int:
    year = parse_int(request.GET.get("year"))
    if year is None or not 2000 <= year <= 2100:
        return timezone.localdate().year
    return year


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_VIEW)
    return _index_page(request)


def _index_page(
    request: HttpRequest,
    *,
    form: AgreementForm | None = None,
    year_form: PlanningYearForm | None = None,
) -> HttpResponse:
    """The year's PKs; after a refused POST, with the refused form and its errors (400)."""
    pemda = pemda_of(request)
    year = timezone.localdate().year
    filter_form = YearFilterForm(request.GET or None, initial={"year": year}, auto_id="filter_%s")
    if filter_form.is_valid() and filter_form.cleaned_data["year"] is not None:
        year = filter_form.cleaned_data["year"]
    agreements = list(queries.agreements_visible(request.user, pemda, year).order_by("unit__path"))
    indicators = list(queries.indicators_visible(request.user, pemda, year))
    return render(
        request,
        "performance/index.html",
        {
            "year": year,
            "years": queries.years_of(pemda),
            "filter_form": filter_form,
            "agreements": agreements,
            "deadlines": queries.deadlines(agreements, pemda, year),
            "behind": queries.behind(indicators),
            "can_manage": has_capability(request.user, Cap.PERFORMANCE_MANAGE),
            "can_set_year": reach(request.user, Cap.PERFORMANCE_MANAGE).covers_pemda(pemda.pk),
            "form": form or AgreementForm(initial={"year": year}),
            "year_form": year_form
            or PlanningYearForm(initial=_year_initial(pemda, year), auto_id=YEAR_FORM_IDS),
            "version": rules.RULEBOOKS.select(year).meta.version,
        },
        status=400 if form is not None or year_form is not None else 200,
    )


def _year_initial(pemda: Pemda, year: int) -> dict[str, Any]:
    row = PlanningYear.objects.filter(pemda=pemda, year=year).first()
    if row is None:
        return {"year": year, "evaluation_period": PlanningYear.EvaluationPeriod.QUARTERLY}
    return {
        "year": year,
        "dpa_approved_on": row.dpa_approved_on,
        "evaluation_period": row.evaluation_period,
    }


@login_required
@require_POST
def planning_year_set(request: HttpRequest) -> HttpResponse:
    """The year's DPA date (the PK deadline) and the SKP evaluation period: the Pemda's."""
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    pemda = pemda_of(request)
    if not reach(request.user, Cap.PERFORMANCE_MANAGE).covers_pemda(pemda.pk):
        raise PermissionDenied
    form = PlanningYearForm(request.POST, auto_id=YEAR_FORM_IDS)
    if not form.is_valid():
        return _index_page(request, year_form=form)
    d = form.cleaned_data
    try:
        domain.planning_year_set(
            actor=request.user, pemda=pemda, year=d["year"],
            dpa_approved_on=d["dpa_approved_on"], evaluation_period=d["evaluation_period"],
        )  # fmt: skip
    except ValidationError as exc:
        add_to_form(form, exc)
        return _index_page(request, year_form=form)
    messages.success(request, _("Pengaturan tahun disimpan."))
    return redirect("performance:index")


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_VIEW)
    year = year_of(request)
    return render(
        request,
        "performance/tree.html",
        {"year": year, "tree": queries.tree(request.user, pemda_of(request), year)},
    )


@login_required
@require_POST
def agreement_create(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    pemda = pemda_of(request)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        return _index_page(request, form=form)
    data = form.cleaned_data
    unit: OrgUnit | None = None
    r = reach(request.user, Cap.PERFORMANCE_MANAGE)
    if data["unit_code"]:
        unit = get_by_code(
            OrgUnit.objects.filter(pemda=pemda).filter(r.unit_q()), data["unit_code"]
        )
        if unit is None:
            form.add_error(
                "unit_code", _("Unit %(code)s tidak ditemukan.") % {"code": data["unit_code"]}
            )
            return _index_page(request, form=form)
    elif not r.covers_pemda(pemda.pk):
        form.add_error("unit_code", _("PK Pemerintah Daerah hanya dibuat oleh Admin Pemda."))
        return _index_page(request, form=form)
    try:
        agreement = domain.agreement_create(
            actor=request.user, pemda=pemda, year=data["year"], unit=unit,
            holder_name=data["holder_name"], supervisor_name=data["supervisor_name"],
        )  # fmt: skip
    except ValidationError as exc:
        add_to_form(form, exc)
        return _index_page(request, form=form)
    return redirect("performance:agreement", pk=agreement.pk)


@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_VIEW)
    agreement = queries.agreement_get(request.user, pemda_of(request), pk)
    return _agreement_page(request, agreement)


def _above_options(above: list[Any]) -> list[tuple[int, str]]:
    return [
        (a.pk, f"{a.code} {a.name}" + (f" ({a.sasaran.unit.name})" if a.sasaran.unit else ""))
        for a in above
    ]


def _agreement_page(
    request: HttpRequest, agreement: Agreement, refused: tuple[str, int, Any] | None = None
) -> HttpResponse:
    """A PK with its sasaran and indicators; after a refused POST, with the refused form
    (`refused`: which form, of which row, the form) and its errors next to their fields (400).
    Each row's forms have their own ids."""
    pemda = pemda_of(request)
    sasaran = list(
        agreement.sasaran.prefetch_related("indicators__realisations", "indicators__supports")
    )
    can_manage = (
        reach(request.user, Cap.PERFORMANCE_MANAGE).covers_unit(agreement.unit)
        if (agreement.unit)
        else reach(request.user, Cap.PERFORMANCE_MANAGE).covers_pemda(pemda.pk)
    )
    above = list(
        queries.indicators_visible(request.user, pemda, agreement.year)
        .exclude(sasaran__agreement=agreement)
        .order_by("sasaran__unit__path", "code")[:300]
    )
    options = _above_options(above)

    def form(kind: str, key: int, make: Any) -> Any:
        if refused is not None and refused[0] == kind and refused[1] == key:
            return refused[2]
        return make()

    for s in sasaran:
        s.indicator_form = form(
            "indicator", s.pk, lambda s=s: IndicatorForm(above=options, auto_id=f"ind{s.pk}-%s")
        )
        for i in s.indicators.all():
            i.realisation_form = form(
                "realisation", i.pk, lambda i=i: RealisationForm(auto_id=f"real{i.pk}-%s")
            )
    draft = agreement.status == Agreement.Status.DRAFT
    shown = {
        "sasaran": can_manage and draft,
        "indicator": can_manage and draft,
        "realisation": can_manage,
        "sign": can_manage and draft,
        "revision": can_manage and not draft,
    }
    # A refusal of a form the page no longer shows (a PK signed meanwhile) is said on top.
    unshown = []
    if refused is not None and not shown[refused[0]]:
        unshown = [str(e) for e in refused[2].non_field_errors()] + [
            f"{refused[2].fields[k].label}: {' '.join(v)}"
            for k, v in refused[2].errors.items()
            if k != "__all__"
        ]
    return render(
        request,
        "performance/agreement.html",
        {
            "unshown": unshown,
            "agreement": agreement,
            "sasaran": sasaran,
            "revisions": list(agreement.revisions.all()),
            "can_manage": can_manage,
            "draft": draft,
            "sasaran_form": form("sasaran", 0, lambda: SasaranForm(auto_id="sasaran-%s")),
            "sign_form": form(
                "sign", 0, lambda: SignForm(initial={"signed_on": timezone.localdate()})
            ),
            "revision_form": form("revision", 0, lambda: RevisionForm(year=agreement.year)),
            "result": getattr(agreement, "result", None),
        },
        status=400 if refused is not None else 200,
    )


def _run(
    request: HttpRequest,
    agreement: Agreement,
    refused: tuple[str, int],
    form: Any,
    action: Any,
    done: str,
) -> HttpResponse:
    """One form's action on a PK (core.formflow.form_page): on to the PK with `done`, or the
    page again with the refusal next to its field."""
    return form_page(
        request,
        form,
        action,
        ok=done,
        back=reverse("performance:agreement", kwargs={"pk": agreement.pk}),
        page=lambda bound: _agreement_page(request, agreement, (*refused, bound)),
    )


def _managed_agreement(request: HttpRequest, pk: int) -> Agreement:
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    return queries.agreement_get(request.user, pemda_of(request), pk, Cap.PERFORMANCE_MANAGE)


@login_required
@require_POST
def sasaran_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed_agreement(request, pk)

    def act(d: dict[str, Any]) -> None:
        domain.sasaran_create(
            actor=request.user, agreement=agreement, code=d["code"], name=d["name"]
        )

    form = SasaranForm(request.POST, auto_id="sasaran-%s")
    return _run(request, agreement, ("sasaran", 0), form, act, _("Sasaran ditambahkan."))


@login_required
@require_POST
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    pemda = pemda_of(request)
    r = reach(request.user, Cap.PERFORMANCE_MANAGE)
    scope = Sasaran.objects.filter(pemda=pemda).filter(
        r.unit_q("unit") if not r.covers_pemda(pemda.pk) else r.pemda_q()
    )
    sasaran = get_in_scope(scope.select_related("agreement"), pk=pk)
    agreement = queries.agreement_get(request.user, pemda, sasaran.agreement_id)
    options = _above_options(
        list(
            queries.indicators_visible(request.user, pemda, agreement.year)
            .exclude(sasaran__agreement=agreement)
            .order_by("sasaran__unit__path", "code")[:300]
        )
    )
    form = IndicatorForm(request.POST, above=options, auto_id=f"ind{sasaran.pk}-%s")

    def act(d: dict[str, Any]) -> None:
        values = dict(d)
        above = values.pop("supports")
        supports = queries.indicator_get(request.user, pemda, above) if above else None
        domain.indicator_create(actor=request.user, sasaran=sasaran, supports=supports, **values)

    return _run(
        request, agreement, ("indicator", sasaran.pk), form, act, _("Indikator ditambahkan.")
    )


@login_required
@require_POST
def realisation_record(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    indicator = queries.indicator_get(request.user, pemda_of(request), pk, Cap.PERFORMANCE_MANAGE)

    def act(d: dict[str, Any]) -> None:
        domain.realisation_record(
            actor=request.user, indicator=indicator, period=d["period"], value=d["value"],
            evidence=d["evidence"],
        )  # fmt: skip

    agreement = queries.agreement_get(
        request.user, pemda_of(request), indicator.sasaran.agreement_id
    )
    return _run(
        request,
        agreement,
        ("realisation", indicator.pk),
        RealisationForm(request.POST, auto_id=f"real{indicator.pk}-%s"),
        act,
        _("Realisasi disimpan; capaian dihitung ulang."),
    )


def _employee_by_nip(
    request: HttpRequest, form: Any, field: str, pemda: Pemda
) -> tuple[bool, Employee | None]:
    """The employee a party's NIP names, among those the user manages; an unknown NIP is an
    error on its field."""
    nip = "".join(str(form.cleaned_data[field]).split())
    if not nip:
        return True, None
    r = reach(request.user, Cap.PERFORMANCE_MANAGE)
    found = Employee.objects.filter(pemda=pemda, nip=nip).filter(r.unit_q("unit")).first()
    if found is None:
        form.add_error(field, _("Pegawai dengan NIP %(nip)s tidak ditemukan.") % {"nip": nip})
        return False, None
    return True, found


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The two parties of a draft PK; a signed PK is changed only through a revision."""
    agreement = _managed_agreement(request, pk)
    pemda = pemda_of(request)
    draft = agreement.status == Agreement.Status.DRAFT
    if request.method == "POST":
        form = AgreementPartiesForm(request.POST)
        if form.is_valid():
            ok_h, holder = _employee_by_nip(request, form, "holder_nip", pemda)
            ok_s, supervisor = _employee_by_nip(request, form, "supervisor_nip", pemda)
            if ok_h and ok_s:
                try:
                    domain.agreement_parties_set(
                        actor=request.user, agreement=agreement, holder=holder,
                        holder_name=form.cleaned_data["holder_name"], supervisor=supervisor,
                        supervisor_name=form.cleaned_data["supervisor_name"],
                    )  # fmt: skip
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Para pihak PK disimpan."))
                    return redirect("performance:agreement", pk=agreement.pk)
        status = 400
    else:
        form = AgreementPartiesForm(
            initial={
                "holder_nip": agreement.holder.nip if agreement.holder else "",
                "holder_name": agreement.holder_name,
                "supervisor_nip": agreement.supervisor.nip if agreement.supervisor else "",
                "supervisor_name": agreement.supervisor_name,
            }
        )
        status = 200
    return render(
        request,
        "performance/agreement_edit.html",
        {"agreement": agreement, "form": form, "draft": draft},
        status=status,
    )


def _above_choices(request: HttpRequest, pemda: Pemda, indicator: Any) -> list[tuple[int, str]]:
    agreement = indicator.sasaran.agreement
    above = (
        queries.indicators_visible(request.user, pemda, indicator.year)
        .exclude(sasaran__agreement=agreement)
        .order_by("sasaran__unit__path", "code")
    )
    rows = list(above[:300])
    if indicator.supports_id and all(a.pk != indicator.supports_id for a in rows):
        rows += list(above.filter(pk=indicator.supports_id))
    return [
        (a.pk, f"{a.code} {a.name}" + (f" ({a.sasaran.unit.name})" if a.sasaran.unit else ""))
        for a in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An indicator of a draft PK: its fields, target, quarterly targets and the row above."""
    require_capability(request, Cap.PERFORMANCE_MANAGE)
    pemda = pemda_of(request)
    indicator = queries.indicator_get(request.user, pemda, pk, Cap.PERFORMANCE_MANAGE)
    agreement = indicator.sasaran.agreement
    above = _above_choices(request, pemda, indicator)
    if request.method == "POST":
        form = IndicatorEditForm(request.POST, above=above)
        if form.is_valid():
            values = dict(form.cleaned_data)
            above_id = values.pop("supports")
            supports = queries.indicator_get(request.user, pemda, above_id) if above_id else None
            try:
                domain.indicator_update(
                    actor=request.user, indicator=indicator, supports=supports, **values
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Indikator disimpan; capaian dihitung ulang."))
                return redirect("performance:agreement", pk=agreement.pk)
        status = 400
    else:
        initial = {f: getattr(indicator, f) for f in INDICATOR_FIELDS if f != "supports"}
        for name, value in initial.items():
            if isinstance(value, Decimal):
                initial[name] = f"{value.normalize():f}"
        initial["supports"] = indicator.supports_id
        form = IndicatorEditForm(initial=initial, above=above)
        status = 200
    return render(
        request,
        "performance/indicator_edit.html",
        {
            "agreement": agreement,
            "indicator": indicator,
            "form": form,
            "draft": agreement.status == Agreement.Status.DRAFT,
        },
        status=status,
    )


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed_agreement(request, pk)

    def act(d: dict[str, Any]) -> None:
        domain.agreement_sign(actor=request.user, agreement=agreement, signed_on=d["signed_on"])

    return _run(
        request, agreement, ("sign", 0), SignForm(request.POST), act,
        _("PK dicatat sudah ditandatangani."),
    )  # fmt: skip


@login_required
@require_POST
def agreement_revise(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed_agreement(request, pk)

    def act(d: dict[str, Any]) -> None:
        domain.agreement_revise(
            actor=request.user, agreement=agreement, reason=d["reason"], note=d["note"]
        )

    return _run(
        request, agreement, ("revision", 0), RevisionForm(request.POST, year=agreement.year), act,
        _("PK dibuka untuk revisi."),
    )  # fmt: skip


@login_required
@require_GET
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_VIEW)
    agreement = queries.agreement_get(request.user, pemda_of(request), pk)
    return _pdf_response(
        exports.pk_pdf(request, agreement), f"pk-{agreement.year}-{agreement.pk}.pdf"
    )


@login_required
@require_GET
def lkjip_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request, Cap.PERFORMANCE_VIEW)
    agreement = queries.agreement_get(request.user, pemda_of(request), pk)
    name = f"lkjip-{agreement.year}-{agreement.pk}.pdf"
    return _pdf_response(exports.lkjip_pdf(request, agreement), name)


@login_required
@require_GET
def lkjip_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The LKjIP draft as an editable Word document (the PDF's content)."""
    require_capability(request, Cap.PERFORMANCE_VIEW)
    agreement = queries.agreement_get(request.user, pemda_of(request), pk)
    response = HttpResponse(exports.lkjip_docx(agreement), content_type=docx.CONTENT_TYPE)
    name = f"lkjip-{agreement.year}-{agreement.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
