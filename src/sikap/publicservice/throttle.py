"""Flood control for the public SKM form, kept in the cache and never next to an answer.

A counter per client address per window: the address is hashed with the secret key, used
only as a cache key that expires with the window, and never stored with a response.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache


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


def _key(scope: str, identity: str, limit: Limit) -> str:
    window = int(time.time() // limit.seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{identity}".encode()).hexdigest()[:32]
    return f"skm-rl:{scope}:{digest}:{window}"


_clients: dict[int, Any] = {}


def _redis_incr(key: str, timeout: int) -> int | None:
    """INCR and EXPIRE in one round trip when the cache is Redis (Django's incr takes two)."""
    backend = getattr(cache, "_cache", None)
    if backend is None or not hasattr(backend, "get_client"):
        return None
    full = cache.make_and_validate_key(key)
    # A redis-py client is thread-safe and costly to build; keep one per cache backend.
    client = _clients.get(id(backend))
    if client is None:
        client = _clients[id(backend)] = backend.get_client(full, write=True)
    # No MULTI/EXEC: the two commands need not be atomic (EXPIRE only moves the end of the key).
    pipe = client.pipeline(transaction=False)
    pipe.incr(full)
    pipe.expire(full, timeout)
    count, _ = pipe.execute()
    return int(count)


def allow(scope: str, identity: str, limit: Limit) -> bool:
    """Count one attempt; False once the window's allowance is used up."""
    key = _key(scope, identity, limit)
    fast = _redis_incr(key, limit.seconds + 5)
    if fast is not None:
        return fast <= limit.count
    try:
        count = cache.incr(key)
    except ValueError:
        # First attempt of the window, unless another request created the counter meanwhile.
        count = 1 if cache.add(key, 1, timeout=limit.seconds + 5) else cache.incr(key)
    return count <= limit.count
