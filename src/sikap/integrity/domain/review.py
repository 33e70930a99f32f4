"""The TPI's review: submit, score item by item with a note and follow-up flag, reply, finish."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audited_save
from sikap.core.inputs import clean_text
from sikap.integrity.domain.assessments import answer_normalise, score_set, text_clean
from sikap.integrity.domain.items import item_code, item_for
from sikap.integrity.domain.snapshots import snapshot_refresh
from sikap.integrity.models import Assessment, ItemScore

Stage = Assessment.Stage


def _stage(assessment: Assessment, to: str, *, allowed: tuple[str, ...], actor: Any) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.stage not in allowed:
        raise ValidationError(
            _("Tahap penilaian saat ini %(stage)s; langkah ini tidak dapat dilakukan.")
            % {"stage": locked.get_stage_display()}
        )
    audited_save(locked, actor=actor, action=f"integrity.stage.{to}", changes={"stage": to})
    assessment.stage = to
    return assessment


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """The unit hands its self-assessment to the TPI."""
    return _stage(assessment, Stage.REVIEW, allowed=(Stage.DRAFT,), actor=actor)


@transaction.atomic
def review_return(*, actor: Any, assessment: Assessment) -> Assessment:
    """The TPI hands the assessment back to the unit to complete (its scores stay)."""
    return _stage(assessment, Stage.DRAFT, allowed=(Stage.REVIEW,), actor=actor)


@transaction.atomic
def review_finish(*, actor: Any, assessment: Assessment) -> Assessment:
    return _stage(assessment, Stage.REVIEWED, allowed=(Stage.REVIEW,), actor=actor)


@transaction.atomic
def review_score(
    *,
    actor: Any,
    assessment: Assessment,
    code: str,
    answer: str,
    note: str = "",
    flag: str = "",
) -> ItemScore:
    """The TPI's score of an item beside the unit's answer; the unit's answer is untouched."""
    if assessment.stage != Stage.REVIEW:
        raise ValidationError(_("Penilaian ini sedang tidak dalam tahap reviu TPI."))
    code = item_code(assessment, code)
    if flag not in ItemScore.Flag.values:
        raise ValidationError({"flag": _("Tindak lanjut tidak dikenal.")})
    text = clean_text(answer or "").strip()
    value = answer_normalise(assessment, code, text) if text else ""
    score = score_set(
        actor=actor,
        assessment=assessment,
        code=code,
        level=ItemScore.Level.TPI,
        changes={"answer": value, "note": text_clean(note, _("Catatan")), "flag": flag},
        action="integrity.answer.tpi",
    )
    snapshot_refresh(assessment)
    return score


@transaction.atomic
def review_reply(*, actor: Any, assessment: Assessment, code: str, reply: str) -> None:
    """The unit's answer to the TPI's note on an item."""
    if assessment.stage == Stage.PROPOSED:
        raise ValidationError(_("Penilaian ini sudah diusulkan; isian tidak dapat diubah lagi."))
    item = item_for(assessment, item_code(assessment, code))
    audited_save(
        item,
        actor=actor,
        action="integrity.item.reply",
        changes={"unit_reply": text_clean(reply, _("Tanggapan"))},
        pemda_id=assessment.pemda_id,
    )


@transaction.atomic
def tpn_score(
    *, actor: Any, assessment: Assessment, code: str, answer: str, note: str = ""
) -> ItemScore:
    """The national (TPN) score of an item, when its result comes; kept beside the others.
    Only a proposed unit has TPN scores."""
    if assessment.stage != Stage.PROPOSED:
        raise ValidationError(_("Nilai TPN dicatat untuk unit yang sudah diusulkan."))
    code = item_code(assessment, code)
    text = clean_text(answer or "").strip()
    value = answer_normalise(assessment, code, text) if text else ""
    score = score_set(
        actor=actor,
        assessment=assessment,
        code=code,
        level=ItemScore.Level.TPN,
        changes={"answer": value, "note": text_clean(note, _("Catatan"))},
        action="integrity.answer.tpn",
    )
    snapshot_refresh(assessment)
    return score
