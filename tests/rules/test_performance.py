"""Capaian, roll-ups, dates, raters and the rating of hasil kerja, computed by hand."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from sikap.rules import performance as perf
from sikap.rules import performance_skp as skp_ratings
from sikap.rules import skp
from sikap.rules.errors import InvalidInputError, UnknownCodeError


# --- capaian: the worked cases of PERFORMANCE.md §2 -----------------------------------------
@pytest.mark.parametrize(
    ("target", "real", "polarity", "tmax", "expected", "bound"),
    [
        (80, 92, "naik", None, 115.00, "target"),  # 92/80 = 1.15
        (7, 6.5, "turun", None, 107.14, "target"),  # 2 - 6.5/7 = 1.071428…
        (20, 25, "turun", None, 75.00, "target"),  # 2 - 25/20 = 0.75
        (7, 9, "turun", 8, 87.50, "upper"),  # range 7–8, R 9 above: 2 - 9/8
        (80, 70, "naik", 90, 87.50, "lower"),  # range 80–90, R 70 below: 70/80
        (80, 85, "naik", 90, 100.00, "inside"),
        (7, 7.5, "turun", 8, 100.00, "inside"),
        (7, 6, "turun", 8, 114.29, "lower"),  # lower-better below the range: 2 - 6/7
        (80, 99, "naik", 90, 110.00, "upper"),  # 99/90
        (3, 1, "naik", None, 33.33, "target"),  # 33.333… rounds down
        (3, 2, "naik", None, 66.67, "target"),  # 66.666… rounds up
        (8, 1, "naik", None, 12.50, "target"),
        (10, 25, "turun", None, -50.00, "target"),  # no floor by default
    ],
)
def test_capaian_cases(target, real, polarity, tmax, expected, bound) -> None:
    result = perf.capaian(target, real, polarity=polarity, target_max=tmax)
    assert (result.rounded, result.bound) == (expected, bound)
    assert result.version == "performance:2015"
    assert result.capped is False


def test_capaian_is_exact_until_rounded() -> None:
    result = perf.capaian(7, 6.5, polarity="turun")
    assert result.value == Fraction(750, 7)  # (2 - 13/14) × 100
    assert result.formula == "(2 − R / T) × 100"
    assert perf.capaian(0.1, 0.3).value == 300  # no float drift: 0.3 / 0.1 is exactly 3


def test_cap_off_by_default_and_on_when_asked() -> None:
    assert perf.capaian(80, 120).rounded == 150.0
    capped = perf.capaian(80, 120, cap=120)
    assert (capped.rounded, capped.capped, capped.confidence) == (120.0, True, "low")
    not_reached = perf.capaian(80, 90, cap=120)
    assert (not_reached.rounded, not_reached.capped) == (112.5, False)


def test_cap_and_floor_from_the_rulebook(tmp_path) -> None:
    from sikap.rules import versions

    source = (
        versions.resources.files("sikap.rules") / "data" / "performance" / "2015.toml"
    ).read_text(encoding="utf-8")
    text = source.replace('version = "performance:2015"', 'version = "performance:2030"')
    text = text.replace("from = 2015", "from = 2030")
    text = text.replace('lower_better = "two_minus_ratio"', 'lower_better = "inverse_ratio"')
    text = text.replace("places = 2", "places = 2\ncap = 120\nfloor = 0")
    (tmp_path / "performance").mkdir()
    (tmp_path / "performance" / "2030.toml").write_text(text, encoding="utf-8")
    versions.add_data_dir(tmp_path)
    try:
        assert perf.capaian(80, 120, year=2030).rounded == 120.0
        assert perf.capaian(80, 120, year=2029).rounded == 150.0
        # T / R: 7 / 6.5 = 107.69 under inverse_ratio
        inv = perf.capaian(7, 6.5, polarity="turun", year=2030)
        assert (inv.rounded, inv.formula) == (107.69, "T / R × 100")
        with pytest.raises(InvalidInputError):
            perf.capaian(7, 0, polarity="turun", year=2030)
    finally:
        versions.remove_data_dir(tmp_path)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"target": 0, "realisasi": 5},
            "target harus lebih dari 0 untuk menghitung capaian, bukan 0",
        ),
        (
            {"target": -2, "realisasi": 5},
            "target harus lebih dari 0 untuk menghitung capaian, bukan -2",
        ),
        (
            {"target": 9, "realisasi": 5, "target_max": 8},
            "target maksimal 8 lebih kecil dari target 9",
        ),
        ({"target": "abc", "realisasi": 5}, "target harus berupa angka, bukan 'abc'"),
        (
            {"target": float("nan"), "realisasi": 5},
            "target harus berupa angka terhingga, bukan nan",
        ),
    ],
)
def test_capaian_bad_input(kwargs, message) -> None:
    with pytest.raises(InvalidInputError) as err:
        perf.capaian(**kwargs)
    assert err.value.message_id == message


def test_polarity_names() -> None:
    assert perf.normalise_polarity("NAIK") == "naik"
    assert perf.normalise_polarity("Lower") == "turun"
    assert perf.normalise_polarity(" negatif ") == "turun"
    with pytest.raises(UnknownCodeError):
        perf.normalise_polarity("sideways")


# --- roll-ups --------------------------------------------------------------------------------
def test_rollup_means_and_rounds_at_the_end_only() -> None:
    # sasaran S1: 100 and 200/3 → mean 250/3 = 83.333…; S2: 1/3·100 = 33.333…
    # unit: (250/3 + 100/3) / 2 = 350/6 = 58.333… → 58.33
    # rounding first would give (83.33 + 33.33) / 2 = 58.33 too, so a sharper case below.
    units = {
        "DINKES": {
            "S1": {"I1": Fraction(100), "I2": Fraction(200, 3)},
            "S2": {"I3": Fraction(100, 3), "I4": None},
        }
    }
    (unit,) = perf.rollup(units)
    assert unit.unit == "DINKES"
    assert unit.capaian == 58.33
    assert [(s.code, s.capaian) for s in unit.sasaran] == [("S1", 83.33), ("S2", 33.33)]
    assert unit.sasaran[0].indicators == {"I1": 100.0, "I2": 66.67}
    assert unit.sasaran[1].indicators == {"I3": 33.33, "I4": None}


def test_rollup_rounding_late_differs_from_rounding_early() -> None:
    # 100.005 and 100.004999…: rounded early (100.01 + 100.00) / 2 = 100.005 → 100.01;
    # exact mean = 100.0049999… + … → 100.00
    a = Fraction(100005, 1000)
    b = Fraction(100004999, 1000000)
    (unit,) = perf.rollup({"U": {"S": {"a": a, "b": b}}})
    assert unit.capaian == 100.0
    assert unit.sasaran[0].indicators == {"a": 100.01, "b": 100.0}


def test_rollup_of_nothing_measured() -> None:
    (unit,) = perf.rollup({"U": {"S": {"I": None}}})
    assert (unit.capaian, unit.sasaran[0].capaian) == (None, None)


# --- on track --------------------------------------------------------------------------------
def test_on_track() -> None:
    assert perf.on_track(25, 20).to_dict() == {
        "status": "behind",
        "capaian": 80.0,
        "behind_below": 100.0,
        "confidence": "low",
    }
    assert perf.on_track(25, 25).status == "on_track"
    assert perf.on_track(10, 9, polarity="turun").status == "on_track"  # 110
    assert perf.on_track(None, 9).status == "no_target"


# --- PK --------------------------------------------------------------------------------------
def test_revision_reasons_are_three() -> None:
    assert [r.code for r in perf.revision_reasons()] == ["pejabat", "strategi", "prioritas"]
    assert perf.normalise_revision_reason("STRATEGI") == "strategi"
    with pytest.raises(UnknownCodeError):
        perf.normalise_revision_reason("target terlalu tinggi")


def test_iku_warning() -> None:
    assert perf.iku_warning("opd", "output") == (
        "bukan outcome: IKU Perangkat Daerah (Kepala OPD) seharusnya indikator outcome"
    )
    assert perf.iku_warning("opd", "Outcome") is None
    assert perf.iku_warning("eselon3", "output") is None
    assert perf.iku_warning("eselon3", "kegiatan") == (
        "IKU Eselon III (administrator) seharusnya minimal Output"
    )
    assert perf.iku_warning("staff", "activity") is None


def test_due_dates() -> None:
    assert perf.pk_due(dt.date(2024, 1, 15)) == dt.date(2024, 2, 15)
    assert perf.pk_due(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)  # leap year
    assert perf.pk_due(dt.date(2023, 12, 20)) == dt.date(2024, 1, 20)
    assert perf.lkjip_due(2024, pemda_level=True) == dt.date(2025, 3, 31)
    assert perf.lkjip_due(2023, pemda_level=False) == dt.date(2024, 2, 29)
    assert perf.lkjip_due(2024, pemda_level=False) == dt.date(2025, 2, 28)


# --- SKP raters and rating hasil kerja -------------------------------------------------------
@pytest.mark.parametrize(
    ("eselon", "level"),
    [
        ("II.b", "jpt_pratama"),
        ("ii.a", "jpt_pratama"),
        ("III.a", "administrator"),
        ("IV.b", "pengawas"),
        ("", "pelaksana"),
        ("IIX", "pelaksana"),
    ],
)
def test_position_level(eselon, level) -> None:
    assert skp_ratings.position_level(eselon) == level


def test_choose_rater_walks_the_atasan_chain() -> None:
    chain = [(11, "pengawas"), (12, "administrator"), (13, "jpt_pratama")]
    assert skp_ratings.choose_rater("pelaksana", chain) == 11
    assert skp_ratings.choose_rater("pengawas", chain[1:]) == 12
    assert skp_ratings.choose_rater("administrator", chain[2:]) == 13
    assert skp_ratings.choose_rater("jpt_pratama", []) is None  # the Kepala Daerah rates
    # no pengawas above a staff member: the direct atasan rates
    assert skp_ratings.choose_rater("pelaksana", [(12, "administrator")]) == 12
    assert skp_ratings.choose_rater("pelaksana", []) is None


def test_rating_hasil_kerja() -> None:
    r = skp_ratings.rating_hasil_kerja([(True, "diatas"), (True, "diatas"), (False, "sesuai")])
    assert (r.level, r.above, r.expected, r.below) == ("diatas", 2, 1, 0)
    # most above but one main result below: not di atas
    r = skp_ratings.rating_hasil_kerja([(True, "diatas"), (False, "diatas"), (True, "dibawah")])
    assert r.level == "sesuai"
    assert r.explanation == (
        "sebagian besar hasil kerja sesuai ekspektasi (2 di atas, 0 sesuai, 1 di bawah)"
    )
    r = skp_ratings.rating_hasil_kerja([(True, "dibawah"), (False, "dibawah"), (True, "sesuai")])
    assert r.level == "dibawah"
    # exactly half above is not "most"
    assert skp_ratings.rating_hasil_kerja([(True, "diatas"), (True, "sesuai")]).level == "sesuai"
    with pytest.raises(InvalidInputError):
        skp_ratings.rating_hasil_kerja([])


# --- the distribution curve at small and large unit sizes ------------------------------------
def counts(sb=0, b=0, bp=0, k=0, sk=0) -> dict[str, int]:
    return {
        "Sangat Baik": sb,
        "Baik": b,
        "Butuh Perbaikan": bp,
        "Kurang/Misconduct": k,
        "Sangat Kurang": sk,
    }


@pytest.mark.parametrize(
    ("org", "ok", "bad"),
    [
        # Istimewa, 7 employees: max 70% → at most 4 (4.9 rounded down)
        ("Istimewa", counts(sb=4, b=3), None),
        ("Istimewa", counts(sb=5, b=2), ("max_pct", 4)),
        # Baik, 3 employees: at most 2 Baik (2.1 down), at least one BP/K
        ("Baik", counts(b=2, bp=1), None),
        ("Baik", counts(b=3), ("max_pct", 2)),
        # Butuh Perbaikan, 7: at least 5 BP (4.2 up), at most 0 SB (0.7 down)
        ("Butuh Perbaikan", counts(bp=5, b=2), None),
        ("Butuh Perbaikan", counts(bp=4, b=3), ("min_pct", 5)),
        ("Butuh Perbaikan", counts(sb=1, bp=6), ("max_pct", 0)),
        # Kurang, 7: at least 5 K (4.2 up) and 1 BP (0.7 up)
        ("Kurang", counts(k=5, bp=1, b=1), None),
        ("Kurang", counts(k=6, b=1), ("min_pct", 1)),
        # Sangat Kurang, 4: at least 3 SK (2.4 up), 1 K/BP (0.4 up), no SB
        ("Sangat Kurang", counts(sk=3, k=1), None),
        ("Sangat Kurang", counts(sk=2, k=1, b=1), ("min_pct", 3)),
    ],
)
def test_distribution_small_units(org, ok, bad) -> None:
    result = skp.check_distribution(org, ok)
    if bad is None:
        assert result.ok is True
    else:
        assert result.ok is False
        assert [(v.rule, v.required_count) for v in result.violations][0] == bad


@pytest.mark.parametrize(
    ("org", "good", "bad_rule"),
    [
        ("Istimewa", counts(sb=700, b=300), counts(sb=701, b=299)),
        ("Baik", counts(sb=100, b=700, bp=150, k=50), counts(b=701, sb=200, bp=99)),
        ("Butuh Perbaikan", counts(sb=100, bp=600, b=300), counts(sb=101, bp=600, b=299)),
        ("Kurang", counts(sb=100, bp=100, k=600, sk=200), counts(sb=100, bp=99, k=600, sk=201)),
        ("Sangat Kurang", counts(bp=100, sk=600, b=300), counts(sk=599, bp=100, b=301)),
    ],
)
def test_distribution_large_units(org, good, bad_rule) -> None:
    assert skp.check_distribution(org, good).ok is True
    assert skp.check_distribution(org, bad_rule).ok is False


def test_nearest_rounding_is_configurable(tmp_path) -> None:
    from sikap.rules import versions

    source = (versions.resources.files("sikap.rules") / "data" / "skp" / "2022.toml").read_text(
        encoding="utf-8"
    )
    text = source.replace('version = "skp:2022"', 'version = "skp:2030"')
    text = text.replace("from = 2022", "from = 2030")
    text = text.replace('max = "down"\nmin = "up"', 'max = "nearest"\nmin = "nearest"')
    (tmp_path / "skp").mkdir()
    (tmp_path / "skp" / "2030.toml").write_text(text, encoding="utf-8")
    versions.add_data_dir(tmp_path)
    try:
        # 7 employees, max 70% = 4.9 → 5 when rounded to nearest
        assert skp.check_distribution("Istimewa", counts(sb=5, b=2), year=2030).ok is True
        assert skp.check_distribution("Istimewa", counts(sb=5, b=2), year=2029).ok is False
        # min 60% of 7 = 4.2 → 4
        assert skp.check_distribution("Butuh Perbaikan", counts(bp=4, b=3), year=2030).ok is True
    finally:
        versions.remove_data_dir(tmp_path)


# --- the head of a unit: rating hasil kerja from the unit's capaian ---------------------------
@pytest.mark.parametrize(
    ("capaian", "level", "shown", "rule"),
    [
        ("100.01", "diatas", 100.01, "capaian > 100"),
        ("100", "sesuai", 100.0, "capaian > 90 dan ≤ 100"),
        ("100.004", "sesuai", 100.0, "capaian > 90 dan ≤ 100"),  # as published: 100.00
        ("100.005", "diatas", 100.01, "capaian > 100"),  # half-up: 100.01
        ("90.01", "sesuai", 90.01, "capaian > 90 dan ≤ 100"),
        ("90", "dibawah", 90.0, "capaian ≤ 90"),
        ("90.004", "dibawah", 90.0, "capaian ≤ 90"),
        ("0", "dibawah", 0.0, "capaian ≤ 90"),
        ("-20", "dibawah", -20.0, "capaian ≤ 90"),  # lower-better far past twice the target
        ("150", "diatas", 150.0, "capaian > 100"),
    ],
)
def test_head_rating_bands(capaian, level, shown, rule) -> None:
    result = skp_ratings.head_rating(capaian, year=2024)
    assert (result.level, result.capaian, result.rule) == (level, shown, rule)
    assert (result.version, result.confidence) == ("performance:2015", "low")
    assert result.source.startswith("PermenPANRB 6/2022")


def test_head_rating_bad_input() -> None:
    with pytest.raises(InvalidInputError):
        skp_ratings.head_rating("sembilan puluh", year=2024)


def test_head_rating_bands_are_rulebook_settings(tmp_path) -> None:
    from sikap.rules import versions
    from sikap.rules.errors import RulebookDataError

    source = (
        versions.resources.files("sikap.rules") / "data" / "performance" / "2015.toml"
    ).read_text(encoding="utf-8")
    text = source.replace('version = "performance:2015"', 'version = "performance:2030"')
    text = text.replace("from = 2015", "from = 2030")
    text = text.replace("above = 100\n", "above = 110\n").replace("above = 90\n", "above = 80\n")
    (tmp_path / "performance").mkdir()
    (tmp_path / "performance" / "2030.toml").write_text(text, encoding="utf-8")
    versions.add_data_dir(tmp_path)
    try:
        assert skp_ratings.head_rating(105, year=2030).level == "sesuai"
        assert skp_ratings.head_rating(105, year=2029).level == "diatas"
        assert skp_ratings.head_rating(85, year=2030).rule == "capaian > 80 dan ≤ 110"
    finally:
        versions.remove_data_dir(tmp_path)
    # bands out of order are refused when the rulebook loads
    bad = text.replace("above = 110\n", "above = 70\n")
    (tmp_path / "performance" / "2030.toml").write_text(bad, encoding="utf-8")
    versions.add_data_dir(tmp_path)
    try:
        with pytest.raises(RulebookDataError, match="highest"):
            skp_ratings.head_rating(105, year=2030)
    finally:
        versions.remove_data_dir(tmp_path)
    assert skp_ratings.head_rating(105, year=2030).level == "diatas"  # back to the 2015 rulebook
