"""The live score of an assessment at a level, from its stored answers and hasil figures.

Levels overlay: the TPI level is the TPI's answer where it gave one and the unit's otherwise;
the TPN level likewise over the TPI level. Missing hasil figures count 0 (and are listed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sikap.integrity.models import Assessment, HasilFigure, ItemScore
from sikap.rules import integrity as rules
from sikap.rules import integrity_sakip as sakip_lke

LEVELS = ("self", "tpi", "tpn")


def answers_by_level(assessment: Assessment) -> dict[str, dict[str, str]]:
    """{level: {code: answer}} with the overlay applied."""
    raw: dict[str, dict[str, str]] = {lv: {} for lv in LEVELS}
    rows = ItemScore.objects.filter(item__assessment=assessment).exclude(answer="")
    for code, level, answer in rows.values_list("item__code", "level", "answer"):
        raw[level][code] = answer
    tpi = {**raw["self"], **raw["tpi"]}
    return {"self": raw["self"], "tpi": tpi, "tpn": {**tpi, **raw["tpn"]}}


@dataclass(frozen=True)
class Hasil:
    points: dict[str, Decimal]
    missing: tuple[str, ...]


def hasil_points(assessment: Assessment) -> Hasil:
    got = dict(HasilFigure.objects.filter(assessment=assessment).values_list("key", "points"))
    missing = tuple(k for k in rules.HASIL_KEYS if k not in got)
    return Hasil({k: got.get(k, Decimal(0)) for k in rules.HASIL_KEYS}, missing)


def zi_status(
    assessment: Assessment,
    level: str = "self",
    *,
    answers: dict[str, dict[str, str]] | None = None,
    hasil: Hasil | None = None,
) -> rules.ZiStatus:
    answers = answers if answers is not None else answers_by_level(assessment)
    hasil = hasil or hasil_points(assessment)
    return rules.zi_status(answers[level], year=assessment.year, **hasil.points)


def sakip_status(
    assessment: Assessment,
    level: str = "self",
    *,
    answers: dict[str, dict[str, str]] | None = None,
) -> sakip_lke.SakipStatus:
    answers = answers if answers is not None else answers_by_level(assessment)
    return sakip_lke.sakip_status(
        answers[level], year=assessment.year, inclusive=assessment.sakip_inclusive
    )
