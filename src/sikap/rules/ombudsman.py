"""Ombudsman RI compliance assessment / Opini Ombudsman.

* 2013–2021: compliance zones (hijau ≥ 81.00, kuning ≥ 51.00, merah).
* 2022–2024: opini A–E (88 / 78 / 54 / 32) with zones hijau (A, B), kuning (C), merah (D, E);
  four weighted dimensions: input 21.85, proses 32.37, output 24.24, pengaduan 21.54.
* 2025 onward: the same bands with E in zona hitam; the four dimensions weigh 70 together
  and kepercayaan masyarakat 30. The split of the 70 keeps the 2022–2023 ratios (low
  confidence) and can be overridden with ``weights=``.

Scores are rounded half-up to two decimals before banding (87.99 is B, 88.00 is A).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sikap.rules._numbers import quantize, to_decimal
from sikap.rules.errors import (
    InvalidInputError,
    MissingInputError,
    RulebookDataError,
    RuleError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import BandTable, Grade, ResultMixin, parse_bands
from sikap.rules.versions import Table, VersionMeta, VersionSet

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Dimension:
    code: str
    name: str
    name_en: str
    description: str
    description_en: str
    weight: Decimal
    confidence: str


@dataclass(frozen=True, slots=True)
class OmbudsmanRulebook:
    meta: VersionMeta
    dimensions: tuple[Dimension, ...]
    bands: BandTable


def _parse(doc: Table, meta: VersionMeta) -> OmbudsmanRulebook:
    dims = tuple(
        Dimension(
            code=d.text("code"),
            name=d.text("name"),
            name_en=d.text("name_en"),
            description=d.text("description"),
            description_en=d.text("description_en"),
            weight=Decimal(d.number("weight")),
            confidence=d.confidence(default=meta.confidence),
        )
        for d in (doc.tables("dimensions") if doc.has("dimensions") else [])
    )
    if dims and sum(d.weight for d in dims) != HUNDRED:
        raise RulebookDataError(f"{doc.where}: dimension weights must sum to 100")
    return OmbudsmanRulebook(
        meta=meta,
        dimensions=dims,
        bands=parse_bands(doc, "ombudsman", meta.version, meta.confidence),
    )


RULEBOOKS: VersionSet[OmbudsmanRulebook] = VersionSet("ombudsman", _parse)


def grade(score: float, *, year: int | None = None) -> Grade:
    """Opini (A–E) or compliance zone of a 0–100 score; ``zone`` is always set."""
    return RULEBOOKS.select(year).bands.grade(score)


def points_to(score: float, category: str = "A", *, year: int | None = None) -> float | None:
    """Points a published score lacks to reach `category` (0.0 when it does; None if unknown)."""
    gap = RULEBOOKS.select(year).bands.points_to(score, category)
    return None if gap is None else float(gap)


def dimensions(year: int | None = None) -> tuple[Dimension, ...]:
    return RULEBOOKS.select(year).dimensions


@dataclass(frozen=True, slots=True)
class DimensionScore(ResultMixin):
    code: str
    name: str
    name_en: str
    score: float
    weight: float
    contribution: float


@dataclass(frozen=True, slots=True)
class OmbudsmanResult(ResultMixin):
    scheme: str
    version: str
    score: float
    category: str
    label: str
    label_en: str
    zone: str | None
    zone_label: str | None
    confidence: str
    explanation: str
    explanation_en: str
    breakdown: Mapping[str, DimensionScore]
    grade: Grade


def _weights(book: OmbudsmanRulebook, override: Mapping[str, float] | None) -> dict[str, Decimal]:
    codes = [d.code for d in book.dimensions]
    if override is None:
        return {d.code: d.weight for d in book.dimensions}
    given = {str(k).lower(): to_decimal(v, f"weight of {k}") for k, v in override.items()}
    for key in given:
        if key not in codes:
            raise UnknownCodeError("Ombudsman dimension", key, codes)
    missing = [c for c in codes if c not in given]
    if missing:
        raise MissingInputError("dimension weight", missing)
    if any(w < 0 for w in given.values()) or sum(given.values()) != HUNDRED:
        raise InvalidInputError(
            f"dimension weights must be non-negative and sum to 100, not {sum(given.values())}"
        )
    return given


def combine(
    dimension_scores: Mapping[str, float],
    *,
    year: int | None = None,
    weights: Mapping[str, float] | None = None,
) -> OmbudsmanResult:
    """Weighted score from dimension scores (each 0–100): Σ weight × score / 100."""
    book = RULEBOOKS.select(year)
    if not book.dimensions:
        raise RuleError(
            f"{book.meta.version} has zones only; dimension weights start in 2022",
            message_id=f"{book.meta.version} hanya memuat zona; bobot dimensi mulai 2022",
        )
    w = _weights(book, weights)
    codes = [d.code for d in book.dimensions]
    scores: dict[str, Decimal] = {}
    for key, value in dimension_scores.items():
        code = str(key).lower()
        if code not in codes:
            raise UnknownCodeError("Ombudsman dimension", key, codes)
        number = to_decimal(value, f"score of {code}")
        if not 0 <= number <= HUNDRED:
            raise ScoreOutOfRangeError(f"ombudsman dimension {code}", value, 0, 100)
        scores[code] = number
    missing = [c for c in codes if c not in scores]
    if missing:
        raise MissingInputError("Ombudsman dimension", missing)
    contributions = {c: w[c] * scores[c] / HUNDRED for c in codes}
    total = quantize(sum(contributions.values(), Decimal(0)), book.bands.decimals)
    g = book.bands.grade(total)
    confidence = g.confidence
    if weights is None and any(d.confidence == "low" for d in book.dimensions):
        confidence = "low"
    zone_id = f" (zona {g.zone})" if g.zone else ""
    return OmbudsmanResult(
        scheme="ombudsman",
        version=book.meta.version,
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        zone=g.zone,
        zone_label=g.zone_label,
        confidence=confidence,
        explanation=g.explanation + zone_id,
        explanation_en=g.explanation_en + ("" if not g.zone_label_en else f" ({g.zone_label_en})"),
        breakdown={
            d.code: DimensionScore(
                code=d.code,
                name=d.name,
                name_en=d.name_en,
                score=float(scores[d.code]),
                weight=float(w[d.code]),
                contribution=float(contributions[d.code]),
            )
            for d in book.dimensions
        },
        grade=g,
    )


__all__ = [
    "RULEBOOKS",
    "Dimension",
    "DimensionScore",
    "OmbudsmanResult",
    "OmbudsmanRulebook",
    "combine",
    "dimensions",
    "grade",
]
