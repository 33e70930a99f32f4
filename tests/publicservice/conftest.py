from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and recompute debounce keys must not leak between tests."""
    cache.clear()
    yield
    cache.clear()
