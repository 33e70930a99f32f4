from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import pekppp
from sikap.rules.errors import MissingInputError, ScoreOutOfRangeError, UnknownCodeError

CODES = [i.code for i in pekppp.INDICATORS]


def test_aspect_weights() -> None:
    assert [(a.code, int(a.weight)) for a in pekppp.ASPECTS] == [
        ("kebijakan", 24), ("sdm", 25), ("sarpras", 18), ("sipp", 11), ("pengaduan", 10),
        ("inovasi", 12),
    ]  # fmt: skip
    assert sum(a.weight for a in pekppp.ASPECTS) == 100


def test_indicator_codes_and_weights() -> None:
    expected = {
        "kebijakan": [("K1", 17), ("K2", 14), ("K3", 7), ("K4", 14), ("K5", 10), ("K6", 17),
                      ("K7", 7), ("K8", 7), ("K9", 7)],
        "sdm": [("S1", 10), ("S2", 20), ("S3", 20), ("S4", 20), ("S5", 30)],
        "sarpras": [("P1", 15), ("P2", 23), ("P3", 20), ("P4", 20), ("P5", 11), ("P6", 11)],
        "sipp": [("I1", 30), ("I2", 20), ("I3", 20), ("I4", 30)],
        "pengaduan": [("A1", 20), ("A2", 25), ("A3", 25), ("A4", 30)],
        "inovasi": [("N1", 50), ("N2", 50)],
    }  # fmt: skip
    for aspect in pekppp.ASPECTS:
        assert [(i.code, int(i.weight)) for i in aspect.indicators] == expected[aspect.code]
        assert sum(i.weight for i in aspect.indicators) == 100
        assert all(i.name and i.name_en and i.confidence == "medium" for i in aspect.indicators)


def test_legacy_weights() -> None:
    book = pekppp.RULEBOOKS.select(2019)
    assert book.meta.version == "pekppp:2017"
    assert [int(a.weight) for a in book.aspects] == [30, 18, 15, 15, 15, 7]
    assert pekppp.RULEBOOKS.select(2022).meta.version == "pekppp:2022"


@pytest.mark.parametrize(
    ("ipp", "category", "label"),
    [
        (5.00, "A", "Pelayanan Prima"),
        (4.51, "A", "Pelayanan Prima"),
        (4.50, "A-", "Sangat Baik"),
        (4.01, "A-", "Sangat Baik"),
        (4.00, "B", "Baik"),
        (3.51, "B", "Baik"),
        (3.50, "B-", "Baik (Dengan Catatan)"),
        (3.01, "B-", "Baik (Dengan Catatan)"),
        (3.00, "C", "Cukup"),
        (2.51, "C", "Cukup"),
        (2.50, "C-", "Cukup (Dengan Catatan)"),
        (2.01, "C-", "Cukup (Dengan Catatan)"),
        (2.00, "D", "Buruk"),
        (1.51, "D", "Buruk"),
        (1.50, "E", "Sangat Buruk"),
        (1.01, "E", "Sangat Buruk"),
        (1.00, "F", "Gagal"),
        (0.00, "F", "Gagal"),
    ],
)
def test_predicates(ipp: float, category: str, label: str) -> None:
    g = pekppp.grade(ipp)
    assert (g.category, g.label) == (category, label)


def test_explanation_with_exclusive_bounds() -> None:
    g = pekppp.grade(4.50)
    assert g.explanation == "4.50 adalah A-, Sangat Baik: A di atas 4.50 — kurang 0.01 poin"
    assert g.points_to_next == 0.01


@pytest.mark.parametrize("ipp", [5.01, -0.01, 6])
def test_out_of_range(ipp: float) -> None:
    with pytest.raises(ScoreOutOfRangeError, match="out of range 0.00–5.00"):
        pekppp.grade(ipp)


def test_compute_uniform_scores() -> None:
    r = pekppp.compute(dict.fromkeys(CODES, 4))
    assert (r.ipp, r.ipp_percent, r.category) == (4.0, 80.0, "B")
    assert all(a.percent == 80.0 for a in r.breakdown.values())
    assert r.breakdown["kebijakan"].contribution == 19.2
    assert r.version == "pekppp:2022"


def test_compute_weighted() -> None:
    scores = dict.fromkeys(CODES, 5.0)
    scores["K1"] = 0  # 17 % of kebijakan lost → 83 % → 24 × 0.17 = 4.08 IPP %
    scores["N1"] = 2.5  # 25 % of inovasi lost → 12 × 0.25 = 3 IPP %
    r = pekppp.compute(scores)
    assert r.breakdown["kebijakan"].percent == 83.0
    assert r.breakdown["inovasi"].percent == 75.0
    assert r.ipp_percent == 92.92
    assert (r.ipp, r.category) == (4.65, "A")  # 92.92 / 20 = 4.646 → 4.65


def test_compute_rounds_ipp_half_up() -> None:
    scores = dict.fromkeys(CODES, 4.5)
    scores["N2"] = 4.5 + 1 / 60  # +0.2 % of inovasi → +0.001 IPP
    assert pekppp.compute(scores).ipp == 4.5  # 4.501 → 4.50 → A-
    assert pekppp.compute(scores).category == "A-"


def test_legacy_compute_uses_legacy_weights() -> None:
    scores = dict.fromkeys(CODES, 5.0)
    scores["N1"] = scores["N2"] = 0
    assert pekppp.compute(scores, year=2022).ipp_percent == 88.0
    assert pekppp.compute(scores, year=2020).ipp_percent == 93.0


def test_compute_errors() -> None:
    with pytest.raises(MissingInputError, match="N2"):
        pekppp.compute(dict.fromkeys(CODES[:-1], 3))
    with pytest.raises(UnknownCodeError):
        pekppp.compute({**dict.fromkeys(CODES, 3), "X1": 3})
    with pytest.raises(ScoreOutOfRangeError):
        pekppp.compute({**dict.fromkeys(CODES, 3), "K1": 5.5})


@given(st.lists(st.integers(0, 500), min_size=len(CODES), max_size=len(CODES)))
def test_ipp_is_on_scale(values: list[int]) -> None:
    r = pekppp.compute({c: v / 100 for c, v in zip(CODES, values, strict=True)})
    assert 0 <= r.ipp <= 5
    assert sum(a.contribution for a in r.breakdown.values()) == pytest.approx(r.ipp_percent)


ORDER = ["F", "E", "D", "C-", "C", "B-", "B", "A-", "A"]


@given(st.integers(0, 500), st.integers(0, 500))
def test_predicate_is_monotone(a: int, b: int) -> None:
    low, high = sorted([a / 100, b / 100])
    assert ORDER.index(pekppp.grade(low).category) <= ORDER.index(pekppp.grade(high).category)


def test_skm_prefill_k3_counts_quarters_and_k4_follow_up_share() -> None:
    from sikap.rules import pekppp as p
    from sikap.rules.errors import InvalidInputError

    assert p.SKM_PREFILL_INDICATORS == ("K3", "K4")
    none = p.skm_prefill(quarters_answered=0, follow_ups=0, follow_ups_done=0, published=False)
    assert none == {"K3": 1, "K4": 1}
    # 1 of 2 done: 1 + 4 × 0.5 = 3; 1 of 8 done: 1 + 0.5 rounds half-up to 2
    assert p.skm_prefill(quarters_answered=4, follow_ups=2, follow_ups_done=1, published=True) == {
        "K3": 5,
        "K4": 3,
    }
    assert (
        p.skm_prefill(quarters_answered=2, follow_ups=8, follow_ups_done=1, published=True)["K4"]
        == 2
    )
    # All done but not published: held at 3
    assert (
        p.skm_prefill(quarters_answered=1, follow_ups=3, follow_ups_done=3, published=False)["K4"]
        == 3
    )
    assert (
        p.skm_prefill(quarters_answered=1, follow_ups=3, follow_ups_done=3, published=True)["K4"]
        == 5
    )
    with pytest.raises(InvalidInputError):
        p.skm_prefill(quarters_answered=5, follow_ups=0, follow_ups_done=0, published=False)
    with pytest.raises(InvalidInputError):
        p.skm_prefill(quarters_answered=0, follow_ups=1, follow_ups_done=2, published=False)
