from __future__ import annotations

import pytest

from sikap.culture import compute
from sikap.rules import stats


@pytest.mark.parametrize("n", [2, 5, 31, 250, 4000])
def test_t_interval_matches_rules_or_is_wider(n):
    mean, sd = 3.7, 0.9
    lo, hi = compute.t_interval(mean, sd, n)
    ref_lo, ref_hi = stats.mean_t_interval(mean=mean, sd=sd, n=n)
    if n - 1 <= 30:
        assert (lo, hi) == pytest.approx((ref_lo, ref_hi), abs=1e-9)
    else:
        assert lo <= ref_lo and hi >= ref_hi and hi - lo < (ref_hi - ref_lo) * 1.01


@pytest.mark.parametrize(
    "case",
    [
        (3.0, 1.0, 40, 3.5, 1.0, 40),
        (3.0, 1.0, 10, 3.1, 1.0, 10),
        (4.2, 0.8, 500, 4.1, 0.9, 700),
        (2.0, 0.0, 5, 2.0, 0.0, 5),
    ],
)
def test_welch_decision_matches_rules(case):
    expected = stats.welch_t(*case).p_value < 0.05
    assert compute._welch_significant(*case) is expected


def test_fast_rounding_matches_rulebook_half_up():
    from sikap.rules.rounding import half_up as round_half_up

    for n in range(1, 400):
        for k in range(n + 1):
            x = 100 * k / n
            assert compute._round1(x) == round_half_up(x, 1), (k, n)
    assert compute._round1(74.95) == 75.0 and compute._round1(74.94999) == 74.9
