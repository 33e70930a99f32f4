from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import skm
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    InvalidInputError,
    NoDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
    UnknownYearError,
)

CODES = [f"U{i}" for i in range(1, 10)]


def uniform(n: int, answer: int) -> list[dict[str, int | None]]:
    return [dict.fromkeys(CODES, answer) for _ in range(n)]


def from_flat(answers: list[int]) -> list[dict[str, int | None]]:
    assert len(answers) % 9 == 0
    return [dict(zip(CODES, answers[i : i + 9], strict=True)) for i in range(0, len(answers), 9)]


def test_unsur_in_permen_order() -> None:
    assert [u.code for u in skm.UNSUR] == CODES
    assert [u.name for u in skm.UNSUR] == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]
    for u in skm.UNSUR:
        assert len(u.answers) == len(u.answers_en) == 4
        assert u.question.startswith("Bagaimana")
        assert u.question_en


@pytest.mark.parametrize(
    ("score", "mutu", "kinerja"),
    [
        (100, "A", "Sangat Baik"),
        (88.31, "A", "Sangat Baik"),
        (88.30, "B", "Baik"),
        (76.61, "B", "Baik"),
        (76.60, "C", "Kurang Baik"),
        (65.00, "C", "Kurang Baik"),
        (64.99, "D", "Tidak Baik"),
        (25, "D", "Tidak Baik"),
    ],
)
def test_grade_bands(score: float, mutu: str, kinerja: str) -> None:
    g = skm.grade(score)
    assert (g.category, g.label, g.version) == (mutu, kinerja, "skm:2017")


def test_grade_explanation() -> None:
    g = skm.grade(88.30)
    assert g.explanation == "88.30 adalah B, Baik: A mulai 88.31 — kurang 0.01 poin"
    assert g.explanation_en == "88.30 is B, Good: A starts at 88.31 — 0.01 points short"
    assert g.points_to_next == 0.01
    assert skm.grade(95).explanation == "95.00 adalah A, Sangat Baik (kategori tertinggi)"


@pytest.mark.parametrize(("ikm", "mutu"), [(3.5324, "A"), (3.532, "B"), (3.0644, "B"), (2.60, "C")])
def test_grade_on_ni_scale(ikm: float, mutu: str) -> None:
    assert skm.grade_ikm(ikm).category == mutu


@pytest.mark.parametrize("score", [101, 100.01, 24.99, 0, -1])
def test_grade_out_of_range(score: float) -> None:
    with pytest.raises(ScoreOutOfRangeError) as exc:
        skm.grade(score)
    assert str(exc.value) == f"skm: score {score} is out of range 25.00–100.00"


def test_all_fours_and_all_ones() -> None:
    best = skm.compute(uniform(3, 4))
    assert (best.n, best.ikm, best.ikm_converted, best.category, best.label) == (
        3,
        4.0,
        100.0,
        "A",
        "Sangat Baik",
    )
    worst = skm.compute(uniform(2, 1))
    assert (worst.ikm, worst.ikm_converted, worst.category) == (1.0, 25.0, "D")


def test_exact_nrr_and_ikm() -> None:
    responses: list[dict[str, int | None]] = [
        {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3},
        {"U1": 3, "U2": 3, "U3": 3, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 2, "U9": 3},
    ]
    r = skm.compute(responses)
    assert r.nrr == {
        "U1": 3.5, "U2": 3.0, "U3": 2.5, "U4": 4.0, "U5": 3.0,
        "U6": 4.0, "U7": 4.0, "U8": 2.5, "U9": 3.0,
    }  # fmt: skip
    # Σ NRR = 29.5; IKM = 29.5/9 = 3.2777…; × 25 = 81.944… → 81.94
    assert r.ikm == 29.5 / 9
    assert r.ikm_converted == 81.94
    assert (r.category, r.label, r.mutu, r.kinerja) == ("B", "Baik", "B", "Baik")
    assert r.weakest == ("U3", "U8")
    assert r.complete is True
    assert r.missing == ()
    assert r.breakdown["U1"].answered == 2
    assert r.breakdown["U1"].total == 7
    assert r.explanation == (
        "IKM 81.94 adalah B, Baik: A mulai 88.31 — kurang 6.37 poin (n = 2); "
        "unsur terlemah: U3 Waktu Penyelesaian (NRR 2.50), "
        "U8 Penanganan Pengaduan, Saran dan Masukan (NRR 2.50)"
    )


def test_unit_value_rounds_half_up_before_banding() -> None:
    # 43 respondents: 181 answers of 3 and 206 of 4 → IKM 1367/387; × 25 = 88.3075 → 88.31
    at_a = skm.compute(from_flat([3] * 181 + [4] * 206))
    assert (at_a.ikm_converted, at_a.category) == (88.31, "A")
    # 33 respondents, total 1049 → 88.2997 → 88.30
    at_b = skm.compute(from_flat([3] * 139 + [4] * 158))
    assert (at_b.ikm_converted, at_b.category) == (88.30, "B")


def test_weighting_0111_variant() -> None:
    best = skm.compute(uniform(1, 4), weighting="0.111")
    assert (best.ikm, best.ikm_converted, best.category) == (3.996, 99.9, "A")
    worst = skm.compute(uniform(1, 1), weighting="0.111")
    assert (worst.ikm, worst.ikm_converted, worst.category) == (0.999, 24.98, "D")
    with pytest.raises(InvalidInputError):
        skm.compute(uniform(1, 4), weighting="1/9")  # type: ignore[arg-type]


def test_nrr_uses_respondents_who_answered_that_unsur() -> None:
    responses: list[dict[str, int | None]] = [dict.fromkeys(CODES, 4), {"U1": 2, "U2": None}, {}]
    r = skm.compute(responses)
    assert r.n == 2  # the empty response answered nothing
    assert r.breakdown["U1"].nrr == 3.0
    assert r.breakdown["U2"].nrr == 4.0
    assert r.breakdown["U2"].answered == 1
    # Σ NRR = 3 + 8 × 4 = 35 → 35/9 × 25 = 97.22
    assert r.ikm_converted == 97.22


def test_unanswered_unsur_is_left_out_and_flagged() -> None:
    responses: list[dict[str, int | None]] = [{**dict.fromkeys(CODES, 3), "U4": None, "U1": 4}]
    r = skm.compute(responses)
    assert r.complete is False
    assert r.missing == ("U4",)
    assert r.breakdown["U4"].nrr is None
    assert r.breakdown["U4"].weight == 0.0
    assert r.breakdown["U1"].weight == 1 / 8
    assert r.ikm == 25 / 8  # (4 + 7 × 3) / 8
    assert r.ikm_converted == 78.13
    assert r.explanation.endswith("; unsur tanpa jawaban: U4")


def test_lowercase_codes_are_accepted() -> None:
    assert skm.compute([{"u1": 4}]).breakdown["U1"].nrr == 4.0


@pytest.mark.parametrize("answer", [0, 5, -1])
def test_answer_out_of_scale(answer: int) -> None:
    with pytest.raises(AnswerOutOfScaleError) as exc:
        skm.compute([{"U1": answer}])
    assert str(exc.value) == f"answer {answer} for U1 is not on the 1–4 scale"
    assert exc.value.message_id == f"jawaban {answer} untuk U1 tidak pada skala 1–4"


@pytest.mark.parametrize("answer", ["3", 3.0, True])
def test_answer_must_be_an_integer(answer: object) -> None:
    with pytest.raises(AnswerOutOfScaleError):
        skm.compute([{"U1": answer}])  # type: ignore[dict-item]


def test_unknown_unsur() -> None:
    with pytest.raises(UnknownCodeError, match="unknown unsur 'U10'"):
        skm.compute([{"U10": 3}])


def test_no_answers() -> None:
    with pytest.raises(NoDataError):
        skm.compute([])
    with pytest.raises(NoDataError):
        skm.compute([{"U1": None}])


def test_year_selection() -> None:
    assert skm.compute(uniform(1, 3), year=2024).version == "skm:2017"
    with pytest.raises(UnknownYearError, match="no rulebook version applies to year 2016"):
        skm.compute(uniform(1, 3), year=2016)


def test_to_dict_is_json() -> None:
    d = skm.compute(uniform(2, 3)).to_dict()
    data = json.loads(json.dumps(d))
    # All answers 3 ("baik") → IKM 3.00 → 75.00, which the Permen table calls C.
    assert (data["category"], data["label"], data["score"]) == ("C", "Kurang Baik", 75.0)
    assert data["breakdown"]["U1"]["nrr"] == 3.0
    assert data["grade"]["version"] == "skm:2017"


answers = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
response = st.fixed_dictionaries(dict.fromkeys(CODES, answers))


@given(st.lists(response, min_size=1, max_size=30))
def test_ikm_is_on_scale_and_weights_sum_to_one(responses: list[dict[str, int | None]]) -> None:
    if not any(v is not None for r in responses for v in r.values()):
        return
    r = skm.compute(responses)
    assert 1.0 <= r.ikm <= 4.0
    assert 25.0 <= r.ikm_converted <= 100.0
    weights = [u.weight for u in r.breakdown.values()]
    assert sum(weights) == pytest.approx(1.0)
    assert r.ikm == pytest.approx(sum(u.weighted for u in r.breakdown.values()))


ORDER = "DCBA"


@given(
    st.decimals(min_value=25, max_value=100, places=2),
    st.decimals(min_value=25, max_value=100, places=2),
)
def test_mutu_is_monotone(a: object, b: object) -> None:
    low, high = sorted([float(a), float(b)])  # type: ignore[arg-type]
    assert ORDER.index(skm.grade(low).category) <= ORDER.index(skm.grade(high).category)


def test_0111_variant_with_a_missing_unsur_keeps_total_weight_0999() -> None:
    r = skm.compute([{**dict.fromkeys(CODES, 4), "U9": None}], weighting="0.111")
    assert r.missing == ("U9",)
    assert r.ikm == pytest.approx(3.996)
    assert r.ikm_converted == 99.9
