"""Writes of the Ombudsman self-assessment (checklist, complaints) and its findings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.org.models import OrgUnit
from sikap.publicservice.domain.evidence import evidence_validate
from sikap.publicservice.models import (
    ServiceUnit,
)
from sikap.rules import ombudsman_checklist

# --- Ombudsman -----------------------------------------------------------------------------


def ombudsman_finding_add(*, actor: Any, result: Any, text: str, unit: OrgUnit | None) -> Any:
    from sikap.publicservice.models import OmbudsmanFinding

    if not text.strip():
        raise ValidationError(_("Isi temuan wajib diisi."))
    if unit is not None and unit.pemda_id != result.pemda_id:
        raise ValidationError(_("Unit temuan harus milik pemda ini."))
    with transaction.atomic():
        finding = OmbudsmanFinding.objects.create(result=result, unit=unit, text=text.strip())
        audit_record(
            actor=actor,
            action="ombudsman.finding.add",
            obj=finding,
            pemda_id=result.pemda_id,
            after=snapshot(finding, ["text", "unit", "status"]),
        )
    return finding


def ombudsman_finding_update(
    *, actor: Any, finding: Any, status: str, closure_note: str = "", evidence: Any = None
) -> Any:
    from sikap.publicservice.models import OmbudsmanFinding

    if status not in OmbudsmanFinding.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if status == OmbudsmanFinding.Status.CLOSED and evidence is None and not finding.evidence:
        raise ValidationError(_("Temuan hanya dapat ditutup dengan bukti penyelesaian."))
    evidence_validate(evidence)
    changes = {
        "status": status,
        "closure_note": closure_note.strip(),
        "closed_on": timezone.localdate() if status == "closed" else None,
    }
    if evidence is not None:
        changes["evidence"] = evidence
    with transaction.atomic():
        audited_save(
            finding,
            actor=actor,
            action="ombudsman.finding.update",
            changes=changes,
            watched=["status", "closure_note", "evidence"],
            pemda_id=finding.result.pemda_id,
        )
    return finding


def ombudsman_assessment_ensure(*, actor: Any, service_unit: ServiceUnit, year: int) -> Any:
    from sikap.publicservice.models import OmbudsmanAssessment
    from sikap.rules import RuleError, ombudsman

    try:
        has_dimensions = bool(ombudsman.dimensions(year))
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    if not has_dimensions:
        raise ValidationError(
            _("Metode Ombudsman tahun %(year)s belum memakai dimensi berbobot.") % {"year": year}
        )
    with transaction.atomic():
        row = OmbudsmanAssessment.objects.filter(service_unit=service_unit, year=year).first()
        if row is not None:
            return row
        row = OmbudsmanAssessment.objects.create(service_unit=service_unit, year=year)
        audit_record(
            actor=actor,
            action="ombudsman.assessment.create",
            obj=row,
            pemda_id=service_unit.pemda_id,
            after={"year": year},
        )
    return row


def ombudsman_item_set(
    *,
    actor: Any,
    assessment: Any,
    code: str,
    score: int | None,
    note: str = "",
) -> Any:
    """Score one checklist item (evidence comes from the library, `domain.library`)."""
    from sikap.publicservice.models import OmbudsmanItem

    book = ombudsman_checklist.checklist(assessment.year)
    if code not in book.codes:
        raise ValidationError(_("Indikator %(c)s tidak dikenal.") % {"c": code})
    if score is not None and not book.scale_min <= score <= book.scale_max:
        raise ValidationError(_("Nilai indikator harus 0–%(m)s.") % {"m": book.scale_max})
    changes: dict[str, Any] = {"score": score, "note": note.strip()}
    with transaction.atomic():
        item = OmbudsmanItem.objects.filter(assessment=assessment, code=code).first()
        return audited_save(
            item or OmbudsmanItem(assessment=assessment, code=code),
            actor=actor,
            action="ombudsman.item.set",
            changes=changes,
            watched=["score", "note"],
            pemda_id=assessment.service_unit.pemda_id,
        )


def ombudsman_complaints_set(
    *, actor: Any, assessment: Any, received: int | None, resolved: int | None
) -> Any:
    if (received is None) != (resolved is None):
        raise ValidationError(
            _("Isi jumlah pengaduan diterima dan diselesaikan, atau kosongkan keduanya.")
        )
    if received is not None and resolved is not None:
        if received < 0 or resolved < 0:
            raise ValidationError(_("Jumlah pengaduan tidak boleh negatif."))
        if resolved > received:
            raise ValidationError(_("Pengaduan diselesaikan tidak boleh melebihi yang diterima."))
    with transaction.atomic():
        return audited_save(
            assessment,
            actor=actor,
            action="ombudsman.complaints.set",
            changes={"complaints_received": received, "complaints_resolved": resolved},
            pemda_id=assessment.service_unit.pemda_id,
        )


def ombudsman_checklist_answer(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    year: int,
    code: str,
    score: int | None,
    note: str = "",
) -> Any:
    """Score one item of the unit's checklist for `year`, starting the assessment on the first
    answer; a refused answer leaves no assessment behind."""
    with transaction.atomic():
        assessment = ombudsman_assessment_ensure(actor=actor, service_unit=service_unit, year=year)
        return ombudsman_item_set(
            actor=actor,
            assessment=assessment,
            code=code,
            score=score,
            note=note,
        )


def ombudsman_complaints_record(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    year: int,
    received: int | None,
    resolved: int | None,
) -> Any:
    """Set the complaints counted for `year`, starting the unit's assessment if needed."""
    with transaction.atomic():
        assessment = ombudsman_assessment_ensure(actor=actor, service_unit=service_unit, year=year)
        return ombudsman_complaints_set(
            actor=actor, assessment=assessment, received=received, resolved=resolved
        )
