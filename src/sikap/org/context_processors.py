"""The header's Pemda: the one being served and, for a user with roles in several, the others."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sikap.core.scoping import member_pemda_ids
from sikap.org.tenancy import pemda_url, user_pemdas


def pemda(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "pemda", None)
    user = getattr(request, "user", None)
    if current is None or user is None or not user.is_authenticated:
        return {"current_pemda": current, "other_pemdas": []}
    if not user.is_superuser and member_pemda_ids(user) <= {current.pk}:
        return {"current_pemda": current, "other_pemdas": []}
    others = [
        {"name": p.name, "code": p.code, "url": pemda_url(p, "home:index")}
        for p in user_pemdas(user)
        if p.pk != current.pk
    ]
    return {"current_pemda": current, "other_pemdas": others}
