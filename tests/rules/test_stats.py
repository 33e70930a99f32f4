from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import stats
from sikap.rules.errors import InvalidInputError


@pytest.mark.parametrize(
    ("df", "expected"),
    [
        (1, 12.7062047),
        (2, 4.3026527),
        (4, 2.7764451),
        (10, 2.2281389),
        (30, 2.0422725),
        (100, 1.9839715),
        (1000, 1.9623391),
    ],
)
def test_t_quantile_matches_tables(df: int, expected: float) -> None:
    assert round(stats.t_quantile(0.975, df), 7) == expected


def test_t_quantile_other_levels() -> None:
    assert round(stats.t_quantile(0.95, 5), 6) == 2.015048
    assert round(stats.t_quantile(0.995, 20), 6) == 2.845340
    assert stats.t_quantile(0.5, 7) == 0.0
    assert stats.t_quantile(0.025, 10) == -stats.t_quantile(0.975, 10)


def test_t_cdf() -> None:
    assert stats.t_cdf(0.0, 3) == 0.5
    # Cauchy (df = 1): P(T ≤ 1) = 3/4
    assert stats.t_cdf(1.0, 1) == pytest.approx(0.75, abs=1e-12)


@given(st.floats(min_value=0.001, max_value=0.999), st.integers(min_value=1, max_value=500))
def test_t_quantile_inverts_cdf(p: float, df: int) -> None:
    assert stats.t_cdf(stats.t_quantile(p, df), df) == pytest.approx(p, abs=1e-9)


def test_wilson_interval() -> None:
    low, high = stats.wilson_interval(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert stats.wilson_interval(0, 10)[0] == 0.0
    assert round(stats.wilson_interval(0, 10)[1], 4) == 0.2775
    assert stats.wilson_interval(10, 10)[1] == 1.0
    low90, high90 = stats.wilson_interval(5, 10, confidence=0.90)
    assert low < low90 < high90 < high


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_wilson_contains_estimate(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    low, high = stats.wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


@pytest.mark.parametrize(
    ("successes", "n", "confidence"), [(1, 0, 0.95), (-1, 10, 0.95), (11, 10, 0.95), (1, 10, 1.0)]
)
def test_wilson_invalid(successes: int, n: int, confidence: float) -> None:
    with pytest.raises(InvalidInputError):
        stats.wilson_interval(successes, n, confidence)


def test_mean_t_interval_from_values_and_summary() -> None:
    low, high = stats.mean_t_interval([1, 2, 3, 4, 5])
    half = 2.7764451 * math.sqrt(2.5) / math.sqrt(5)
    assert (round(low, 5), round(high, 5)) == (round(3 - half, 5), round(3 + half, 5))
    assert stats.mean_t_interval(mean=3, sd=math.sqrt(2.5), n=5) == pytest.approx((low, high))


def test_mean_t_interval_invalid() -> None:
    with pytest.raises(InvalidInputError, match="at least 2 values"):
        stats.mean_t_interval([1.0])
    with pytest.raises(InvalidInputError):
        stats.mean_t_interval(mean=3.0, sd=1.0)
    with pytest.raises(InvalidInputError):
        stats.mean_t_interval([1.0, 2.0], mean=1.0, sd=1.0, n=2)
    with pytest.raises(InvalidInputError):
        stats.mean_t_interval(mean=3.0, sd=-1.0, n=5)


def test_two_proportion_z() -> None:
    z, p = stats.two_proportion_z(0.6, 100, 0.5, 100)
    assert (round(z, 4), round(p, 4)) == (1.4213, 0.1552)
    z2, p2 = stats.two_proportion_z(0.5, 100, 0.6, 100)
    assert (z2, p2) == (-z, p)
    assert stats.two_proportion_z(1.0, 10, 1.0, 20) == (0.0, 1.0)


def test_significant() -> None:
    assert stats.significant(0.049) is True
    assert stats.significant(0.05) is False
    assert stats.significant(0.6, 100, 0.5, 100) is False
    assert stats.significant(0.7, 200, 0.5, 200) is True
    with pytest.raises(InvalidInputError):
        stats.significant(0.5, 10)  # type: ignore[call-overload]


def test_two_proportion_z_invalid() -> None:
    with pytest.raises(InvalidInputError, match="p1 must be a proportion"):
        stats.two_proportion_z(60, 100, 0.5, 100)
    with pytest.raises(InvalidInputError):
        stats.two_proportion_z(0.5, 0, 0.5, 100)


def test_welch_t() -> None:
    r = stats.welch_t(10, 2, 20, 12, 3, 25)
    assert round(r.t, 4) == -2.6726
    assert round(r.df, 2) == 41.78
    assert round(r.p_value, 4) == 0.0107
    assert stats.welch_t_samples([1, 2, 3, 4], [1, 2, 3, 4]) == (0.0, 6.0, 1.0)


def test_welch_equal_variances_and_sizes_df() -> None:
    # Equal sd and n: df = 2(n − 1)
    assert stats.welch_t(1, 1, 10, 2, 1, 10).df == pytest.approx(18.0)


def test_welch_invalid() -> None:
    with pytest.raises(InvalidInputError):
        stats.welch_t(1, 1, 1, 2, 1, 10)


def test_t_quantile_large_and_fractional_df() -> None:
    assert round(stats.t_quantile(0.975, 1_000_000), 6) == 1.959966
    assert stats.t_cdf(stats.t_quantile(0.999, 1), 1) == pytest.approx(0.999, abs=1e-12)
    assert stats.t_cdf(stats.t_quantile(0.975, 41.78), 41.78) == pytest.approx(0.975, abs=1e-12)


def test_t_critical_rounds_df_down_and_is_cached() -> None:
    assert stats.t_critical(41.78) == stats.t_quantile(0.975, 41)
    assert stats.t_critical(10) == stats.t_quantile(0.975, 10)
    assert stats.t_critical(0.3) == stats.t_quantile(0.975, 1)
    assert stats.t_critical(10, alpha=0.01) == stats.t_quantile(0.995, 10)
    # Fewer degrees of freedom, larger critical value: the rounding is conservative.
    assert stats.t_critical(41.78) > stats.t_quantile(0.975, 41.78)


@pytest.mark.parametrize("n", [2, 5, 31, 250, 4000])
def test_mean_interval_equals_mean_t_interval(n: int) -> None:
    mean, sd = 3.7, 0.9
    assert stats.mean_interval(mean, sd, n) == pytest.approx(
        stats.mean_t_interval(mean=mean, sd=sd, n=n), abs=1e-12
    )


def test_mean_interval_needs_two_values() -> None:
    with pytest.raises(InvalidInputError):
        stats.mean_interval(3.0, 1.0, 1)
    assert stats.mean_interval(3.0, 0.0, 2) == (3.0, 3.0)


@pytest.mark.parametrize(
    "case",
    [
        (3.0, 1.0, 40, 3.5, 1.0, 40),
        (3.0, 1.0, 10, 3.1, 1.0, 10),
        (4.2, 0.8, 500, 4.1, 0.9, 700),
        (10.0, 2.0, 20, 12.0, 3.0, 25),
    ],
)
def test_welch_significant_matches_welch_t(
    case: tuple[float, float, int, float, float, int],
) -> None:
    assert stats.welch_significant(*case) is (stats.welch_t(*case).p_value < 0.05)


def test_welch_significant_without_spread() -> None:
    assert stats.welch_significant(2.0, 0.0, 5, 2.0, 0.0, 5) is False
    assert stats.welch_significant(2.0, 0.0, 5, 2.5, 0.0, 5) is True
    with pytest.raises(InvalidInputError):
        stats.welch_significant(2.0, 1.0, 1, 2.5, 1.0, 5)


def test_welch_significant_on_a_grid_is_welch_t_at_the_floored_df() -> None:
    significant = not_significant = disagree = 0
    for m2 in (3.0, 3.05, 3.1, 3.2, 3.3, 3.5, 4.0):
        for sd1, sd2 in ((0.5, 0.5), (1.0, 0.6), (0.4, 1.3)):
            for n1 in (2, 3, 5, 10, 40, 500):
                for n2 in (2, 4, 31, 700):
                    case = (3.0, sd1, n1, m2, sd2, n2)
                    exact = stats.welch_t(*case)
                    fast = stats.welch_significant(*case)
                    # Never significant where the exact test is not (conservative) ...
                    assert not fast or exact.p_value < 0.05, case
                    # ... and exactly the test at the df rounded down.
                    floored = 2 * (1 - stats.t_cdf(abs(exact.t), math.floor(exact.df)))
                    assert fast is (floored < 0.05), case
                    disagree += fast is not (exact.p_value < 0.05)
                    significant += fast
                    not_significant += not fast
    assert significant > 50 and not_significant > 50
    # Only cases inside the thin band between the two critical values decide differently.
    assert disagree <= 3
