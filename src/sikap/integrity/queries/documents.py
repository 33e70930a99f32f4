"""Library documents as the integrity pages read them: what may be attached, where used."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sikap.core.roles import Cap
from sikap.core.scoping import reach
from sikap.evidence.models import Document
from sikap.evidence.queries import documents_fitting
from sikap.integrity.models import Assessment, Attachment

ATTACH_CHOICES = 300


def documents_for(user: Any, assessment: Assessment) -> QuerySet[Document]:
    """Library documents the user may attach to `assessment`: same Pemda, in reach, of a year
    that fits, newest first; a page offers the first ATTACH_CHOICES."""
    return documents_fitting(user, assessment.pemda, assessment.year, Cap.INTEGRITY_MANAGE)


def attachments_of(document_ids: list[int]) -> QuerySet[Attachment]:
    """The ZI and SAKIP items the documents are attached to (the library's "where used")."""
    return (
        Attachment.objects.filter(document_id__in=document_ids)
        .select_related("item__assessment__unit")
        .order_by("item__assessment__year", "item__code", "pk")
    )


def documents_readable(user: Any, pemda: Any) -> QuerySet[Any]:
    """Ids of documents attached to an assessment the user may read."""
    r = reach(user, Cap.INTEGRITY_VIEW)
    return Attachment.objects.filter(
        item__assessment__in=Assessment.objects.filter(r.unit_q("unit"), pemda=pemda)
    ).values("document_id")
