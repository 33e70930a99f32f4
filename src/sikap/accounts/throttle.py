"""Slow down password guessing with a delay that grows, per account and per address.

Each key (an account, an address) may fail `free` times; after that every further password
check must wait min(2^m, cap) seconds after the previous one (m = 0, 1, 2, …). The delay is
capped low on purpose: a stranger who keeps failing on someone's account delays the owner by
at most `cap` seconds, never locks them out, while a guesser gets a few tries per hour.

A check is reserved before the password is looked at, with an atomic cache increment: the
reservation's number says how many checks came before it, so parallel requests cannot all read
"4 failures" and all go ahead. A refused reservation is handed back at once (it checked
nothing). Every check's time is kept under its number; check n+1 waits on check n's time, and
goes no further while check n has not recorded one. Identities are hashed with the secret key,
so the cache holds no address, NIP or email in clear.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

# Failures are forgotten after a day without any; long enough to span a patient guesser.
MEMORY_SECONDS = 24 * 3600


def retry_delay(*, number: int, free: int, cap: int) -> int:
    """Seconds check `number` (1-based) must wait after the one before it."""
    if number <= free:
        return 0
    return int(min(2 ** min(number - free - 1, 32), cap))


def now() -> float:
    return time.time()


@dataclass(frozen=True)
class Counter:
    """The checks of one identity in one scope (`account`, `address`, `reset`, …)."""

    scope: str
    identity: str
    free: int
    cap: int

    @property
    def _base(self) -> str:
        raw = f"{settings.SECRET_KEY}:{self.scope}:{self.identity}".encode()
        return f"login-rl:{self.scope}:{hashlib.sha256(raw).hexdigest()[:32]}"

    @property
    def count_key(self) -> str:
        return f"{self._base}:n"

    def stamp_key(self, number: int) -> str:
        return f"{self._base}:t:{number}"


def _incr(key: str) -> int:
    try:
        return int(cache.incr(key))
    except ValueError:
        # First check in memory, unless a parallel request created the counter meanwhile.
        if cache.add(key, 1, timeout=MEMORY_SECONDS):
            return 1
        return int(cache.incr(key))


def _decr(key: str) -> None:
    # A counter forgotten meanwhile has nothing to hand back.
    with contextlib.suppress(ValueError):
        cache.decr(key)


def reserve(counter: Counter) -> int | None:
    """Reserve one check; its number, or None when it must wait (nothing is counted then)."""
    number = _incr(counter.count_key)
    moment = now()
    if number > counter.free:
        previous = cache.get(counter.stamp_key(number - 1))
        wait = retry_delay(number=number, free=counter.free, cap=counter.cap)
        if previous is None or moment - float(previous) < wait:
            _decr(counter.count_key)
            return None
    cache.set(counter.stamp_key(number), moment, timeout=MEMORY_SECONDS)
    cache.touch(counter.count_key, MEMORY_SECONDS)
    return number


def release(counter: Counter) -> None:
    """Hand a reservation back: the check was not a failure (a right password)."""
    _decr(counter.count_key)


def forget(counter: Counter) -> None:
    """Start afresh (the account's owner has logged in)."""
    count = cache.get(counter.count_key) or 0
    cache.delete_many(
        [counter.count_key, *(counter.stamp_key(n) for n in range(1, int(count) + 2))]
    )
