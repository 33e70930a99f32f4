from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import skp
from sikap.rules.errors import InvalidInputError, NoDataError, UnknownCodeError


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        ("diatas", "dibawah", "Kurang/Misconduct"),
        ("diatas", "sesuai", "Baik"),
        ("diatas", "diatas", "Sangat Baik"),
        ("sesuai", "dibawah", "Kurang/Misconduct"),
        ("sesuai", "sesuai", "Baik"),
        ("sesuai", "diatas", "Baik"),
        ("dibawah", "dibawah", "Sangat Kurang"),
        ("dibawah", "sesuai", "Butuh Perbaikan"),
        ("dibawah", "diatas", "Butuh Perbaikan"),
    ],
)
def test_matrix_all_nine_cells(hasil: str, perilaku: str, expected: str) -> None:
    assert skp.predicate(hasil, perilaku) == expected


@pytest.mark.parametrize(
    "spelling", ["diatas", "Di Atas", "DI_ATAS", "di-atas", "Di Atas Ekspektasi", "above"]
)
def test_level_spellings(spelling: str) -> None:
    assert skp.predicate(spelling, spelling) == "Sangat Baik"


def test_unknown_level() -> None:
    with pytest.raises(UnknownCodeError, match="unknown SKP rating 'luar biasa'"):
        skp.predicate("luar biasa", "sesuai")


def test_org_predicates() -> None:
    assert skp.ORG_PREDICATES == ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
    assert skp.PREDICATES == (
        "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"
    )  # fmt: skip
    assert skp.normalise_org_predicate("cukup") == "Butuh Perbaikan"
    assert skp.normalise_predicate("Cukup") == "Butuh Perbaikan"
    assert skp.normalise_predicate("kurang") == "Kurang/Misconduct"
    assert skp.normalise_predicate("MISCONDUCT") == "Kurang/Misconduct"


def counts(sb: int = 0, b: int = 0, bp: int = 0, k: int = 0, sk: int = 0) -> dict[str, int]:
    return {
        "Sangat Baik": sb, "Baik": b, "Butuh Perbaikan": bp, "Kurang/Misconduct": k,
        "Sangat Kurang": sk,
    }  # fmt: skip


def rules(result: skp.DistributionResult) -> list[tuple[str, tuple[str, ...]]]:
    return [(v.rule, v.predicates) for v in result.violations]


# Istimewa: most, at most 70 %, Sangat Baik
def test_istimewa() -> None:
    assert skp.check_distribution("Istimewa", counts(sb=7, b=3)).ok is True
    over = skp.check_distribution("Istimewa", counts(sb=71, b=29))
    assert rules(over) == [("max_pct", ("Sangat Baik",))]
    assert (over.violations[0].actual_pct, over.violations[0].required_pct) == (71.0, 70.0)
    assert over.violations[0].message == (
        "Sangat Baik paling banyak 70%: sekarang 71.00% (71 dari 100 pegawai)"
    )
    not_most = skp.check_distribution("istimewa", counts(sb=3, b=4, bp=3))
    assert rules(not_most) == [("largest", ("Sangat Baik",))]
    assert skp.check_distribution("Istimewa", counts(sb=4, b=4, sk=2)).ok is True  # a tie


# Baik: most, at most 70 %, Baik; some Butuh Perbaikan and/or Kurang/Misconduct
def test_baik() -> None:
    assert skp.check_distribution("Baik", counts(sb=1, b=7, bp=1, sk=1)).ok is True
    assert skp.check_distribution("Baik", counts(b=7, k=3)).ok is True
    r = skp.check_distribution("Baik", counts(sb=1, b=8, sk=1))
    assert rules(r) == [
        ("max_pct", ("Baik",)),
        ("min_count", ("Butuh Perbaikan", "Kurang/Misconduct")),
    ]
    assert r.violations[1].required_count == 1
    assert r.violations[1].actual_count == 0
    r2 = skp.check_distribution("Baik", counts(sb=5, b=4, bp=1))
    assert rules(r2) == [("largest", ("Baik",))]
    assert r2.violations[0].required_pct == 50.0


# Butuh Perbaikan: at least 60 % Butuh Perbaikan, at most 10 % Sangat Baik
def test_butuh_perbaikan() -> None:
    assert skp.check_distribution("Butuh Perbaikan", counts(sb=1, b=3, bp=6)).ok is True
    r = skp.check_distribution("Cukup", counts(sb=1, b=3, bp=6))
    assert (r.org_predicate, r.ok) == ("Butuh Perbaikan", True)
    low = skp.check_distribution("Butuh Perbaikan", counts(b=41, bp=59))
    assert rules(low) == [("min_pct", ("Butuh Perbaikan",))]
    assert low.violations[0].message == (
        "Butuh Perbaikan minimal 60%: sekarang 59.00% (59 dari 100 pegawai)"
    )
    sb = skp.check_distribution("Butuh Perbaikan", counts(sb=11, b=29, bp=60))
    assert rules(sb) == [("max_pct", ("Sangat Baik",))]


# Kurang: ≥ 60 % Kurang/Misconduct, ≥ 10 % Butuh Perbaikan, ≤ 10 % Sangat Baik
def test_kurang() -> None:
    assert skp.check_distribution("Kurang", counts(sb=1, bp=1, k=6, sk=2)).ok is True
    r = skp.check_distribution("Kurang", counts(sb=2, bp=0, k=5, sk=3))
    assert rules(r) == [
        ("min_pct", ("Kurang/Misconduct",)),
        ("min_pct", ("Butuh Perbaikan",)),
        ("max_pct", ("Sangat Baik",)),
    ]
    assert [v.actual_pct for v in r.violations] == [50.0, 0.0, 20.0]


# Sangat Kurang: ≥ 60 % Sangat Kurang, ≥ 10 % Kurang/Misconduct + Butuh Perbaikan, no Sangat Baik
def test_sangat_kurang() -> None:
    assert skp.check_distribution("Sangat Kurang", counts(b=3, bp=0, k=1, sk=6)).ok is True
    assert skp.check_distribution("Sangat Kurang", counts(bp=1, sk=9)).ok is True
    r = skp.check_distribution("sangat kurang", counts(sb=1, b=3, sk=6))
    assert rules(r) == [
        ("min_pct", ("Kurang/Misconduct", "Butuh Perbaikan")),
        ("max_pct", ("Sangat Baik",)),
    ]
    assert r.violations[1].message == (
        "tidak boleh ada Sangat Baik: sekarang 10.00% (1 dari 10 pegawai)"
    )
    assert r.violations[1].required_pct == 0.0


def test_percent_boundaries_are_exact() -> None:
    # 2 of 3 is 66.67 %, more than 60; 3 of 5 is exactly 60
    assert skp.check_distribution("Butuh Perbaikan", counts(bp=3, b=2)).ok is True
    assert skp.check_distribution("Istimewa", counts(sb=7, b=3)).ok is True
    assert skp.check_distribution("Istimewa", counts(sb=701, b=299)).ok is False


def test_result_fields() -> None:
    r = skp.check_distribution("Baik", {"baik": 6, "cukup": 2, "Sangat Baik": 2})
    assert r.total == 10
    assert r.counts["Butuh Perbaikan"] == 2
    assert r.percentages["Baik"] == 60.0
    assert r.confidence == "medium"
    assert r.version == "skp:2022"
    assert r.to_dict()["ok"] is True


def test_distribution_errors() -> None:
    with pytest.raises(UnknownCodeError):
        skp.check_distribution("Luar Biasa", counts(b=1))
    with pytest.raises(UnknownCodeError):
        skp.check_distribution("Baik", {"Hebat": 1})
    with pytest.raises(InvalidInputError, match="given twice"):
        skp.check_distribution("Baik", {"Cukup": 1, "Butuh Perbaikan": 2})
    with pytest.raises(InvalidInputError):
        skp.check_distribution("Baik", {"Baik": -1})
    with pytest.raises(NoDataError):
        skp.check_distribution("Baik", counts())


@given(st.lists(st.integers(0, 50), min_size=5, max_size=5).filter(lambda xs: sum(xs) > 0))
def test_violations_match_ok(values: list[int]) -> None:
    c = dict(zip(skp.PREDICATES, values, strict=True))
    for org in skp.ORG_PREDICATES:
        r = skp.check_distribution(org, c)
        assert r.ok is (not r.violations)
        assert sum(r.percentages.values()) == pytest.approx(100.0)
