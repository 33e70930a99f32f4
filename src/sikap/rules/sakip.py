"""Evaluasi SAKIP (PermenPANRB 88/2021): components, answer conversion and predicates.

Perencanaan 30, pengukuran 30, pelaporan 15, evaluasi internal 25; each component splits
pemenuhan 20 % / kualitas 30 % / pemanfaatan 50 %. A sub-component is given as a
percentage (0–100), typically the mean of its criteria after :func:`convert_answer`.

Predicate lower bounds are exclusive by default (">90 – 100" is AA, so 90.00 is A);
``inclusive=True`` gives the ``>=`` reading (90.00 is AA).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sikap.rules._numbers import quantize, to_decimal
from sikap.rules.errors import (
    MissingInputError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import BandInfo, BandTable, Grade, ResultMixin, parse_bands
from sikap.rules.versions import Table, VersionMeta, VersionSet

HUNDRED = Decimal(100)
PARTS = ("pemenuhan", "kualitas", "pemanfaatan")


@dataclass(frozen=True, slots=True)
class Component:
    code: str
    name: str
    name_en: str
    weight: Decimal

    def part_weight(self, part: str, split: Mapping[str, Decimal]) -> Decimal:
        return self.weight * split[part] / HUNDRED


@dataclass(frozen=True, slots=True)
class SakipRulebook:
    meta: VersionMeta
    components: tuple[Component, ...]
    split: Mapping[str, Decimal]
    split_confidence: str
    answers: Mapping[str, Decimal]
    answers_confidence: str
    bands: BandTable


def _parse(doc: Table, meta: VersionMeta) -> SakipRulebook:
    comps = tuple(
        Component(c.text("code"), c.text("name"), c.text("name_en"), Decimal(c.number("weight")))
        for c in doc.tables("components")
    )
    if sum(c.weight for c in comps) != HUNDRED:
        raise RulebookDataError(f"{doc.where}: component weights must sum to 100")
    sp = doc.table("split")
    split = {p: Decimal(sp.number(p)) for p in PARTS}
    if sum(split.values()) != HUNDRED:
        raise RulebookDataError(f"{doc.where}: split must sum to 100")
    ans = doc.table("answers")
    answers = {k.upper(): Decimal(ans.number(k)) for k, _ in ans.items() if k != "confidence"}
    return SakipRulebook(
        meta=meta,
        components=comps,
        split=split,
        split_confidence=sp.confidence(),
        answers=answers,
        answers_confidence=ans.confidence(),
        bands=parse_bands(doc, "sakip", meta.version, meta.confidence),
    )


RULEBOOKS: VersionSet[SakipRulebook] = VersionSet("sakip", _parse)
COMPONENTS: tuple[Component, ...] = RULEBOOKS.select().components


def grade(score: float, *, year: int | None = None, inclusive: bool = False) -> Grade:
    """Predicate AA … D of a 0–100 SAKIP score."""
    return RULEBOOKS.select(year).bands.grade(score, exclusive=not inclusive, what="SAKIP score")


def thresholds(*, year: int | None = None, inclusive: bool = False) -> tuple[BandInfo, ...]:
    return RULEBOOKS.select(year).bands.describe(exclusive=not inclusive)


def convert_answer(answer: str, *, year: int | None = None) -> float:
    """Criterion answer (AA, A, BB, B, CC, C, D, E; Y/T) as a percentage."""
    book = RULEBOOKS.select(year)
    key = answer.strip().upper() if isinstance(answer, str) else ""
    if key not in book.answers:
        raise UnknownCodeError("SAKIP answer", answer, tuple(book.answers))
    return float(book.answers[key])


def part_weights(*, year: int | None = None) -> dict[str, dict[str, float]]:
    """Weight of each component × part, e.g. perencanaan/kualitas = 9."""
    book = RULEBOOKS.select(year)
    return {
        c.code: {p: float(c.part_weight(p, book.split)) for p in PARTS} for c in book.components
    }


@dataclass(frozen=True, slots=True)
class ComponentScore(ResultMixin):
    code: str
    name: str
    name_en: str
    weight: float
    parts: Mapping[str, float]
    value: float


@dataclass(frozen=True, slots=True)
class SakipResult(ResultMixin):
    scheme: str
    version: str
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    breakdown: Mapping[str, ComponentScore]
    grade: Grade


def compute(
    parts: Mapping[str, Mapping[str, float]], *, year: int | None = None, inclusive: bool = False
) -> SakipResult:
    """Score from each component's pemenuhan/kualitas/pemanfaatan percentages (0–100)."""
    book = RULEBOOKS.select(year)
    codes = [c.code for c in book.components]
    for key in parts:
        if key not in codes:
            raise UnknownCodeError("SAKIP component", key, codes)
    missing = [f"{c}.{p}" for c in codes for p in PARTS if p not in parts.get(c, {})]
    if missing:
        raise MissingInputError("SAKIP part", missing)
    breakdown: dict[str, ComponentScore] = {}
    total = Decimal(0)
    for comp in book.components:
        given = parts[comp.code]
        for key in given:
            if key not in PARTS:
                raise UnknownCodeError("SAKIP part", key, PARTS)
        value = Decimal(0)
        for p in PARTS:
            pct = to_decimal(given[p], f"{comp.code}.{p}")
            if not 0 <= pct <= HUNDRED:
                raise ScoreOutOfRangeError(f"sakip {comp.code}.{p}", given[p], 0, 100)
            value += comp.part_weight(p, book.split) * pct / HUNDRED
        total += value
        breakdown[comp.code] = ComponentScore(
            code=comp.code,
            name=comp.name,
            name_en=comp.name_en,
            weight=float(comp.weight),
            parts={p: float(to_decimal(given[p])) for p in PARTS},
            value=float(quantize(value, 2)),
        )
    g = book.bands.grade(total, exclusive=not inclusive)
    return SakipResult(
        scheme="sakip",
        version=book.meta.version,
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        confidence=min((g.confidence, book.split_confidence), key=("low", "medium", "high").index),
        explanation=f"Nilai SAKIP {g.explanation}",
        explanation_en=f"SAKIP score {g.explanation_en}",
        breakdown=breakdown,
        grade=g,
    )


__all__ = [
    "COMPONENTS",
    "PARTS",
    "RULEBOOKS",
    "Component",
    "ComponentScore",
    "SakipResult",
    "SakipRulebook",
    "compute",
    "convert_answer",
    "grade",
    "part_weights",
    "thresholds",
]
