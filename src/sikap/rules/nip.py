"""NIP (Nomor Induk Pegawai) of PNS and PPPK: parsing, validation and generation.

PNS (Peraturan Kepala BKN 22/2007), 18 digits:
``YYYYMMDD`` birth · ``YYYYMM`` TMT CPNS · gender (1 = L, 2 = P) · serial 001–999.

PPPK, 18 digits:
``YYYYMMDD`` birth · ``YYYY`` TMT year · ``2`` (PPPK code) · frequency 1–9 · gender · serial.

Telling them apart: digit 13 is the first digit of the TMT month for a PNS (0 or 1) and
the PPPK code ``2`` for a PPPK, so no 18-digit string is valid both ways. Without an
explicit ``kind``, :func:`parse` tries PNS first; if that fails and the PPPK reading
succeeds, the NIP is PPPK. When both fail, the errors of the reading that digit 13
points to are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sikap.rules.errors import InvalidInputError, NipError
from sikap.rules.grading import ResultMixin

Kind = Literal["pns", "pppk"]
MIN_AGE_AT_TMT = 18
MAX_AGE_AT_TMT = 60
_GENDERS = {"1": "L", "2": "P"}


@dataclass(frozen=True, slots=True)
class NipResult(ResultMixin):
    input: str
    nip: str
    valid: bool
    kind: Kind | None
    birth_date: date | None
    tmt: date | None
    gender: Literal["L", "P"] | None
    gender_code: int | None
    serial: int | None
    frequency: int | None
    errors: tuple[str, ...]
    errors_en: tuple[str, ...]

    @property
    def formatted(self) -> str:
        return format_nip(self.nip) if self.valid else self.nip

    def to_dict(self) -> dict[str, object]:
        d = ResultMixin.to_dict(self)
        for key in ("birth_date", "tmt"):
            value = getattr(self, key)
            d[key] = None if value is None else value.isoformat()
        return d


class _Reader:
    def __init__(self, digits: str) -> None:
        self.d = digits
        self.errors: list[str] = []
        self.errors_en: list[str] = []

    def err(self, message_id: str, message_en: str) -> None:
        self.errors.append(message_id)
        self.errors_en.append(message_en)

    def birth(self) -> date | None:
        part = self.d[0:8]
        try:
            born = date(int(part[0:4]), int(part[4:6]), int(part[6:8]))
        except ValueError:
            self.err(
                f"digit 1–8 (tanggal lahir) {part} bukan tanggal yang sah (format TTTTBBHH)",
                f"digits 1–8 (birth date) {part} are not a valid date (format YYYYMMDD)",
            )
            return None
        if born.year < 1900:
            self.err(
                f"digit 1–4 (tahun lahir) {part[0:4]} tidak masuk akal",
                f"digits 1–4 (birth year) {part[0:4]} are implausible",
            )
            return None
        return born

    def gender(self) -> str | None:
        g = self.d[14]
        if g not in _GENDERS:
            self.err(
                f"digit 15 harus 1 (laki-laki) atau 2 (perempuan), bukan {g}",
                f"digit 15 must be 1 (male) or 2 (female), not {g}",
            )
            return None
        return _GENDERS[g]

    def serial(self) -> int | None:
        s = self.d[15:18]
        if s == "000":
            self.err(
                f"digit 16–18 (nomor urut) harus 001–999, bukan {s}",
                f"digits 16–18 (serial) must be 001–999, not {s}",
            )
            return None
        return int(s)

    def age_check(self, born: date | None, tmt: date | None, by_year: bool) -> None:
        if born is None or tmt is None:
            return
        if tmt <= born:
            self.err(
                f"TMT {tmt:%m/%Y} tidak boleh sebelum tanggal lahir {born:%d/%m/%Y}",
                f"TMT {tmt:%m/%Y} must be after the birth date {born:%d/%m/%Y}",
            )
            return
        if by_year:
            age = tmt.year - born.year
        else:
            age = tmt.year - born.year - ((tmt.month, tmt.day) < (born.month, born.day))
        if not MIN_AGE_AT_TMT <= age <= MAX_AGE_AT_TMT:
            self.err(
                f"usia pada TMT {age} tahun; harus {MIN_AGE_AT_TMT}–{MAX_AGE_AT_TMT} tahun",
                f"age at TMT is {age}; it must be {MIN_AGE_AT_TMT}–{MAX_AGE_AT_TMT}",
            )


def normalise(nip: str) -> str:
    """A NIP as typed or pasted: spaces removed, and the apostrophe spreadsheets put in front."""
    return "".join(nip.strip().lstrip("'").split())


def _result(
    raw: str,
    digits: str,
    kind: Kind | None,
    r: _Reader,
    *,
    born: date | None = None,
    tmt: date | None = None,
    gender: str | None = None,
    serial: int | None = None,
    frequency: int | None = None,
) -> NipResult:
    valid = not r.errors
    return NipResult(
        input=raw,
        nip=digits,
        valid=valid,
        kind=kind,
        birth_date=born,
        tmt=tmt,
        gender="L" if gender == "L" else "P" if gender == "P" else None,
        gender_code=None if gender is None else (1 if gender == "L" else 2),
        serial=serial,
        frequency=frequency,
        errors=tuple(r.errors),
        errors_en=tuple(r.errors_en),
    )


def _parse_pns(raw: str, digits: str) -> NipResult:
    r = _Reader(digits)
    born = r.birth()
    part = digits[8:14]
    tmt: date | None = None
    year, month = int(part[0:4]), int(part[4:6])
    if not 1 <= month <= 12 or year < 1900:
        r.err(
            f"digit 9–14 (TMT CPNS) {part} bukan tahun-bulan yang sah (format TTTTBB, bulan 01–12)",
            f"digits 9–14 (TMT CPNS) {part} are not a valid year-month (YYYYMM, month 01–12)",
        )
    else:
        tmt = date(year, month, 1)
    gender = r.gender()
    serial = r.serial()
    r.age_check(born, tmt, by_year=False)
    return _result(raw, digits, "pns", r, born=born, tmt=tmt, gender=gender, serial=serial)


def _parse_pppk(raw: str, digits: str) -> NipResult:
    r = _Reader(digits)
    born = r.birth()
    year = int(digits[8:12])
    tmt: date | None = None
    if year < 1900:
        r.err(
            f"digit 9–12 (tahun TMT PPPK) {digits[8:12]} bukan tahun yang sah",
            f"digits 9–12 (PPPK TMT year) {digits[8:12]} are not a valid year",
        )
    else:
        tmt = date(year, 1, 1)
    if digits[12] != "2":
        r.err(
            f"digit 13 harus 2 (kode PPPK), bukan {digits[12]}",
            f"digit 13 must be 2 (the PPPK code), not {digits[12]}",
        )
    frequency: int | None = int(digits[13])
    if frequency == 0:
        r.err(
            "digit 14 (frekuensi pengangkatan) harus 1–9, bukan 0",
            "digit 14 (appointment frequency) must be 1–9, not 0",
        )
        frequency = None
    gender = r.gender()
    serial = r.serial()
    r.age_check(born, tmt, by_year=True)
    return _result(
        raw,
        digits,
        "pppk",
        r,
        born=born,
        tmt=tmt,
        gender=gender,
        serial=serial,
        frequency=frequency,
    )


def parse(nip: str, *, kind: Kind | None = None) -> NipResult:
    """Read a NIP; never raises for a bad NIP — see ``valid`` and ``errors``.

    ``kind`` is the layout the NIP was read as; it is ``None`` only when the input is not
    18 digits. Whitespace (``"19660801 198803 1 001"``) is ignored.
    """
    if not isinstance(nip, str):
        raise InvalidInputError(f"NIP must be a string, not {nip!r}")
    if kind not in (None, "pns", "pppk"):
        raise InvalidInputError(f"kind must be 'pns' or 'pppk', not {kind!r}")
    digits = normalise(nip)
    r = _Reader(digits)
    bad = sorted({c for c in digits if not c.isascii() or not c.isdigit()})
    if bad:
        r.err(
            f"NIP hanya boleh berisi angka, ditemukan {' '.join(repr(c) for c in bad)}",
            f"a NIP may only contain digits, found {' '.join(repr(c) for c in bad)}",
        )
    if len(digits) != 18:
        r.err(
            f"NIP harus 18 digit, bukan {len(digits)}",
            f"a NIP must have 18 digits, not {len(digits)}",
        )
    if r.errors:
        return _result(nip, digits, None, r)
    if kind == "pns":
        return _parse_pns(nip, digits)
    if kind == "pppk":
        return _parse_pppk(nip, digits)
    pns = _parse_pns(nip, digits)
    if pns.valid:
        return pns
    pppk = _parse_pppk(nip, digits)
    if pppk.valid or digits[12] == "2":
        return pppk
    return pns


def validate(nip: str, *, kind: Kind | None = None) -> NipResult:
    """Like :func:`parse`, but raises :class:`NipError` when the NIP is invalid."""
    result = parse(nip, kind=kind)
    if not result.valid:
        raise NipError(nip, result.errors)
    return result


def format_nip(nip: str) -> str:
    """Group the digits as printed on ASN documents."""
    d = normalise(nip)
    if len(d) != 18:
        return d
    if d[12] == "2":
        return f"{d[0:8]} {d[8:12]} {d[12]} {d[13]} {d[14]} {d[15:18]}"
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"


def _gender_digit(gender: str | int) -> str:
    mapping = {"L": "1", "P": "2", "1": "1", "2": "2"}
    key = str(gender).upper()
    if key not in mapping:
        raise InvalidInputError(f"gender must be 'L'/'P' or 1/2, not {gender!r}")
    return mapping[key]


def _serial_digits(serial: int) -> str:
    if isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= 999:
        raise InvalidInputError(f"serial must be an integer 1–999, not {serial!r}")
    return f"{serial:03d}"


def make_pns_nip(birth: date, tmt: date, gender: str | int, serial: int) -> str:
    """Build a valid PNS NIP (TMT day is ignored: the NIP holds year and month)."""
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{_gender_digit(gender)}{_serial_digits(serial)}"
    return validate(nip, kind="pns").nip


def make_pppk_nip(
    birth: date, tmt_year: int, gender: str | int, serial: int, *, frequency: int = 1
) -> str:
    """Build a valid PPPK NIP."""
    if isinstance(frequency, bool) or not isinstance(frequency, int) or not 1 <= frequency <= 9:
        raise InvalidInputError(f"frequency must be an integer 1–9, not {frequency!r}")
    if isinstance(tmt_year, bool) or not isinstance(tmt_year, int) or not 1900 <= tmt_year <= 9999:
        raise InvalidInputError(f"tmt_year must be a four-digit year, not {tmt_year!r}")
    nip = f"{birth:%Y%m%d}{tmt_year:04d}2{frequency}{_gender_digit(gender)}{_serial_digits(serial)}"
    return validate(nip, kind="pppk").nip


__all__ = [
    "MAX_AGE_AT_TMT",
    "MIN_AGE_AT_TMT",
    "NipResult",
    "format_nip",
    "make_pns_nip",
    "make_pppk_nip",
    "normalise",
    "parse",
    "validate",
]
