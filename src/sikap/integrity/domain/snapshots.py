"""Score snapshots: recomputed for one assessment after each change that can move its score."""

from __future__ import annotations

from decimal import Decimal

from sikap.integrity import scoring
from sikap.integrity.models import Assessment, ScoreSnapshot


def _dec(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def snapshot_refresh(assessment: Assessment) -> None:
    """Rewrite the self, TPI and TPN snapshot rows of `assessment` (inside the caller's
    transaction, so the Pemda view never shows a score its answers do not give)."""
    answers, counts = scoring.levels(assessment)
    rows = []
    if assessment.kind == Assessment.Kind.ZI:
        hasil = scoring.hasil_points(assessment)
        for level in scoring.LEVELS:
            st = scoring.zi_status(assessment, level, answers=answers, hasil=hasil, counts=counts)
            r = st.result
            short = {
                t: [
                    {"rule": c.rule, "short": c.short, "confidence": c.confidence}
                    for c in st.conditions[t]
                    if not c.met
                ]
                for t in st.conditions
            }
            rows.append(
                ScoreSnapshot(
                    assessment=assessment,
                    level=level,
                    total=_dec(r.total),
                    pengungkit=_dec(r.pengungkit),
                    hasil=_dec(r.hasil),
                    category=r.category,
                    answered=len(answers[level]),
                    shortfalls={**short, "hasil_missing": list(hasil.missing)},
                    confidence=dict(st.confidence),
                    version=r.version,
                )
            )
    else:
        for level in scoring.LEVELS:
            sk = scoring.sakip_status(assessment, level, answers=answers)
            rows.append(
                ScoreSnapshot(
                    assessment=assessment,
                    level=level,
                    total=_dec(sk.result.score),
                    category=sk.result.category,
                    answered=len(answers[level]),
                    shortfalls={"unanswered": list(sk.unanswered)},
                    confidence={"sakip": sk.result.confidence},
                    version=sk.result.version,
                )
            )
    ScoreSnapshot.objects.filter(assessment=assessment).delete()
    ScoreSnapshot.objects.bulk_create(rows)
