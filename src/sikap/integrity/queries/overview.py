"""The Pemda view: every unit's stage, score, gaps and the gates, read from score snapshots
(one row per unit and level), so its cost does not grow with the answers behind them."""

from __future__ import annotations

from typing import Any

from sikap.integrity.models import Assessment, PemdaGates, ScoreSnapshot
from sikap.integrity.queries.assessments import assessments_visible
from sikap.org.models import Pemda


def pemda_overview(
    user: Any, pemda: Pemda, year: int, *, kind: str = Assessment.Kind.ZI
) -> dict[str, Any]:
    """One row per visible assessment of the year: its self and TPI snapshots and gaps."""
    assessments = list(
        assessments_visible(user, pemda).filter(kind=kind, year=year).order_by("unit__path")
    )
    snaps: dict[tuple[int, str], ScoreSnapshot] = {
        (s.assessment_id, s.level): s
        for s in ScoreSnapshot.objects.filter(
            assessment__in=[a.pk for a in assessments], level__in=("self", "tpi")
        )
    }
    rows = []
    for a in assessments:
        own = snaps.get((a.pk, "self"))
        tpi = snaps.get((a.pk, "tpi"))
        reviewed = a.stage in (Assessment.Stage.REVIEWED, Assessment.Stage.PROPOSED)
        shown = tpi if reviewed and tpi else own
        short = shown.shortfalls if shown else {}
        rows.append(
            {
                "assessment": a,
                "self": own,
                "tpi": tpi if reviewed or a.stage == Assessment.Stage.REVIEW else None,
                "wbk_short": short.get("wbk", []),
                "wbbm_short": short.get("wbbm", []),
                "confidence": shown.confidence if shown else {},
                "hasil_missing": short.get("hasil_missing", []),
            }
        )
    gates = PemdaGates.objects.filter(pemda=pemda, year=year).first()
    return {"rows": rows, "gates": gates, "year": year}
