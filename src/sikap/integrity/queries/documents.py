"""Reads of the evidence library, through the scoping gate."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_by_unit
from sikap.integrity.models import Assessment, Attachment, Document, DocumentVersion
from sikap.org.models import Pemda


def documents_visible(
    user: Any, pemda: Pemda, *, capability: str = Cap.INTEGRITY_VIEW
) -> QuerySet[Document]:
    qs = Document.objects.filter(pemda=pemda, removed_at__isnull=True)
    qs = scope_by_unit(qs, user, capability).select_related("unit")
    return qs.annotate(uses=Count("attachments"))


def document_get(
    user: Any, pemda: Pemda, pk: object, *, capability: str = Cap.INTEGRITY_VIEW
) -> Document:
    qs = scope_by_unit(Document.objects.filter(pemda=pemda), user, capability)
    return get_in_scope(qs.select_related("unit"), pk=pk)


def version_for_download(user: Any, pemda: Pemda, pk: object, number: object) -> DocumentVersion:
    """A stored version the user may read: the document's unit is in reach, or it is evidence
    of an assessment in reach (a TPI reads what its units attached). 404 otherwise."""
    r = reach(user, Cap.INTEGRITY_VIEW)
    q = r.unit_q("document__unit") | Q(
        document__attachments__item__assessment__in=Assessment.objects.filter(
            r.unit_q("unit"), pemda=pemda
        )
    )
    qs = DocumentVersion.objects.filter(q, document__pemda=pemda).distinct()
    return get_in_scope(qs.select_related("document"), document_id=pk, number=number)


def document_usage(document: Document) -> list[dict[str, Any]]:
    """Where a document is attached: what would lose evidence if it were removed."""
    rows = Attachment.objects.filter(document=document).select_related("item__assessment__unit")
    return [
        {
            "assessment": a.item.assessment,
            "code": a.item.code,
            "unit": a.item.assessment.unit,
        }
        for a in rows.order_by("item__assessment__year", "item__code")
    ]


ATTACH_CHOICES = 300


def documents_for(user: Any, assessment: Assessment) -> QuerySet[Document]:
    """Library documents the user may attach to `assessment`: same Pemda, in reach, of a year
    that fits (the assessment's, the one before, or still valid), newest first; a page offers
    the first ATTACH_CHOICES."""
    y = assessment.year
    fits = Q(year__in=(y - 1, y)) | Q(year__lt=y, valid_until__year__gte=y)
    qs = Document.objects.filter(fits, pemda=assessment.pemda, removed_at__isnull=True)
    qs = scope_by_unit(qs, user, Cap.INTEGRITY_MANAGE).select_related("unit")
    return qs.order_by("-year", "title")
