"""The evidence library: documents (file or link) kept once per Pemda, attached to many items
of many assessments by the apps that use them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.inputs import clean_text
from sikap.evidence.domain.files import evidence_check, storage_name
from sikap.evidence.models import Document, DocumentVersion
from sikap.evidence.uses import release_all, uses_of
from sikap.org.models import OrgUnit

_DOC_FIELDS = ["unit", "year", "doc_type", "title", "kind", "url", "valid_until", "removed_at"]


def actor_user(actor: Any) -> Any:
    return (
        actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None
    )


def document_title(title: str) -> str:
    text = clean_text(title).strip()
    if not text:
        raise ValidationError({"title": _("Judul dokumen wajib diisi.")})
    return text[:200]


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Tahun %(y)s di luar 2000–2100.") % {"y": year}})


def _store(actor: Any, document: Document, upload: Any) -> DocumentVersion:
    checked = evidence_check(upload)
    number = document.current_number + 1
    version = DocumentVersion(
        document=document,
        number=number,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        original_name=checked.name,
        uploaded_by=actor_user(actor),
    )
    name = storage_name(checked)
    storage = DocumentVersion._meta.get_field("file").storage
    # Same bytes, same name: stored once, whichever document holds them.
    version.file.name = (
        name if storage.exists(name) else storage.save(name, ContentFile(checked.data))
    )
    version.save()
    Document.objects.filter(pk=document.pk).update(current_number=number)
    document.current_number = number
    return version


def _new(
    actor: Any, unit: OrgUnit, year: int, doc_type: str, title: str, **fields: Any
) -> Document:
    """An unsaved document of `unit` (its Pemda's), its year and title checked."""
    _check_year(year)
    return Document(
        pemda_id=unit.pemda_id,
        unit=unit,
        year=year,
        doc_type=doc_type,
        title=document_title(title),
        created_by=actor_user(actor),
        **fields,
    )


def _link_save(actor: Any, doc: Document) -> Document:
    return audited_save(
        doc, actor=actor, action="evidence.document.link", changes={}, watched=_DOC_FIELDS
    )


@transaction.atomic
def document_upload(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    doc_type: str,
    title: str,
    upload: Any,
    valid_until: dt.date | None = None,
) -> Document:
    """A new file document of `unit`; the file is checked before anything is written."""
    doc = _new(actor, unit, year, doc_type, title, kind=Document.Kind.FILE, valid_until=valid_until)
    evidence_check(upload)
    upload.seek(0)
    doc.save()
    version = _store(actor, doc, upload)
    audit_record(
        actor=actor,
        action="evidence.document.upload",
        obj=doc,
        after={**snapshot(doc, _DOC_FIELDS), "sha256": version.sha256, "size": version.size},
    )
    return doc


@transaction.atomic
def document_link_add(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    doc_type: str,
    title: str,
    url: str,
    valid_until: dt.date | None = None,
) -> Document:
    """A new link document; only http(s) links are kept."""
    url = clean_text(url).strip()
    if not url.lower().startswith(("https://", "http://")) or len(url) > 500:
        raise ValidationError({"url": _("Tautan harus diawali http:// atau https://.")})
    doc = _new(
        actor,
        unit,
        year,
        doc_type,
        title,
        kind=Document.Kind.LINK,
        url=url,
        valid_until=valid_until,
    )
    return _link_save(actor, doc)


@transaction.atomic
def document_page_link(
    *, actor: Any, unit: OrgUnit, year: int, doc_type: str, title: str, path: str
) -> Document:
    """The library's link to a page of SIKAP itself (a unit's signed PK, say), kept once per
    unit, year and address: found if it is there, else added. The address is a path on this
    site, so whoever opens it passes that page's own scoping."""
    _check_year(year)
    if not path.startswith("/") or path.startswith("//") or len(path) > 500:
        raise ValidationError({"url": _("Tautan halaman SIKAP harus berupa alamat di situs ini.")})
    doc = Document.objects.filter(
        pemda_id=unit.pemda_id,
        unit=unit,
        year=year,
        kind=Document.Kind.LINK,
        url=path,
        removed_at__isnull=True,
    ).first()
    if doc is not None:
        return doc
    return _link_save(actor, _new(actor, unit, year, doc_type, title, kind="link", url=path))


@transaction.atomic
def document_replace(*, actor: Any, document: Document, upload: Any) -> DocumentVersion:
    """A new version of a file document; earlier versions stay readable."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    if doc.kind != Document.Kind.FILE or doc.removed_at is not None:
        raise ValidationError(_("Hanya dokumen berkas yang masih aktif yang dapat diganti."))
    evidence_check(upload)
    upload.seek(0)
    before = doc.current_number
    version = _store(actor, doc, upload)
    audit_record(
        actor=actor,
        action="evidence.document.replace",
        obj=doc,
        before={"version": before},
        after={"version": version.number, "sha256": version.sha256, "size": version.size},
    )
    document.current_number = doc.current_number
    return version


@transaction.atomic
def document_remove(*, actor: Any, document: Document) -> list[str]:
    """Take a document out of the library and off every item of every app; returns the uses
    it left. Refused, nothing changed, while a use forbids it (names which)."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    if doc.removed_at is not None:
        return []
    uses = uses_of([doc.pk])[doc.pk]
    blocking = [u.label for u in uses if u.blocks]
    if blocking:
        raise ValidationError(
            _("Dokumen ini tidak dapat dihapus: masih menjadi eviden %(uses)s.")
            % {"uses": "; ".join(blocking)}
        )
    left = [u.label for u in uses]
    release_all(actor=actor, document=doc)
    audited_save(
        doc,
        actor=actor,
        action="evidence.document.remove",
        changes={"removed_at": timezone.now()},
        watched=["removed_at"],
    )
    if left:
        audit_record(
            actor=actor,
            action="evidence.document.detach_all",
            obj=doc,
            before={"uses": left},
            after={"uses": []},
        )
    document.removed_at = doc.removed_at
    return left


def year_fits(document: Document, year: int) -> bool:
    """Evidence of the assessment year or the one before, or still valid in that year."""
    if document.year > year:
        return False
    if document.year >= year - 1:
        return True
    return document.valid_until is not None and document.valid_until.year >= year


def evidence_fit_check(document: Document, *, pemda_id: int, year: int) -> None:
    """The library's checks before a document becomes evidence of an assessment of `year`:
    same Pemda, still in the library, of a year that fits. A ValidationError names what is
    wrong."""
    if document.pemda_id != pemda_id or document.removed_at is not None:
        raise ValidationError(_("Dokumen ini tidak ada di pustaka eviden pemda ini."))
    if not year_fits(document, year):
        raise ValidationError(
            _(
                "Dokumen tahun %(doc)s tidak dapat menjadi eviden penilaian tahun %(year)s: "
                "gunakan eviden tahun berjalan atau tahun sebelumnya."
            )
            % {"doc": document.year, "year": year}
        )
