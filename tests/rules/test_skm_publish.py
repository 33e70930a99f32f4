from __future__ import annotations

from fractions import Fraction

import pytest

from sikap.rules import skm_publish
from sikap.rules.errors import InvalidInputError


def test_nrr_rounds_half_up_to_two_decimals() -> None:
    assert skm_publish.nrr(25, 8) == 3.13  # 3.125 rounds up, not to even
    assert skm_publish.nrr(10, 3) == 3.33
    assert skm_publish.nrr(0, 0) is None
    with pytest.raises(InvalidInputError):
        skm_publish.nrr(-1, 2)


def test_ikm_raw_to_four_decimals() -> None:
    assert skm_publish.ikm_raw(Fraction(312345, 100000)) == 3.1235
    assert skm_publish.ikm_raw(3.0) == 3.0


def test_prorated_volume() -> None:
    assert skm_publish.prorated_volume(10, 3) == 3  # 2.5 rounds up
    assert skm_publish.prorated_volume(6, 1) == 1  # 0.5 → at least 1
    assert skm_publish.prorated_volume(0, 3) == 0
    assert skm_publish.prorated_volume(1200, 12) == 1200
    with pytest.raises(InvalidInputError):
        skm_publish.prorated_volume(10, 13)
