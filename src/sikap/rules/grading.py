"""Banded grading shared by the schemes, with explanations in Indonesian and English."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sikap.rules._numbers import fmt, quantize, to_decimal
from sikap.rules.errors import RulebookDataError, ScoreOutOfRangeError
from sikap.rules.versions import Table


def to_jsonable(value: Any) -> Any:
    """Plain JSON types from results (dataclasses, mappings, tuples, Decimals)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else value
        return [to_jsonable(v) for v in items]
    if isinstance(value, Decimal | Fraction):
        return float(value)
    return value


class ResultMixin:
    """``to_dict()`` for the frozen result dataclasses."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        result = to_jsonable(self)
        assert isinstance(result, dict)
        return result


@dataclass(frozen=True, slots=True)
class Band:
    category: str
    label: str
    label_en: str
    min: Decimal
    confidence: str
    zone: str | None = None
    zone_label: str | None = None
    zone_label_en: str | None = None


@dataclass(frozen=True, slots=True)
class BandInfo(ResultMixin):
    """One band as a UI shows it: ``min``–``max`` at the published precision."""

    category: str
    label: str
    label_en: str
    min: float
    max: float
    min_inclusive: bool
    confidence: str
    zone: str | None = None
    zone_label: str | None = None
    zone_label_en: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Grade(ResultMixin):
    """A score placed in a band of one rulebook version."""

    scheme: str
    version: str
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    next_category: str | None = None
    points_to_next: float | None = None
    zone: str | None = None
    zone_label: str | None = None
    zone_label_en: str | None = None
    breakdown: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BandTable:
    scheme: str
    version: str
    bands: tuple[Band, ...]  # highest first
    low: Decimal
    high: Decimal
    decimals: int
    exclusive: bool

    @property
    def step(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)

    def check_range(self, score: Decimal, raw: object) -> None:
        if not self.low <= score <= self.high:
            raise ScoreOutOfRangeError(
                self.scheme, raw, fmt(self.low, self.decimals), fmt(self.high, self.decimals)
            )

    def _reaches(self, value: Decimal, band: Band, exclusive: bool) -> bool:
        if band is self.bands[-1]:
            return True
        return value > band.min if exclusive else value >= band.min

    def points_to(self, score: object, category: str) -> Decimal | None:
        """Points `score` lacks to reach `category` (0 when it does); None if no such band."""
        band = next((b for b in self.bands if b.category == category), None)
        if band is None:
            return None
        value = quantize(to_decimal(score), self.decimals)
        if self._reaches(value, band, self.exclusive):
            return Decimal(0)
        return band.min + (self.step if self.exclusive else 0) - value

    def grade(
        self,
        score: object,
        *,
        exclusive: bool | None = None,
        check_range: bool = True,
        what: str = "score",
    ) -> Grade:
        raw = to_decimal(score, what)
        if check_range:
            self.check_range(raw, score)
        value = quantize(raw, self.decimals)
        excl = self.exclusive if exclusive is None else exclusive
        index = next(i for i, b in enumerate(self.bands) if self._reaches(value, b, excl))
        band = self.bands[index]
        d = self.decimals
        shown = fmt(value, d)
        head = f"{shown} adalah {band.category}, {band.label}"
        head_en = f"{shown} is {band.category}, {band.label_en}"
        next_band = self.bands[index - 1] if index > 0 else None
        gap: Decimal | None = None
        if next_band is None:
            explanation = f"{head} (kategori tertinggi)"
            explanation_en = f"{head_en} (highest category)"
        else:
            target = next_band.min + self.step if excl else next_band.min
            gap = target - value
            bound = fmt(next_band.min, d)
            if excl:
                where, where_en = f"di atas {bound}", f"is above {bound}"
            else:
                where, where_en = f"mulai {bound}", f"starts at {bound}"
            explanation = f"{head}: {next_band.category} {where} — kurang {fmt(gap, d)} poin"
            explanation_en = (
                f"{head_en}: {next_band.category} {where_en} — {fmt(gap, d)} points short"
            )
        return Grade(
            scheme=self.scheme,
            version=self.version,
            score=float(value),
            category=band.category,
            label=band.label,
            label_en=band.label_en,
            confidence=band.confidence,
            explanation=explanation,
            explanation_en=explanation_en,
            next_category=None if next_band is None else next_band.category,
            points_to_next=None if gap is None else float(gap),
            zone=band.zone,
            zone_label=band.zone_label,
            zone_label_en=band.zone_label_en,
            breakdown={
                "raw_score": float(raw),
                "decimals": d,
                "lower_bound": "exclusive" if excl else "inclusive",
                "band_min": float(band.min),
            },
        )

    def describe(self, *, exclusive: bool | None = None) -> tuple[BandInfo, ...]:
        excl = self.exclusive if exclusive is None else exclusive
        d = self.decimals
        infos: list[BandInfo] = []
        upper = self.high
        for i, band in enumerate(self.bands):
            lowest = i == len(self.bands) - 1
            min_inclusive = lowest or not excl
            if min_inclusive:
                text = f"{fmt(band.min, d)} – {fmt(upper, d)}"
            else:
                text = f"> {fmt(band.min, d)} – {fmt(upper, d)}"
            infos.append(
                BandInfo(
                    category=band.category,
                    label=band.label,
                    label_en=band.label_en,
                    min=float(band.min),
                    max=float(upper),
                    min_inclusive=min_inclusive,
                    confidence=band.confidence,
                    zone=band.zone,
                    zone_label=band.zone_label,
                    zone_label_en=band.zone_label_en,
                    text=text,
                )
            )
            upper = band.min if excl else band.min - self.step
        return tuple(infos)


def parse_bands(doc: Table, scheme: str, version: str, default_confidence: str) -> BandTable:
    """Read a ``[grading]`` table: decimals, min, max, lower_bound, bands, zones."""
    g = doc.table("grading")
    decimals = g.integer("decimals")
    low = Decimal(g.number("min"))
    high = Decimal(g.number("max"))
    lower_bound = g.text("lower_bound", "inclusive")
    if lower_bound not in ("inclusive", "exclusive"):
        raise RulebookDataError(f"{g.where}: lower_bound must be inclusive or exclusive")
    zones: dict[str, tuple[str, str]] = {}
    if g.has("zones"):
        for code, value in g.table("zones").items():
            z = Table(value, f"{g.where}.zones.{code}")
            zones[code] = (z.text("label"), z.text("label_en"))
    bands: list[Band] = []
    for b in g.tables("bands"):
        zone = b.opt_text("zone")
        if zone is not None and zone not in zones:
            raise RulebookDataError(f"{b.where}: zone {zone!r} is not in grading.zones")
        zl = zones.get(zone) if zone is not None else None
        bands.append(
            Band(
                category=b.text("category"),
                label=b.text("label"),
                label_en=b.text("label_en"),
                min=Decimal(b.number("min")),
                confidence=b.confidence(default=default_confidence),
                zone=zone,
                zone_label=None if zl is None else zl[0],
                zone_label_en=None if zl is None else zl[1],
            )
        )
    mins = [b.min for b in bands]
    if not bands or mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        raise RulebookDataError(f"{g.where}: bands must be listed from the highest min down")
    if bands[-1].min != low:
        raise RulebookDataError(f"{g.where}: the lowest band must start at grading.min")
    return BandTable(
        scheme=scheme,
        version=version,
        bands=tuple(bands),
        low=low,
        high=high,
        decimals=decimals,
        exclusive=lower_bound == "exclusive",
    )
