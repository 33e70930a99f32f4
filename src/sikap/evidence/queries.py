"""Reads of the evidence library, through the scoping gate."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_by_unit
from sikap.evidence.models import Document, DocumentVersion
from sikap.evidence.uses import Use, readable_q, uses_of
from sikap.org.models import Pemda


def documents_visible(
    user: Any, pemda: Pemda, *, capability: str = Cap.EVIDENCE_VIEW
) -> QuerySet[Document]:
    qs = Document.objects.filter(pemda=pemda, removed_at__isnull=True)
    return scope_by_unit(qs, user, capability).select_related("unit")


def with_use_counts(documents: list[Document]) -> list[Document]:
    """The documents, each with `uses`: how many items of any app it is evidence of."""
    found = uses_of(d.pk for d in documents)
    for d in documents:
        d.uses = len(found.get(d.pk, []))  # type: ignore[attr-defined]
    return documents


def document_get(
    user: Any, pemda: Pemda, pk: object, *, capability: str = Cap.EVIDENCE_VIEW
) -> Document:
    qs = scope_by_unit(Document.objects.filter(pemda=pemda), user, capability)
    return get_in_scope(qs.select_related("unit"), pk=pk)


def document_uses(document: Document) -> list[Use]:
    """Where a document is used, in every app that registered its uses: what would lose
    evidence if it were removed."""
    return uses_of([document.pk])[document.pk]


def version_for_download(user: Any, pemda: Pemda, pk: object, number: object) -> DocumentVersion:
    """A stored version the user may read: the document's unit is in reach, or it is evidence
    of something the user may read in an app that uses it (a TPI reads what its units
    attached). 404 otherwise."""
    q = reach(user, Cap.EVIDENCE_VIEW).unit_q("document__unit") | readable_q(
        user, pemda, "document_id"
    )
    qs = DocumentVersion.objects.filter(q, document__pemda=pemda).distinct()
    return get_in_scope(qs.select_related("document"), document_id=pk, number=number)


def documents_fitting(user: Any, pemda: Pemda, year: int, capability: str) -> QuerySet[Document]:
    """Library documents the user may attach to an assessment of `year`: same Pemda, in
    reach, of a year that fits (that year, the one before, or still valid), newest first."""
    fits = Q(year__in=(year - 1, year)) | Q(year__lt=year, valid_until__year__gte=year)
    qs = Document.objects.filter(fits, pemda=pemda, removed_at__isnull=True)
    return scope_by_unit(qs, user, capability).select_related("unit").order_by("-year", "title")
