"""Exact decimal handling shared by the rulebooks.

Scores arrive as floats; ``Decimal(repr(x))`` recovers the decimal the user typed
(88.31 stays 88.31, not 88.3099999…), so boundaries at two decimals are exact.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sikap.rules.errors import InvalidInputError

Number = int | float | Decimal | Fraction


def to_decimal(value: object, what: str = "value") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction | str):
        raise InvalidInputError(
            f"{what} must be a number, not {value!r}",
            message_id=f"{what} harus berupa angka, bukan {value!r}",
        )
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(
                f"{what} must be a finite number, not {value!r}",
                message_id=f"{what} harus berupa angka terhingga, bukan {value!r}",
            )
        return Decimal(repr(value))
    try:
        result = Decimal(value)
    except ArithmeticError as exc:
        raise InvalidInputError(
            f"{what} must be a number, not {value!r}",
            message_id=f"{what} harus berupa angka, bukan {value!r}",
        ) from exc
    if not result.is_finite():
        raise InvalidInputError(
            f"{what} must be a finite number, not {value!r}",
            message_id=f"{what} harus berupa angka terhingga, bukan {value!r}",
        )
    return result


def to_fraction(value: object, what: str = "value") -> Fraction:
    if isinstance(value, Fraction):
        return value
    return Fraction(to_decimal(value, what))


def quantize(value: Decimal | Fraction, places: int) -> Decimal:
    """Round half-up to ``places`` decimals, as the official tables are published."""
    dec = to_decimal(value) if isinstance(value, Fraction) else value
    return dec.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_half_up(value: Number, places: int) -> float:
    return float(quantize(to_decimal(value) if not isinstance(value, Decimal) else value, places))


def fmt(value: Decimal | Fraction | float, places: int) -> str:
    dec = value if isinstance(value, Decimal) else to_decimal(value)
    return f"{quantize(dec, places):.{places}f}"


def check_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"{what} must be an integer, not {value!r}",
            message_id=f"{what} harus berupa bilangan bulat, bukan {value!r}",
        )
    return value
