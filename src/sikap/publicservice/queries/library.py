"""Library evidence (`sikap.evidence`) as the Ombudsman and PEKPPP pages read it, and the
library's "where used" for them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope
from sikap.evidence.models import Document
from sikap.evidence.queries import documents_fitting, documents_visible
from sikap.evidence.uses import Use
from sikap.org.models import Pemda
from sikap.publicservice.library_models import LibraryEvidence
from sikap.publicservice.queries.ombudsman import ombudsman_assessments
from sikap.publicservice.queries.pekppp import pekppp_evaluations
from sikap.publicservice.queries.units import follow_ups

PICK_CHOICES = 300


def library_documents_for(user: Any, pemda: Pemda, year: int) -> list[Document]:
    """Library documents a unit manager may attach to an assessment of `year` (of units in
    their reach, of a fitting year), newest first: the picker's first PICK_CHOICES."""
    return list(documents_fitting(user, pemda, year, Cap.SERVICE_MANAGE)[:PICK_CHOICES])


def library_document_get(user: Any, pemda: Pemda, pk: object) -> Document:
    """A library document of a unit in the manager's reach; 404 otherwise (the year is the
    domain's to check, so a document of another year is refused with its reason)."""
    return get_in_scope(documents_visible(user, pemda, capability=Cap.SERVICE_MANAGE), pk=pk)


def _links(document_ids: list[int]) -> QuerySet[LibraryEvidence]:
    return (
        LibraryEvidence.objects.filter(document_id__in=document_ids)
        .select_related(
            "ombudsman_item__assessment__service_unit__unit",
            "pekppp_score__evaluation__service_unit__unit",
            "follow_up__service_unit__unit",
        )
        .order_by("pk")
    )


def library_evidence_uses(document_ids: list[int]) -> list[Use]:
    """Every Ombudsman item, PEKPPP indicator and SKM follow-up the documents are evidence of."""
    found = []
    for link in _links(document_ids):
        key, row, year, su = link.target()
        if key == "followup":
            label = _("Tindak lanjut SKM %(period)s · %(unit)s · %(unsur)s") % {
                "period": row.period,
                "unit": su.unit.name,
                "unsur": row.unsur,
            }
            url = reverse("publicservice:followup_edit", args=[row.pk])
            breaks = _("tindak lanjut %(unsur)s kehilangan bukti ini") % {"unsur": row.unsur}
        else:
            name = "Ombudsman" if key == "ombudsman" else "PEKPPP"
            label = f"{name} {year} · {su.unit.name} · {row.code}"
            url = reverse(f"publicservice:{key}_unit", args=[su.pk])
            url = f"{url}?year={year}#ev-{row.code}"
            breaks = _("indikator %(code)s kehilangan bukti ini") % {"code": row.code}
        found.append(Use(document_id=link.document_id, label=label, url=url, breaks=breaks))
    return found


def library_documents_readable(user: Any, pemda: Pemda) -> QuerySet[Any]:
    """Ids of documents that are evidence of an Ombudsman self-assessment or a PEKPPP
    evaluation the user may read (the pages' own scope: service.results over the unit)."""
    return LibraryEvidence.objects.filter(
        Q(ombudsman_item__assessment__in=ombudsman_assessments(user, Cap.SERVICE_RESULTS))
        | Q(pekppp_score__evaluation__in=pekppp_evaluations(user, Cap.SERVICE_RESULTS))
        | Q(follow_up__in=follow_ups(user, Cap.SERVICE_RESULTS)),
        document__pemda=pemda,
    ).values("document_id")


def library_evidence_of(scheme_key: str, parent: Any) -> dict[str, list[Document]]:
    """The library documents attached to each row of an Ombudsman self-assessment or a PEKPPP
    evaluation (`parent`), by the row's code, in the order they were attached."""
    field = "ombudsman_item" if scheme_key == "ombudsman" else "pekppp_score"
    parent_field = "assessment" if scheme_key == "ombudsman" else "evaluation"
    links = (
        LibraryEvidence.objects.filter(**{f"{field}__{parent_field}": parent})
        .select_related(field, "document")
        .order_by("pk")
    )
    found: dict[str, list[Document]] = {}
    for link in links:
        found.setdefault(getattr(link, field).code, []).append(link.document)
    return found


def library_attached_get(
    scheme_key: str, service_unit: Any, year: int, code: str, pk: object
) -> Document:
    """A document attached to the unit's row `code` of `year`; 404 otherwise (the row is the
    manager's, whoever owns the document)."""
    field = "ombudsman_item" if scheme_key == "ombudsman" else "pekppp_score"
    parent = f"{field}__assessment" if scheme_key == "ombudsman" else f"{field}__evaluation"
    links = LibraryEvidence.objects.filter(
        **{f"{parent}__service_unit": service_unit, f"{parent}__year": year, f"{field}__code": code}
    )
    return get_in_scope(Document.objects.filter(pk__in=links.values("document_id")), pk=pk)


def followup_documents(followup: Any) -> list[Document]:
    """The library documents attached to a follow-up, in the order they were attached."""
    links = LibraryEvidence.objects.filter(follow_up=followup).select_related("document")
    return [link.document for link in links.order_by("pk")]


def followup_attached_get(followup: Any, pk: object) -> Document:
    """A document attached to the follow-up; 404 otherwise."""
    links = LibraryEvidence.objects.filter(follow_up=followup)
    return get_in_scope(Document.objects.filter(pk__in=links.values("document_id")), pk=pk)
