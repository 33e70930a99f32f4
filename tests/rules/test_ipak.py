"""The IPAK rulebook: mean of the item means on 1–4, rounded half-up (values by hand)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.rules import ipak
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    InvalidInputError,
    NoDataError,
    UnknownCodeError,
)

CODES = ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8")


def row(*values):
    return dict(zip(CODES, values, strict=True))


def test_rulebook_is_low_confidence_and_says_no_official_list():
    book = ipak.RULEBOOKS.select(2024)
    assert book.meta.version == "ipak:2021"
    assert book.meta.confidence == "low"
    assert book.formula_confidence == "low"
    assert book.codes == CODES
    assert (book.scale_min, book.scale_max, book.decimals) == (1, 4, 2)
    assert book.answers == ("Sangat tidak setuju", "Tidak setuju", "Setuju", "Sangat setuju")
    assert "daftar butir SPAK resmi tidak ditemukan" in book.meta.source.regulation
    assert "pungutan" in book.items[0].statement


def test_mean_of_item_means_with_skipped_items():
    # P1: (4 + 3 + 2) / 3 = 3; P2..P7: (4 + 3) / 2 = 3.5; P8: 4 / 1 = 4
    # index = (3 + 6 × 3.5 + 4) / 8 = 28 / 8 = 3.5
    result = ipak.compute(
        [row(4, 4, 4, 4, 4, 4, 4, 4), row(3, 3, 3, 3, 3, 3, 3, None), {"P1": 2}], year=2024
    )
    assert result.n == 3
    assert result.index == Decimal("3.50")
    assert result.index_exact == Fraction(7, 2)
    assert result.items["P1"].mean == Decimal("3.00")
    assert (result.items["P8"].answered, result.items["P8"].total) == (1, 4)
    assert result.items["P2"].mean == Decimal("3.50")
    assert result.complete and result.missing == ()
    assert result.confidence == "low"


def test_index_rounds_half_up():
    # (7 × 4 + 1) / 8 = 29 / 8 = 3.625 → 3.63 (half-even would give 3.62)
    assert ipak.compute([row(4, 4, 4, 4, 4, 4, 4, 1)]).index == Decimal("3.63")
    # P1 (4 + 3 + 3) / 3 = 10/3; others 3 → (10/3 + 21) / 8 = 73/24 = 3.041666… → 3.04
    result = ipak.compute([row(4, 3, 3, 3, 3, 3, 3, 3), {"P1": 3}, {"p1": 3}])
    assert result.index_exact == Fraction(73, 24)
    assert result.index == Decimal("3.04")
    assert result.items["P1"].mean == Decimal("3.33")


def test_unanswered_items_are_left_out_and_flagged():
    # P1 (4 + 3) / 2 = 3.5, P2 3 / 1 → (3.5 + 3) / 2 = 3.25
    result = ipak.compute([{"P1": 4, "P2": 3}, {"P1": 3, "P2": None}])
    assert result.index == Decimal("3.25")
    assert not result.complete
    assert result.missing == ("P3", "P4", "P5", "P6", "P7", "P8")
    assert result.items["P3"].mean is None


def test_totals_give_the_same_result_as_answers():
    rows = [row(4, 3, 2, 4, 3, 3, 4, None), row(3, 3, 3, 4, 4, 3, 3, 2)]
    sums = {c: sum(r[c] or 0 for r in rows) for c in CODES}
    counts = {c: sum(r[c] is not None for r in rows) for c in CODES}
    assert ipak.compute_totals(2, sums, counts).to_dict() == ipak.compute(rows).to_dict()
    # (3.5 + 3 + 2.5 + 4 + 3.5 + 3 + 3.5 + 2) / 8 = 25 / 8 = 3.125 → 3.13
    assert ipak.compute(rows).index == Decimal("3.13")


@pytest.mark.parametrize(
    ("responses", "error"),
    [
        ([{"P1": 5}], AnswerOutOfScaleError),
        ([{"P1": 0}], AnswerOutOfScaleError),
        ([{"P1": True}], AnswerOutOfScaleError),
        ([{"P1": "4"}], AnswerOutOfScaleError),
        ([{"P9": 4}], UnknownCodeError),
        (["P1"], InvalidInputError),
        ([{"P1": None}], NoDataError),
        ([], NoDataError),
    ],
)
def test_refused_answers(responses, error):
    with pytest.raises(error):
        ipak.compute(responses)


@pytest.mark.parametrize(
    ("n", "sums", "counts", "error"),
    [
        (3, {"P1": 13}, {"P1": 3}, InvalidInputError),  # more than 4 per answer
        (1, {"P1": 6}, {"P1": 2}, InvalidInputError),  # n below an answered count
        (2, {"X9": 6}, {"X9": 2}, UnknownCodeError),
        (0, {}, {}, NoDataError),
    ],
)
def test_refused_totals(n, sums, counts, error):
    with pytest.raises(error):
        ipak.compute_totals(n, sums, counts)


def test_index_from_item_means():
    # (3.80 + 3.75 + 3.60 + 3.65 + 3.70 + 3.60 + 3.75 + 3.75) / 8 = 29.60 / 8 = 3.70
    means = row("3.80", "3.75", "3.60", "3.65", "3.70", "3.60", "3.75", "3.75")
    result = ipak.from_means(means, year=2024)
    assert result.index == Decimal("3.70")
    assert result.index_exact == Fraction(37, 10)
    assert result.complete and result.missing == ()
    assert result.means["P4"] == Decimal("3.65")
    assert (result.version, result.confidence) == ("ipak:2021", "low")


def test_index_from_item_means_rounds_half_up_and_leaves_out_blank_items():
    # (4 + 3.25) / 2 = 3.625 → 3.63; codes in any case, P3…P8 not given or None
    result = ipak.from_means({"p1": 4, "P2": Decimal("3.25"), "P3": None})
    assert result.index == Decimal("3.63")
    assert not result.complete
    assert result.missing == ("P3", "P4", "P5", "P6", "P7", "P8")
    assert list(result.means) == ["P1", "P2"]


@pytest.mark.parametrize(
    ("means", "error", "message"),
    [
        ({"P1": "4.01"}, InvalidInputError, "rata-rata P1 4.01 di luar skala 1–4"),
        ({"P1": "0.99"}, InvalidInputError, "rata-rata P1 0.99 di luar skala 1–4"),
        ({"P1": "tiga"}, InvalidInputError, "rata-rata P1 harus berupa angka, bukan 'tiga'"),
        ({"P1": "NaN"}, InvalidInputError, "rata-rata P1 harus berupa angka terhingga"),
        ({"P1": True}, InvalidInputError, "rata-rata P1 harus berupa angka, bukan True"),
        ({"P9": 3}, UnknownCodeError, "IPAK item 'P9' tidak dikenal"),
        ({"P1": 3, "p1": 3}, InvalidInputError, "butir IPAK P1 diisi dua kali"),
        ({"P1": None}, NoDataError, "belum ada rata-rata butir IPAK yang diisi"),
        ({}, NoDataError, "belum ada rata-rata butir IPAK yang diisi"),
    ],
)
def test_refused_means(means, error, message):
    with pytest.raises(error) as exc:
        ipak.from_means(means)
    assert exc.value.message_id.startswith(message)
