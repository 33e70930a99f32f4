"""Flood control for the public SKM form, kept in the cache and never next to an answer.

A counter per client address per window: the address is hashed with the secret key, used
only as a cache key that expires with the window, and never stored with a response.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def web_limit() -> Limit:
    count, seconds = getattr(settings, "SIKAP_SKM_RATE_LIMIT", (20, 600))
    return Limit(int(count), int(seconds))


def kiosk_limit() -> Limit:
    count, seconds = getattr(settings, "SIKAP_SKM_KIOSK_RATE_LIMIT", (120, 600))
    return Limit(int(count), int(seconds))


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the header a trusted proxy sets (SIKAP_SKM_CLIENT_IP_HEADER)."""
    header = getattr(settings, "SIKAP_SKM_CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, identity: str, limit: Limit) -> str:
    window = int(time.time() // limit.seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{identity}".encode()).hexdigest()[:32]
    return f"skm-rl:{scope}:{digest}:{window}"


def allow(scope: str, identity: str, limit: Limit) -> bool:
    """Count one attempt; False once the window's allowance is used up."""
    key = _key(scope, identity, limit)
    cache.add(key, 0, timeout=limit.seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds + 5)
        count = 1
    return count <= limit.count
