"""The snapshot path (sums and counts) agrees with rules.skm.compute on the same answers."""

from __future__ import annotations

import random

import pytest

from sikap.publicservice.ikm import Totals, score_totals
from sikap.rules import skm

CODES = [u.code for u in skm.UNSUR]


@pytest.mark.parametrize("seed", range(25))
def test_totals_match_rules_compute(seed):
    rng = random.Random(seed)
    responses = []
    for _ in range(rng.randint(1, 60)):
        row = {c: (None if rng.random() < 0.15 else rng.randint(1, 4)) for c in CODES}
        if all(v is None for v in row.values()):
            row["U1"] = rng.randint(1, 4)
        responses.append(row)
    if seed % 5 == 0:  # an unsur nobody answered
        for row in responses:
            row["U4"] = None
    sums = {c: sum(r[c] or 0 for r in responses) for c in CODES}
    counts = {c: sum(r[c] is not None for r in responses) for c in CODES}
    mine = score_totals(Totals(n=len(responses), sums=sums, counts=counts), year=2024)
    ref = skm.compute(responses, year=2024)
    assert (mine.n, mine.ikm, mine.category, mine.label, mine.weakest, mine.complete) == (
        ref.n,
        ref.ikm_converted,
        ref.category,
        ref.label,
        ref.weakest,
        ref.complete,
    )
    assert mine.nrr == {c: (None if v is None else round(v + 1e-12, 2)) for c, v in ref.nrr.items()}
