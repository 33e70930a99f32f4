"""The flood counter on Redis (production cache): one pipelined INCR per attempt."""

from __future__ import annotations

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from sikap.publicservice import throttle
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.redis

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12")


def test_counter_on_redis(monkeypatch):
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        skip_or_fail(f"needs Redis at {REDIS_URL}")
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    with override_settings(CACHES={"default": backend}):
        cache = caches["default"]
        monkeypatch.setattr(throttle, "cache", cache)
        limit = throttle.Limit(3, 60)
        ident = f"test-{os.getpid()}"
        assert [throttle.allow("web", ident, limit) for _ in range(4)] == [True, True, True, False]
        assert throttle.allow("web", ident + "-other", limit) is True
        key = cache.make_and_validate_key(throttle._key("web", ident, limit))
        client = cache._cache.get_client(key)
        assert 0 < client.ttl(key) <= 65
        assert ident not in key  # the address is only ever hashed
        client.delete(
            key, cache.make_and_validate_key(throttle._key("web", ident + "-other", limit))
        )
