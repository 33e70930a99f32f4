"""How SKM results are published beside the IKM itself.

Each unsur's NRR is shown to two decimals and the unconverted IKM to four, both rounded
half-up as the Permen's worked examples do; a period shorter than a year is measured against
the yearly service volume spread evenly over its months (Krejcie & Morgan needs a population).
"""

from __future__ import annotations

from fractions import Fraction

from sikap.rules._numbers import Number, round_half_up
from sikap.rules.errors import InvalidInputError

NRR_DECIMALS = 2
IKM_RAW_DECIMALS = 4


def nrr(total: int, answered: int) -> float | None:
    """An unsur's average answer (nilai rata-rata), as published; None when nobody answered."""
    if answered < 0 or total < 0:
        raise InvalidInputError(f"sums and counts cannot be negative ({total}, {answered})")
    if not answered:
        return None
    return round_half_up(Fraction(total, answered), NRR_DECIMALS)


def ikm_raw(value: Number) -> float:
    """The IKM on the 1–4 scale, before conversion to 25–100, as published."""
    return round_half_up(value, IKM_RAW_DECIMALS)


def prorated_volume(yearly: int, months: int) -> int:
    """The service volume of `months` of a year: the yearly volume spread evenly (at least 1)."""
    if yearly < 0 or not 0 <= months <= 12:
        raise InvalidInputError(f"volume {yearly} over {months} months is out of range")
    return max(1, int(round_half_up(Fraction(yearly * months, 12), 0))) if yearly else 0


__all__ = ["IKM_RAW_DECIMALS", "NRR_DECIMALS", "ikm_raw", "nrr", "prorated_volume"]
