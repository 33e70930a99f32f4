"""Starting an assessment, its team and PICs, the unit's answers and the hasil figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.inputs import clean_text
from sikap.evidence.models import Document
from sikap.integrity.domain.items import item_code, item_for
from sikap.integrity.domain.snapshots import snapshot_refresh
from sikap.integrity.hasil import sikap_figure
from sikap.integrity.models import (
    Assessment,
    HasilFigure,
    ItemScore,
    TeamMember,
)
from sikap.org.models import OrgUnit
from sikap.rules import integrity as rules
from sikap.rules.errors import RuleError

TEXT_MAX = 2000


def text_clean(value: str, what: str) -> str:
    text = clean_text(value or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(
            _("%(what)s terlalu panjang (paling banyak %(n)s karakter).")
            % {"what": what, "n": TEXT_MAX}
        )
    return text


def _label(actor: Any) -> str:
    return (getattr(actor, "display_name", None) or str(actor))[:200]


def _open_for_unit(assessment: Assessment) -> None:
    if assessment.stage == Assessment.Stage.PROPOSED:
        raise ValidationError(_("Penilaian ini sudah diusulkan; isian tidak dapat diubah lagi."))


def _team_open(assessment: Assessment) -> None:
    """The team (its members and each item's person in charge) is fixed once the unit is
    proposed: the proposal names the team as it stood."""
    if assessment.stage == Assessment.Stage.PROPOSED:
        raise ValidationError(
            _("Penilaian ini sudah diusulkan; tim penilaian tidak dapat diubah lagi.")
        )


@transaction.atomic
def assessment_start(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    year: int,
    target: str = "wbk",
    pencanangan_date: dt.date | None = None,
    pencanangan_document: Document | None = None,
) -> Assessment:
    """A unit's ZI or SAKIP self-assessment of a year (one per unit, kind and year)."""
    if kind not in Assessment.Kind.values:
        raise ValidationError({"kind": _("Jenis penilaian tidak dikenal.")})
    if target not in Assessment.Target.values:
        raise ValidationError({"target": _("Target harus WBK atau WBBM.")})
    try:
        rules.RULEBOOKS.select(year)
    except RuleError as exc:
        raise ValidationError(
            {"year": _("Belum ada aturan LKE untuk tahun %(y)s.") % {"y": year}}
        ) from exc
    if pencanangan_document is not None and pencanangan_document.pemda_id != unit.pemda_id:
        raise ValidationError(
            {"pencanangan_document": _("Dokumen tidak ada di pustaka pemda ini.")}
        )
    if Assessment.objects.filter(unit=unit, kind=kind, year=year).exists():
        raise ValidationError(_("Penilaian ini sudah dimulai untuk unit dan tahun tersebut."))
    obj = Assessment(
        pemda_id=unit.pemda_id,
        unit=unit,
        kind=kind,
        year=year,
        target=target,
        pencanangan_date=pencanangan_date,
        pencanangan_document=pencanangan_document,
    )
    try:
        with transaction.atomic():
            audited_save(
                obj,
                actor=actor,
                action="integrity.assessment.start",
                changes={},
                watched=["unit", "kind", "year", "target", "pencanangan_date"],
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Penilaian ini sudah dimulai untuk unit dan tahun tersebut.")
        ) from exc
    snapshot_refresh(obj)
    return obj


@transaction.atomic
def assessment_settings_set(
    *,
    actor: Any,
    assessment: Assessment,
    target: str,
    pencanangan_date: dt.date | None,
    pencanangan_document: Document | None,
    sakip_inclusive: bool,
) -> Assessment:
    _open_for_unit(assessment)
    if target not in Assessment.Target.values:
        raise ValidationError({"target": _("Target harus WBK atau WBBM.")})
    if pencanangan_document is not None and pencanangan_document.pemda_id != assessment.pemda_id:
        raise ValidationError(
            {"pencanangan_document": _("Dokumen tidak ada di pustaka pemda ini.")}
        )
    audited_save(
        assessment,
        actor=actor,
        action="integrity.assessment.settings",
        changes={
            "target": target,
            "pencanangan_date": pencanangan_date,
            "pencanangan_document": pencanangan_document,
            "sakip_inclusive": sakip_inclusive,
        },
    )
    snapshot_refresh(assessment)
    return assessment


@transaction.atomic
def team_member_add(
    *, actor: Any, assessment: Assessment, name: str, position: str = "", role: str = "anggota"
) -> TeamMember:
    """Add a member of the team; not once the unit has been proposed."""
    _team_open(assessment)
    name = text_clean(name, _("Nama"))[:150]
    if not name:
        raise ValidationError({"name": _("Nama anggota tim wajib diisi.")})
    if role not in TeamMember.Role.values:
        raise ValidationError({"role": _("Peran harus ketua atau anggota.")})
    member = TeamMember(
        assessment=assessment,
        name=name,
        position=text_clean(position, _("Jabatan"))[:150],
        role=role,
    )
    return audited_save(
        member,
        actor=actor,
        action="integrity.team.add",
        changes={},
        watched=["assessment", "name", "position", "role"],
        pemda_id=assessment.pemda_id,
    )


@transaction.atomic
def team_member_remove(*, actor: Any, member: TeamMember) -> None:
    """Remove a member of the team; not once the unit has been proposed (the proposal names
    its team as it stood)."""
    _team_open(member.assessment)
    before = snapshot(member, ["assessment", "name", "position", "role"])
    pemda_id = member.assessment.pemda_id
    audit_record(
        actor=actor, action="integrity.team.remove", obj=member, pemda_id=pemda_id, before=before
    )
    member.delete()


@transaction.atomic
def item_pic_set(*, actor: Any, assessment: Assessment, code: str, pic: str) -> None:
    """The person in charge of an item; part of the team, so fixed once proposed."""
    _team_open(assessment)
    item = item_for(assessment, item_code(assessment, code))
    audited_save(
        item,
        actor=actor,
        action="integrity.item.pic",
        changes={"pic": text_clean(pic, _("Penanggung jawab"))[:150]},
        pemda_id=assessment.pemda_id,
    )


def score_set(
    *,
    actor: Any,
    assessment: Assessment,
    code: str,
    level: str,
    changes: dict[str, Any],
    action: str,
) -> ItemScore:
    item = item_for(assessment, code)
    score = ItemScore.objects.select_for_update().filter(item=item, level=level).first()
    if score is None:
        score = ItemScore(item=item, level=level)
    return audited_save(
        score,
        actor=actor,
        action=action,
        changes={**changes, "recorded_by_label": _label(actor)},
        watched=["item", "level", *changes],
        pemda_id=assessment.pemda_id,
    )


def answer_normalise(assessment: Assessment, code: str, answer: str) -> str:
    try:
        return rules.normalise_answer(assessment.kind, code, answer, year=assessment.year)
    except RuleError as exc:
        raise ValidationError({"answer": exc.message_id}) from exc


@transaction.atomic
def answer_record(
    *,
    actor: Any,
    assessment: Assessment,
    code: str,
    answer: str,
    justification: str = "",
    refresh: bool = True,
) -> ItemScore:
    """The unit's own answer to an item (level "self"); an empty answer clears it."""
    _open_for_unit(assessment)
    code = item_code(assessment, code)
    text = clean_text(answer or "").strip()
    value = answer_normalise(assessment, code, text) if text else ""
    item = item_for(assessment, code)
    why = text_clean(justification, _("Penjelasan"))
    if why != item.justification:
        audited_save(
            item,
            actor=actor,
            action="integrity.item.justification",
            changes={"justification": why},
            pemda_id=assessment.pemda_id,
        )
    score = score_set(
        actor=actor,
        assessment=assessment,
        code=code,
        level=ItemScore.Level.SELF,
        changes={"answer": value},
        action="integrity.answer.self",
    )
    if refresh:
        snapshot_refresh(assessment)
    return score


@transaction.atomic
def hasil_record(
    *,
    actor: Any,
    assessment: Assessment,
    key: str,
    value: str,
    source: str,
    source_note: str = "",
) -> HasilFigure:
    """A hasil figure: capaian kinerja as option A–E or LKE points 0–5; IPAK/IPKP as a survey
    index 1–4. `source` says where it comes from (external figures name their source)."""
    _open_for_unit(assessment)
    if assessment.kind != Assessment.Kind.ZI:
        raise ValidationError(_("Komponen hasil hanya ada pada LKE Zona Integritas."))
    if key not in HasilFigure.Key.values:
        raise ValidationError({"key": _("Komponen hasil tidak dikenal.")})
    # "sikap" is for figures SIKAP computes itself; a typed-in figure is external or manual.
    if source not in (HasilFigure.Source.EXTERNAL, HasilFigure.Source.MANUAL):
        raise ValidationError({"source": _("Sumber nilai tidak dikenal.")})
    note = text_clean(source_note, _("Keterangan sumber"))[:300]
    if source == HasilFigure.Source.EXTERNAL and not note:
        raise ValidationError({"source_note": _("Nilai eksternal wajib menyebut sumbernya.")})
    raw = clean_text(value or "").strip().replace(",", ".")
    try:
        if key == HasilFigure.Key.CAPAIAN:
            points = rules.capaian_points(raw, year=assessment.year)
        else:
            points = rules.survey_points(raw, year=assessment.year, what=key.upper())
    except RuleError as exc:
        raise ValidationError({"value": exc.message_id}) from exc
    figure = HasilFigure.objects.select_for_update().filter(assessment=assessment, key=key).first()
    if figure is None:
        figure = HasilFigure(assessment=assessment, key=key)
    audited_save(
        figure,
        actor=actor,
        action="integrity.hasil.record",
        changes={
            "raw": raw.upper()[:20],
            "points": Decimal(points).quantize(Decimal("0.0001")),
            "source": source,
            "source_note": note,
        },
        pemda_id=assessment.pemda_id,
    )
    snapshot_refresh(assessment)
    return figure


@transaction.atomic
def hasil_from_sikap(*, actor: Any, assessment: Assessment, key: str) -> HasilFigure:
    """Take the hasil figure SIKAP holds for `key` (capaian kinerja from the unit's PK, IPKP
    from its SKM), read with the actor's scoping; it replaces a typed figure until the unit
    records another. ValidationError when SIKAP has none the actor may read."""
    _open_for_unit(assessment)
    figure_data = sikap_figure(actor, assessment, key)
    figure = HasilFigure.objects.select_for_update().filter(assessment=assessment, key=key).first()
    if figure is None:
        figure = HasilFigure(assessment=assessment, key=key)
    audited_save(
        figure,
        actor=actor,
        action="integrity.hasil.record",
        changes={
            "raw": figure_data.raw[:20],
            "points": figure_data.points,
            "source": HasilFigure.Source.SIKAP,
            "source_note": figure_data.note,
        },
        pemda_id=assessment.pemda_id,
    )
    snapshot_refresh(assessment)
    return figure
