"""SIKAP's Ombudsman self-assessment checklist and the grade it projects.

The items, their dimensions and the 0–3 scale live in ``data/ombudsman_checklist/``. A
checklist dimension scores the share of its maximum points (0–100); the dimensions without
items (output, and from 2025 kepercayaan masyarakat) take the unit's SKM IKM; the weighted
combination and the opini bands are those of :mod:`sikap.rules.ombudsman`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from sikap.rules import ombudsman
from sikap.rules.errors import RulebookDataError
from sikap.rules.versions import Table, VersionMeta, VersionSet


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    code: str
    dimension: str
    text: str
    text_en: str


@dataclass(frozen=True, slots=True)
class Checklist:
    meta: VersionMeta
    scale_min: int
    scale_max: int
    complaints_dimension: str
    items: tuple[ChecklistItem, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


def _parse(doc: Table, meta: VersionMeta) -> Checklist:
    scale = doc.table("scale")
    items = tuple(
        ChecklistItem(
            code=t.text("code"),
            dimension=t.text("dimension"),
            text=t.text("text"),
            text_en=t.text("text_en"),
        )
        for t in doc.tables("items")
    )
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise RulebookDataError(f"{doc.where}: item codes must be unique")
    low, high = scale.integer("min"), scale.integer("max")
    if not 0 <= low < high:
        raise RulebookDataError(f"{doc.where}: scale.min must be below scale.max")
    return Checklist(
        meta=meta,
        scale_min=low,
        scale_max=high,
        complaints_dimension=doc.text("complaints_dimension"),
        items=items,
    )


RULEBOOKS: VersionSet[Checklist] = VersionSet("ombudsman_checklist", _parse)


def checklist(year: int | None = None) -> Checklist:
    return RULEBOOKS.select(year)


def complaints_points(
    book: Checklist, *, received: int | None, resolved: int | None
) -> float | None:
    """Complaints resolved over received, on the item scale; None when none were counted."""
    if not received:
        return None
    return book.scale_max * (resolved or 0) / received


def dimension_scores(
    scores: Mapping[str, int | None],
    *,
    year: int,
    complaints: float | None,
    ikm: float | None,
) -> dict[str, float]:
    """Each Ombudsman dimension of `year` on 0–100: checklist dimensions by their share of the
    maximum points (unscored items count 0); the others from the SKM IKM, the citizens' view."""
    book = checklist(year)
    out: dict[str, float] = {}
    for dim in (d.code for d in ombudsman.dimensions(year)):
        codes = [i.code for i in book.items if i.dimension == dim]
        if not codes:
            out[dim] = float(ikm) if ikm is not None else 0.0
            continue
        points = Fraction(sum(scores.get(c) or 0 for c in codes))
        count = len(codes)
        if dim == book.complaints_dimension and complaints is not None:
            points += Fraction(complaints).limit_denominator(10**6)
            count += 1
        out[dim] = float(round(points / (book.scale_max * count) * 100, 4))
    return out


@dataclass(frozen=True, slots=True)
class Shortfall:
    """An item below the top of the scale and the points the total gains when it reaches it."""

    item: ChecklistItem
    score: int | None
    gain: float


@dataclass(frozen=True, slots=True)
class Projection:
    year: int
    version: str
    dimensions: dict[str, float]
    result: ombudsman.OmbudsmanResult
    shortfalls: tuple[Shortfall, ...]
    answered: int
    total_items: int


def _exact_total(result: ombudsman.OmbudsmanResult) -> float:
    # The weighted sum before the published two-decimal rounding, so gains do not jitter.
    return float(sum(d.contribution for d in result.breakdown.values()))


def project(
    scores: Mapping[str, int | None],
    *,
    year: int,
    ikm: float | None,
    complaints_received: int | None = None,
    complaints_resolved: int | None = None,
) -> Projection:
    """The grade a self-assessment projects, and its shortfalls by the points each would add."""
    book = checklist(year)
    complaints = complaints_points(book, received=complaints_received, resolved=complaints_resolved)
    dims = dimension_scores(scores, year=year, complaints=complaints, ikm=ikm)
    current = ombudsman.combine(dims, year=year)
    shortfalls = []
    for item in book.items:
        value = scores.get(item.code)
        if value is not None and value >= book.scale_max:
            continue
        better = dimension_scores(
            {**scores, item.code: book.scale_max}, year=year, complaints=complaints, ikm=ikm
        )
        gain = _exact_total(ombudsman.combine(better, year=year)) - _exact_total(current)
        shortfalls.append(Shortfall(item, value, round(gain, 2)))
    shortfalls.sort(key=lambda s: (-s.gain, s.item.code))
    return Projection(
        year=year,
        version=book.meta.version,
        dimensions=dims,
        result=current,
        shortfalls=tuple(shortfalls),
        answered=sum(1 for v in scores.values() if v is not None),
        total_items=len(book.items),
    )


__all__ = [
    "RULEBOOKS",
    "Checklist",
    "ChecklistItem",
    "Projection",
    "Shortfall",
    "checklist",
    "complaints_points",
    "dimension_scores",
    "project",
]
