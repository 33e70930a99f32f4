"""Parallel wrong passwords: exactly the allowed number of password checks, never one more.

The counter is reserved with an atomic cache increment before the password is looked at, so
twelve requests arriving together cannot all read "fewer than five failures" and all go on.
Run against the embedded cache, and against Redis with PostgreSQL (`-m postgres`).
"""

from __future__ import annotations

import os
import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from sikap.accounts import throttle
from sikap.accounts.models import User
from tests.conftest import redis_answers, skip_or_fail
from tests.factories import UserFactory

ATTEMPTS = 12


def fire_parallel_wrong_passwords(monkeypatch) -> tuple[list[int], list[str]]:
    UserFactory(username="target", email="target@example.go.id")
    # Time held still: no delay can elapse, so only the free failures may be checked.
    monkeypatch.setattr(throttle, "now", lambda: 1_900_000_000.0)
    checked: list[str] = []
    lock = threading.Lock()
    original = User.check_password

    def counting(self, raw):  # type: ignore[no-untyped-def]
        with lock:
            checked.append(self.username)
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", counting)
    start = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")
        start.wait()
        response = client.post(
            reverse("accounts:login"), {"identifier": "target", "password": f"wrong-{n}"}
        )
        with lock:
            statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, checked


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_embedded(monkeypatch, settings):
    settings.SIKAP_LOGIN_MAX_FAILURES = 5
    statuses, checked = fire_parallel_wrong_passwords(monkeypatch)
    assert statuses == [400] * ATTEMPTS
    assert checked == ["target"] * 5


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_on_redis_and_postgresql(monkeypatch, settings):
    redis_url = os.environ.get("REDIS_URL", "")
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL as the database (set DATABASE_URL=postgres://...)")
    if not redis_url.startswith("redis://") or not redis_answers():
        skip_or_fail("needs Redis as the cache (set REDIS_URL=redis://127.0.0.1:6379/5)")
    settings.SIKAP_LOGIN_MAX_FAILURES = 5
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    with override_settings(CACHES={"default": backend}):
        monkeypatch.setattr(throttle, "cache", caches["default"])
        caches["default"].clear()
        statuses, checked = fire_parallel_wrong_passwords(monkeypatch)
    assert statuses == [400] * ATTEMPTS
    assert checked == ["target"] * 5
