"""PEKPPP: Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik.

PermenPANRB 29/2022 from 2022 (aspects 24/25/18/11/10/12), legacy PermenPANRB 17/2017
for 2017–2021 (30/18/15/15/15/7). Each indicator is scored 0–5:

    aspect %  = Σ(indicator weight × score / 5) / Σ indicator weights × 100
    IPP %     = Σ(aspect weight × aspect %) / 100
    IPP (0–5) = IPP % / 100 × 5, rounded half-up to two decimals

Predicates have exclusive lower bounds: 4.51 is A (Pelayanan Prima), 4.50 is A-.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sikap.rules._numbers import quantize, round_half_up, to_decimal
from sikap.rules.errors import (
    InvalidInputError,
    MissingInputError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import BandTable, Grade, ResultMixin, parse_bands
from sikap.rules.versions import Table, VersionMeta, VersionSet

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    aspect_code: str
    name: str
    name_en: str
    weight: Decimal
    confidence: str


@dataclass(frozen=True, slots=True)
class Aspect:
    code: str
    name: str
    name_en: str
    weight: Decimal
    confidence: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class PekpppRulebook:
    meta: VersionMeta
    aspects: tuple[Aspect, ...]
    scale_min: Decimal
    scale_max: Decimal
    bands: BandTable

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for a in self.aspects for i in a.indicators)


def _parse(doc: Table, meta: VersionMeta) -> PekpppRulebook:
    aspects: list[Aspect] = []
    for a in doc.tables("aspects"):
        code = a.text("code")
        ind_conf = a.confidence("indicator_confidence", meta.confidence)
        indicators = tuple(
            Indicator(
                code=i.text("code"),
                aspect_code=code,
                name=i.text("name"),
                name_en=i.text("name_en"),
                weight=Decimal(i.number("weight")),
                confidence=ind_conf,
            )
            for i in a.tables("indicators")
        )
        if sum(i.weight for i in indicators) != HUNDRED:
            raise RulebookDataError(f"{a.where}: indicator weights must sum to 100")
        aspects.append(
            Aspect(
                code=code,
                name=a.text("name"),
                name_en=a.text("name_en"),
                weight=Decimal(a.number("weight")),
                confidence=a.confidence(default=meta.confidence),
                indicators=indicators,
            )
        )
    if sum(a.weight for a in aspects) != HUNDRED:
        raise RulebookDataError(f"{doc.where}: aspect weights must sum to 100")
    codes = [i.code for a in aspects for i in a.indicators]
    if len(set(codes)) != len(codes):
        raise RulebookDataError(f"{doc.where}: indicator codes must be unique")
    return PekpppRulebook(
        meta=meta,
        aspects=tuple(aspects),
        scale_min=Decimal(doc.number("scale_min")),
        scale_max=Decimal(doc.number("scale_max")),
        bands=parse_bands(doc, "pekppp", meta.version, meta.confidence),
    )


RULEBOOKS: VersionSet[PekpppRulebook] = VersionSet("pekppp", _parse)
ASPECTS: tuple[Aspect, ...] = RULEBOOKS.select().aspects
INDICATORS: tuple[Indicator, ...] = RULEBOOKS.select().indicators


@dataclass(frozen=True, slots=True)
class IndicatorScore(ResultMixin):
    code: str
    name: str
    weight: float
    score: float


@dataclass(frozen=True, slots=True)
class AspectScore(ResultMixin):
    code: str
    name: str
    name_en: str
    weight: float
    percent: float
    contribution: float
    indicators: tuple[IndicatorScore, ...]


@dataclass(frozen=True, slots=True)
class PekpppResult(ResultMixin):
    scheme: str
    version: str
    ipp: float
    ipp_percent: float
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    breakdown: Mapping[str, AspectScore]
    grade: Grade


def compute(scores: Mapping[str, float], *, year: int | None = None) -> PekpppResult:
    """IPP from every indicator's 0–5 score (codes K1…K9, S1…S5, P1…P6, I1…I4, A1…A4, N1…N2)."""
    book = RULEBOOKS.select(year)
    known = {i.code: i for i in book.indicators}
    given: dict[str, Decimal] = {}
    for key, value in scores.items():
        code = str(key).upper()
        if code not in known:
            raise UnknownCodeError("PEKPPP indicator", key, tuple(known))
        number = to_decimal(value, f"score of {code}")
        if not book.scale_min <= number <= book.scale_max:
            raise ScoreOutOfRangeError(f"pekppp indicator {code}", value, 0, 5)
        given[code] = number
    missing = [c for c in known if c not in given]
    if missing:
        raise MissingInputError("PEKPPP indicator", missing)
    breakdown: dict[str, AspectScore] = {}
    ipp_percent = Decimal(0)
    for a in book.aspects:
        total_w = sum((i.weight for i in a.indicators), Decimal(0))
        achieved = sum(
            (i.weight * given[i.code] / book.scale_max for i in a.indicators), Decimal(0)
        )
        percent = achieved / total_w * HUNDRED
        contribution = a.weight * percent / HUNDRED
        ipp_percent += contribution
        breakdown[a.code] = AspectScore(
            code=a.code,
            name=a.name,
            name_en=a.name_en,
            weight=float(a.weight),
            percent=float(percent),
            contribution=float(contribution),
            indicators=tuple(
                IndicatorScore(i.code, i.name, float(i.weight), float(given[i.code]))
                for i in a.indicators
            ),
        )
    ipp = quantize(ipp_percent / HUNDRED * book.scale_max, book.bands.decimals)
    g = book.bands.grade(ipp, what="IPP")
    return PekpppResult(
        scheme="pekppp",
        version=book.meta.version,
        ipp=g.score,
        ipp_percent=float(ipp_percent),
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        confidence=min((g.confidence, book.meta.confidence), key=("low", "medium", "high").index),
        explanation=f"IPP {g.explanation}",
        explanation_en=f"IPP {g.explanation_en}",
        breakdown=breakdown,
        grade=g,
    )


def grade(ipp: float, year: int | None = None) -> Grade:
    """Predicate (A … F) of an IPP on the 0–5 scale."""
    return RULEBOOKS.select(year).bands.grade(ipp, what="IPP")


# Indicators SKM answers, pre-filled when an evaluation starts (the unit may overwrite them):
# K3 "SKM dilaksanakan berkala" from the quarters of the year that have answers, and
# K4 "hasil SKM ditindaklanjuti" from the follow-up ledger and the publication record.
SKM_PREFILL_INDICATORS: tuple[str, ...] = ("K3", "K4")


def skm_prefill(
    *, quarters_answered: int, follow_ups: int, follow_ups_done: int, published: bool
) -> dict[str, int]:
    """K3 and K4 on the 1–5 scale from a year's SKM activity.

    K3: 1 with no quarter answered, one more per quarter with answers (all four: 5).
    K4: 1 without follow-up; else 1 + 4 × the share done, rounded half-up, and at most 3
    while the results are not published.
    """
    if not 0 <= quarters_answered <= 4:
        raise InvalidInputError(f"quarters answered must be 0–4, not {quarters_answered}")
    if not 0 <= follow_ups_done <= follow_ups:
        raise InvalidInputError(f"follow-ups done must be 0–{follow_ups}, not {follow_ups_done}")
    k3 = 1 + quarters_answered
    if not follow_ups:
        k4 = 1
    else:
        k4 = 1 + int(round_half_up(Fraction(4 * follow_ups_done, follow_ups), 0))
        if not published:
            k4 = min(k4, 3)
    return {"K3": k3, "K4": k4}


__all__ = [
    "ASPECTS",
    "INDICATORS",
    "RULEBOOKS",
    "Aspect",
    "AspectScore",
    "Indicator",
    "IndicatorScore",
    "PekpppResult",
    "PekpppRulebook",
    "SKM_PREFILL_INDICATORS",
    "compute",
    "grade",
    "skm_prefill",
]
