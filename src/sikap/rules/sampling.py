"""Sample sizes: Krejcie & Morgan (named by PermenPANRB 14/2017 for SKM) and Slovin."""

from __future__ import annotations

import math
from fractions import Fraction

from sikap.rules._numbers import check_int, to_fraction
from sikap.rules.errors import InvalidInputError
from sikap.rules.rounding import half_up_int

CHI_SQUARE = Fraction("3.841")  # χ² for 1 degree of freedom at 95%
PROPORTION = Fraction(1, 2)
MARGIN = Fraction("0.05")

# Population rows of the published Krejcie & Morgan (1970) table.
TABLE_POPULATIONS: tuple[int, ...] = (
    *range(10, 100, 5),
    *range(100, 300, 10),
    *range(300, 500, 20),
    *range(500, 1000, 50),
    *range(1000, 2000, 100),
    *range(2000, 3000, 200),
    3000,
    3500,
    4000,
    4500,
    5000,
    6000,
    7000,
    8000,
    9000,
    10000,
    15000,
    20000,
    30000,
    40000,
    50000,
    75000,
    1000000,
)


def _population(population: object) -> int:
    n = check_int(population, "population")
    if n <= 0:
        raise InvalidInputError(
            f"population must be a positive integer, not {n}",
            message_id=f"populasi harus bilangan bulat positif, bukan {n}",
        )
    return n


def krejcie_morgan_exact(population: int) -> Fraction:
    """S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), unrounded."""
    n = _population(population)
    pq = PROPORTION * (1 - PROPORTION)
    return CHI_SQUARE * n * pq / (MARGIN**2 * (n - 1) + CHI_SQUARE * pq)


def krejcie_morgan(population: int) -> int:
    """Sample size by the Krejcie & Morgan formula, rounded to the nearest integer.

    This reproduces every row of the published table.
    """
    exact = krejcie_morgan_exact(population)
    return half_up_int(exact)


def krejcie_morgan_table(population: int) -> int:
    """Sample size as read from the table: the row at or just above ``population``.

    Instansi customarily take the next-higher row when N falls between rows; above the
    last row (1,000,000) the formula is used directly.
    """
    n = _population(population)
    row = next((p for p in TABLE_POPULATIONS if p >= n), n)
    # A sample never exceeds the population (N = 11 reads row 15, S = 14).
    return min(krejcie_morgan(row), n)


def slovin(population: int, error: float = 0.05) -> int:
    """n = N / (1 + N·e²), rounded up."""
    n = _population(population)
    e = to_fraction(error, "error")
    if not 0 < e < 1:
        raise InvalidInputError(
            f"error must be between 0 and 1 (exclusive), not {error!r}",
            message_id=f"tingkat galat harus di antara 0 dan 1 (eksklusif), bukan {error!r}",
        )
    return math.ceil(Fraction(n) / (1 + n * e * e))


__all__ = [
    "CHI_SQUARE",
    "TABLE_POPULATIONS",
    "krejcie_morgan",
    "krejcie_morgan_exact",
    "krejcie_morgan_table",
    "slovin",
]
