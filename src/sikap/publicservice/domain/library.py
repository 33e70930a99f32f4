"""Evidence from the library (`sikap.evidence`) on Ombudsman checklist items, PEKPPP
indicators and SKM follow-ups: upload into the library and attach, attach a document already
there, detach.

The document belongs to the service unit's org unit and the assessment's year (a follow-up's:
the year of its period); the library's
own checks apply (file type, size and name; the year of the evidence against the year of the
assessment; same Pemda, still in the library). Every write is atomic and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.evidence import domain as library
from sikap.evidence.models import Document
from sikap.publicservice.domain.ombudsman import ombudsman_assessment_ensure
from sikap.publicservice.domain.pekppp import pekppp_evaluation_ensure
from sikap.publicservice.library_models import LibraryEvidence
from sikap.publicservice.models import (
    FollowUp,
    OmbudsmanItem,
    PekpppScore,
    ServiceUnit,
)
from sikap.rules import ombudsman_checklist, pekppp


@dataclass(frozen=True)
class Scheme:
    """An assessment whose rows take library evidence."""

    key: str
    row_field: str  # LibraryEvidence's foreign key to the row


OMBUDSMAN = Scheme("ombudsman", "ombudsman_item")
PEKPPP = Scheme("pekppp", "pekppp_score")
FOLLOWUP = Scheme("followup", "follow_up")
SCHEMES = {s.key: s for s in (OMBUDSMAN, PEKPPP)}


def scheme_codes(scheme: Scheme, year: int) -> list[str]:
    """The row codes of the scheme's rulebook for `year`, in rulebook order."""
    if scheme is OMBUDSMAN:
        return list(ombudsman_checklist.checklist(year).codes)
    return [i.code for i in pekppp.RULEBOOKS.select(year).indicators]


def _row(
    *, actor: Any, service_unit: ServiceUnit, scheme: Scheme, year: int, code: str, create: bool
) -> Any:
    """The unit's row `code` of the year (made, with its assessment, when `create`); a code
    the year's rulebook does not know is refused."""
    if code not in scheme_codes(scheme, year):
        raise ValidationError(_("Indikator %(c)s tidak dikenal.") % {"c": code})
    if scheme is OMBUDSMAN:
        if not create:
            return OmbudsmanItem.objects.filter(
                assessment__service_unit=service_unit, assessment__year=year, code=code
            ).first()
        assessment = ombudsman_assessment_ensure(actor=actor, service_unit=service_unit, year=year)
        return OmbudsmanItem.objects.get_or_create(assessment=assessment, code=code)[0]
    if not create:
        return PekpppScore.objects.filter(
            evaluation__service_unit=service_unit, evaluation__year=year, code=code
        ).first()
    evaluation = pekppp_evaluation_ensure(actor=actor, service_unit=service_unit, year=year)
    return PekpppScore.objects.get_or_create(evaluation=evaluation, code=code)[0]


def _attach(
    *, actor: Any, service_unit: ServiceUnit, scheme: Scheme, year: int, row: Any, doc: Document
) -> LibraryEvidence:
    link, created = LibraryEvidence.objects.get_or_create(**{scheme.row_field: row}, document=doc)
    if created:
        audit_record(
            actor=actor,
            action=f"{scheme.key}.evidence.attach",
            obj=row,
            pemda_id=service_unit.pemda_id,
            after={"code": _code(row), "year": year, "document": doc.pk, "title": doc.title},
        )
    return link


@transaction.atomic
def library_evidence_upload(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    scheme: Scheme,
    year: int,
    code: str,
    doc_type: str,
    title: str,
    upload: Any,
) -> LibraryEvidence:
    """Store the file in the library as a document of the unit and the year, and attach it
    to row `code`; a refused file or code leaves nothing behind."""
    row = _row(
        actor=actor, service_unit=service_unit, scheme=scheme, year=year, code=code, create=True
    )
    doc = library.document_upload(
        actor=actor,
        unit=service_unit.unit,
        year=year,
        doc_type=doc_type,
        title=title,
        upload=upload,
    )
    return _attach(
        actor=actor, service_unit=service_unit, scheme=scheme, year=year, row=row, doc=doc
    )


@transaction.atomic
def library_evidence_attach(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    scheme: Scheme,
    year: int,
    code: str,
    document: Document,
) -> LibraryEvidence:
    """Attach a document already in the library to row `code`: the document of this Pemda,
    still in the library, of a year that fits the assessment's (that year, the one before,
    or still valid in it)."""
    library.evidence_fit_check(document, pemda_id=service_unit.pemda_id, year=year)
    row = _row(
        actor=actor, service_unit=service_unit, scheme=scheme, year=year, code=code, create=True
    )
    return _attach(
        actor=actor, service_unit=service_unit, scheme=scheme, year=year, row=row, doc=document
    )


@transaction.atomic
def library_evidence_detach(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    scheme: Scheme,
    year: int,
    code: str,
    document: Document,
) -> bool:
    """Take the document off row `code`; the document stays in the library."""
    row = _row(
        actor=actor, service_unit=service_unit, scheme=scheme, year=year, code=code, create=False
    )
    if row is None:
        return False
    deleted, _count = LibraryEvidence.objects.filter(
        **{scheme.row_field: row}, document=document
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=f"{scheme.key}.evidence.detach",
            obj=row,
            pemda_id=service_unit.pemda_id,
            before={"code": code, "year": year, "document": document.pk, "title": document.title},
        )
    return bool(deleted)


@transaction.atomic
def library_evidence_release(*, actor: Any, document: Document) -> None:
    """The document leaves the library: off every Ombudsman and PEKPPP row, each audited."""
    links = LibraryEvidence.objects.filter(document=document).select_related(
        "ombudsman_item__assessment__service_unit",
        "pekppp_score__evaluation__service_unit",
        "follow_up__service_unit",
    )
    for link in links:
        key, row, year, service_unit = link.target()
        link.delete()
        audit_record(
            actor=actor,
            action=f"{key}.evidence.detach",
            obj=row,
            pemda_id=service_unit.pemda_id,
            before={
                "code": _code(row),
                "year": year,
                "document": document.pk,
                "title": document.title,
            },
        )


def _code(row: Any) -> str:
    """What names a row in the audit: an indicator's code, a follow-up's period and unsur."""
    return row.code if hasattr(row, "code") else f"{row.period} {row.unsur}"


def followup_year(followup: FollowUp) -> int:
    return int(followup.period[:4])


@transaction.atomic
def followup_evidence_upload(
    *, actor: Any, followup: FollowUp, doc_type: str, title: str, upload: Any
) -> LibraryEvidence:
    """Store the file in the library as a document of the follow-up's unit and the year of
    its period, and attach it to the follow-up."""
    su = followup.service_unit
    year = followup_year(followup)
    doc = library.document_upload(
        actor=actor, unit=su.unit, year=year, doc_type=doc_type, title=title, upload=upload
    )
    return _attach(actor=actor, service_unit=su, scheme=FOLLOWUP, year=year, row=followup, doc=doc)


@transaction.atomic
def followup_evidence_attach(
    *, actor: Any, followup: FollowUp, document: Document
) -> LibraryEvidence:
    """Attach a library document of a fitting year to the follow-up."""
    su = followup.service_unit
    year = followup_year(followup)
    library.evidence_fit_check(document, pemda_id=su.pemda_id, year=year)
    return _attach(
        actor=actor, service_unit=su, scheme=FOLLOWUP, year=year, row=followup, doc=document
    )


@transaction.atomic
def followup_evidence_detach(*, actor: Any, followup: FollowUp, document: Document) -> bool:
    """Take the document off the follow-up; it stays in the library. A follow-up already
    done keeps at least one piece of evidence."""
    links = LibraryEvidence.objects.filter(follow_up=followup)
    if not links.filter(document=document).exists():
        return False
    if (
        followup.status == FollowUp.Status.DONE
        and not followup.evidence
        and links.exclude(document=document).count() == 0
    ):
        raise ValidationError(
            _("Tindak lanjut selesai memerlukan bukti: lampirkan bukti lain sebelum melepas ini.")
        )
    links.filter(document=document).delete()
    audit_record(
        actor=actor,
        action="followup.evidence.detach",
        obj=followup,
        pemda_id=followup.service_unit.pemda_id,
        before={
            "code": _code(followup),
            "year": followup_year(followup),
            "document": document.pk,
            "title": document.title,
        },
    )
    return True
