"""The evidence library: documents (file or link) kept once per Pemda, attached to many items."""

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
from sikap.core.providers import PERFORMANCE_UNIT_EVIDENCE, ask
from sikap.integrity.domain.files import evidence_check, storage_name
from sikap.integrity.domain.items import item_code, item_for
from sikap.integrity.models import Assessment, Attachment, Document, DocumentVersion
from sikap.org.models import OrgUnit

_DOC_FIELDS = ["unit", "year", "doc_type", "title", "kind", "url", "valid_until", "removed_at"]


def _user(actor: Any) -> Any:
    return (
        actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None
    )


def _title(title: str) -> str:
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
        uploaded_by=_user(actor),
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
    _check_year(year)
    evidence_check(upload)
    upload.seek(0)
    doc = Document(
        pemda_id=unit.pemda_id,
        unit=unit,
        year=year,
        doc_type=doc_type,
        title=_title(title),
        kind=Document.Kind.FILE,
        valid_until=valid_until,
        created_by=_user(actor),
    )
    doc.save()
    version = _store(actor, doc, upload)
    audit_record(
        actor=actor,
        action="integrity.document.upload",
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
    _check_year(year)
    url = clean_text(url).strip()
    if not url.lower().startswith(("https://", "http://")) or len(url) > 500:
        raise ValidationError({"url": _("Tautan harus diawali http:// atau https://.")})
    doc = Document(
        pemda_id=unit.pemda_id,
        unit=unit,
        year=year,
        doc_type=doc_type,
        title=_title(title),
        kind=Document.Kind.LINK,
        url=url,
        valid_until=valid_until,
        created_by=_user(actor),
    )
    return audited_save(
        doc, actor=actor, action="integrity.document.link", changes={}, watched=_DOC_FIELDS
    )


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
        action="integrity.document.replace",
        obj=doc,
        before={"version": before},
        after={"version": version.number, "sha256": version.sha256, "size": version.size},
    )
    document.current_number = doc.current_number
    return version


@transaction.atomic
def document_remove(*, actor: Any, document: Document) -> list[str]:
    """Take a document out of the library and off every item; returns the items it left."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    if doc.removed_at is not None:
        return []
    links = list(Attachment.objects.filter(document=doc).select_related("item__assessment__unit"))
    left = [
        f"{a.item.assessment.get_kind_display()} {a.item.assessment.year} "
        f"{a.item.assessment.unit.code} {a.item.code}"
        for a in links
    ]
    Attachment.objects.filter(document=doc).delete()
    audited_save(
        doc,
        actor=actor,
        action="integrity.document.remove",
        changes={"removed_at": timezone.now()},
        watched=["removed_at"],
    )
    audit_record(
        actor=actor,
        action="integrity.document.detach_all",
        obj=doc,
        before={"items": left},
        after={"items": []},
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


@transaction.atomic
def attachment_add(
    *, actor: Any, assessment: Assessment, code: str, document: Document
) -> Attachment:
    """Attach a library document to an item; same Pemda, active, and of a fitting year."""
    code = item_code(assessment, code)
    if document.pemda_id != assessment.pemda_id or document.removed_at is not None:
        raise ValidationError(_("Dokumen ini tidak ada di pustaka eviden pemda ini."))
    if not year_fits(document, assessment.year):
        raise ValidationError(
            _(
                "Dokumen tahun %(doc)s tidak dapat menjadi eviden penilaian tahun %(year)s: "
                "gunakan eviden tahun berjalan atau tahun sebelumnya."
            )
            % {"doc": document.year, "year": assessment.year}
        )
    item = item_for(assessment, code)
    link, created = Attachment.objects.get_or_create(item=item, document=document)
    if created:
        audit_record(
            actor=actor,
            action="integrity.attachment.add",
            obj=assessment,
            after={"item": code, "document": document.pk},
        )
    return link


@transaction.atomic
def attachment_remove(*, actor: Any, assessment: Assessment, code: str, document: Document) -> bool:
    deleted, _ = Attachment.objects.filter(
        item__assessment=assessment, item__code=code, document=document
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="integrity.attachment.remove",
            obj=assessment,
            before={"item": code, "document": document.pk},
        )
    return bool(deleted)


@transaction.atomic
def sikap_evidence_attach(*, actor: Any, assessment: Assessment, code: str, ref: str) -> Document:
    """Attach one of the unit's performance documents of the year (its signed PK, realisasi,
    LKjIP draft; offered by the performance app through a provider, read with the actor's
    scoping) to an item. The library keeps it once as a link to the scoped performance page,
    so whoever opens it passes that page's own scoping."""
    if assessment.stage == Assessment.Stage.PROPOSED:
        raise ValidationError(_("Penilaian ini sudah diusulkan; isian tidak dapat diubah lagi."))
    offers = ask(PERFORMANCE_UNIT_EVIDENCE, user=actor, unit=assessment.unit, year=assessment.year)
    entry = next((o for o in offers or [] if o["key"] == ref), None)
    if entry is None:
        raise ValidationError(
            _("Dokumen kinerja ini tidak tersedia untuk unit dan tahun penilaian ini.")
        )
    doc = Document.objects.filter(
        pemda_id=assessment.pemda_id,
        unit=assessment.unit,
        year=assessment.year,
        kind=Document.Kind.LINK,
        url=entry["url"],
        removed_at__isnull=True,
    ).first()
    if doc is None:
        doc = audited_save(
            Document(
                pemda_id=assessment.pemda_id,
                unit=assessment.unit,
                year=assessment.year,
                doc_type=entry["type"],
                title=_title(entry["title"]),
                kind=Document.Kind.LINK,
                url=entry["url"],
                created_by=_user(actor),
            ),
            actor=actor,
            action="integrity.document.link",
            changes={},
            watched=_DOC_FIELDS,
        )
    attachment_add(actor=actor, assessment=assessment, code=code, document=doc)
    return doc
