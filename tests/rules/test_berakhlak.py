from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import berakhlak
from sikap.rules.berakhlak import Ballots
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    BallotError,
    MissingInputError,
    NoDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)

NATIONAL_2022 = {"BP": 57.9, "AK": 74.1, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9, "KL": 69.4}


def test_values() -> None:
    assert [(v.code, v.name) for v in berakhlak.VALUES] == [
        ("BP", "Berorientasi Pelayanan"),
        ("AK", "Akuntabel"),
        ("KO", "Kompeten"),
        ("HA", "Harmonis"),
        ("LO", "Loyal"),
        ("AD", "Adaptif"),
        ("KL", "Kolaboratif"),
    ]
    assert berakhlak.VALUES[0].name_en == "Service-oriented"


def test_behaviours() -> None:
    codes = [b.code for b in berakhlak.BEHAVIOURS]
    assert len(codes) == 21
    assert codes[:3] == ["BP1", "BP2", "BP3"]
    assert codes[-3:] == ["KL1", "KL2", "KL3"]
    for value in berakhlak.VALUES:
        mine = [b for b in berakhlak.BEHAVIOURS if b.value_code == value.code]
        assert [b.code for b in mine] == [f"{value.code}{i}" for i in (1, 2, 3)]
    assert berakhlak.BEHAVIOURS[2].text == "Melakukan perbaikan tiada henti"
    assert all(b.text_en for b in berakhlak.BEHAVIOURS)


def test_default_limiting() -> None:
    codes = [b.code for b in berakhlak.DEFAULT_LIMITING]
    assert codes == [f"L{i:02d}" for i in range(1, 13)]
    texts = {b.text for b in berakhlak.DEFAULT_LIMITING}
    assert {"Birokrasi berbelit", "Saling menyalahkan", "Menghindari risiko"} <= texts
    assert {"Berhati-hati berlebihan", "Kontrol berlebihan"} <= texts
    assert "Silo thinking" in {b.text_en for b in berakhlak.DEFAULT_LIMITING}


@pytest.mark.parametrize(
    ("code", "category", "label"),
    [
        ("BP", "B", "Cukup Sehat"),
        ("AK", "B", "Cukup Sehat"),
        ("KO", "B", "Cukup Sehat"),
        ("HA", "B", "Cukup Sehat"),
        ("LO", "B", "Cukup Sehat"),
        ("AD", "C", "Tidak Sehat"),
        ("KL", "B", "Cukup Sehat"),
    ],
)
def test_national_2022_values(code: str, category: str, label: str) -> None:
    g = berakhlak.grade(NATIONAL_2022[code], year=2022)
    assert (g.category, g.label, g.version) == (category, label, "berakhlak:2022")


def test_national_2022_overall() -> None:
    mean = berakhlak.overall(NATIONAL_2022)
    assert round(mean, 2) == 60.94
    g = berakhlak.grade(mean)
    assert (g.score, g.category, g.label) == (60.9, "B", "Cukup Sehat")
    assert g.explanation == "60.9 adalah B, Cukup Sehat: A mulai 75.0 — kurang 14.1 poin"
    assert g.confidence == "high"


@pytest.mark.parametrize(
    ("index", "category"),
    [(61.1, "B"), (92.4, "A"), (60.3, "B"), (37.1, "C"), (43.5, "C")],
)
def test_published_data_points(index: float, category: str) -> None:
    # national 2023, Kalteng 2023 energi positif, Palu 2023 (unverified), Kemendikbud Adaptif
    assert berakhlak.grade(index).category == category


@pytest.mark.parametrize(
    ("index", "category", "score"),
    [
        (100, "A", 100.0),
        (75.0, "A", 75.0),
        (74.95, "A", 75.0),  # published to one decimal, half-up
        (74.94, "B", 74.9),
        (74.9, "B", 74.9),
        (50.0, "B", 50.0),
        (49.95, "B", 50.0),
        (49.9, "C", 49.9),
        (25.0, "C", 25.0),
        (24.9, "D", 24.9),
        (0, "D", 0.0),
    ],
)
def test_band_boundaries(index: float, category: str, score: float) -> None:
    g = berakhlak.grade(index)
    assert (g.category, g.score) == (category, score)


def test_band_confidence() -> None:
    assert berakhlak.grade(10).confidence == "low"
    assert berakhlak.grade(10).label == "Sangat Tidak Sehat"
    assert berakhlak.grade(30).confidence == "medium"


@pytest.mark.parametrize("index", [100.1, -0.1, 101])
def test_grade_out_of_range(index: float) -> None:
    with pytest.raises(ScoreOutOfRangeError, match="out of range 0.0–100.0"):
        berakhlak.grade(index)


def test_overall_errors() -> None:
    with pytest.raises(MissingInputError, match="missing BerAKHLAK value: KL"):
        berakhlak.overall({k: v for k, v in NATIONAL_2022.items() if k != "KL"})
    with pytest.raises(UnknownCodeError):
        berakhlak.overall({**NATIONAL_2022, "XX": 50})
    with pytest.raises(ScoreOutOfRangeError):
        berakhlak.overall({**NATIONAL_2022, "AD": 120})
    assert berakhlak.overall({k.lower(): v for k, v in NATIONAL_2022.items()}) == pytest.approx(
        426.6 / 7
    )


def test_validate_ballot() -> None:
    allowed = {"BP1", "AK1", "L01"}
    assert berakhlak.validate_ballot(["BP1", "L01"], 2, allowed) == frozenset({"BP1", "L01"})
    with pytest.raises(BallotError, match="exactly 2 behaviours, not 1"):
        berakhlak.validate_ballot(["BP1"], 2, allowed)
    with pytest.raises(BallotError, match="only once: BP1"):
        berakhlak.validate_ballot(["BP1", "BP1"], 2, allowed)
    with pytest.raises(BallotError, match="unknown behaviour code"):
        berakhlak.validate_ballot(["BP1", "KO1"], 2, allowed)
    assert berakhlak.validate_ballot(["KL3", "L12"], 2) == frozenset({"KL3", "L12"})


def _ballots() -> list[Ballots]:
    return [
        Ballots(pv={"BP1", "AK1", "KO1"}, cc={"BP1", "AK2", "L01"}, dc={"AD1", "BP1", "KO2"}),
        Ballots(pv={"AK1", "BP1", "HA1"}, cc={"L01", "L02", "BP2"}, dc={"AD1", "AD2", "KL1"}),
        Ballots(pv={"AK1", "KO3", "LO1"}, cc={"AK2", "L03", "HA1"}, dc={"AD1", "BP1", "AK2"}),
        Ballots(pv={"AK1", "BP1", "KL1"}, cc={"BP1", "KO1", "L01"}, dc={"BP1", "KO1", "AD3"}),
    ]


def test_implementasi_indices() -> None:
    r = berakhlak.implementasi_indices(_ballots(), k=3)
    assert r.n == 4
    # respondents whose cc holds a BP behaviour: 1, 2, 4 → 75 %
    assert r.values == {
        "BP": 75.0, "AK": 50.0, "KO": 25.0, "HA": 25.0, "LO": 0.0, "AD": 0.0, "KL": 0.0
    }  # fmt: skip
    assert r.overall == 175 / 7
    assert (r.score, r.category) == (25.0, "C")
    assert r.breakdown["BP"].category == "A"
    assert r.breakdown["BP"].n == 3
    # cc votes: 12, limiting: L01 × 3, L02, L03 → 5 → 41.67 %
    assert r.entropy == 500 / 12
    assert r.energi_positif == 100 - 500 / 12
    assert r.shares["cc"]["L01"] == 75.0
    assert r.shares["pv"]["AK1"] == 100.0
    assert r.shares["dc"]["LO1"] == 0.0
    # ties keep the catalogue order (BP, AK, KO, HA, LO, AD, KL, then limiting)
    assert r.top10["pv"] == ("AK1", "BP1", "KO1", "KO3", "HA1", "LO1", "KL1")
    assert r.top10["cc"] == ("L01", "BP1", "AK2", "BP2", "KO1", "HA1", "L02", "L03")
    assert r.top10["dc"] == ("BP1", "AD1", "AK2", "KO1", "KO2", "AD2", "AD3", "KL1")
    assert r.pv_cc_matches == ("BP1", "KO1", "HA1")
    assert r.cc_dc_matches == ("BP1", "AK2", "KO1")
    assert [(g.code, g.gap) for g in r.gaps] == [
        ("AD1", 75.0), ("BP1", 25.0), ("KO2", 25.0), ("AD2", 25.0), ("AD3", 25.0), ("KL1", 25.0)
    ]  # fmt: skip
    assert r.gaps[0].cc_share == 0.0
    assert r.gaps[0].dc_share == 75.0
    assert r.confidence == "low"
    assert r.to_dict()["breakdown"]["BP"]["index"] == 75.0


def test_implementasi_accepts_mappings_and_checks_k() -> None:
    r = berakhlak.implementasi_indices([{"pv": ["BP1"], "cc": ["BP1"], "dc": ["BP1"]}])
    assert r.values["BP"] == 100.0
    assert r.entropy == 0.0
    with pytest.raises(BallotError):
        berakhlak.implementasi_indices(_ballots(), k=4)
    with pytest.raises(BallotError):
        berakhlak.implementasi_indices([Ballots(pv=["XX9"], cc=[], dc=[])])
    with pytest.raises(NoDataError):
        berakhlak.implementasi_indices([])


def test_implementasi_without_cc_votes_has_no_entropy() -> None:
    r = berakhlak.implementasi_indices([Ballots(pv={"BP1"}, cc=set(), dc=set())])
    assert (r.entropy, r.energi_positif, r.overall) == (None, None, 0.0)


def test_likert_indices() -> None:
    answers: list[dict[str, int | None]] = [
        {"BP1": 5, "BP2": 4, "BP3": 3, "AK1": 5, "AK2": 5, "AK3": 5},
        {"BP1": 1, "AK1": None},
        {"KO1": None},
    ]
    r = berakhlak.likert_indices(answers)
    assert r.n == 2
    # BP mean 13/4 → 100 × 2.25/4 = 56.25; AK mean 5 → 100
    assert r.values["BP"] == 56.25
    assert r.values["AK"] == 100.0
    assert r.values["KO"] is None
    assert r.complete is False
    assert r.missing == ("KO", "HA", "LO", "AD", "KL")
    assert r.overall == 78.125
    assert (r.score, r.category) == (78.1, "A")


def test_likert_full_and_errors() -> None:
    full = {b.code: 3 for b in berakhlak.BEHAVIOURS}
    r = berakhlak.likert_indices([full])
    assert (r.overall, r.complete, r.category) == (50.0, True, "B")
    with pytest.raises(AnswerOutOfScaleError, match="answer 6 for BP1 is not on the 1–5 scale"):
        berakhlak.likert_indices([{"BP1": 6}])
    with pytest.raises(AnswerOutOfScaleError):
        berakhlak.likert_indices([{"BP1": 0}])
    with pytest.raises(UnknownCodeError):
        berakhlak.likert_indices([{"BP4": 3}])
    with pytest.raises(NoDataError):
        berakhlak.likert_indices([{"BP1": None}])


ORDER = "DCBA"


@given(st.floats(0, 100), st.floats(0, 100))
def test_category_is_monotone(a: float, b: float) -> None:
    low, high = sorted([a, b])
    assert ORDER.index(berakhlak.grade(low).category) <= ORDER.index(berakhlak.grade(high).category)


@given(st.lists(st.sampled_from([b.code for b in berakhlak.BEHAVIOURS]), min_size=1, max_size=5))
def test_likert_index_bounds(codes: list[str]) -> None:
    r = berakhlak.likert_indices([dict.fromkeys(codes, 5)])
    assert all(v in (None, 100.0) for v in r.values.values())


def test_likert_index_and_scale_come_from_the_rulebook() -> None:
    assert berakhlak.likert_scale(year=2024) == (1, 5)
    assert berakhlak.likert_index(1.0, year=2024) == 0.0
    assert berakhlak.likert_index(4.0, year=2024) == 75.0
    assert berakhlak.likert_index(5.0, year=2024) == 100.0
    assert berakhlak.likert_index(4.0, scale=berakhlak.likert_scale(year=2024)) == 75.0
    assert berakhlak.likert_index(4.0, scale=(0, 10)) == 40.0
