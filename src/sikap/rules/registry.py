"""One entry point over all rulebooks: list versions, grade a score, describe the bands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sikap.rules import berakhlak, ipak, ombudsman, pekppp, performance, sakip, skm, skp, zi
from sikap.rules.errors import UnknownCodeError
from sikap.rules.grading import BandInfo, BandTable, Grade, ResultMixin
from sikap.rules.versions import VersionMeta, VersionSet

_VERSION_SETS: dict[str, VersionSet[Any]] = {
    "berakhlak": berakhlak.RULEBOOKS,
    "skm": skm.RULEBOOKS,
    "ipak": ipak.RULEBOOKS,
    "ombudsman": ombudsman.RULEBOOKS,
    "pekppp": pekppp.RULEBOOKS,
    "skp": skp.RULEBOOKS,
    "zi": zi.RULEBOOKS,
    "sakip": sakip.RULEBOOKS,
    "performance": performance.RULEBOOKS,
}
SCHEMES: tuple[str, ...] = tuple(_VERSION_SETS)
GRADABLE: tuple[str, ...] = ("berakhlak", "skm", "ombudsman", "pekppp", "sakip")


@dataclass(frozen=True, slots=True)
class RulebookInfo(ResultMixin):
    scheme: str
    version: str
    years: tuple[int, int | None]
    source: str
    url: str
    confidence: str


@dataclass(frozen=True, slots=True)
class SchemeGrade:
    scheme: str
    version: str
    score: float
    category: str
    label: str
    label_en: str
    zone: str | None
    confidence: str
    explanation: str
    explanation_en: str
    grade: Grade

    def to_dict(self) -> dict[str, Any]:
        """``scheme, version, score, category, label`` (and ``zone`` for Ombudsman)."""
        d: dict[str, Any] = {
            "scheme": self.scheme,
            "version": self.version,
            "score": self.score,
            "category": self.category,
            "label": self.label,
        }
        if self.scheme == "ombudsman":
            d["zone"] = self.zone
        return d


@dataclass(frozen=True, slots=True)
class SchemeThresholds(ResultMixin):
    scheme: str
    version: str
    decimals: int
    lower_bound: str
    min: float
    max: float
    bands: tuple[BandInfo, ...]


def list_rulebooks() -> list[RulebookInfo]:
    """Every known version of every scheme, oldest first within a scheme."""
    out: list[RulebookInfo] = []
    for versions in _VERSION_SETS.values():
        for book in versions.all():
            meta: VersionMeta = book.meta
            out.append(
                RulebookInfo(
                    scheme=meta.scheme,
                    version=meta.version,
                    years=meta.years,
                    source=meta.source.regulation,
                    url=meta.source.url,
                    confidence=meta.confidence,
                )
            )
    return out


def _scheme(scheme: str) -> str:
    key = scheme.strip().lower() if isinstance(scheme, str) else scheme
    if key not in GRADABLE:
        raise UnknownCodeError("scheme", scheme, GRADABLE)
    return str(key)


def _bands(scheme: str, year: int | None) -> BandTable:
    table: BandTable = _VERSION_SETS[_scheme(scheme)].select(year).bands
    return table


def grade(scheme: str, score: float, *, year: int | None = None) -> SchemeGrade:
    """Grade a score of ``berakhlak``, ``skm`` (25–100), ``ombudsman``, ``pekppp`` (0–5)
    or ``sakip`` (exclusive lower bounds) with the version for ``year``."""
    g = _bands(scheme, year).grade(score)
    return SchemeGrade(
        scheme=_scheme(scheme),
        version=g.version,
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        zone=g.zone,
        confidence=g.confidence,
        explanation=g.explanation,
        explanation_en=g.explanation_en,
        grade=g,
    )


def thresholds(scheme: str, year: int | None = None) -> SchemeThresholds:
    """The bands of a scheme's version for a UI page, highest first."""
    table = _bands(scheme, year)
    return SchemeThresholds(
        scheme=_scheme(scheme),
        version=table.version,
        decimals=table.decimals,
        lower_bound="exclusive" if table.exclusive else "inclusive",
        min=float(table.low),
        max=float(table.high),
        bands=table.describe(),
    )


__all__ = [
    "GRADABLE",
    "SCHEMES",
    "RulebookInfo",
    "SchemeGrade",
    "SchemeThresholds",
    "grade",
    "list_rulebooks",
    "thresholds",
]
