"""Public-service charts as server-rendered SVG (sikap.core.svgchart): IKM by period and the
Ombudsman score by year. Each chart's figures are also in the table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sikap.core import svgchart
from sikap.rules import ombudsman, skm

register = template.Library()


def _guides(book: Any) -> list[svgchart.Band]:
    return [svgchart.Band(at=b.min, label=b.category) for b in book.bands.describe() if b.min > 25]


@register.simple_tag
def ikm_trend_chart(trend: Sequence[tuple[Any, Any]], name: str) -> SafeString:
    """IKM (25–100) of `name` in each period of `queries.trend`; a period without answers is a gap."""
    year = trend[-1][0].year if trend else None
    return svgchart.line_chart(
        title=_("IKM %(unit)s per periode") % {"unit": name},
        labels=[p.label() for p, _score in trend],
        series=[svgchart.Series(name, [score.ikm for _p, score in trend])],
        y_min=25.0,
        decimals=2,
        bands=_guides(skm.RULEBOOKS.select(year)),
        missing=_("belum ada jawaban"),
    )


@register.simple_tag
def ombudsman_trend_chart(gaps: Sequence[tuple[Any, Any, Any]], name: str) -> SafeString:
    """The official Ombudsman score of each recorded year, oldest first."""
    rows = sorted(((r.year, float(r.score)) for r, _g, _gap in gaps if r.score is not None))
    year = rows[-1][0] if rows else None
    return svgchart.line_chart(
        title=_("Nilai kepatuhan Ombudsman %(pemda)s per tahun") % {"pemda": name},
        labels=[str(y) for y, _s in rows],
        series=[svgchart.Series(name, [s for _y, s in rows])],
        decimals=2,
        bands=_guides(ombudsman.RULEBOOKS.select(year)),
    )


@register.simple_tag
def ombudsman_change(gaps: Sequence[tuple[Any, Any, Any]]) -> str:
    """ "79,09 → 86,07 (+6,98)" from the first to the last recorded year; "" below two years."""
    rows = sorted((r.year, r.score) for r, _g, _gap in gaps if r.score is not None)
    if len(rows) < 2:
        return ""
    (y0, first), (y1, last) = rows[0], rows[-1]
    change = last - first  # Decimals of two places: exact
    sign = "+" if change >= 0 else "−"
    return (
        f"{y0}: {number_format(first, 2)} → {y1}: {number_format(last, 2)} "
        f"({sign}{number_format(abs(change), 2)})"
    )
