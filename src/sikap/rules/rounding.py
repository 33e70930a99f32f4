"""Half-up rounding, as the official tables are printed (3.0625 → 3.063, 88.305 → 88.31).

The one rounding rule of SIKAP's figures, for code outside `sikap.rules` too. A float is read
as the decimal it prints as (``Decimal(repr(x))``), so 2.675 rounds to 2.68, not 2.67.
"""

from __future__ import annotations

from decimal import Decimal

from sikap.rules._numbers import Number, quantize, round_half_up, to_decimal

__all__ = ["Number", "half_up", "half_up_decimal", "half_up_int"]


def half_up(value: Number, places: int) -> float:
    """`value` rounded half-up to `places` decimals, as a float."""
    return round_half_up(value, places)


def half_up_decimal(value: Number, places: int) -> Decimal:
    """`value` rounded half-up to `places` decimals, as an exact Decimal."""
    return quantize(value if isinstance(value, Decimal) else to_decimal(value), places)


def half_up_int(value: Number) -> int:
    """`value` rounded half-up to a whole number (2.5 → 3, 3.5 → 4)."""
    return int(half_up_decimal(value, 0))
