"""Rulebook sentences in the page's language: `{{ text|decimals }}` writes "60,3" in Bahasa
Indonesia and keeps "60.3" in English (see sikap.core.i18n.local_decimals)."""

from __future__ import annotations

from django import template

from sikap.core.i18n import local_decimals

register = template.Library()


@register.filter
def decimals(text: object) -> object:
    return local_decimals(text) if isinstance(text, str) else text
