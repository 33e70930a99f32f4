"""The evidence library: list, upload, link, a document's versions and uses, replace, remove,
and the one scoped download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.core.decorators import require_capability
from sikap.core.downloads import attachment
from sikap.core.roles import Cap
from sikap.core.scoping import reach
from sikap.integrity import domain, forms, queries
from sikap.integrity.models import Document
from sikap.integrity.views.common import (
    EmptyForm,
    form_page,
    pemda_of,
    run_form,
    unit_for,
    units_for,
)


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.INTEGRITY_VIEW)
    return _library_page(request)


def _library_page(request: HttpRequest, refused: Any = None) -> HttpResponse:
    """The library; a refused upload or link form comes back bound, errors at their fields."""
    docs = queries.documents_visible(request.user, pemda_of(request)).order_by("-year", "title")
    units = units_for(request)
    upload_form = refused if isinstance(refused, forms.UploadForm) else None
    link_form = refused if isinstance(refused, forms.LinkForm) else None
    return render(
        request,
        "integrity/library.html",
        {
            "documents": list(docs[:500]),
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
    require_capability(request, Cap.INTEGRITY_MANAGE)
    unit = unit_for(request, request.POST.get("unit"))
    return form_page(
        request,
        forms.UploadForm(request.POST, request.FILES, units=units_for(request), auto_id="u-%s"),
        lambda d: domain.document_upload(**_doc_args(request, unit, d), upload=d["file"]),
        ok=_("Dokumen disimpan di pustaka eviden."),
        back=reverse("integrity:library"),
        page=lambda form: _library_page(request, form),
        field="file",
    )


@login_required
@require_POST
def link(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.INTEGRITY_MANAGE)
    unit = unit_for(request, request.POST.get("unit"))
    return form_page(
        request,
        forms.LinkForm(request.POST, units=units_for(request), auto_id="l-%s"),
        lambda d: domain.document_link_add(**_doc_args(request, unit, d), url=d["url"]),
        ok=_("Tautan disimpan di pustaka eviden."),
        back=reverse("integrity:library"),
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
        "integrity/document.html",
        {
            "doc": doc,
            "versions": list(doc.versions.all()),
            "usage": queries.document_usage(doc),
            "can_manage": reach(request.user, Cap.INTEGRITY_MANAGE).covers_unit(doc.unit),
            "replace_form": replace_form or forms.ReplaceForm(auto_id="r-%s"),
        },
    )


@login_required
@require_POST
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    doc = queries.document_get(request.user, pemda_of(request), pk, capability=Cap.INTEGRITY_MANAGE)
    return form_page(
        request,
        forms.ReplaceForm(request.POST, request.FILES, auto_id="r-%s"),
        lambda d: domain.document_replace(actor=request.user, document=doc, upload=d["file"]),
        ok=_("Versi baru disimpan; versi lama tetap ada."),
        back=reverse("integrity:document", args=[doc.pk]),
        page=lambda form: _document_page(request, doc, form),
        field="file",
    )


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    doc = queries.document_get(request.user, pemda_of(request), pk, capability=Cap.INTEGRITY_MANAGE)
    return run_form(
        request,
        EmptyForm(request.POST),
        lambda d: domain.document_remove(actor=request.user, document=doc),
        ok=_("Dokumen dihapus dari pustaka dan dilepas dari semua butir."),
        back=reverse("integrity:library"),
    )


@login_required
@require_GET
def download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The stored bytes, always as a download: never rendered inline, never sniffed."""
    version = queries.version_for_download(request.user, pemda_of(request), pk, number)
    return attachment(version.file, version.original_name, version.content_type)
