from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import zi, zi_rulebook
from sikap.rules.errors import (
    InvalidInputError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.versions import Table

BEST: dict[str, str | float] = {
    "ya/tidak": "ya",
    "abc": "A",
    "abcd": "A",
    "abcde": "A",
    "persen": 1.0,
}
WORST: dict[str, str | float] = {
    "ya/tidak": "tidak",
    "abc": "C",
    "abcd": "D",
    "abcde": "E",
    "persen": 0.0,
}


def answers(table: dict[str, str | float]) -> dict[str, str | float]:
    return {i.code: table[i.answer_type] for i in zi.ITEMS}


def test_structure_totals() -> None:
    book = zi.RULEBOOKS.select()
    assert [(a.code, float(a.pemenuhan), float(a.reform), float(a.weight)) for a in zi.AREAS] == [
        ("MP", 4.0, 4.0, 8.0), ("TL", 3.5, 3.5, 7.0), ("SDM", 5.0, 5.0, 10.0),
        ("AK", 5.0, 5.0, 10.0), ("PW", 7.5, 7.5, 15.0), ("PP", 5.0, 5.0, 10.0),
    ]  # fmt: skip
    assert sum(a.pemenuhan for a in zi.AREAS) == 30
    assert sum(a.reform for a in zi.AREAS) == 30
    assert sum(a.weight for a in zi.AREAS) == 60
    assert book.hasil["capaian_kinerja"] + book.hasil["ipak"] + book.hasil["ipkp"] == 40
    assert book.totals == {"pengungkit": 60, "pemenuhan": 30, "reform": 30, "hasil": 40}


def test_pemenuhan_sub_weights() -> None:
    def weights(area: str) -> list[float]:
        return [
            float(s.weight) for s in zi.SUBCOMPONENTS
            if s.area_code == area and s.component == "pemenuhan"
        ]  # fmt: skip

    assert weights("MP") == [0.5, 1.0, 1.0, 1.5]
    assert weights("TL") == [1.0, 2.0, 0.5]
    assert weights("SDM") == [0.25, 0.5, 1.25, 2.0, 0.75, 0.25]
    assert weights("AK") == [2.5, 2.5]
    assert weights("PW") == [1.5] * 5
    assert weights("PP") == [1.0] * 5


def test_item_codes_are_stable_and_unique() -> None:
    codes = [i.code for i in zi.ITEMS]
    assert len(codes) == len(set(codes))
    assert codes[:3] == ["MP.P.1.a", "MP.P.1.b", "MP.P.2.a"]
    assert {i.answer_type for i in zi.ITEMS} == set(zi.ANSWER_TYPES)


@pytest.mark.parametrize(
    ("answer_type", "answer", "fraction"),
    [
        ("ya/tidak", "Ya", "1"), ("ya/tidak", "tidak", "0"), ("ya/tidak", True, "1"),
        ("abc", "a", "1"), ("abc", "B", "0.5"), ("abc", "C", "0"),
        ("abcd", "A", "1"), ("abcd", "B", "0.67"), ("abcd", "C", "0.33"), ("abcd", "D", "0"),
        ("abcde", "B", "0.75"), ("abcde", "C", "0.5"), ("abcde", "D", "0.25"), ("abcde", "E", "0"),
        ("persen", 0.85, "0.85"), ("persen", "85%", "0.85"), ("persen", 1.2, "1"),
    ],
)  # fmt: skip
def test_answer_scoring(answer_type: str, answer: str | float, fraction: str) -> None:
    assert zi.score_answer(answer_type, answer) == Decimal(fraction)


@pytest.mark.parametrize(
    ("answer_type", "answer"),
    [("abcd", "E"), ("abc", "D"), ("ya/tidak", "mungkin"), ("persen", -0.1), ("persen", "85")],
)
def test_bad_answers(answer_type: str, answer: str | float) -> None:
    with pytest.raises(InvalidInputError):
        zi.score_answer(answer_type, answer)


def test_bad_answer_message() -> None:
    with pytest.raises(InvalidInputError) as exc:
        zi.score_answer("abcd", "E", item="MP.P.3.a")
    assert str(exc.value) == "answer 'E' for MP.P.3.a must be one of A, B, C, D"


def test_pn_serang_rencana_pembangunan_zi() -> None:
    # Items answered Ya, C, A on a sub-component of weight 1.00 → 0.67 (66.67 %)
    r = zi.compute(
        {"MP.P.2.a": "Ya", "MP.P.2.b": "C", "MP.P.2.c": "A"},
        ipak=0, ipkp=0, capaian_kinerja=0,
    )  # fmt: skip
    sub = r.subcomponents["MP.P.2"]
    assert (sub.weight, sub.value, round(sub.fraction * 100, 2)) == (1.0, 0.67, 66.67)
    assert sub.answered == 3
    assert sub.items == {"MP.P.2.a": 1.0, "MP.P.2.b": 0.0, "MP.P.2.c": 1.0}


def test_full_marks() -> None:
    r = zi.compute(answers(BEST), ipak=17.5, ipkp=17.5, capaian_kinerja=5)
    assert (r.pemenuhan, r.reform, r.pengungkit, r.hasil, r.total) == (30, 30, 60, 40, 100)
    assert all(a.percent == 100 for a in r.breakdown.values())
    assert (r.wbk.passed, r.wbbm.passed, r.category) == (True, True, "WBBM")
    assert r.unanswered == ()


def test_nothing_answered() -> None:
    r = zi.compute({}, ipak=0, ipkp=0, capaian_kinerja=0)
    assert (r.total, r.category, r.label) == (0.0, "-", "Belum memenuhi syarat WBK")
    assert len(r.unanswered) == len(zi.ITEMS)
    assert [s.rule for s in r.wbk.shortfalls] == [
        "total", "pengungkit", "area:MP", "area:TL", "area:SDM", "area:AK", "area:PW", "area:PP",
        "birokrasi_bersih", "ipak", "capaian_kinerja", "pelayanan_prima",
    ]  # fmt: skip


def _passing_wbk() -> dict[str, str | float]:
    # Pemenuhan full (30), reform B answers; all areas well above 60 %.
    reform: dict[str, str | float] = {
        "abcd": "B", "abcde": "B", "persen": 0.7, "abc": "B", "ya/tidak": "ya"
    }  # fmt: skip
    out = answers(BEST)
    for i in zi.ITEMS:
        if ".R." in i.code:
            out[i.code] = reform[i.answer_type]
    return out


def test_wbk_at_the_thresholds() -> None:
    r = zi.compute(_passing_wbk(), ipak=15.75, ipkp=14.0, capaian_kinerja=2.5)
    assert r.birokrasi_bersih == 18.25
    assert r.pelayanan_prima == 14.0
    assert r.wbk.passed is True
    assert r.wbk.shortfalls == ()
    assert r.category == "WBK"
    assert r.wbk.confidence == "medium"
    assert r.wbbm.passed is False
    assert r.wbbm.confidence == "low"
    # WBBM asks IPAK 15.75 like WBK, but capaian 3.75, bersih 19.5 and IPKP 15.75.
    assert {s.rule for s in r.wbbm.shortfalls} == {
        "total", "area:MP", "area:TL", "area:SDM", "area:AK", "area:PW", "area:PP",
        "birokrasi_bersih", "capaian_kinerja", "pelayanan_prima",
    } - _wbbm_met_areas(r)  # fmt: skip


def _wbbm_met_areas(r: zi.ZiResult) -> set[str]:
    return {f"area:{c}" for c, a in r.breakdown.items() if a.percent >= 75}


def test_wbk_just_below_each_hasil_threshold() -> None:
    r = zi.compute(_passing_wbk(), ipak=15.74, ipkp=13.99, capaian_kinerja=2.49)
    rules = {s.rule: s for s in r.wbk.shortfalls}
    assert set(rules) == {"birokrasi_bersih", "ipak", "capaian_kinerja", "pelayanan_prima"}
    assert rules["ipak"].missing == pytest.approx(0.01)
    assert rules["ipak"].message == "Nilai IPAK 15.74 < 15.75 (kurang 0.01)"
    assert rules["birokrasi_bersih"].actual == 18.23
    assert r.wbk.passed is False


def test_area_below_60_percent() -> None:
    a = answers(BEST)
    for i in zi.ITEMS:
        if i.code.startswith("PW."):
            a[i.code] = WORST[i.answer_type]
    r = zi.compute(a, ipak=17.5, ipkp=17.5, capaian_kinerja=5)
    assert r.breakdown["PW"].total == 0.0
    assert r.total == 85.0
    pw = [s for s in r.wbk.shortfalls if s.rule == "area:PW"]
    assert pw[0].required == 9.0
    assert pw[0].message == ("Area Penguatan Pengawasan (60% dari 15.00) 0.00 < 9.00 (kurang 9.00)")


def test_survey_index_scale() -> None:
    r = zi.compute({}, ipak=3.6, ipkp=3.2, capaian_kinerja=2.5, survey_scale="index")
    assert (r.ipak, r.ipkp, r.birokrasi_bersih, r.pelayanan_prima) == (15.75, 14.0, 18.25, 14.0)
    with pytest.raises(ScoreOutOfRangeError):
        zi.compute({}, ipak=15.75, ipkp=3.2, capaian_kinerja=2.5, survey_scale="index")
    with pytest.raises(InvalidInputError):
        zi.compute({}, ipak=1, ipkp=1, capaian_kinerja=1, survey_scale="percent")  # type: ignore[arg-type]


def test_hasil_ranges() -> None:
    with pytest.raises(ScoreOutOfRangeError):
        zi.compute({}, ipak=17.6, ipkp=0, capaian_kinerja=0)
    with pytest.raises(ScoreOutOfRangeError):
        zi.compute({}, ipak=0, ipkp=0, capaian_kinerja=5.01)


def test_unknown_item() -> None:
    with pytest.raises(UnknownCodeError):
        zi.compute({"XX.P.1.a": "ya"}, ipak=0, ipkp=0, capaian_kinerja=0)


def test_configurable_wbbm_thresholds() -> None:
    r = zi.compute(
        _passing_wbk(), ipak=17.5, ipkp=17.5, capaian_kinerja=5,
        wbbm_thresholds={"total": 80, "area_pct": 60, "pengungkit": 40},
    )  # fmt: skip
    assert r.total >= 80
    assert r.wbbm.passed is True
    assert r.category == "WBBM"
    with pytest.raises(UnknownCodeError):
        zi.compute({}, ipak=0, ipkp=0, capaian_kinerja=0, wbbm_thresholds={"nilai": 1})


def test_to_dict() -> None:
    d = zi.compute({}, ipak=0, ipkp=0, capaian_kinerja=0).to_dict()
    assert d["wbk"]["passed"] is False
    assert d["breakdown"]["MP"]["weight"] == 8.0


@given(
    st.lists(
        st.sampled_from(["best", "worst", "none"]), min_size=len(zi.ITEMS), max_size=len(zi.ITEMS)
    )
)
def test_scores_stay_within_weights(choices: list[str]) -> None:
    a: dict[str, str | float] = {}
    for item, choice in zip(zi.ITEMS, choices, strict=True):
        if choice != "none":
            a[item.code] = (BEST if choice == "best" else WORST)[item.answer_type]
    r = zi.compute(a, ipak=10, ipkp=10, capaian_kinerja=3)
    for area in r.breakdown.values():
        assert 0 <= area.total <= area.weight
    assert 0 <= r.pengungkit <= 60
    assert r.total == pytest.approx(r.pengungkit + r.hasil, abs=0.011)


# --- the official LKE item list (PermenPANRB 90/2021 annex) ---------------------------------


def test_official_item_list_per_sub_component() -> None:
    # Items per sub-component as both public implementations list them (a BPS application's
    # `pertanyaan` table and a Laravel application's criterion seeder).
    got = {s.code: len(s.items) for s in zi.SUBCOMPONENTS}
    assert got == {
        "MP.P.1": 2, "MP.P.2": 3, "MP.P.3": 3, "MP.P.4": 4, "MP.R.1": 2, "MP.R.2": 1, "MP.R.3": 1,
        "TL.P.1": 3, "TL.P.2": 4, "TL.P.3": 2, "TL.R.1": 1, "TL.R.2": 2, "TL.R.3": 3,
        "SDM.P.1": 3, "SDM.P.2": 3, "SDM.P.3": 6, "SDM.P.4": 4, "SDM.P.5": 1, "SDM.P.6": 1,
        "SDM.R.1": 1, "SDM.R.2": 1, "SDM.R.3": 1,
        "AK.P.1": 3, "AK.P.2": 8, "AK.R.1": 1, "AK.R.2": 1, "AK.R.3": 1,
        "PW.P.1": 2, "PW.P.2": 4, "PW.P.3": 4, "PW.P.4": 3, "PW.P.5": 5,
        "PW.R.1": 1, "PW.R.2": 1, "PW.R.3": 2,
        "PP.P.1": 4, "PP.P.2": 6, "PP.P.3": 3, "PP.P.4": 3, "PP.P.5": 3, "PP.R.1": 2, "PP.R.2": 1,
    }  # fmt: skip
    # Pemenuhan 12 + 9 + 18 + 11 + 18 + 19 = 87; reform 4 + 6 + 3 + 3 + 4 + 3 = 23.
    assert len(zi.ITEMS) == 87 + 23 == 110
    # Count rows: MP.R.1 2 + 2, SDM.R.3 3, AK.R.1 2, PW.R.2 3, PW.R.3 5 + 5, PP.R.1 2 = 24;
    # with the 110 items the sheet has 134 rows.
    book = zi.RULEBOOKS.select()
    assert len(book.counts) == 24
    assert len(zi.ITEMS) + len(book.counts) == 134
    assert (book.items_confidence, book.count_confidence) == ("medium", "medium")


def test_official_items_wording_and_types() -> None:
    items = {i.code: i for i in zi.ITEMS}
    assert (
        items["PW.P.1.a"].text == "Telah dilakukan public campaign tentang pengendalian gratifikasi"
    )
    assert items["PW.P.1.a"].answer_type == "abc"
    assert items["MP.P.1.a"].answer_type == "ya/tidak"
    assert items["TL.P.1.b"].answer_type == "abcde"
    assert items["SDM.P.4.c"].text == "Pengukuran kinerja individu dilakukan secara periodik"
    assert items["AK.R.1.a"].text == "Persentase Sasaran dengan capaian 100% atau lebih"
    # Both sources give three options for these (one seeder labels them A/B/C/D).
    assert items["MP.P.4.c"].answer_type == items["AK.P.1.b"].answer_type == "abc"
    percent = [i.code for i in zi.ITEMS if i.answer_type == "persen"]
    assert percent == [
        "MP.R.1.a", "MP.R.1.b", "SDM.R.3.a", "AK.R.1.a", "PW.R.2.a", "PW.R.3.a", "PW.R.3.b",
        "PP.R.1.b",
    ]  # fmt: skip
    # Every percent item is fed by count rows; nothing else is.
    assert [i.code for i in zi.ITEMS if i.counts] == percent
    assert items["SDM.R.3.a"].formula == "decrease"
    assert {items[c].formula for c in percent if c != "SDM.R.3.a"} == {"ratio"}
    assert [(c.code, c.role) for c in items["PW.R.3.a"].counts] == [
        ("PW.R.3.a.1", "whole"), ("PW.R.3.a.2", "adds"), ("PW.R.3.a.3", "adds"),
        ("PW.R.3.a.4", "adds"), ("PW.R.3.a.5", "part"),
    ]  # fmt: skip
    assert items["PW.R.3.a"].counts[4].text == "Jumlah yang sudah melaporkan"


def _item(code: str) -> zi.Item:
    return next(i for i in zi.ITEMS if i.code == code)


@pytest.mark.parametrize(
    ("code", "counts", "fraction"),
    [
        # 4 changes by 5 agents: 4 / 5 = 0.8
        ("MP.R.1.a", {"MP.R.1.a.1": 5, "MP.R.1.a.2": 4}, "0.8"),
        # 5 changes by 3 agents: 5 / 3 capped at 1
        ("MP.R.1.a", {"mp.r.1.a.1": 3, "mp.r.1.a.2": 5}, "1"),
        # breaches 8 last year, 6 this year: (8 - 6) / 8 = 0.25; the sanctioned count is not used
        ("SDM.R.3.a", {"SDM.R.3.a.1": 8, "SDM.R.3.a.2": 6, "SDM.R.3.a.3": 6}, "0.25"),
        # more breaches than last year: (4 - 6) / 4 < 0, floored at 0
        ("SDM.R.3.a", {"SDM.R.3.a.1": 4, "SDM.R.3.a.2": 6}, "0"),
        # no breach either year: 1; none last year but 2 now: 0
        ("SDM.R.3.a", {"SDM.R.3.a.1": 0, "SDM.R.3.a.2": 0}, "1"),
        ("SDM.R.3.a", {"SDM.R.3.a.1": 0, "SDM.R.3.a.2": 2}, "0"),
        # LHKPN: whole left blank = 1 head + 6 officials + 1 other = 8; 6 reported: 6 / 8 = 0.75
        ("PW.R.3.a", {"PW.R.3.a.2": 1, "PW.R.3.a.3": 6, "PW.R.3.a.4": 1, "PW.R.3.a.5": 6}, "0.75"),
        # a given whole (10) is used as given: 6 / 10 = 0.6
        ("PW.R.3.a", {"PW.R.3.a.1": 10, "PW.R.3.a.2": 1, "PW.R.3.a.5": 6}, "0.6"),
        # complaints: 12 to follow up, 2 in progress (not used), 9 settled: 9 / 12 = 0.75
        ("PW.R.2.a", {"PW.R.2.a.1": 12, "PW.R.2.a.2": 2, "PW.R.2.a.3": 9}, "0.75"),
    ],
)  # fmt: skip
def test_percent_from_counts(code: str, counts: dict[str, int], fraction: str) -> None:
    assert zi.percent_from_counts(_item(code), counts) == Decimal(fraction)


def test_percent_from_counts_needs_both_sides() -> None:
    assert zi.percent_from_counts(_item("AK.R.1.a"), {"AK.R.1.a.1": 7}) is None
    assert zi.percent_from_counts(_item("AK.R.1.a"), {"AK.R.1.a.1": 0, "AK.R.1.a.2": 0}) is None
    assert zi.percent_from_counts(_item("PW.R.2.a"), {"PW.R.2.a.1": 3, "PW.R.2.a.3": None}) is None
    with pytest.raises(InvalidInputError, match="AK.R.1.a.2"):
        zi.percent_from_counts(_item("AK.R.1.a"), {"AK.R.1.a.1": 7, "AK.R.1.a.2": -1})
    with pytest.raises(InvalidInputError, match="AK.R.1.a.2"):
        zi.percent_from_counts(_item("AK.R.1.a"), {"AK.R.1.a.1": 7, "AK.R.1.a.2": 2.5})
    with pytest.raises(InvalidInputError):
        zi.percent_from_counts(_item("MP.P.1.a"), {})


def test_counts_feed_the_percent_items_in_compute() -> None:
    counts = {
        "PW.R.3.a.2": 1, "PW.R.3.a.3": 6, "PW.R.3.a.4": 1, "PW.R.3.a.5": 6,  # 6 / 8 = 0.75
        "PW.R.3.b.1": 40, "PW.R.3.b.5": 30,  # 30 / 40 = 0.75
    }  # fmt: skip
    r = zi.compute(counts, ipak=0, ipkp=0, capaian_kinerja=0)
    sub = r.subcomponents["PW.R.3"]
    # mean(0.75, 0.75) × weight 2 = 1.50
    assert (sub.items, sub.value, sub.answered) == (
        {"PW.R.3.a": 0.75, "PW.R.3.b": 0.75}, 1.5, 2
    )  # fmt: skip
    assert "PW.R.3.a" not in r.unanswered
    assert len(r.unanswered) == 110 - 2  # count rows are not items
    # An answered percentage is used as given: mean(0.75, 1) × 2 = 1.75
    r = zi.compute({**counts, "PW.R.3.b": "100%"}, ipak=0, ipkp=0, capaian_kinerja=0)
    assert r.subcomponents["PW.R.3"].value == 1.75
    # Counts that give no percentage leave the item unanswered.
    r = zi.compute({"AK.R.1.a.1": 4}, ipak=0, ipkp=0, capaian_kinerja=0)
    assert "AK.R.1.a" in r.unanswered


def test_count_rows_are_checked_when_loaded() -> None:
    path = Path(zi.__file__).parent / "data" / "zi" / "2021.toml"
    meta = zi.RULEBOOKS.select().meta

    def load(change: Callable[[dict[str, Any]], None]) -> None:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        change(next(s for a in doc["areas"] for s in a["subcomponents"] if s["code"] == "AK.R.1"))
        zi_rulebook._parse(Table(doc, "zi/2021.toml"), meta)

    load(lambda s: None)  # the shipped data loads
    with pytest.raises(RulebookDataError, match="unknown items"):
        load(lambda s: s["counts"].append(["z", "1", "part", "x", "x"]))
    with pytest.raises(RulebookDataError, match="bad count row"):
        load(lambda s: s["counts"].append(["a", "3", "total", "x", "x"]))
    with pytest.raises(RulebookDataError, match="need a percent item"):
        load(lambda s: s.update(counts=[["a", "1", "whole", "x", "x"]]))
