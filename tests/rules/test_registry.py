from __future__ import annotations

import json

import pytest

from sikap.rules import registry
from sikap.rules.errors import ScoreOutOfRangeError, UnknownCodeError, UnknownYearError


def test_list_rulebooks() -> None:
    books = registry.list_rulebooks()
    assert [b.version for b in books] == [
        "berakhlak:2022", "skm:2017", "ipak:2021", "ombudsman:2013", "ombudsman:2022", "ombudsman:2024",
        "ombudsman:2025", "pekppp:2017", "pekppp:2022", "skp:2022", "zi:2021", "sakip:2021",
        "performance:2015",
    ]  # fmt: skip
    omb = {b.version: b for b in books}
    assert omb["ombudsman:2013"].years == (2013, 2021)
    assert omb["ombudsman:2025"].years == (2025, None)
    assert omb["skm:2017"].source.startswith("Peraturan Menteri PANRB Nomor 14 Tahun 2017")
    assert omb["ipak:2021"].years == (2021, None)
    assert omb["ipak:2021"].confidence == "low"
    assert omb["ipak:2021"].source.startswith("Peraturan Menteri PANRB Nomor 90 Tahun 2021")
    assert omb["ipak:2021"].url == "http://www.pn-serang.go.id/main/other/LKE_ZI.html"
    assert all(b.confidence in ("high", "medium", "low") for b in books)
    assert json.loads(json.dumps([b.to_dict() for b in books]))[0]["years"] == [2022, None]


@pytest.mark.parametrize(
    ("scheme", "score", "year", "expected"),
    [
        ("berakhlak", 60.94, None,
         {"scheme": "berakhlak", "version": "berakhlak:2022", "score": 60.9, "category": "B",
          "label": "Cukup Sehat"}),
        ("skm", 88.31, 2024,
         {"scheme": "skm", "version": "skm:2017", "score": 88.31, "category": "A",
          "label": "Sangat Baik"}),
        ("ombudsman", 79.09, 2022,
         {"scheme": "ombudsman", "version": "ombudsman:2022", "score": 79.09, "category": "B",
          "label": "Kualitas Tinggi", "zone": "hijau"}),
        ("ombudsman", 20, 2025,
         {"scheme": "ombudsman", "version": "ombudsman:2025", "score": 20.0, "category": "E",
          "label": "Kualitas Terendah", "zone": "hitam"}),
        ("pekppp", 4.51, None,
         {"scheme": "pekppp", "version": "pekppp:2022", "score": 4.51, "category": "A",
          "label": "Pelayanan Prima"}),
        ("sakip", 90.0, None,
         {"scheme": "sakip", "version": "sakip:2021", "score": 90.0, "category": "A",
          "label": "Memuaskan"}),
    ],
)  # fmt: skip
def test_grade_dispatch(
    scheme: str, score: float, year: int | None, expected: dict[str, object]
) -> None:
    assert registry.grade(scheme, score, year=year).to_dict() == expected


def test_grade_keeps_the_explanation() -> None:
    g = registry.grade("ombudsman", 86.07, year=2023)
    assert g.explanation == "86.07 adalah B, Kualitas Tinggi: A mulai 88.00 — kurang 1.93 poin"
    assert g.confidence == "medium"


def test_grade_errors() -> None:
    with pytest.raises(UnknownCodeError, match="unknown scheme 'ipk'"):
        registry.grade("ipk", 3.5)
    # IPAK is listed but has no bands to grade against.
    with pytest.raises(UnknownCodeError, match="unknown scheme 'ipak'"):
        registry.grade("ipak", 3.5)
    with pytest.raises(ScoreOutOfRangeError):
        registry.grade("skm", 101)
    with pytest.raises(UnknownYearError):
        registry.grade("ombudsman", 80, year=2010)


def test_thresholds() -> None:
    t = registry.thresholds("ombudsman", 2022)
    assert (t.version, t.lower_bound, t.decimals, t.min, t.max) == (
        "ombudsman:2022", "inclusive", 2, 0.0, 100.0
    )  # fmt: skip
    assert [(b.category, b.min, b.max, b.zone) for b in t.bands] == [
        ("A", 88.0, 100.0, "hijau"), ("B", 78.0, 87.99, "hijau"), ("C", 54.0, 77.99, "kuning"),
        ("D", 32.0, 53.99, "merah"), ("E", 0.0, 31.99, "merah"),
    ]  # fmt: skip
    skm = registry.thresholds("skm")
    assert [(b.category, b.min, b.max) for b in skm.bands] == [
        ("A", 88.31, 100.0), ("B", 76.61, 88.30), ("C", 65.0, 76.60), ("D", 25.0, 64.99)
    ]  # fmt: skip
    pek = registry.thresholds("pekppp")
    assert pek.lower_bound == "exclusive"
    assert (pek.bands[0].text, pek.bands[-1].text) == ("> 4.50 – 5.00", "0.00 – 1.00")
    ber = registry.thresholds("berakhlak")
    assert [(b.category, b.min, b.max, b.confidence) for b in ber.bands] == [
        ("A", 75.0, 100.0, "high"), ("B", 50.0, 74.9, "high"), ("C", 25.0, 49.9, "medium"),
        ("D", 0.0, 24.9, "low"),
    ]  # fmt: skip
    assert json.loads(json.dumps(t.to_dict()))["bands"][0]["label"] == "Kualitas Tertinggi"
