"""The instansi's gates, the proposal to KemenPANRB, and the TPN's official result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audited_save
from sikap.core.inputs import clean_text
from sikap.core.versioning import version_append
from sikap.integrity import scoring
from sikap.integrity.domain.assessments import text_clean
from sikap.integrity.models import Assessment, PemdaGates, Proposal, TpnResult, TpnResultVersion
from sikap.org.models import Pemda
from sikap.rules import integrity_proposal as proposal

GRADE_CHOICES = ("AA", "A", "BB", "B", "CC", "C", "D", "E")


def _grade(value: str, what: str) -> str:
    g = clean_text(value or "").strip().upper()
    if g and g not in GRADE_CHOICES:
        raise ValidationError({what: _("Predikat %(g)s tidak dikenal (AA … E).") % {"g": g[:4]}})
    return g


@transaction.atomic
def gates_record(
    *,
    actor: Any,
    pemda: Pemda,
    year: int,
    wtp: bool | None,
    akip: str,
    indeks_rb: str,
    window_start: dt.date | None = None,
    window_end: dt.date | None = None,
) -> PemdaGates:
    """The instansi's figures for the proposal gates of a year (and a moved window)."""
    if (window_start is None) != (window_end is None) or (
        window_start and window_end and window_start > window_end
    ):
        raise ValidationError(_("Isi awal dan akhir masa usulan, awal tidak setelah akhir."))
    row = PemdaGates.objects.select_for_update().filter(pemda=pemda, year=year).first()
    if row is None:
        row = PemdaGates(pemda=pemda, year=year)
    return audited_save(
        row,
        actor=actor,
        action="integrity.gates.record",
        changes={
            "wtp": wtp,
            "akip": _grade(akip, "akip"),
            "indeks_rb": _grade(indeks_rb, "indeks_rb"),
            "window_start": window_start,
            "window_end": window_end,
        },
    )


def proposal_checks(assessment: Assessment, target: str, on: dt.date) -> dict[str, Any]:
    """Everything the proposal step checks, as plain data: gates, window, TPI-level conditions."""
    gates_row = PemdaGates.objects.filter(
        pemda_id=assessment.pemda_id, year=assessment.year
    ).first()
    window = None
    if gates_row and gates_row.window_start and gates_row.window_end:
        window = (gates_row.window_start, gates_row.window_end)
    gates = proposal.gates_check(
        target,
        wtp=gates_row.wtp if gates_row else None,
        akip=gates_row.akip if gates_row else "",
        indeks_rb=gates_row.indeks_rb if gates_row else "",
        on=on,
        window=window,
        year=assessment.year,
    )
    status = scoring.zi_status(assessment, "tpi")
    conditions = status.conditions[target]
    return {
        "target": target,
        "on": on.isoformat(),
        "gates": [g.to_dict() for g in gates],
        "conditions": [c.to_dict() for c in conditions],
        "total": status.result.total,
        "pengungkit": status.result.pengungkit,
        "hasil": status.result.hasil,
        "ok": all(g.met for g in gates) and all(c.met for c in conditions),
    }


@transaction.atomic
def proposal_make(
    *,
    actor: Any,
    assessment: Assessment,
    target: str,
    signatory: str,
    signatory_position: str,
    number: str = "",
    on: dt.date | None = None,
) -> Proposal:
    """Propose a TPI-reviewed unit for WBK or WBBM when every gate and condition is met."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.kind != Assessment.Kind.ZI:
        raise ValidationError(_("Hanya Zona Integritas yang diusulkan ke KemenPANRB."))
    if locked.stage != Assessment.Stage.REVIEWED:
        raise ValidationError(_("Usulan dibuat setelah reviu TPI selesai."))
    if target not in Assessment.Target.values:
        raise ValidationError({"target": _("Target harus WBK atau WBBM.")})
    signatory = text_clean(signatory, _("Penandatangan"))[:150]
    position = text_clean(signatory_position, _("Jabatan"))[:150]
    if not signatory or not position:
        raise ValidationError(_("Nama dan jabatan penandatangan wajib diisi."))
    day = on or timezone.localdate()
    checks = proposal_checks(locked, target, day)
    if not checks["ok"]:
        unmet = [g["rule"] for g in checks["gates"] if not g["met"]]
        unmet += [c["rule"] for c in checks["conditions"] if not c["met"]]
        raise ValidationError(
            _("Syarat usulan belum terpenuhi: %(list)s.") % {"list": ", ".join(unmet)}
        )
    proposal = audited_save(
        Proposal(
            assessment=locked,
            target=target,
            number=text_clean(number, _("Nomor surat"))[:100],
            signatory=signatory,
            signatory_position=position,
            snapshot=checks,
            made_by_label=(getattr(actor, "display_name", None) or str(actor))[:200],
        ),
        actor=actor,
        action="integrity.proposal.make",
        changes={},
        watched=["assessment", "target", "number", "signatory", "signatory_position"],
        pemda_id=locked.pemda_id,
    )
    audited_save(
        locked, actor=actor, action="integrity.stage.diusulkan", changes={"stage": "diusulkan"}
    )
    assessment.stage = locked.stage
    return proposal


@transaction.atomic
def tpn_result_record(
    *,
    actor: Any,
    assessment: Assessment,
    selection: str,
    verdict: str,
    score: str | Decimal | None = None,
    note: str = "",
    reason: str = "",
    confirmed_number: int | None = None,
) -> TpnResult:
    """KemenPANRB's result for a proposed unit; a change adds a version and needs a reason."""
    if assessment.stage != Assessment.Stage.PROPOSED:
        raise ValidationError(_("Hasil TPN dicatat untuk unit yang sudah diusulkan."))
    if selection not in TpnResult.Selection.values:
        raise ValidationError({"selection": _("Hasil seleksi administrasi tidak dikenal.")})
    if verdict not in TpnResult.Verdict.values:
        raise ValidationError({"verdict": _("Penetapan harus -, WBK atau WBBM.")})
    value: Decimal | None = None
    if score not in (None, ""):
        try:
            value = Decimal(str(score).replace(",", ".").strip()).quantize(Decimal("0.01"))
        except InvalidOperation as exc:
            raise ValidationError({"score": _("Nilai TPN harus angka 0–100.")}) from exc
        if not 0 <= value <= 100:
            raise ValidationError({"score": _("Nilai TPN harus angka 0–100.")})
    head = TpnResult.objects.select_for_update().filter(assessment=assessment).first()
    if head is None:
        head = TpnResult(assessment=assessment)
    version_append(
        actor=actor,
        head=head,
        version_model=TpnResultVersion,
        values={
            "selection": selection,
            "verdict": verdict,
            "score": value,
            "note": text_clean(note, _("Catatan")),
        },
        reason=reason,
        confirmed_number=confirmed_number,
        action="integrity.tpn.record",
        pemda_id=assessment.pemda_id,
    )
    return head
