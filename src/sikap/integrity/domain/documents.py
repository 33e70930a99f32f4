"""Library documents (`sikap.evidence`) attached to the items of a ZI or SAKIP assessment."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.providers import PERFORMANCE_UNIT_EVIDENCE, ask
from sikap.evidence.domain import document_page_link, evidence_fit_check
from sikap.evidence.models import Document
from sikap.integrity.domain.items import item_code, item_for
from sikap.integrity.models import Assessment, Attachment


@transaction.atomic
def attachment_add(
    *, actor: Any, assessment: Assessment, code: str, document: Document
) -> Attachment:
    """Attach a library document to an item; same Pemda, active, and of a fitting year."""
    code = item_code(assessment, code)
    evidence_fit_check(document, pemda_id=assessment.pemda_id, year=assessment.year)
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
    doc = document_page_link(
        actor=actor,
        unit=assessment.unit,
        year=assessment.year,
        doc_type=entry["type"],
        title=entry["title"],
        path=entry["url"],
    )
    attachment_add(actor=actor, assessment=assessment, code=code, document=doc)
    return doc
