"""The Pemda view: every unit's stage, score, gaps and the gates, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sikap.integrity.models import Assessment, HasilFigure, ItemScore, PemdaGates
from sikap.integrity.queries.assessments import assessments_visible
from sikap.org.models import Pemda
from sikap.rules import integrity as rules


def pemda_overview(user: Any, pemda: Pemda, year: int) -> dict[str, Any]:
    """One row per visible ZI of the year, with self and TPI scores and the WBK/WBBM gaps."""
    assessments = list(
        assessments_visible(user, pemda)
        .filter(kind=Assessment.Kind.ZI, year=year)
        .order_by("unit__path")
    )
    ids = [a.pk for a in assessments]
    raw: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    rows = ItemScore.objects.filter(item__assessment_id__in=ids).exclude(answer="")
    for aid, code, level, answer in rows.values_list(
        "item__assessment_id", "item__code", "level", "answer"
    ).iterator(chunk_size=5000):
        raw[aid][level][code] = answer
    hasil: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for aid, key, points in HasilFigure.objects.filter(assessment_id__in=ids).values_list(
        "assessment_id", "key", "points"
    ):
        hasil[aid][key] = points
    out = []
    for a in assessments:
        levels = raw[a.pk]
        points = {k: hasil[a.pk].get(k, Decimal(0)) for k in rules.HASIL_KEYS}
        self_status = rules.zi_status(levels.get("self", {}), year=year, **points)
        tpi_answers = {**levels.get("self", {}), **levels.get("tpi", {})}
        tpi_status = (
            rules.zi_status(tpi_answers, year=year, **points) if levels.get("tpi") else None
        )
        shown = tpi_status or self_status
        out.append(
            {
                "assessment": a,
                "self": self_status.result,
                "tpi": tpi_status.result if tpi_status else None,
                "wbk_short": [c for c in shown.conditions["wbk"] if not c.met],
                "wbbm_short": [c for c in shown.conditions["wbbm"] if not c.met],
                "confidence": shown.confidence,
                "hasil_missing": [k for k in rules.HASIL_KEYS if k not in hasil[a.pk]],
            }
        )
    gates = PemdaGates.objects.filter(pemda=pemda, year=year).first()
    return {"rows": out, "gates": gates, "year": year}
