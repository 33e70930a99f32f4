from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import sampling
from sikap.rules.errors import InvalidInputError, RuleError

KREJCIE_MORGAN = [
    (10, 10), (20, 19), (50, 44), (100, 80), (150, 108), (200, 132), (300, 169),
    (500, 217), (1_000, 278), (2_000, 322), (5_000, 357), (10_000, 370),
    (20_000, 377), (50_000, 381), (75_000, 382), (1_000_000, 384),
]  # fmt: skip


@pytest.mark.parametrize(("population", "sample"), KREJCIE_MORGAN)
def test_krejcie_morgan_table(population: int, sample: int) -> None:
    assert sampling.krejcie_morgan(population) == sample


def test_krejcie_morgan_exact_formula() -> None:
    # 3.841·10·0.25 / (0.0025·9 + 3.841·0.25) = 9.6025 / 0.98275
    assert sampling.krejcie_morgan_exact(10) == pytest.approx(9.6025 / 0.98275, abs=1e-12)


@pytest.mark.parametrize(
    ("population", "sample"),
    [(1, 1), (11, 11), (101, 86), (1_000, 278), (1_001, 285), (2_000_000, 384)],
)
def test_krejcie_morgan_next_higher_row(population: int, sample: int) -> None:
    assert sampling.krejcie_morgan_table(population) == sample


@pytest.mark.parametrize(
    ("population", "error", "sample"),
    [(100, 0.05, 80), (1_000, 0.05, 286), (10_000, 0.05, 385), (100, 0.10, 50), (1_000, 0.1, 91)],
)
def test_slovin_examples(population: int, error: float, sample: int) -> None:
    assert sampling.slovin(population, error) == sample


def test_slovin_default_error_is_five_percent() -> None:
    assert sampling.slovin(1_000) == 286


def test_slovin_and_krejcie_morgan_differ_at_1000() -> None:
    assert (sampling.krejcie_morgan(1_000), sampling.slovin(1_000)) == (278, 286)


@pytest.mark.parametrize("population", [0, -5])
def test_population_must_be_positive(population: int) -> None:
    with pytest.raises(InvalidInputError, match="population must be a positive integer"):
        sampling.krejcie_morgan(population)
    with pytest.raises(InvalidInputError, match="population must be a positive integer"):
        sampling.slovin(population)


@pytest.mark.parametrize("population", [10.5, "100", True])
def test_population_must_be_an_integer(population: object) -> None:
    with pytest.raises(RuleError, match="population must be an integer"):
        sampling.krejcie_morgan(population)  # type: ignore[arg-type]


@pytest.mark.parametrize("error", [0, 1, -0.05, 1.5])
def test_slovin_error_must_be_in_open_unit_interval(error: float) -> None:
    with pytest.raises(InvalidInputError, match="error must be between 0 and 1"):
        sampling.slovin(100, error)


@given(st.integers(min_value=1, max_value=5_000_000))
def test_krejcie_morgan_bounds(population: int) -> None:
    s = sampling.krejcie_morgan(population)
    assert 1 <= s <= min(population, 384)
    assert sampling.krejcie_morgan(population + 1) >= s


@given(st.integers(min_value=1, max_value=5_000_000))
def test_slovin_bounds(population: int) -> None:
    s = sampling.slovin(population)
    assert 1 <= s <= population
    assert s <= 400  # N/(1 + N/400) < 400
    assert sampling.slovin(population + 1) >= s
