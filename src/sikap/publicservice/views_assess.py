"""Ombudsman readiness and PEKPPP self-evaluation pages."""

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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach
from sikap.core.inputs import parse_int
from sikap.core.versioning import ChangeNeedsReason, change_rows
from sikap.org.models import Pemda
from sikap.publicservice import domain, queries
from sikap.rules import RuleError, ombudsman, pekppp


def _year(request: HttpRequest, rulebooks: Any = None) -> int:
    """The ?tahun= of the page, if a rulebook of the scheme knows it; else this year."""
    rulebooks = rulebooks or ombudsman.RULEBOOKS
    asked = parse_int(request.GET.get("tahun") or request.POST.get("tahun"))
    if asked is not None and 2000 <= asked <= 2100:
        try:
            rulebooks.select(asked)
            return asked
        except RuleError:
            messages.error(request, _("Tidak ada aturan untuk tahun %(y)s.") % {"y": asked})
    return timezone.localdate().year


def _asked_year_used(request: HttpRequest, year: int) -> bool:
    """False when the form named a year the rulebooks do not know: write nothing then."""
    raw = request.POST.get("tahun") or request.GET.get("tahun") or ""
    return not raw or raw == str(year)


def _int_or_none(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    if raw == "":
        return None
    number = parse_int(raw, allow_negative=True)
    if number is None:
        raise ValidationError(_("%(v)r bukan bilangan bulat.") % {"v": raw})
    return number


# --- Ombudsman -----------------------------------------------------------------------------


@login_required
@require_GET
def ombudsman_pemda(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_RESULTS)
    year = _year(request)
    targets = [b.category for b in ombudsman.RULEBOOKS.select(year).bands.bands]
    target = request.GET.get("target", targets[0])
    if target not in targets:
        target = targets[0]
    pemda_id = queries.default_pemda_id(request.user, Cap.SERVICE_RESULTS)
    results = list(
        queries.ombudsman_results(request.user, Cap.SERVICE_RESULTS).filter(pemda_id=pemda_id or 0)
    )
    # Official results are measured against the rulebook's top band (A), whatever the
    # readiness target chosen below.
    gaps = queries.ombudsman_gaps(results, target=targets[0])
    rows = queries.ombudsman_readiness(
        request.user, Cap.SERVICE_RESULTS, pemda_id=pemda_id or 0, year=year, target=target
    )
    can_record = pemda_id is not None and reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(
        pemda_id
    )
    units = []
    if can_record:
        units = list(
            queries.org_units(request.user, Cap.SERVICE_MANAGE)
            .filter(pemda_id=pemda_id)
            .order_by("path")
        )
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
            "units": units,
            "targets": targets,
            "top_band": targets[0],
            "dimensions": ombudsman.dimensions(year),
        },
    )


def _pemda_manage(request: HttpRequest) -> Pemda:
    pemda_id = queries.default_pemda_id(request.user, Cap.SERVICE_RESULTS)
    if pemda_id is None or not reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(pemda_id):
        raise PermissionDenied
    return Pemda.objects.get(pk=pemda_id)


@login_required
@require_POST
def ombudsman_result_record(request: HttpRequest) -> HttpResponse:
    pemda = _pemda_manage(request)
    try:
        year = _int_or_none(request.POST.get("year"))
        raw_score = (request.POST.get("score") or "").replace(",", ".").strip()
        try:
            score = float(raw_score)
        except ValueError as exc:
            raise ValidationError(_("Nilai %(v)r bukan angka.") % {"v": raw_score}) from exc
        if year is None:
            raise ValidationError(_("Tahun wajib diisi."))
        try:
            known = [dim.code for dim in ombudsman.dimensions(year)]
        except RuleError as exc:
            raise ValidationError(exc.message_id) from exc
        dims = {}
        for d in known:
            raw = (request.POST.get(d) or "").replace(",", ".").strip()
            if raw:
                try:
                    dims[d] = float(raw)
                except ValueError as exc:
                    raise ValidationError(_("Nilai dimensi %(d)s bukan angka.") % {"d": d}) from exc
        ids = [i for i in map(parse_int, request.POST.getlist("sampled")) if i is not None]
        units = list(
            queries.org_units(request.user, Cap.SERVICE_MANAGE).filter(pk__in=ids, pemda=pemda)
        )
        domain.ombudsman_result_record(
            actor=request.user,
            pemda=pemda,
            year=year,
            score=score,
            dimensions=dims,
            sampled_units=units,
            note=request.POST.get("note", ""),
            reason=request.POST.get("reason", ""),
            confirmed_number=_int_or_none(request.POST.get("confirm_version")),
        )
        messages.success(request, _("Hasil resmi Ombudsman disimpan."))
    except ChangeNeedsReason as exc:
        labels = {
            "score": _("Nilai"),
            "grade": _("Opini/kategori"),
            "zone": _("Zona"),
            "dimensions": _("Nilai dimensi"),
            "sampled_units": _("Unit sampel"),
            "note": _("Catatan"),
        }
        return _confirm_change(
            request,
            exc,
            labels=labels,
            title=_("Hasil resmi Ombudsman %(y)s") % {"y": year},
            back_url=reverse("publicservice:ombudsman_pemda") + f"?tahun={year}",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicservice:ombudsman_pemda")


def _confirm_change(
    request: HttpRequest,
    exc: ChangeNeedsReason,
    *,
    labels: dict[str, Any],
    title: str,
    back_url: str,
) -> HttpResponse:
    """Show the recorded and the proposed values and ask for the reason; nothing was saved."""
    skip = {"csrfmiddlewaretoken", "reason", "confirm_version"}
    return render(
        request,
        "core/record_change_confirm.html",
        {
            "title": title,
            "number": exc.number,
            "rows": change_rows(exc.before, exc.after, labels),
            "hidden": [
                (k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)
            ],
            "action_url": request.path,
            "back_url": back_url,
            "reason_missing": "confirm_version" in request.POST,
        },
        status=409,
    )


@login_required
@require_POST
def ombudsman_finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    _pemda_manage(request)
    result = get_in_scope(queries.ombudsman_results(request.user, Cap.SERVICE_MANAGE), pk=pk)
    unit = None
    raw = request.POST.get("unit", "")
    if raw:
        # A unit that is named but unreadable is as missing as one outside the user's scope.
        unit = queries.get_org_unit(request.user, Cap.SERVICE_MANAGE, parse_int(raw) or 0)
    try:
        domain.ombudsman_finding_add(
            actor=request.user, result=result, text=request.POST.get("text", ""), unit=unit
        )
        messages.success(request, _("Temuan dicatat."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicservice:ombudsman_pemda")


@login_required
@require_POST
def ombudsman_finding_update(request: HttpRequest, pk: int) -> HttpResponse:
    _pemda_manage(request)
    finding = get_in_scope(queries.ombudsman_findings(request.user, Cap.SERVICE_MANAGE), pk=pk)
    try:
        domain.ombudsman_finding_update(
            actor=request.user,
            finding=finding,
            status=request.POST.get("status", ""),
            closure_note=request.POST.get("closure_note", ""),
            evidence=request.FILES.get("evidence"),
        )
        messages.success(request, _("Temuan diperbarui."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicservice:ombudsman_pemda")


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_unit(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    year = _year(request)
    can_manage = reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit)
    assessment = (
        queries.ombudsman_assessments(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su, year=year)
        .first()
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if not _asked_year_used(request, year):
            return redirect(request.path)
        try:
            if assessment is None:
                assessment = domain.ombudsman_assessment_ensure(
                    actor=request.user, service_unit=su, year=year
                )
            if request.POST.get("what") == "complaints":
                domain.ombudsman_complaints_set(
                    actor=request.user,
                    assessment=assessment,
                    received=_int_or_none(request.POST.get("received")),
                    resolved=_int_or_none(request.POST.get("resolved")),
                )
            elif request.POST.get("what") == "item":
                domain.ombudsman_item_set(
                    actor=request.user,
                    assessment=assessment,
                    code=request.POST.get("code", ""),
                    score=_int_or_none(request.POST.get("score")),
                    note=request.POST.get("note", ""),
                    evidence=request.FILES.get("evidence"),
                )
            messages.success(request, _("Disimpan."))
            return redirect(f"{request.path}?tahun={year}")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    projection = None
    items = []
    if assessment is not None:
        assessment = queries.ombudsman_assessments(request.user, Cap.SERVICE_RESULTS).get(
            pk=assessment.pk
        )
        projection = queries.ombudsman_projection(assessment)
        saved = {i.code: i for i in assessment.items.all()}
        items = [(item, saved.get(item.code)) for item in queries.checklist_entries(year)]
    else:
        items = [(item, None) for item in queries.checklist_entries(year)]
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
            "scale": queries.checklist_scale(year),
        },
    )


# --- PEKPPP --------------------------------------------------------------------------------


@login_required
@require_GET
def pekppp_list(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_RESULTS)
    evaluations = list(
        queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS).order_by(
            "service_unit__unit__path", "-year"
        )
    )
    rows = [(e, queries.pekppp_projection(e)) for e in evaluations]
    return render(request, "publicservice/pekppp_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def pekppp_unit(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    year = _year(request, pekppp.RULEBOOKS)
    can_manage = reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit)
    can_review = reach(request.user, Cap.ASSESSMENT_REVIEW).covers_unit(su.unit)
    evaluation = (
        queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su, year=year)
        .first()
    )
    can_record_official = reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(su.pemda_id)
    if request.method == "POST":
        what = request.POST.get("what")
        if not _asked_year_used(request, year):
            return redirect(request.path)
        try:
            if what == "official":
                if not can_record_official:
                    raise PermissionDenied
                _pekppp_official_record(request, su, year)
            elif what == "start":
                if not can_manage:
                    raise PermissionDenied
                domain.pekppp_evaluation_ensure(actor=request.user, service_unit=su, year=year)
            elif what == "score":
                if not can_manage or evaluation is None:
                    raise PermissionDenied
                domain.pekppp_score_set(
                    actor=request.user,
                    evaluation=evaluation,
                    code=request.POST.get("code", ""),
                    score=_int_or_none(request.POST.get("score")),
                    note=request.POST.get("note", ""),
                    evidence=request.FILES.get("evidence"),
                )
            elif what == "review":
                if not can_review or evaluation is None:
                    raise PermissionDenied
                row = get_in_scope(evaluation.scores.all(), code=request.POST.get("code", ""))
                domain.pekppp_review(
                    actor=request.user,
                    score_row=row,
                    decision=request.POST.get("decision", ""),
                    note=request.POST.get("review_note", ""),
                )
            else:
                raise ValidationError(_("Aksi tidak dikenal."))
            messages.success(request, _("Disimpan."))
            return redirect(f"{request.path}?tahun={year}")
        except ChangeNeedsReason as exc:
            return _confirm_change(
                request,
                exc,
                labels={"ipp": _("IPP"), "category": _("Predikat"), "note": _("Catatan")},
                title=_("Hasil resmi PEKPPP %(unit)s %(y)s") % {"unit": su.unit.name, "y": year},
                back_url=f"{request.path}?tahun={year}",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    projection = None
    aspects = []
    scale: list[str] = []
    if evaluation is not None:
        evaluation = queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS).get(
            pk=evaluation.pk
        )
        projection = queries.pekppp_projection(evaluation)
        saved = {s.code: s for s in evaluation.scores.all()}
        book = pekppp.RULEBOOKS.select(year)
        aspects = [(a, [(i, saved.get(i.code)) for i in a.indicators]) for a in book.aspects]
        scale = [str(v) for v in range(int(book.scale_min), int(book.scale_max) + 1)]
    history = [
        (e, queries.pekppp_projection(e))
        for e in queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su)
        .order_by("-year")
    ]
    return render(
        request,
        "publicservice/pekppp_unit.html",
        {
            "su": su,
            "year": year,
            "evaluation": evaluation,
            "projection": projection,
            "aspects": aspects,
            "can_manage": can_manage,
            "can_review": can_review,
            "history": history,
            "skm_indicators": domain.PEKPPP_SKM_INDICATORS,
            "scale": scale,
            "official": queries.pekppp_official_results(request.user, Cap.SERVICE_RESULTS)
            .filter(service_unit=su, year=year)
            .first(),
            "can_record_official": can_record_official,
        },
    )


def _pekppp_official_record(request: HttpRequest, su: Any, year: int) -> None:
    raw = (request.POST.get("ipp") or "").replace(",", ".").strip()
    try:
        ipp = float(raw)
    except ValueError as exc:
        raise ValidationError(_("IPP %(v)r bukan angka.") % {"v": raw}) from exc
    domain.pekppp_official_record(
        actor=request.user,
        service_unit=su,
        year=year,
        ipp=ipp,
        note=request.POST.get("note", ""),
        reason=request.POST.get("reason", ""),
        confirmed_number=_int_or_none(request.POST.get("confirm_version")),
    )
