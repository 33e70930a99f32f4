from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.rules.errors import InvalidInputError
from sikap.rules.rounding import half_up, half_up_decimal, half_up_int


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (3.0625, 3, 3.063),
        (2.675, 2, 2.68),  # the decimal it prints as, not the binary 2.67499…
        (88.305, 2, 88.31),
        (-1.25, 1, -1.3),
        (Fraction(1, 8), 2, 0.13),
        (Decimal("0.5"), 0, 1.0),
    ],
)
def test_half_up_rounds_ties_away_from_zero(value, places, expected):
    assert half_up(value, places) == expected


def test_half_up_decimal_keeps_the_places():
    assert half_up_decimal(88.3, 2) == Decimal("88.30")
    assert str(half_up_decimal(Fraction(2, 3), 3)) == "0.667"


@pytest.mark.parametrize(
    ("value", "expected"), [(2.5, 3), (3.5, 4), (Fraction(5, 2), 3), (2.49, 2)]
)
def test_half_up_int(value, expected):
    assert half_up_int(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "x"])
def test_half_up_refuses_what_is_not_a_finite_number(value):
    with pytest.raises(InvalidInputError):
        half_up(value, 2)
