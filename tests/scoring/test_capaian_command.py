"""`sikap rules capaian`: the answer shape the issue names, and refusals in words."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--target", "80", "--realisasi", "92"), 115.0),
        (("--target", "7", "--realisasi", "6,5", "--polarity", "turun"), 107.14),
        (("--target", "20", "--realisasi", "25", "--polarity", "turun"), 75.0),
        (("--target", "7", "--target-max", "8", "--realisasi", "9", "--polarity", "turun"), 87.5),
        (("--target", "80", "--target-max", "90", "--realisasi", "70"), 87.5),
    ],
)
def test_capaian_json(rules, args, expected) -> None:
    run = rules("capaian", *args, "--json")
    assert run.code == 0
    assert run.json["capaian"] == expected
    assert run.json["version"] == "performance:2015"


def test_capaian_text(rules) -> None:
    run = rules("capaian", "--target", "80", "--realisasi", "92")
    assert run.code == 0
    assert run.out.strip() == "Capaian 115.00% dengan rumus R / T × 100 (T = 80; performance:2015)"


def test_capaian_refusals(rules) -> None:
    run = rules("capaian", "--target", "0", "--realisasi", "5", "--json")
    assert (run.code, run.json) == (
        1,
        {"error": "target harus lebih dari 0 untuk menghitung capaian, bukan 0"},
    )
    run = rules("capaian", "--target", "x", "--realisasi", "5", "--json")
    assert (run.code, run.json) == (1, {"error": "Target harus berupa angka, bukan 'x'"})
    run = rules("capaian", "--target", "5", "--realisasi", "5", "--polarity", "sideways")
    assert "invalid choice: 'sideways'" in run.err
