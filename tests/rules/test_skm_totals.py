from __future__ import annotations

import pytest

from sikap.rules import skm
from sikap.rules.errors import InvalidInputError, UnknownCodeError

ANSWERS = [
    {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 3, "U7": 4, "U8": None, "U9": 3},
    {"U1": 3, "U2": 3, "U3": 3, "U4": 4, "U5": 4, "U6": 3, "U7": 3, "U8": 2, "U9": 4},
    {"U1": None, "U2": 4, "U3": 2, "U4": 3, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3},
]


def tally(rows):
    sums, counts = {}, {}
    for row in rows:
        for code, value in row.items():
            if value is not None:
                sums[code] = sums.get(code, 0) + value
                counts[code] = counts.get(code, 0) + 1
    return sums, counts


def test_totals_give_the_same_result_as_answers():
    sums, counts = tally(ANSWERS)
    from_totals = skm.compute_totals(3, sums, counts, year=2024)
    from_answers = skm.compute(ANSWERS, year=2024)
    assert from_totals.to_dict() == from_answers.to_dict()
    assert from_totals.nrr["U8"] == 2.5
    assert from_totals.ikm_converted == from_answers.ikm_converted


@pytest.mark.parametrize(
    ("n", "sums", "counts", "error"),
    [
        (3, {"U1": 13}, {"U1": 3}, InvalidInputError),  # more than 4 per answer
        (1, {"U1": 6}, {"U1": 2}, InvalidInputError),  # n below an answered count
        (2, {"X9": 6}, {"X9": 2}, UnknownCodeError),
    ],
)
def test_totals_that_cannot_come_from_answers_are_refused(n, sums, counts, error):
    with pytest.raises(error):
        skm.compute_totals(n, sums, counts, year=2024)
