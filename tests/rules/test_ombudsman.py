from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import ombudsman
from sikap.rules.errors import (
    InvalidInputError,
    MissingInputError,
    RuleError,
    ScoreOutOfRangeError,
    UnknownCodeError,
    UnknownYearError,
)


def test_palu_2022_is_b_hijau() -> None:
    g = ombudsman.grade(79.09, year=2022)
    assert (g.category, g.label, g.zone, g.version) == (
        "B",
        "Kualitas Tinggi",
        "hijau",
        "ombudsman:2022",
    )
    assert g.zone_label == "Zona Hijau"


@pytest.mark.parametrize("score", [58.99, 58.03])
def test_kendari_and_baubau_2022_are_c_kuning(score: float) -> None:
    g = ombudsman.grade(score, year=2022)
    assert (g.category, g.label, g.zone) == ("C", "Kualitas Sedang", "kuning")


def test_86_07_is_b_and_1_93_short_of_a() -> None:
    g = ombudsman.grade(86.07, year=2023)
    assert (g.category, g.next_category, g.points_to_next) == ("B", "A", 1.93)
    assert g.explanation == "86.07 adalah B, Kualitas Tinggi: A mulai 88.00 — kurang 1.93 poin"
    assert g.explanation_en == "86.07 is B, High quality: A starts at 88.00 — 1.93 points short"


@pytest.mark.parametrize(
    ("score", "category", "zone"),
    [
        (100, "A", "hijau"),
        (88.00, "A", "hijau"),
        (87.99, "B", "hijau"),
        (78.00, "B", "hijau"),
        (77.99, "C", "kuning"),
        (54.00, "C", "kuning"),
        (53.99, "D", "merah"),
        (32.00, "D", "merah"),
        (31.99, "E", "merah"),
        (0, "E", "merah"),
    ],
)
def test_2022_2024_bands(score: float, category: str, zone: str) -> None:
    for year in (2022, 2023, 2024):
        g = ombudsman.grade(score, year=year)
        assert (g.category, g.zone) == (category, zone)


def test_2024_is_high_confidence_and_2022_medium() -> None:
    assert ombudsman.grade(80, year=2024).confidence == "high"
    assert ombudsman.grade(80, year=2022).confidence == "medium"


def test_2025_black_zone() -> None:
    g = ombudsman.grade(31.99, year=2025)
    assert (g.category, g.label, g.zone, g.zone_label) == (
        "E",
        "Kualitas Terendah",
        "hitam",
        "Zona Hitam",
    )
    assert ombudsman.grade(32.00, year=2025).zone == "merah"
    assert ombudsman.grade(31.99).version == "ombudsman:2025"


@pytest.mark.parametrize(
    ("score", "zone", "label"),
    [
        (81.00, "hijau", "Kepatuhan Tinggi"),
        (80.99, "kuning", "Kepatuhan Sedang"),
        (51.00, "kuning", "Kepatuhan Sedang"),
        (50.99, "merah", "Kepatuhan Rendah"),
        (0, "merah", "Kepatuhan Rendah"),
    ],
)
def test_2013_2021_zones(score: float, zone: str, label: str) -> None:
    for year in (2013, 2021):
        g = ombudsman.grade(score, year=year)
        assert (g.category, g.zone, g.label, g.version) == (zone, zone, label, "ombudsman:2013")


def test_before_2013_is_unknown() -> None:
    with pytest.raises(UnknownYearError):
        ombudsman.grade(80, year=2012)


@pytest.mark.parametrize("score", [101, -0.01, 100.01])
def test_out_of_range(score: float) -> None:
    with pytest.raises(ScoreOutOfRangeError, match=f"score {score} is out of range 0.00–100.00"):
        ombudsman.grade(score)


def test_dimension_weights() -> None:
    dims = ombudsman.dimensions(2022)
    assert [(d.code, float(d.weight)) for d in dims] == [
        ("input", 21.85), ("proses", 32.37), ("output", 24.24), ("pengaduan", 21.54)
    ]  # fmt: skip
    assert sum(d.weight for d in dims) == 100
    dims_2025 = ombudsman.dimensions(2025)
    assert sum(d.weight for d in dims_2025) == 100
    assert sum(d.weight for d in dims_2025 if d.code != "kepercayaan") == 70
    assert ombudsman.dimensions(2019) == ()


def test_combine_2022() -> None:
    r = ombudsman.combine({"input": 80, "proses": 90, "output": 70, "pengaduan": 85}, year=2022)
    # 17.48 + 29.133 + 16.968 + 18.309 = 81.89
    assert r.score == 81.89
    assert (r.category, r.zone) == ("B", "hijau")
    assert r.breakdown["proses"].contribution == 29.133
    assert r.breakdown["input"].weight == 21.85
    assert r.explanation.endswith("(zona hijau)")
    assert r.to_dict()["breakdown"]["output"]["score"] == 70.0


def test_combine_all_equal_gives_the_same_score() -> None:
    r = ombudsman.combine(dict.fromkeys(["input", "proses", "output", "pengaduan"], 88), year=2024)
    assert (r.score, r.category) == (88.0, "A")


def test_combine_2025_with_public_trust() -> None:
    scores = {"input": 80, "proses": 90, "output": 70, "pengaduan": 85, "kepercayaan": 60}
    r = ombudsman.combine(scores, year=2025)
    # 0.70 × 81.89 + 0.30 × 60 = 75.323 → 75.32
    assert (r.score, r.category, r.zone) == (75.32, "C", "kuning")
    assert r.confidence == "low"
    custom = ombudsman.combine(
        scores,
        year=2025,
        weights={"input": 10, "proses": 30, "output": 20, "pengaduan": 10, "kepercayaan": 30},
    )
    assert custom.score == 75.5  # 8 + 27 + 14 + 8.5 + 18
    assert custom.confidence == "medium"


def test_combine_errors() -> None:
    base = {"input": 80, "proses": 90, "output": 70, "pengaduan": 85}
    with pytest.raises(MissingInputError, match="pengaduan"):
        ombudsman.combine({k: v for k, v in base.items() if k != "pengaduan"}, year=2022)
    with pytest.raises(UnknownCodeError):
        ombudsman.combine({**base, "kepercayaan": 50}, year=2022)
    with pytest.raises(ScoreOutOfRangeError):
        ombudsman.combine({**base, "input": 101}, year=2022)
    with pytest.raises(InvalidInputError, match="sum to 100"):
        ombudsman.combine(base, year=2022, weights=dict.fromkeys(base, 20))
    with pytest.raises(RuleError, match="zones only"):
        ombudsman.combine(base, year=2020)


ORDER = "EDCBA"


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from([2022, 2024, 2025]))
def test_opini_is_monotone(a: int, b: int, year: int) -> None:
    low, high = sorted([a / 100, b / 100])
    assert ORDER.index(ombudsman.grade(low, year=year).category) <= ORDER.index(
        ombudsman.grade(high, year=year).category
    )


@given(st.lists(st.integers(0, 10_000), min_size=4, max_size=4))
def test_combined_score_lies_between_min_and_max(values: list[int]) -> None:
    scores = dict(
        zip(["input", "proses", "output", "pengaduan"], [v / 100 for v in values], strict=True)
    )
    r = ombudsman.combine(scores, year=2023)
    assert min(scores.values()) - 0.005 <= r.score <= max(scores.values()) + 0.005


@given(st.lists(st.integers(0, 1000), min_size=5, max_size=5).filter(lambda xs: sum(xs) > 0))
def test_custom_2025_weights_must_sum_to_100(raw: list[int]) -> None:
    codes = ["input", "proses", "output", "pengaduan", "kepercayaan"]
    total = sum(raw)
    weights = [round(100 * x / total, 2) for x in raw]
    weights[-1] = round(100 - sum(weights[:-1]), 2)
    if weights[-1] < 0:
        return
    scores = dict.fromkeys(codes, 50.0)
    r = ombudsman.combine(scores, year=2025, weights=dict(zip(codes, weights, strict=True)))
    assert sum(d.weight for d in r.breakdown.values()) == pytest.approx(100)
    assert r.score == 50.0


@pytest.mark.parametrize(
    ("score", "category", "expected"),
    [
        (79.09, "A", 8.91),  # the demo Pemda's 2023 grade: 88.00 - 79.09
        (86.07, "A", 1.93),
        (88.00, "A", 0.0),
        (95.5, "A", 0.0),
        (86.07, "Z", None),
    ],
)
def test_points_to_a_category(score, category, expected):
    gap = ombudsman.points_to(score, category, year=2025)
    assert gap == (None if expected is None else pytest.approx(expected, abs=1e-9))
