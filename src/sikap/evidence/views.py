"""The evidence library: list, upload, link, a document's versions and uses, replace, remove,
and the one scoped download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.core.decorators import require_capability
from sikap.core.downloads import attachment
from sikap.core.formflow import EmptyForm, form_page, run_form
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_units
from sikap.evidence import domain, forms, queries
from sikap.evidence.models import Document, DocumentVersion
from sikap.org.models import OrgUnit, Pemda


def pemda_of(request: HttpRequest) -> Pemda:
    """The page's Pemda, set by the tenancy middleware from the /p/<code>/ prefix."""
    pemda: Pemda = request.pemda  # type: ignore[attr-defined]
    return pemda


def owner_unit(request: HttpRequest, pk: object, capability: str) -> OrgUnit:
    """A unit of the page's Pemda the user may act for with `capability`; 404 otherwise."""
    qs = scope_units(OrgUnit.objects.filter(pemda=pemda_of(request)), request.user, capability)
    return get_in_scope(qs, pk=pk)


def owner_units(request: HttpRequest, capability: str) -> list[OrgUnit]:
    """The current units of the page's Pemda the user may act for with `capability`."""
    qs = OrgUnit.objects.filter(pemda=pemda_of(request), valid_to__isnull=True)
    return list(scope_units(qs, request.user, capability).order_by("path"))


def units_for(request: HttpRequest) -> list[OrgUnit]:
    return owner_units(request, Cap.EVIDENCE_MANAGE)


def unit_for(request: HttpRequest, pk: object) -> OrgUnit:
    return owner_unit(request, pk, Cap.EVIDENCE_MANAGE)


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.EVIDENCE_VIEW)
    return _library_page(request)


def _library_page(request: HttpRequest, refused: Any = None) -> HttpResponse:
    """The library; a refused upload or link form comes back bound, errors at their fields."""
    docs = queries.documents_visible(request.user, pemda_of(request)).order_by("-year", "title")
    documents = queries.with_use_counts(list(docs[:500]))
    units = units_for(request)
    upload_form = refused if isinstance(refused, forms.UploadForm) else None
    link_form = refused if isinstance(refused, forms.LinkForm) else None
    return render(
        request,
        "evidence/library.html",
        {
            "documents": documents,
            "units": units,
            "upload_form": upload_form or forms.UploadForm(units=units, auto_id="u-%s"),
            "link_form": link_form or forms.LinkForm(units=units, auto_id="l-%s"),
        },
    )


def _doc_args(request: HttpRequest, unit: Any, d: dict[str, Any]) -> dict[str, Any]:
    return {
        "actor": request.user,
        "unit": unit,
        "year": d["year"],
        "doc_type": d["doc_type"],
        "title": d["title"],
        "valid_until": d["valid_until"],
    }


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.EVIDENCE_MANAGE)
    unit = unit_for(request, request.POST.get("unit"))
    return form_page(
        request,
        forms.UploadForm(request.POST, request.FILES, units=units_for(request), auto_id="u-%s"),
        lambda d: domain.document_upload(**_doc_args(request, unit, d), upload=d["file"]),
        ok=_("Dokumen disimpan di pustaka eviden."),
        back=reverse("evidence:library"),
        page=lambda form: _library_page(request, form),
        field="file",
    )


@login_required
@require_POST
def link(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.EVIDENCE_MANAGE)
    unit = unit_for(request, request.POST.get("unit"))
    return form_page(
        request,
        forms.LinkForm(request.POST, units=units_for(request), auto_id="l-%s"),
        lambda d: domain.document_link_add(**_doc_args(request, unit, d), url=d["url"]),
        ok=_("Tautan disimpan di pustaka eviden."),
        back=reverse("evidence:library"),
        page=lambda form: _library_page(request, form),
        field="url",
    )


@login_required
@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_page(request, queries.document_get(request.user, pemda_of(request), pk))


def _document_page(request: HttpRequest, doc: Document, replace_form: Any = None) -> HttpResponse:
    return render(
        request,
        "evidence/document.html",
        {
            "doc": doc,
            "versions": list(doc.versions.all()),
            "uses": queries.document_uses(doc),
            "can_manage": reach(request.user, Cap.EVIDENCE_MANAGE).covers_unit(doc.unit),
            "replace_form": replace_form or forms.ReplaceForm(auto_id="r-%s"),
        },
    )


@login_required
@require_POST
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    doc = queries.document_get(request.user, pemda_of(request), pk, capability=Cap.EVIDENCE_MANAGE)
    return form_page(
        request,
        forms.ReplaceForm(request.POST, request.FILES, auto_id="r-%s"),
        lambda d: domain.document_replace(actor=request.user, document=doc, upload=d["file"]),
        ok=_("Versi baru disimpan; versi lama tetap ada."),
        back=reverse("evidence:document", args=[doc.pk]),
        page=lambda form: _document_page(request, doc, form),
        field="file",
    )


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    doc = queries.document_get(request.user, pemda_of(request), pk, capability=Cap.EVIDENCE_MANAGE)
    return run_form(
        request,
        EmptyForm(request.POST),
        lambda d: domain.document_remove(actor=request.user, document=doc),
        ok=_("Dokumen dihapus dari pustaka dan dilepas dari semua butir."),
        back=reverse("evidence:library"),
        refused=reverse("evidence:document", args=[doc.pk]),
    )


@login_required
@require_GET
def download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """The stored bytes, always as a download: never rendered inline, never sniffed."""
    return version_response(
        queries.version_for_download(request.user, pemda_of(request), pk, number)
    )


def version_response(version: DocumentVersion) -> FileResponse:
    """A stored version as a sandboxed download; a file gone from the disk is a 404."""
    try:
        return attachment(version.file, version.original_name, version.content_type)
    except FileNotFoundError as exc:
        raise Http404 from exc
