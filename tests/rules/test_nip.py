from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.rules import nip
from sikap.rules.errors import InvalidInputError, NipError, RuleError

AMIR = "196608011988031001"


def test_reference_example_amir() -> None:
    r = nip.parse(AMIR)
    assert r.valid is True
    assert r.kind == "pns"
    assert r.birth_date == date(1966, 8, 1)
    assert r.tmt == date(1988, 3, 1)
    assert r.gender == "L"
    assert r.gender_code == 1
    assert r.serial == 1
    assert r.frequency is None
    assert r.errors == ()
    assert r.formatted == "19660801 198803 1 001"


def test_spaces_are_stripped() -> None:
    r = nip.parse("19660801 198803 1 001")
    assert r.valid is True
    assert r.nip == AMIR
    assert r.input == "19660801 198803 1 001"


def test_spreadsheet_apostrophe_is_dropped_everywhere() -> None:
    assert nip.normalise(" '19660801 198803 1 001 ") == AMIR
    assert nip.parse("'" + AMIR).nip == AMIR


def test_female_and_serial() -> None:
    r = nip.parse("199012312015032123")
    assert (r.valid, r.gender, r.gender_code, r.serial) == (True, "P", 2, 123)
    assert r.tmt == date(2015, 3, 1)


def test_seventeen_digits() -> None:
    r = nip.parse(AMIR[:-1])
    assert r.valid is False
    assert r.kind is None
    assert r.errors == ("NIP harus 18 digit, bukan 17",)
    assert r.errors_en == ("a NIP must have 18 digits, not 17",)


def test_non_digits() -> None:
    r = nip.parse("19660801198803100x")
    assert r.valid is False
    assert r.errors == ("NIP hanya boleh berisi angka, ditemukan 'x'",)


def test_gender_digit_five() -> None:
    r = nip.parse("196608011988035001")
    assert r.valid is False
    assert r.kind == "pns"
    assert r.errors == ("digit 15 harus 1 (laki-laki) atau 2 (perempuan), bukan 5",)
    assert r.gender is None
    assert r.birth_date == date(1966, 8, 1)


def test_invalid_birth_date() -> None:
    r = nip.parse("196613011988031001")
    assert r.errors == (
        "digit 1–8 (tanggal lahir) 19661301 bukan tanggal yang sah (format TTTTBBHH)",
    )
    assert r.birth_date is None


def test_february_30_is_not_a_date() -> None:
    assert nip.parse("196602301988031001").valid is False


def test_invalid_tmt_month() -> None:
    r = nip.parse("196608011988131001")
    assert r.valid is False
    assert r.errors[0].startswith("digit 9–14 (TMT CPNS) 198813 bukan tahun-bulan yang sah")


def test_serial_zero() -> None:
    r = nip.parse("196608011988031000")
    assert r.errors == ("digit 16–18 (nomor urut) harus 001–999, bukan 000",)


def test_tmt_before_birth() -> None:
    r = nip.parse("196608011960031001")
    assert r.errors == ("TMT 03/1960 tidak boleh sebelum tanggal lahir 01/08/1966",)


@pytest.mark.parametrize(
    ("value", "age"),
    [("197508011988031001", 12), ("192001011988031001", 68), ("197003021988031001", 17)],
)
def test_age_at_tmt_out_of_range(value: str, age: int) -> None:
    r = nip.parse(value)
    assert r.valid is False
    assert r.errors == (f"usia pada TMT {age} tahun; harus 18–60 tahun",)


@pytest.mark.parametrize("value", ["197003011988031001", "192801011988031001"])
def test_age_at_tmt_edges_are_valid(value: str) -> None:
    # 18 on the TMT day itself; 60 at TMT.
    assert nip.parse(value).valid is True


def test_several_errors_are_all_reported() -> None:
    r = nip.parse("196613011988135000")
    assert len(r.errors) == 4


def test_pppk() -> None:
    r = nip.parse("199005022022212007")
    assert r.valid is True
    assert r.kind == "pppk"
    assert r.birth_date == date(1990, 5, 2)
    assert r.tmt == date(2022, 1, 1)
    assert (r.frequency, r.gender, r.gender_code, r.serial) == (1, "P", 2, 7)
    assert r.formatted == "19900502 2022 2 1 2 007"


def test_pppk_errors_when_digit_13_is_two() -> None:
    r = nip.parse("199005022022205007")
    assert r.kind == "pppk"
    assert r.errors == (
        "digit 14 (frekuensi pengangkatan) harus 1–9, bukan 0",
        "digit 15 harus 1 (laki-laki) atau 2 (perempuan), bukan 5",
    )


def test_explicit_kind() -> None:
    assert nip.parse("199005022022212007", kind="pns").valid is False
    assert nip.parse(AMIR, kind="pppk").errors == ("digit 13 harus 2 (kode PPPK), bukan 0",)
    assert nip.parse(AMIR, kind="pns").valid is True
    with pytest.raises(InvalidInputError):
        nip.parse(AMIR, kind="honorer")  # type: ignore[arg-type]


def test_validate_raises() -> None:
    assert nip.validate(AMIR).serial == 1
    with pytest.raises(NipError) as exc:
        nip.validate("12345")
    assert isinstance(exc.value, RuleError)
    assert isinstance(exc.value, ValueError)
    assert exc.value.errors == ("NIP harus 18 digit, bukan 5",)


def test_non_string_input() -> None:
    with pytest.raises(InvalidInputError):
        nip.parse(196608011988031001)  # type: ignore[arg-type]


def test_make_nips() -> None:
    assert nip.make_pns_nip(date(1966, 8, 1), date(1988, 3, 17), "L", 1) == AMIR
    assert nip.make_pns_nip(date(1966, 8, 1), date(1988, 3, 1), 2, 12) == "196608011988032012"
    assert nip.make_pppk_nip(date(1990, 5, 2), 2022, "P", 7, frequency=3) == "199005022022232007"


@pytest.mark.parametrize("serial", [0, 1000, -1])
def test_make_nip_bad_serial(serial: int) -> None:
    with pytest.raises(InvalidInputError):
        nip.make_pns_nip(date(1966, 8, 1), date(1988, 3, 1), "L", serial)


def test_make_nip_bad_inputs() -> None:
    with pytest.raises(InvalidInputError):
        nip.make_pns_nip(date(1966, 8, 1), date(1988, 3, 1), "X", 1)
    with pytest.raises(NipError):
        nip.make_pns_nip(date(1980, 8, 1), date(1988, 3, 1), "L", 1)  # age 7
    with pytest.raises(InvalidInputError):
        nip.make_pppk_nip(date(1990, 5, 2), 2022, "L", 1, frequency=0)


def test_to_dict_is_json() -> None:
    d = nip.parse(AMIR).to_dict()
    assert d["birth_date"] == "1966-08-01"
    assert d["tmt"] == "1988-03-01"
    assert json.loads(json.dumps(d))["kind"] == "pns"


@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=date(2000, 12, 31)),
    age=st.integers(min_value=19, max_value=59),
    month=st.integers(min_value=1, max_value=12),
    gender=st.sampled_from(["L", "P"]),
    serial=st.integers(min_value=1, max_value=999),
)
def test_pns_round_trip(birth: date, age: int, month: int, gender: str, serial: int) -> None:
    tmt = date(birth.year + age, month, 1)
    r = nip.parse(nip.make_pns_nip(birth, tmt, gender, serial))
    assert (r.valid, r.kind, r.birth_date, r.tmt, r.gender, r.serial) == (
        True,
        "pns",
        birth,
        tmt,
        gender,
        serial,
    )


@given(
    birth=st.dates(min_value=date(1960, 1, 1), max_value=date(2000, 12, 31)),
    age=st.integers(min_value=18, max_value=60),
    frequency=st.integers(min_value=1, max_value=9),
    serial=st.integers(min_value=1, max_value=999),
)
def test_pppk_round_trip(birth: date, age: int, frequency: int, serial: int) -> None:
    made = nip.make_pppk_nip(birth, birth.year + age, "L", serial, frequency=frequency)
    r = nip.parse(made)
    assert (r.valid, r.kind, r.frequency, r.serial) == (True, "pppk", frequency, serial)
    # A PPPK NIP is never also a valid PNS NIP: digit 13 would be the TMT month's tens.
    assert nip.parse(made, kind="pns").valid is False
