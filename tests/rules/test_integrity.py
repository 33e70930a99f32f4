"""ZI and SAKIP self-assessment rules: hasil conversions, conditions, gates, SAKIP LKE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from sikap.rules import integrity as rules
from sikap.rules import integrity_proposal as proposal
from sikap.rules import integrity_sakip as sakip_lke
from sikap.rules import zi
from sikap.rules.errors import (
    InvalidInputError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)

RULES_DATA = Path(rules.__file__).parent / "data"

WORKED_AREAS = {"MP": 6.5, "TL": 5.6, "SDM": 7.5, "AK": 8, "PW": 11, "PP": 8}


def _worked(**changes: object) -> tuple[dict[str, Decimal], dict[str, tuple]]:
    areas = {**WORKED_AREAS, **changes.pop("areas", {})}  # type: ignore[dict-item]
    hasil = {
        "capaian_kinerja": rules.capaian_points("B"),
        "ipak": rules.survey_points(3.70),
        "ipkp": rules.survey_points(3.40),
        **changes,
    }
    return rules.zi_conditions_from_areas(areas, **hasil)


def _met(conditions: tuple) -> bool:
    return all(c.met for c in conditions)


def test_hasil_conversions_of_the_worked_case() -> None:
    assert rules.survey_points(3.70) == Decimal("16.1875")
    assert rules.capaian_points("b") == Decimal("3.75")
    assert rules.survey_points("3.40") == Decimal("14.875")
    assert [rules.capaian_points(o) for o in "ABCDE"] == [5, Decimal("3.75"), Decimal("2.5"),
                                                          Decimal("1.25"), 0]  # fmt: skip


def test_worked_case_meets_wbk_not_wbbm() -> None:
    values, conditions = _worked()
    assert values["pengungkit"] == Decimal("46.60")
    assert values["ipak"] == Decimal("16.19")
    assert values["total"] == Decimal("81.41")
    assert _met(conditions["wbk"]) is True
    lowest = min((c for c in conditions["wbk"] if c.rule.startswith("area:")),
                 key=lambda c: c.actual / c.required)  # fmt: skip
    assert (lowest.rule, lowest.actual) == ("area:PW", 11.0)  # 11/15 = 73.3 %
    wbbm_short = {c.rule: c.short for c in conditions["wbbm"] if not c.met}
    assert wbbm_short == {
        "total": pytest.approx(3.59),
        "pengungkit": pytest.approx(1.4),
        "area:PW": pytest.approx(0.25),  # 75 % of 15 = 11.25
        "pelayanan_prima": pytest.approx(0.87),  # IPKP 14.88 < 15.75
    }
    assert {c.rule: c.confidence for c in conditions["wbbm"] if not c.met} == {
        "total": "low", "pengungkit": "low", "area:PW": "medium", "pelayanan_prima": "medium",
    }  # fmt: skip


def test_worked_case_pengawasan_below_60_percent_is_not_wbk() -> None:
    _, conditions = _worked(areas={"PW": 8.5})
    short = [c for c in conditions["wbk"] if not c.met]
    assert [(c.rule, c.actual, c.required, c.short) for c in short] == [("area:PW", 8.5, 9.0, 0.5)]


def test_worked_case_ipak_3_55_is_not_wbk() -> None:
    values, conditions = _worked(ipak=rules.survey_points(3.55))
    assert values["ipak"] == Decimal("15.53")
    short = {c.rule: c.short for c in conditions["wbk"] if not c.met}
    assert short == {"ipak": pytest.approx(0.22)}


WBK_AT = {"areas": {"MP": 4.8, "TL": 4.2, "SDM": 6, "AK": 6, "PW": 9, "PP": 10},
          "capaian_kinerja": 2.5, "ipak": 15.75, "ipkp": 16.75}  # fmt: skip
WBK_IPKP_AT = {**WBK_AT, "areas": {**WBK_AT["areas"], "SDM": 8.75}, "ipkp": 14}
WBBM_AT = {"areas": {"MP": 6.4, "TL": 5.6, "SDM": 8, "AK": 8, "PW": 12, "PP": 8},
           "capaian_kinerja": 3.75, "ipak": 15.75, "ipkp": 17.5}  # fmt: skip
WBBM_AREA_AT = {**WBBM_AT, "areas": {**WBBM_AT["areas"], "MP": 6.0, "PW": 12.4}}


def _failing(target: str, base: dict, **change: object) -> set[str]:
    args = {**base, "areas": {**base["areas"], **change.pop("areas", {})}, **change}  # type: ignore[dict-item]
    areas = args.pop("areas")
    _, conditions = rules.zi_conditions_from_areas(areas, **args)
    return {c.rule for c in conditions[target] if not c.met}


@pytest.mark.parametrize(
    ("target", "base", "change", "failing"),
    [
        ("wbk", WBK_AT, {"ipkp": 16.74}, {"total"}),
        ("wbk", WBK_AT, {"areas": {"PP": 9.99}}, {"pengungkit", "total"}),
        ("wbk", WBK_AT, {"areas": {"MP": 4.79}}, {"area:MP", "pengungkit", "total"}),
        ("wbk", WBK_AT, {"areas": {"PW": 8.99}}, {"area:PW", "pengungkit", "total"}),
        ("wbk", WBK_AT, {"ipak": 15.74}, {"ipak", "birokrasi_bersih", "total"}),
        (
            "wbk",
            WBK_AT,
            {"capaian_kinerja": 2.49},
            {"capaian_kinerja", "birokrasi_bersih", "total"},
        ),
        ("wbk", WBK_IPKP_AT, {"ipkp": 13.99}, {"pelayanan_prima", "total"}),
        ("wbbm", WBBM_AT, {"ipkp": 17.49}, {"total"}),
        ("wbbm", WBBM_AT, {"areas": {"SDM": 7.99}}, {"pengungkit", "total"}),
        ("wbbm", WBBM_AREA_AT, {"areas": {"MP": 5.99}}, {"area:MP", "pengungkit", "total"}),
        ("wbbm", WBBM_AT, {"ipak": 15.74}, {"ipak", "birokrasi_bersih", "total"}),
        (
            "wbbm",
            WBBM_AT,
            {"capaian_kinerja": 3.74},
            {"capaian_kinerja", "birokrasi_bersih", "total"},
        ),
        (
            "wbbm",
            {**WBBM_AT, "ipkp": 15.75, "areas": {**WBBM_AT["areas"], "PW": 13.75}},
            {"ipkp": 15.74},
            {"pelayanan_prima", "total"},
        ),
    ],
)
def test_each_condition_at_and_just_below_its_boundary(
    target: str, base: dict, change: dict, failing: set[str]
) -> None:
    assert _failing(target, base) == set()
    assert _failing(target, base, **change) == failing


def test_conditions_agree_with_the_zi_verdict() -> None:
    answers = {i.code: ("Ya" if i.answer_type == "ya/tidak" else "100%" if i.answer_type == "persen"
                        else "A") for i in zi.ITEMS if not i.code.startswith("PW.R")}  # fmt: skip
    status = rules.zi_status(answers, capaian_kinerja=2.5, ipak=15.75, ipkp=14)
    assert status.result.breakdown["PW"].total == 7.5
    for target in ("wbk", "wbbm"):
        verdict = getattr(status.result, target)
        short = {c.rule: c.short for c in status.conditions[target] if not c.met}
        assert short == {s.rule: pytest.approx(s.missing) for s in verdict.shortfalls}
    assert [c.rule for c in status.conditions["wbk"] if not c.met] == ["area:PW"]
    assert status.confidence == {"wbk": "medium", "wbbm": "low"}
    # The fastest closers: the Pengawasan reform items, each its sub-component's weight over
    # the sub-component's items: PW.R.2 3 / 1 = 3, PW.R.1 2.5 / 1 = 2.5, PW.R.3 2 / 2 = 1 each
    # (equal gains in LKE order).
    assert [(c.code, c.gain) for c in status.closers] == [
        ("PW.R.2.a", 3.0), ("PW.R.1.a", 2.5), ("PW.R.3.a", 1.0), ("PW.R.3.b", 1.0),
    ]  # fmt: skip
    assert status.closers_for("wbk") == status.closers  # all four are Pengawasan items
    # WBBM also lacks IPKP (no item moves it) and the total (any item does).
    assert status.closers_for("wbbm") == status.closers


def test_closers_follow_the_short_conditions() -> None:
    answers = {i.code: ("Ya" if i.answer_type == "ya/tidak" else "100%" if i.answer_type == "persen"
                        else "A") for i in zi.ITEMS if i.code not in ("PW.R.2.a", "MP.R.2.a")}  # fmt: skip
    status = rules.zi_status(answers, capaian_kinerja=2.5, ipak=15.75, ipkp=14)
    assert status.result.wbk.passed is True
    assert status.closers_for("wbk") == ()
    assert [c.code for c in status.closers] == ["PW.R.2.a", "MP.R.2.a"]
    short_hasil = rules.zi_status(answers, capaian_kinerja=2.5, ipak=15.0, ipkp=14)
    assert [c.rule for c in short_hasil.conditions["wbk"] if not c.met] == [
        "birokrasi_bersih", "ipak"]  # fmt: skip
    assert short_hasil.closers_for("wbk") == ()  # only the IPAK survey can close this


def test_answers_are_normalised_or_refused_with_the_item_named() -> None:
    assert rules.normalise_answer("zi", "mp.p.1.a", " y ") == "Ya"
    assert rules.normalise_answer("zi", "MP.P.1.A", "tidak") == "Tidak"
    assert rules.normalise_answer("zi", "mp.p.1.b", "c") == "C"
    assert rules.normalise_answer("zi", "AK.R.1.a", "12/15") == "80%"
    assert rules.normalise_answer("zi", "AK.R.1.a", "0,855") == "85.5%"
    assert rules.normalise_answer("zi", "AK.R.1.a", "120%") == "100%"
    assert rules.normalise_answer("sakip", "Perencanaan.Kualitas", "bb") == "BB"
    with pytest.raises(InvalidInputError, match="MP.P.1.b"):
        rules.normalise_answer("zi", "MP.P.1.b", "E")
    with pytest.raises(InvalidInputError, match="AK.R.1.a"):
        rules.normalise_answer("zi", "AK.R.1.a", "3/0")
    with pytest.raises(UnknownCodeError):
        rules.normalise_answer("zi", "XX.1", "Ya")
    with pytest.raises(InvalidInputError):
        rules.normalise_answer("sakip", "perencanaan.kualitas", "Y")
    with pytest.raises(InvalidInputError):
        rules.normalise_answer("zi", "MP.P.1.a", "")


def test_survey_index_out_of_scale_is_refused() -> None:
    with pytest.raises(ScoreOutOfRangeError):
        rules.survey_points(4.01)
    with pytest.raises(ScoreOutOfRangeError):
        rules.survey_points(0.99)
    assert rules.survey_index_needed(Decimal("15.75")) == Decimal("3.60")
    with pytest.raises(UnknownCodeError):
        rules.capaian_points("F")


def test_sakip_worked_case() -> None:
    answers = dict(
        zip(
            rules.sakip_codes(),
            ["A", "BB", "B", "AA", "A", "BB", "A", "B", "CC", "B", "CC", "C"],
            strict=True,
        )
    )
    status = sakip_lke.sakip_status(answers)
    r = status.result
    assert {k: v.value for k, v in r.breakdown.items()} == {
        "perencanaan": 23.1, "pengukuran": 26.1, "pelaporan": 10.35, "evaluasi": 14.25,
    }  # fmt: skip
    assert (r.score, r.category, status.unanswered) == (73.8, "BB", ())


def test_sakip_boundary_inclusivity_is_a_setting() -> None:
    answers = dict.fromkeys(rules.sakip_codes(), "E")
    answers.update({"perencanaan.pemenuhan": "AA", "perencanaan.kualitas": "AA",
                    "perencanaan.pemanfaatan": "AA", "pengukuran.pemenuhan": "AA",
                    "pengukuran.kualitas": "AA", "pengukuran.pemanfaatan": "AA",
                    "pelaporan.pemanfaatan": "AA", "pelaporan.kualitas": "AA",
                    "pelaporan.pemenuhan": "AA"})  # fmt: skip
    # 30 + 30 + 15 = 75; add evaluasi pemenuhan AA (5) = 80: the A/BB boundary.
    answers["evaluasi.pemenuhan"] = "AA"
    assert sakip_lke.sakip_status(answers).result.score == 80.0
    assert sakip_lke.sakip_status(answers).result.category == "BB"
    assert sakip_lke.sakip_status(answers, inclusive=True).result.category == "A"


def test_sakip_unanswered_parts_count_zero_and_are_listed() -> None:
    status = sakip_lke.sakip_status({"perencanaan.pemanfaatan": "aa"})
    assert status.result.score == 15.0
    assert len(status.unanswered) == 11
    with pytest.raises(UnknownCodeError):
        sakip_lke.sakip_status({"perencanaan.lain": "AA"})


def test_gates_for_wbk_and_wbbm() -> None:
    on = dt.date(2024, 7, 31)
    gates = proposal.gates_check("wbk", wtp=True, akip="B", indeks_rb="CC", on=on)
    assert [(g.rule, g.met) for g in gates] == [
        ("wtp", True), ("akip", True), ("indeks_rb", True), ("window", True)]  # fmt: skip
    gates = proposal.gates_check("wbbm", wtp=True, akip="B", indeks_rb="CC", on=on)
    assert [(g.rule, g.met, g.required) for g in gates if not g.met] == [
        ("akip", False, "BB"), ("indeks_rb", False, "B")]  # fmt: skip
    gates = proposal.gates_check("wbk", wtp=False, akip="c", indeks_rb="", on=dt.date(2024, 8, 1))
    assert [g.rule for g in gates if not g.met] == ["wtp", "akip", "indeks_rb", "window"]
    assert proposal.proposal_window(2024) == (dt.date(2024, 7, 18), dt.date(2024, 7, 31))
    assert proposal.proposal_window(2025) == (dt.date(2025, 1, 1), dt.date(2025, 5, 31))
    with pytest.raises(UnknownCodeError):
        proposal.gates_check("wbx", wtp=True, akip="A", indeks_rb="A", on=on)


def test_sakip_evidence_item_by_document_type() -> None:
    assert [sakip_lke.evidence_item(t, year=2024) for t in ("pk", "laporan", "lkjip")] == [
        "perencanaan.pemenuhan", "pengukuran.pemenuhan", "pelaporan.pemenuhan",
    ]  # fmt: skip
    assert sakip_lke.evidence_item("renstra", year=2024) == ""
    assert rules.RULEBOOKS.select(2024).meta.version == "integrity:2021"


INTEGRITY_2021 = (RULES_DATA / "integrity" / "2021.toml").read_text(encoding="utf-8")


def _integrity_2030(**evidence: str) -> str:
    text = INTEGRITY_2021.replace('"integrity:2021"', '"integrity:2030"').replace(
        "from = 2021", "from = 2030"
    )
    head, _, _ = text.partition("[sakip_evidence]")
    return head + "[sakip_evidence]\n" + "".join(f'{k} = "{v}"\n' for k, v in evidence.items())


def test_sakip_evidence_item_follows_the_years_rulebook(
    extra_rulebook: Callable[[str, str, str], Path],
) -> None:
    extra_rulebook("integrity", "2030.toml", _integrity_2030(pk="Perencanaan.Kualitas"))
    assert sakip_lke.evidence_item("pk", year=2030) == "perencanaan.kualitas"
    assert sakip_lke.evidence_item("lkjip", year=2030) == ""
    assert sakip_lke.evidence_item("pk", year=2029) == "perencanaan.pemenuhan"


def test_sakip_evidence_item_must_be_an_lke_item(
    extra_rulebook: Callable[[str, str, str], Path],
) -> None:
    extra_rulebook("integrity", "2030.toml", _integrity_2030(pk="perencanaan.lain"))
    with pytest.raises(RulebookDataError, match="'perencanaan.lain' is not a SAKIP LKE item"):
        sakip_lke.evidence_item("pk", year=2030)


def test_answers_the_lke_no_longer_takes_are_left_out_and_listed() -> None:
    # Stored for the earlier, representative item list: PW.R.1.b no longer exists, and
    # SDM.P.1.b is now an A–D item, so its "80%" no longer fits; MP.P.1.a still counts.
    answers = {"MP.P.1.a": "Ya", "PW.R.1.b": "100%", "SDM.P.1.b": "80%"}
    status = rules.zi_status(answers, capaian_kinerja=0, ipak=0, ipkp=0)
    assert status.stale == ("PW.R.1.b", "SDM.P.1.b")
    # MP.P.1 (weight 0.5, two items): Ya on one of them = 0.25, the only points.
    assert status.result.pengungkit == 0.25
    assert "SDM.P.1.b" in status.result.unanswered
    assert rules.zi_status({"MP.P.1.a": "Ya"}, capaian_kinerja=0, ipak=0, ipkp=0).stale == ()
