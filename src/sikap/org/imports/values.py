"""Reading single cell values: unit kinds, dates, employee kinds, genders."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation

from sikap.org.models import Employee, OrgUnit
from sikap.rules import nip


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _unit_kind_lookup() -> dict[str, str]:
    """Kind values and their Indonesian labels (also each half of 'UPT / UPTD'), normalised."""
    table: dict[str, str] = {}
    with translation.override("id"):
        for value, label in OrgUnit.Kind.choices:
            table[_key(value)] = value
            table[_key(str(label))] = value
            for part in str(label).split("/"):
                table.setdefault(_key(part), value)
    for value, label in OrgUnit.Kind.choices:  # the current language's labels as well
        table.setdefault(_key(str(label)), value)
    table.setdefault("subbag", OrgUnit.Kind.SUBBAGIAN)
    table.setdefault("desa", OrgUnit.Kind.KELURAHAN)
    return table


def unit_kind(text: str) -> str | None:
    return _unit_kind_lookup().get(_key(text))


def unit_kind_labels() -> list[tuple[str, str]]:
    with translation.override("id"):
        return [(value, str(label)) for value, label in OrgUnit.Kind.choices]


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S")


def date_value(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


_PPPK_WORDS = ("pppk", "p3k", "perjanjiankerja")
_PNS_WORDS = ("pns", "cpns", "pegawainegerisipil", "calonpegawainegerisipil")


def employee_kind(text: str) -> str | None:
    key = _key(text)
    if any(word in key for word in _PPPK_WORDS):
        return Employee.Kind.PPPK
    if key in _PNS_WORDS or key.startswith(("pns", "cpns")):
        return Employee.Kind.PNS
    return None


def gender(text: str) -> str | None:
    key = _key(text)
    if key in {"l", "lk", "laki", "lakilaki", "pria", "1", "m", "male"}:
        return Employee.Gender.L
    if key in {"p", "pr", "perempuan", "wanita", "2", "f", "female"}:
        return Employee.Gender.P
    return None


def jenis_jabatan(text: str) -> str | None:
    key = _key(text)
    if "struktural" in key:
        return Employee.JenisJabatan.STRUKTURAL
    # SIASN: "Jabatan Fungsional Umum" is the old name of a pelaksana position.
    if "fungsionalumum" in key or "pelaksana" in key:
        return Employee.JenisJabatan.PELAKSANA
    if "fungsional" in key:
        return Employee.JenisJabatan.FUNGSIONAL
    return None


def clean_nip(text: str) -> str:
    """NIPs arrive as '19850314 201001 1 001' or with a leading apostrophe from spreadsheets."""
    return nip.normalise(text)
