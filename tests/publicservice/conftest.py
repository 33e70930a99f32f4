from __future__ import annotations

import types

import pytest


@pytest.fixture(autouse=True)
def _steady_flood_window(monkeypatch):
    """The flood counters count per fixed window (throttle._key); a test that crossed a window
    boundary between two answers would see the count start again. Hold the clock mid-window."""
    from sikap.publicservice import throttle

    monkeypatch.setattr(throttle, "time", types.SimpleNamespace(time=lambda: 1_800_000_330.0))
