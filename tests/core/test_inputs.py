"""sikap.core.inputs: the one reading of numbers and text from requests, files and commands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sikap.core.inputs import IntegerField, clean_text, parse_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        (" 42 ", 42),
        ("007", 7),
        ("9" * 18, int("9" * 18)),
        (42, 42),
        ("", None),
        ("   ", None),
        ("²", None),
        ("1²", None),
        ("①", None),
        ("٣", None),
        ("３", None),
        ("+3", None),
        ("-3", None),
        ("1_000", None),
        ("3.0", None),
        ("1e3", None),
        ("0x1f", None),
        ("9" * 19, None),
        ("4\x00", None),
        (None, None),
        (True, None),
        (3.0, None),
        (-3, None),
        (10**18, None),
        (["1"], None),
    ],
)
def test_parse_int_reads_ascii_digits_only(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-3", -3), ("3", 3), (" -0 ", 0), (-3, -3), ("--3", None), ("-", None), ("-²", None)],
)
def test_parse_int_takes_a_minus_only_when_asked(text, expected):
    assert parse_int(text, allow_negative=True) == expected


def test_clean_text_drops_nul_and_controls_but_keeps_lines_tabs_and_unicode():
    assert clean_text("Dinas\x00 Kesehatan\x07\x1b\x7f") == "Dinas Kesehatan"
    assert clean_text("baris 1\r\nbaris\t2 — ²") == "baris 1\r\nbaris\t2 — ²"
    assert clean_text(None) == ""
    assert clean_text(12) == "12"


@pytest.mark.parametrize("raw", ["²", "٣", "3.0", "+3", "1" * 19])
def test_form_integer_field_refuses_anything_but_ascii_digits(raw):
    field = IntegerField(min_value=0)
    with pytest.raises(ValidationError) as caught:
        field.clean(raw)
    assert caught.value.messages == ["Masukkan bilangan bulat dengan angka 0–9."]


def test_form_integer_field_keeps_bounds_and_optional_minus():
    assert IntegerField(min_value=1).clean(" 12 ") == 12
    assert IntegerField(required=False).clean("") is None
    assert IntegerField().clean("-4") == -4
    with pytest.raises(ValidationError) as caught:
        IntegerField(min_value=1).clean("-4")
    assert caught.value.messages == ["Masukkan bilangan bulat dengan angka 0–9."]
    with pytest.raises(ValidationError) as caught:
        IntegerField(max_value=10).clean("11")
    assert [e.code for e in caught.value.error_list] == ["max_value"]


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("04/12/2026", dt.date(2026, 12, 4)),
        ("4/12/2026", dt.date(2026, 12, 4)),
        ("04-12-2026", dt.date(2026, 12, 4)),
        ("04.12.2026", dt.date(2026, 12, 4)),
        ("2026-12-04", dt.date(2026, 12, 4)),  # ISO, as links and scripts send it
        (" 04/12/2026 ", dt.date(2026, 12, 4)),
    ],
)
def test_a_day_is_read_day_first(typed, day):
    from sikap.core.inputs import DayField

    assert DayField().clean(typed) == day


@pytest.mark.parametrize("typed", ["12/31/2026", "31/02/2026", "2026/12/04", "٠٤/١٢/٢٠٢٦", "besok"])
def test_a_day_that_is_not_dd_mm_yyyy_names_the_form(typed):
    from django.core.exceptions import ValidationError

    from sikap.core.inputs import DayField

    with pytest.raises(ValidationError) as refused:
        DayField().clean(typed)
    assert refused.value.messages == ["Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."]


def test_a_day_is_shown_day_first():
    from sikap.core.inputs import DayField

    html = str(DayField().widget.render("d", dt.date(2026, 12, 4)))
    assert 'value="04/12/2026"' in html and 'placeholder="dd/mm/yyyy"' in html
