"""`{% short_url 'accounts:logout' %}`: the address of a page of no Pemda, from any page."""

from __future__ import annotations

from typing import Any

from django import template

from sikap.org.tenancy import public_reverse

register = template.Library()


@register.simple_tag
def short_url(viewname: str, *args: Any) -> str:
    return public_reverse(viewname, *args)
