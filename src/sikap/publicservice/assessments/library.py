"""Evidence from the library on a unit's Ombudsman checklist, PEKPPP evaluation and SKM
follow-ups: upload into the library and attach, attach a document already there, detach. One
URL, one form and one domain action per POST; the unit (or the follow-up) comes through the
same scoped query as its page (another unit's or another Pemda's is a 404), and only its
managers may write (403 for a reader of an assessment)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach
from sikap.core.formflow import run_form
from sikap.core.inputs import parse_int
from sikap.evidence.views import pemda_of
from sikap.publicservice import domain, queries
from sikap.publicservice.assessments import forms
from sikap.publicservice.assessments.common import posted
from sikap.publicservice.models import FollowUp, ServiceUnit
from sikap.rules import ombudsman, pekppp

# The scheme in the route -> the unit page it belongs to and the rulebooks of its years.
PAGES: dict[str, tuple[str, Any]] = {
    domain.OMBUDSMAN.key: ("publicservice:ombudsman_unit", ombudsman.RULEBOOKS),
    domain.PEKPPP.key: ("publicservice:pekppp_unit", pekppp.RULEBOOKS),
}


def library_context(
    request: HttpRequest, su: ServiceUnit, scheme: domain.Scheme, year: int, parent: Any
) -> dict[str, Any]:
    """What a unit page shows of its library evidence: the documents of each row and, for a
    manager, the upload and pick forms."""
    attached = queries.library_evidence_of(scheme.key, parent) if parent is not None else {}
    can_manage = reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit)
    context: dict[str, Any] = {"attached": attached, "scheme": scheme.key, "manage": can_manage}
    if can_manage:
        codes = domain.scheme_codes(scheme, year)
        rulebooks = PAGES[scheme.key][1]
        documents = queries.library_documents_for(request.user, pemda_of(request), year)
        initial = {"year": year}
        context.update(
            upload_form=forms.LibraryUploadForm(
                initial=initial, rulebooks=rulebooks, codes=codes, auto_id="lu-%s"
            ),
            pick_form=forms.LibraryPickForm(
                initial=initial,
                rulebooks=rulebooks,
                codes=codes,
                documents=documents,
                auto_id="lp-%s",
            ),
            documents=documents,
            upload_url=reverse(f"publicservice:{scheme.key}_evidence_upload", args=[su.pk]),
            pick_url=reverse(f"publicservice:{scheme.key}_evidence_pick", args=[su.pk]),
            detach_url=reverse(f"publicservice:{scheme.key}_evidence_detach", args=[su.pk]),
        )
    return context


def _managed(request: HttpRequest, pk: int) -> ServiceUnit:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    if not reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit):
        raise PermissionDenied
    return su


def _post(
    request: HttpRequest, pk: int, scheme_key: str, form_class: Any, action: Any, ok: str
) -> HttpResponse:
    """Bind the form of the scheme, run `action(su, scheme, year, cleaned_data)` and go back
    to the unit page of the posted year; a refusal is flashed and changes nothing."""
    su = _managed(request, pk)
    scheme = domain.SCHEMES[scheme_key]
    view, rulebooks = PAGES[scheme_key]
    data = posted(request)
    form = form_class(data, request.FILES, rulebooks=rulebooks)
    asked = parse_int(str(data.get("year", "")))
    back = reverse(view, args=[su.pk]) + (f"?year={asked}" if asked else "")

    def run(d: dict[str, Any]) -> Any:
        year = d["year"] or timezone.localdate().year
        return action(su, scheme, year, d)

    return run_form(request, form, run, ok=ok, back=back)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, scheme: str) -> HttpResponse:
    return _post(
        request,
        pk,
        scheme,
        forms.LibraryUploadForm,
        lambda su, sch, year, d: domain.library_evidence_upload(
            actor=request.user,
            service_unit=su,
            scheme=sch,
            year=year,
            code=d["code"],
            doc_type=d["doc_type"],
            title=d["title"],
            upload=d["file"],
        ),
        _("Bukti disimpan di pustaka eviden dan dilampirkan."),
    )


@login_required
@require_POST
def evidence_pick(request: HttpRequest, pk: int, scheme: str) -> HttpResponse:
    return _post(
        request,
        pk,
        scheme,
        forms.LibraryPickForm,
        lambda su, sch, year, d: domain.library_evidence_attach(
            actor=request.user,
            service_unit=su,
            scheme=sch,
            year=year,
            code=d["code"],
            document=queries.library_document_get(request.user, pemda_of(request), d["document"]),
        ),
        _("Dokumen pustaka dilampirkan."),
    )


@login_required
@require_POST
def evidence_detach(request: HttpRequest, pk: int, scheme: str) -> HttpResponse:
    return _post(
        request,
        pk,
        scheme,
        forms.LibraryDetachForm,
        lambda su, sch, year, d: domain.library_evidence_detach(
            actor=request.user,
            service_unit=su,
            scheme=sch,
            year=year,
            code=d["code"],
            document=queries.library_attached_get(sch.key, su, year, d["code"], d["document"]),
        ),
        _("Dokumen dilepas; dokumen tetap ada di pustaka."),
    )


def followup_library_context(request: HttpRequest, followup: FollowUp) -> dict[str, Any]:
    """The follow-up page's library evidence and, for its manager, the upload and pick forms."""
    documents = queries.library_documents_for(
        request.user, pemda_of(request), domain.followup_year(followup)
    )
    return {
        "attached": queries.followup_documents(followup),
        "manage": True,  # the page itself is for the unit's managers only
        "upload_form": forms.LibraryFileForm(auto_id="lu-%s"),
        "pick_form": forms.LibraryDocumentForm(documents=documents, auto_id="lp-%s"),
        "documents": documents,
        "upload_url": reverse("publicservice:followup_evidence_upload", args=[followup.pk]),
        "pick_url": reverse("publicservice:followup_evidence_pick", args=[followup.pk]),
        "detach_url": reverse("publicservice:followup_evidence_detach", args=[followup.pk]),
    }


def _followup_post(request: HttpRequest, pk: int, form: Any, action: Any, ok: str) -> HttpResponse:
    followup = get_in_scope(queries.follow_ups(request.user, Cap.SERVICE_MANAGE), pk=pk)
    back = reverse("publicservice:followup_edit", args=[followup.pk])
    return run_form(request, form, lambda d: action(followup, d), ok=ok, back=back)


@login_required
@require_POST
def followup_evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _followup_post(
        request,
        pk,
        forms.LibraryFileForm(request.POST, request.FILES),
        lambda fu, d: domain.followup_evidence_upload(
            actor=request.user,
            followup=fu,
            doc_type=d["doc_type"],
            title=d["title"],
            upload=d["file"],
        ),  # fmt: skip
        _("Bukti disimpan di pustaka eviden dan dilampirkan."),
    )


@login_required
@require_POST
def followup_evidence_pick(request: HttpRequest, pk: int) -> HttpResponse:
    return _followup_post(
        request,
        pk,
        forms.LibraryDocumentForm(request.POST),
        lambda fu, d: domain.followup_evidence_attach(
            actor=request.user,
            followup=fu,
            document=queries.library_document_get(request.user, pemda_of(request), d["document"]),
        ),
        _("Dokumen pustaka dilampirkan."),
    )


@login_required
@require_POST
def followup_evidence_detach(request: HttpRequest, pk: int) -> HttpResponse:
    return _followup_post(
        request,
        pk,
        forms.LibraryDetachDocumentForm(request.POST),
        lambda fu, d: domain.followup_evidence_detach(
            actor=request.user,
            followup=fu,
            document=queries.followup_attached_get(fu, d["document"]),
        ),
        _("Dokumen dilepas; dokumen tetap ada di pustaka."),
    )
