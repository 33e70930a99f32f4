"""Rulebook texts in the active language.

The rulebooks (``sikap.rules``) carry each name, label and explanation twice, as ``x`` in
Bahasa Indonesia and ``x_en`` in English, because they are pure Python without gettext.
Pages and queries pick the twin here, so no template needs to know about the pair.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from django.utils.translation import get_language

T = TypeVar("T")


def english() -> bool:
    return (get_language() or "").startswith("en")


def pick(obj: Any, field: str, *, en: bool | None = None) -> Any:
    """``obj.field``, or its English twin ``obj.field_en`` when English is active and set."""
    if english() if en is None else en:
        twin = getattr(obj, f"{field}_en", None)
        if twin:
            return twin
    return getattr(obj, field)


def localized(obj: T) -> T:
    """A rulebook dataclass whose every ``x`` is its twin ``x_en`` when English is active."""
    if not english() or not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    names = {f.name for f in dataclasses.fields(obj)}
    changes = {
        name: getattr(obj, f"{name}_en")
        for name in names
        if f"{name}_en" in names and getattr(obj, f"{name}_en")
    }
    return dataclasses.replace(obj, **changes)
