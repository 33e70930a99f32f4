"""Band words and legends for culture results: every index reads "60,3 · B Cukup Sehat".

Labels come from the BerAKHLAK rulebook of the campaign's year, never from templates.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from sikap.core import heatscale
from sikap.rules import berakhlak

register = template.Library()


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


@register.simple_tag
def band_label(band: str | None, year: int | None = None) -> str:
    """The rulebook label of a category letter in the active language; "" for none."""
    pair = berakhlak.band_labels(year=year).get(band or "")
    if pair is None:
        return ""
    return pair[1] if _english() else pair[0]


@register.inclusion_tag("culture/_band.html")
def band_badge(index: float | None, band: str | None, year: int | None = None) -> dict[str, Any]:
    return {"index": index, "band": band or "", "label": band_label(band, year)}


@register.inclusion_tag("culture/_legend.html")
def culture_legend(year: int | None = None, *, values: bool = True) -> dict[str, Any]:
    """Colours = bands with their ranges and labels; value codes with their names."""
    english = _english()
    bands = [
        {
            "category": b.category,
            "label": b.label_en if english else b.label,
            "min": b.min,
            "max": b.max,
            "min_inclusive": b.min_inclusive,
        }
        for b in berakhlak.RULEBOOKS.select(year).bands.describe()
    ]
    names = [
        {"code": v.code, "name": v.name_en if english else v.name}
        for v in (berakhlak.RULEBOOKS.select(year).values if values else ())
    ]
    return {"bands": bands, "values": names}


@register.filter
def heat_class(index: float | None) -> str:
    """The heatmap cell class of an index: one of 20 steps of 5 points ("heat-10" for 51)."""
    return heatscale.css_class(index)


@register.inclusion_tag("culture/_heat_legend.html")
def heat_legend() -> dict[str, Any]:
    """The heatmap's colour scale, one swatch per step, each with its range as text."""
    steps = [
        {"css": heatscale.css_class(lo), "lo": lo, "hi": lo + heatscale.STEP}
        for lo in range(0, 100, heatscale.STEP)
    ]
    return {"steps": steps}
