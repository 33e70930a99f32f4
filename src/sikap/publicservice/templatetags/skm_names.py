"""SKM unsur codes never stand alone on a page: "U3 Waktu Penyelesaian"."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils import translation

from sikap.rules import skm

register = template.Library()


@register.filter
def unsur_named(codes: str | Iterable[str] | None) -> str:
    """One code or several, each followed by its rulebook name in the active language."""
    if not codes:
        return ""
    english = (translation.get_language() or "").startswith("en")
    names = {u.code: (u.name_en if english else u.name) for u in skm.RULEBOOKS.select().unsur}
    items = [codes] if isinstance(codes, str) else list(codes)
    # Unsur names contain commas ("Saran dan Masukan"), so items are separated by semicolons.
    return "; ".join(f"{c} {names[c]}" if c in names else c for c in items)
