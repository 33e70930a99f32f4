from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sikap.culture import figures


def test_fast_rounding_matches_rulebook_half_up():
    from sikap.rules.rounding import half_up as round_half_up

    for n in range(1, 400):
        for k in range(n + 1):
            x = 100 * k / n
            assert figures._round1(x) == round_half_up(x, 1), (k, n)
    assert figures._round1(74.95) == 75.0 and figures._round1(74.94999) == 74.9


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_fast_rounding_matches_rulebook_half_up_for_any_index(x):
    # _band rounds every index it grades, including Likert indices (any float in 0-100).
    from sikap.rules.rounding import half_up as round_half_up

    assert figures._round1(x) == round_half_up(x, 1)
