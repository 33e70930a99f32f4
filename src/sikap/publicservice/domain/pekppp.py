"""Writes of the PEKPPP self-evaluation: the SKM pre-fill, scores and their review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save
from sikap.publicservice.models import (
    ServiceUnit,
    SkmMonthly,
)
from sikap.rules import pekppp as pekppp_rules

# --- PEKPPP --------------------------------------------------------------------------------

PEKPPP_SKM_INDICATORS = pekppp_rules.SKM_PREFILL_INDICATORS


def pekppp_skm_prefill(*, service_unit: ServiceUnit, year: int) -> dict[str, int]:
    """K3 and K4 of `year` from the unit's SKM snapshot, follow-up and publication record."""
    from sikap.publicservice.models import FollowUp, Publication

    quarters = {
        (m.month - 1) // 3
        for m in SkmMonthly.objects.filter(
            service_unit=service_unit, month__year=year, n__gt=0
        ).values_list("month", flat=True)
    }
    statuses = list(
        FollowUp.objects.filter(
            service_unit=service_unit, period__startswith=str(year)
        ).values_list("status", flat=True)
    )
    published = Publication.objects.filter(
        service_unit=service_unit, period__startswith=str(year)
    ).exists()
    return pekppp_rules.skm_prefill(
        quarters_answered=len(quarters),
        follow_ups=len(statuses),
        follow_ups_done=sum(1 for s in statuses if s == FollowUp.Status.DONE),
        published=published,
    )


def pekppp_evaluation_ensure(*, actor: Any, service_unit: ServiceUnit, year: int) -> Any:
    from sikap.publicservice.models import PekpppEvaluation, PekpppScore
    from sikap.rules import RuleError, pekppp

    try:
        pekppp.RULEBOOKS.select(year)
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    with transaction.atomic():
        row = PekpppEvaluation.objects.filter(service_unit=service_unit, year=year).first()
        if row is not None:
            return row
        row = PekpppEvaluation.objects.create(service_unit=service_unit, year=year)
        codes = {i.code for i in pekppp.RULEBOOKS.select(year).indicators}
        prefill = pekppp_skm_prefill(service_unit=service_unit, year=year)
        PekpppScore.objects.bulk_create(
            [
                PekpppScore(evaluation=row, code=code, score=value, prefilled=True)
                for code, value in prefill.items()
                if code in codes
            ]
        )
        audit_record(
            actor=actor,
            action="pekppp.evaluation.create",
            obj=row,
            pemda_id=service_unit.pemda_id,
            after={"year": year, "prefilled": prefill},
        )
    return row


def pekppp_score_set(
    *,
    actor: Any,
    evaluation: Any,
    code: str,
    score: int | None,
    note: str = "",
) -> Any:
    """Score one indicator (evidence comes from the library, `domain.library`)."""
    from sikap.publicservice.models import PekpppScore
    from sikap.rules import pekppp

    book = pekppp.RULEBOOKS.select(evaluation.year)
    if code not in {i.code for i in book.indicators}:
        raise ValidationError(_("Indikator %(c)s tidak dikenal.") % {"c": code})
    if score is not None and not book.scale_min <= score <= book.scale_max:
        raise ValidationError(
            _("Nilai indikator harus %(lo)s–%(hi)s.")
            % {"lo": int(book.scale_min), "hi": int(book.scale_max)}
        )
    changes: dict[str, Any] = {
        "score": score,
        "note": note.strip(),
        "prefilled": False,
        # A changed answer needs the evaluator's eyes again.
        "review": PekpppScore.Review.PENDING,
        "review_note": "",
        "reviewed_by": None,
    }
    with transaction.atomic():
        row = PekpppScore.objects.filter(evaluation=evaluation, code=code).first()
        return audited_save(
            row or PekpppScore(evaluation=evaluation, code=code),
            actor=actor,
            action="pekppp.score.set",
            changes=changes,
            watched=["score", "note", "review"],
            pemda_id=evaluation.service_unit.pemda_id,
        )


@dataclass(frozen=True)
class ScoreAnswer:
    """One indicator's row of the evaluation page as submitted."""

    code: str
    score: int | None
    note: str = ""


def pekppp_scores_set(*, actor: Any, evaluation: Any, answers: Sequence[ScoreAnswer]) -> int:
    """Save the evaluation page at once: every indicator whose score or note changed, all or
    nothing; returns how many changed. Rows left as they were
    keep their review. Every refused row is reported, by its indicator code and keyed by the
    page's field name, and nothing is written."""
    from sikap.publicservice.models import PekpppScore
    from sikap.rules import pekppp

    book = pekppp.RULEBOOKS.select(evaluation.year)
    known = {i.code for i in book.indicators}
    current = {r.code: r for r in PekpppScore.objects.filter(evaluation=evaluation)}
    # Keyed by the evaluation page's field names (score-<code>), so the page
    # shows each next to its field; an unknown indicator concerns the page as a whole.
    errors: dict[str, list[str]] = {}
    changed: list[ScoreAnswer] = []
    for a in answers:
        if a.code not in known:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Indikator %(c)s tidak dikenal.") % {"c": a.code}
            )
            continue
        if a.score is not None and not book.scale_min <= a.score <= book.scale_max:
            errors[f"score-{a.code}"] = [
                _("%(c)s: nilai indikator harus %(lo)s–%(hi)s.")
                % {"c": a.code, "lo": int(book.scale_min), "hi": int(book.scale_max)}
            ]
            continue
        row = current.get(a.code)
        same = (
            row is not None
            and row.score == a.score
            and row.note == a.note.strip()
            or row is None
            and a.score is None
            and not a.note.strip()
        )
        if not same:
            changed.append(a)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for a in changed:
            pekppp_score_set(
                actor=actor,
                evaluation=evaluation,
                code=a.code,
                score=a.score,
                note=a.note,
            )
    return len(changed)


def pekppp_review(*, actor: Any, score_row: Any, decision: str, note: str = "") -> Any:
    from sikap.publicservice.models import PekpppScore

    if decision not in (PekpppScore.Review.ACCEPTED, PekpppScore.Review.RETURNED):
        raise ValidationError(_("Keputusan harus diterima atau dikembalikan."))
    if decision == PekpppScore.Review.RETURNED and not note.strip():
        raise ValidationError(_("Tuliskan alasan pengembalian untuk unit."))
    if score_row.score is None:
        raise ValidationError(_("Indikator belum dinilai oleh unit."))
    with transaction.atomic():
        return audited_save(
            score_row,
            actor=actor,
            action="pekppp.score.review",
            changes={
                "review": decision,
                "review_note": note.strip(),
                "reviewed_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
            watched=["review", "review_note"],
            pemda_id=score_row.evaluation.service_unit.pemda_id,
        )
