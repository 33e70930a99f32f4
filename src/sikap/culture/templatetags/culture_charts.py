"""Culture charts as server-rendered SVG (sikap.core.svgchart): the index by campaign and the
radar of the seven values. Each chart's figures are also in the table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sikap.core import svgchart
from sikap.rules import berakhlak

register = template.Library()


def band_guides(year: int | None) -> list[svgchart.Band]:
    """A dashed line at the lower limit of every band but the lowest, named by its letter."""
    bands = berakhlak.RULEBOOKS.select(year).bands.describe()
    return [svgchart.Band(at=b.min, label=b.category) for b in bands if b.min > 0]


@register.simple_tag
def index_trend_chart(
    trend: Sequence[tuple[Any, float | None, str]], name: str, year: int | None = None
) -> SafeString:
    """The overall index of one unit in each campaign of the same kind, oldest first."""
    return svgchart.line_chart(
        title=_("Indeks budaya %(unit)s per kampanye") % {"unit": name},
        labels=[c.name for c, _index, _band in trend],
        series=[svgchart.Series(name, [index for _c, index, _band in trend])],
        bands=band_guides(year),
        missing=_("disembunyikan"),
    )


@register.simple_tag
def radar_chart(radar: dict[str, Any]) -> SafeString:
    """The radar of `queries.radar_data`: one polygon per series (the unit, the Pemda)."""
    return svgchart.radar_chart(
        title=_("Radar indeks tujuh nilai BerAKHLAK"),
        labels=radar["labels"],
        series=[svgchart.Series(s["label"], s["data"]) for s in radar["series"]],
        missing=_("disembunyikan"),
    )
