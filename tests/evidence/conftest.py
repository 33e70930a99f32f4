"""Data the evidence library's tests share: evidence kept in a tmp dir, a ZI of two OPDs."""

from __future__ import annotations

import pytest

from tests.integrity.conftest import zi_a, zi_b

__all__ = ["zi_a", "zi_b"]


@pytest.fixture(autouse=True)
def _evidence_root(evidence_root):  # type: ignore[no-untyped-def]
    return evidence_root
