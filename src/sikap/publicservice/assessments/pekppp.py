"""PEKPPP pages: the list of evaluations, a unit's self-evaluation, its review by the penilai
and KemenPAN-RB's official result. Each POST has its own URL, one form and one domain action.
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
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach
from sikap.core.versioning import ChangeNeedsReason
from sikap.publicservice import domain, queries
from sikap.publicservice.assessments import forms
from sikap.publicservice.assessments.common import confirm_change, page_year, posted, refuse
from sikap.publicservice.assessments.library import library_context
from sikap.publicservice.models import ServiceUnit
from sikap.rules import pekppp


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


def _evaluation(request: HttpRequest, su: ServiceUnit, year: int) -> Any:
    return (
        queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su, year=year)
        .first()
    )


def _unit_page(
    request: HttpRequest,
    su: ServiceUnit,
    year: int,
    *,
    page_form: forms.PekpppPageForm | None = None,
    official_form: forms.PekpppOfficialForm | None = None,
    review_form: forms.PekpppReviewForm | None = None,
) -> HttpResponse:
    """The evaluation page: every indicator's fields join the page's one form; a refused page
    comes back bound, each error next to its field."""
    evaluation = _evaluation(request, su, year)
    projection = None
    aspects = []
    library = library_context(request, su, domain.PEKPPP, year, evaluation)
    if evaluation is not None:
        projection = queries.pekppp_projection(evaluation)
        saved = {s.code: s for s in evaluation.scores.all()}
        book = pekppp.RULEBOOKS.select(year)
        if page_form is None:
            page_form = forms.PekpppPageForm(
                initial={
                    key: value
                    for code, row in saved.items()
                    for key, value in (
                        (f"score-{code}", "" if row.score is None else str(row.score)),
                        (f"note-{code}", row.note),
                    )
                },
                codes=[i.code for i in book.indicators],
                scale=range(int(book.scale_min), int(book.scale_max) + 1),
            )
        reviewed = review_form.data.get("code") if review_form is not None else None
        aspects = [
            (
                a,
                [
                    (
                        i,
                        saved.get(i.code),
                        page_form.row(i.code),
                        review_form
                        if review_form is not None and reviewed == i.code
                        else forms.PekpppReviewForm(
                            initial={"code": i.code, "year": year}, auto_id=f"rv-{i.code}-%s"
                        ),
                        library["attached"].get(i.code, []),
                    )
                    for i in a.indicators
                ],
            )
            for a in book.aspects
        ]
    if official_form is None:
        official_form = forms.PekpppOfficialForm(initial={"year": year}, auto_id="o-%s")
    history = [
        (e, queries.pekppp_projection(e))
        for e in queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su)
        .order_by("-year")
    ]
    refused = official_form.is_bound or review_form is not None
    return render(
        request,
        "publicservice/pekppp_unit.html",
        {
            "su": su,
            "year": year,
            "evaluation": evaluation,
            "projection": projection,
            "aspects": aspects,
            "can_manage": reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit),
            "can_review": reach(request.user, Cap.ASSESSMENT_REVIEW).covers_unit(su.unit),
            "history": history,
            "skm_indicators": pekppp.SKM_PREFILL_INDICATORS,
            "page_form": page_form,
            "official_form": official_form,
            "official": queries.pekppp_official_results(request.user, Cap.SERVICE_RESULTS)
            .filter(service_unit=su, year=year)
            .first(),
            "can_record_official": reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(
                su.pemda_id
            ),
            "library": library,
        },
        status=400 if refused else 200,
    )


@login_required
@require_GET
def pekppp_unit(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    return _unit_page(request, su, page_year(request, pekppp.RULEBOOKS))


def _unit_url(su: ServiceUnit, year: int | None = None) -> str:
    url = reverse("publicservice:pekppp_unit", args=[su.pk])
    return url if year is None else f"{url}?year={year}"


def _posted_form(
    request: HttpRequest, pk: int, form_class: Any, allowed: Any
) -> tuple[ServiceUnit, Any, int | None]:
    """The unit (404 outside the user's reach, 403 without `allowed`), the bound form and its
    year (None when the form is refused: the caller writes nothing)."""
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not allowed(su):
        raise PermissionDenied
    form = form_class(posted(request))
    if not form.is_valid():
        refuse(request, form)
        return su, form, None
    return su, form, form.cleaned_data["year"] or timezone.localdate().year


def _manages(request: HttpRequest) -> Any:
    return lambda su: reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit)


def _started(request: HttpRequest, su: ServiceUnit, year: int) -> Any:
    """The year's evaluation, or None after telling the user it was never started."""
    evaluation = _evaluation(request, su, year)
    if evaluation is None:
        messages.error(request, _("Evaluasi PEKPPP tahun %(year)s belum dimulai.") % {"year": year})
    return evaluation


def _act(request: HttpRequest, su: ServiceUnit, year: int, action: Any) -> HttpResponse:
    """Run one domain action: back to the page with its errors, or on with "Disimpan."."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _unit_page(request, su, year)
    messages.success(request, _("Disimpan."))
    return redirect(_unit_url(su, year))


@login_required
@require_POST
def pekppp_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the year's evaluation, its SKM indicators pre-filled."""
    su, form, year = _posted_form(request, pk, forms.PekpppYearForm, _manages(request))
    if year is None:
        return redirect(_unit_url(su))
    return _act(
        request,
        su,
        year,
        lambda: domain.pekppp_evaluation_ensure(actor=request.user, service_unit=su, year=year),
    )


@login_required
@require_POST
def pekppp_score_set(request: HttpRequest, pk: int) -> HttpResponse:
    su, form, year = _posted_form(request, pk, forms.PekpppScoreForm, _manages(request))
    if year is None:
        return redirect(_unit_url(su))
    evaluation = _started(request, su, year)
    if evaluation is None:
        return redirect(_unit_url(su, year))
    data = form.cleaned_data
    return _act(
        request,
        su,
        year,
        lambda: domain.pekppp_score_set(
            actor=request.user,
            evaluation=evaluation,
            code=data["code"],
            score=data["score"],
            note=data["note"],
        ),
    )


@login_required
@require_POST
def pekppp_page_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the whole evaluation page with one button: every changed indicator, or none."""
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not _manages(request)(su):
        raise PermissionDenied
    data = posted(request)
    asked = forms.PekpppYearForm(data)
    if not asked.is_valid():
        refuse(request, asked)
        return redirect(_unit_url(su))
    year = asked.cleaned_data["year"] or timezone.localdate().year
    book = pekppp.RULEBOOKS.select(year)
    form = forms.PekpppPageForm(
        data,
        codes=[i.code for i in book.indicators],
        scale=range(int(book.scale_min), int(book.scale_max) + 1),
    )
    if not form.is_valid():
        refuse(request, form)
        return redirect(_unit_url(su, year))
    evaluation = _started(request, su, year)
    if evaluation is None:
        return redirect(_unit_url(su, year))
    try:
        count = domain.pekppp_scores_set(
            actor=request.user, evaluation=evaluation, answers=form.answers()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        form.add_error(None, exc)
        return _unit_page(request, su, year, page_form=form)
    messages.success(
        request,
        ngettext("%(n)s indikator disimpan.", "%(n)s indikator disimpan.", count) % {"n": count}
        if count
        else _("Tidak ada yang berubah."),
    )
    return redirect(_unit_url(su, year))


@login_required
@require_POST
def pekppp_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The penilai accepts an indicator's score or returns it with a note."""
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not reach(request.user, Cap.ASSESSMENT_REVIEW).covers_unit(su.unit):
        raise PermissionDenied
    data = posted(request)
    form = forms.PekpppReviewForm(data, auto_id=f"rv-{data.get('code', '')}-%s")
    if not form.is_valid():
        refuse(request, form)  # only the hidden year can be refused: a tampered form
        return redirect(_unit_url(su))
    year = form.cleaned_data["year"] or timezone.localdate().year
    evaluation = _started(request, su, year)
    if evaluation is None:
        return redirect(_unit_url(su, year))
    d = form.cleaned_data
    row = get_in_scope(evaluation.scores.all(), code=d["code"])
    try:
        domain.pekppp_review(
            actor=request.user, score_row=row, decision=d["decision"], note=d["review_note"]
        )
    except ValidationError as exc:
        # a return without its reason is the note's fault; the rest, the row's
        note_missing = d["decision"] == "returned" and not d["review_note"].strip()
        form.add_error("review_note" if note_missing else None, exc)
        return _unit_page(request, su, year, review_form=form)
    messages.success(request, _("Disimpan."))
    return redirect(_unit_url(su, year))


@login_required
@require_POST
def pekppp_official_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record KemenPAN-RB's official IPP of the unit; a change asks for its reason first."""
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(su.pemda_id):
        raise PermissionDenied
    form = forms.PekpppOfficialForm(posted(request), auto_id="o-%s")
    if not form.is_valid():
        year = form.cleaned_data.get("year") or timezone.localdate().year
        return _unit_page(request, su, year, official_form=form)
    data = form.cleaned_data
    year = data["year"] or timezone.localdate().year
    try:
        domain.pekppp_official_record(
            actor=request.user,
            service_unit=su,
            year=year,
            ipp=data["ipp"],
            note=data["note"],
            reason=data["reason"],
            confirmed_number=data["confirm_version"],
        )
    except ChangeNeedsReason as exc:
        return confirm_change(
            request,
            exc,
            labels={"ipp": _("IPP"), "category": _("Predikat"), "note": _("Catatan")},
            title=_("Hasil resmi PEKPPP %(unit)s %(y)s") % {"unit": su.unit.name, "y": year},
            back_url=_unit_url(su, year),
        )
    except ValidationError as exc:
        form.add_error("ipp", exc)  # the year is the form's: what the rules refuse is the IPP
        return _unit_page(request, su, year, official_form=form)
    messages.success(request, _("Disimpan."))
    return redirect(_unit_url(su, year))
