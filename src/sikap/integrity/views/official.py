"""The Pemda view, the instansi's gates, the proposal (with its PDF) and the TPN result."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sikap.core.decorators import require_capability
from sikap.core.roles import Cap
from sikap.core.scoping import reach
from sikap.core.validation import add_to_form, form_error_summary, validation_messages
from sikap.core.versioning import ChangeNeedsReason, StaleVersion, change_rows
from sikap.integrity import domain, exports, forms, queries
from sikap.integrity.models import Assessment
from sikap.integrity.views.assessments import workspace_action, workspace_page
from sikap.integrity.views.common import assessment_for, form_page, pemda_of, year_picker
from sikap.rules import integrity as rules
from sikap.rules import integrity_proposal as proposal


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.INTEGRITY_VIEW)
    return _overview_page(request)


def _overview_page(request: HttpRequest, gates_form: Any = None) -> HttpResponse:
    """The Pemda's ZI of a year and its gates; a refused gates form comes back bound."""
    pemda = pemda_of(request)
    year, year_form = year_picker(request)
    if gates_form is not None and gates_form.is_valid():
        year = gates_form.cleaned_data["year"]
    data = queries.pemda_overview(request.user, pemda, year)
    gates_row = data["gates"]
    window = proposal.proposal_window(year)
    if gates_row and gates_row.window_start and gates_row.window_end:
        window = (gates_row.window_start, gates_row.window_end)
    gates = {
        t: proposal.gates_check(
            t,
            wtp=gates_row.wtp if gates_row else None,
            akip=gates_row.akip if gates_row else "",
            indeks_rb=gates_row.indeks_rb if gates_row else "",
            on=timezone.localdate(),
            window=window,
            year=year,
        )
        for t in rules.TARGETS
    }
    can_official = reach(request.user, Cap.INTEGRITY_OFFICIAL).covers_pemda(pemda.pk)
    if can_official and gates_form is None:
        gates_form = forms.GatesForm(
            initial={
                "year": year,
                "wtp": gates_row.wtp if gates_row else None,
                "akip": gates_row.akip if gates_row else "",
                "indeks_rb": gates_row.indeks_rb if gates_row else "",
                "window_start": gates_row.window_start if gates_row else None,
                "window_end": gates_row.window_end if gates_row else None,
            }
        )
    return render(
        request,
        "integrity/overview.html",
        {
            **data,
            "year": year,
            "year_form": year_form,
            "gate_checks": gates,
            "window": window,
            "can_official": can_official,
            "gates_form": gates_form if can_official else None,
        },
    )


@login_required
@require_POST
def gates(request: HttpRequest) -> HttpResponse:
    pemda = pemda_of(request)
    if not reach(request.user, Cap.INTEGRITY_OFFICIAL).covers_pemda(pemda.pk):
        raise PermissionDenied
    form = forms.GatesForm(request.POST)
    back = reverse("integrity:overview") + f"?year={request.POST.get('year', '')[:4]}"
    return form_page(
        request,
        form,
        lambda d: domain.gates_record(actor=request.user, pemda=pemda, **d),
        ok=_("Syarat usulan disimpan."),
        back=back,
        page=lambda refused: _overview_page(request, refused),
        field="window_end",
    )


@workspace_action(
    forms.ProposalForm,
    ok=gettext_lazy("Usulan dibuat; unduh surat usulan dan SPTJM."),
    field="signatory",
    capability=Cap.INTEGRITY_OFFICIAL,
)
def propose(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.proposal_make(actor=request.user, assessment=a, **d)


@login_required
@require_GET
def proposal_pdf(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit)
    proposal = getattr(a, "proposal", None)
    if proposal is None:
        raise Http404
    response = HttpResponse(exports.proposal_pdf(request, proposal), content_type="application/pdf")
    name = f"usulan-{proposal.target}-{a.unit.code}-{a.year}.pdf".lower()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


TPN_LABELS = {
    "selection": gettext_lazy("Seleksi administrasi"),
    "verdict": gettext_lazy("Penetapan"),
    "score": gettext_lazy("Nilai TPN"),
    "note": gettext_lazy("Catatan"),
}


@login_required
@require_POST
def tpn(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_OFFICIAL)
    back = reverse("integrity:workspace", args=[a.kind, a.year, a.unit.code])
    form = forms.TpnForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_summary(form))
        return workspace_page(request, a, refused=form)
    d: dict[str, Any] = form.cleaned_data
    try:
        domain.tpn_result_record(
            actor=request.user,
            assessment=a,
            selection=d["selection"],
            verdict=d["verdict"],
            score=d["score"],
            note=d["note"],
            reason=d["reason"],
            confirmed_number=d["confirm_version"],
        )
    except ChangeNeedsReason as exc:
        return _confirm(request, exc, a, back)
    except StaleVersion as exc:  # the page is reloaded with the news
        messages.error(request, " ".join(validation_messages(exc)))
        return redirect(back)
    except ValidationError as exc:  # a refused value: shown at its field
        add_to_form(form, exc)
        messages.error(request, form_error_summary(form))
        return workspace_page(request, a, refused=form)
    messages.success(request, _("Hasil TPN disimpan."))
    return redirect(back)


def _confirm(request: HttpRequest, exc: ChangeNeedsReason, a: Any, back: str) -> HttpResponse:
    """Show the recorded and the proposed TPN result and ask for the reason; nothing saved."""
    skip = {"csrfmiddlewaretoken", "reason", "confirm_version"}
    return render(
        request,
        "core/record_change_confirm.html",
        {
            "title": _("Hasil TPN %(unit)s %(year)s") % {"unit": a.unit.name, "year": a.year},
            "number": exc.number,
            "rows": change_rows(exc.before, exc.after, TPN_LABELS),
            "hidden": [
                (k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)
            ],
            "action_url": request.path,
            "back_url": back,
            "reason_missing": "confirm_version" in request.POST,
        },
        status=409,
    )


@workspace_action(
    forms.TpnScoreForm,
    ok=gettext_lazy("Nilai TPN disimpan."),
    field="answer",
    capability=Cap.INTEGRITY_OFFICIAL,
)
def tpn_score(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    """The national (TPN) score of one item, kept beside the unit's and the TPI's."""
    domain.tpn_score(
        actor=request.user, assessment=a, code=d["code"], answer=d["answer"], note=d["note"]
    )
