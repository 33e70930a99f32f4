"""Rulebook texts in the active language.

The rulebooks (``sikap.rules``) carry each name, label and explanation twice, as ``x`` in
Bahasa Indonesia and ``x_en`` in English, because they are pure Python without gettext.
Pages and queries pick the twin here, so no template needs to know about the pair.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from django.utils.translation import get_language

T = TypeVar("T")


def english() -> bool:
    return (get_language() or "").startswith("en")


# A decimal number as the rulebooks write it ("60.3", "14.875"), not part of a longer token.
_DECIMAL = re.compile(r"(?<![\w.,/-])(\d+)\.(\d+)(?![\w.,/-])")

# Twins that are sentences with figures in them, written by the rulebooks with decimal points.
SENTENCES = frozenset({"explanation"})


def local_decimals(text: str, *, en: bool | None = None) -> str:
    """`text` with its decimal points as the active language writes them: "60,3" in Bahasa
    Indonesia, "60.3" in English. The rulebooks are pure Python and write points."""
    if english() if en is None else en:
        return text
    return _DECIMAL.sub(r"\1,\2", text)


def pick(obj: Any, field: str, *, en: bool | None = None) -> Any:
    """``obj.field``, or its English twin ``obj.field_en`` when English is active and set."""
    in_english = english() if en is None else en
    value = getattr(obj, field)
    if in_english:
        twin = getattr(obj, f"{field}_en", None)
        if twin:
            value = twin
    if field in SENTENCES and isinstance(value, str):
        return local_decimals(value, en=in_english)
    return value


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
