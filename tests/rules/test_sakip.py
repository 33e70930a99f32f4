from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import sakip
from sikap.rules.errors import MissingInputError, ScoreOutOfRangeError, UnknownCodeError


def test_components_and_split() -> None:
    assert [(c.code, float(c.weight)) for c in sakip.COMPONENTS] == [
        ("perencanaan", 30.0), ("pengukuran", 30.0), ("pelaporan", 15.0), ("evaluasi", 25.0)
    ]  # fmt: skip
    assert sum(c.weight for c in sakip.COMPONENTS) == 100
    assert sakip.part_weights() == {
        "perencanaan": {"pemenuhan": 6.0, "kualitas": 9.0, "pemanfaatan": 15.0},
        "pengukuran": {"pemenuhan": 6.0, "kualitas": 9.0, "pemanfaatan": 15.0},
        "pelaporan": {"pemenuhan": 3.0, "kualitas": 4.5, "pemanfaatan": 7.5},
        "evaluasi": {"pemenuhan": 5.0, "kualitas": 7.5, "pemanfaatan": 12.5},
    }


@pytest.mark.parametrize(
    ("answer", "value"),
    [("AA", 100), ("A", 90), ("BB", 80), ("B", 70), ("CC", 60), ("C", 50), ("D", 30), ("E", 0),
     ("y", 100), ("T", 0), (" bb ", 80)],
)  # fmt: skip
def test_answer_conversion(answer: str, value: float) -> None:
    assert sakip.convert_answer(answer) == value


def test_unknown_answer() -> None:
    with pytest.raises(UnknownCodeError):
        sakip.convert_answer("AAA")


@pytest.mark.parametrize(
    ("score", "exclusive", "inclusive"),
    [
        (100, "AA", "AA"), (90.01, "AA", "AA"), (90.00, "A", "AA"), (89.99, "A", "A"),
        (80.01, "A", "A"), (80.00, "BB", "A"), (70.00, "B", "BB"), (60.00, "CC", "B"),
        (50.00, "C", "CC"), (30.01, "C", "C"), (30.00, "D", "C"), (29.99, "D", "D"), (0, "D", "D"),
    ],
)  # fmt: skip
def test_cut_points(score: float, exclusive: str, inclusive: str) -> None:
    assert sakip.grade(score).category == exclusive
    assert sakip.grade(score, inclusive=True).category == inclusive


def test_labels_and_explanations() -> None:
    labels = [sakip.grade(s).label for s in (95, 85, 75, 65, 55, 40, 10)]
    assert labels == [
        "Sangat Memuaskan", "Memuaskan", "Sangat Baik", "Baik", "Cukup (Memadai)", "Kurang",
        "Sangat Kurang",
    ]  # fmt: skip
    g = sakip.grade(90.00)
    assert g.explanation == "90.00 adalah A, Memuaskan: AA di atas 90.00 — kurang 0.01 poin"
    assert g.breakdown["lower_bound"] == "exclusive"
    gi = sakip.grade(89.5, inclusive=True)
    assert gi.explanation == "89.50 adalah A, Memuaskan: AA mulai 90.00 — kurang 0.50 poin"


def test_thresholds_text() -> None:
    assert [b.text for b in sakip.thresholds()][:2] == ["> 90.00 – 100.00", "> 80.00 – 90.00"]
    assert [b.text for b in sakip.thresholds(inclusive=True)][:2] == [
        "90.00 – 100.00", "80.00 – 89.99"
    ]  # fmt: skip


@pytest.mark.parametrize("score", [100.01, -1])
def test_out_of_range(score: float) -> None:
    with pytest.raises(ScoreOutOfRangeError):
        sakip.grade(score)


def _parts(p: float, k: float, m: float) -> dict[str, dict[str, float]]:
    return {c.code: {"pemenuhan": p, "kualitas": k, "pemanfaatan": m} for c in sakip.COMPONENTS}


def test_compute() -> None:
    r = sakip.compute(_parts(100, 80, 70))
    # 20 + 0.3 × 80 + 0.5 × 70 = 79
    assert (r.score, r.category, r.label) == (79.0, "BB", "Sangat Baik")
    assert r.breakdown["perencanaan"].value == 23.7  # 6 + 7.2 + 10.5
    assert r.breakdown["pelaporan"].value == 11.85
    assert r.confidence == "medium"
    edge = sakip.compute(_parts(100, 100, 80))  # 20 + 30 + 40 = 90
    assert (edge.score, edge.category) == (90.0, "A")
    assert sakip.compute(_parts(100, 100, 80), inclusive=True).category == "AA"


def test_compute_errors() -> None:
    parts = _parts(100, 80, 70)
    del parts["evaluasi"]["kualitas"]
    with pytest.raises(MissingInputError, match="evaluasi.kualitas"):
        sakip.compute(parts)
    with pytest.raises(ScoreOutOfRangeError):
        sakip.compute(_parts(100, 101, 70))
    with pytest.raises(UnknownCodeError):
        sakip.compute({**_parts(1, 1, 1), "anggaran": {"pemenuhan": 1}})


ORDER = ["D", "C", "CC", "B", "BB", "A", "AA"]


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.booleans())
def test_predicate_is_monotone(a: int, b: int, inclusive: bool) -> None:
    low, high = sorted([a / 100, b / 100])
    assert ORDER.index(sakip.grade(low, inclusive=inclusive).category) <= ORDER.index(
        sakip.grade(high, inclusive=inclusive).category
    )
