"""Reading single cell values: unit kinds, dates, employee kinds, genders."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation

from sikap.org.models import Employee, OrgUnit
from sikap.rules import nip


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


K = OrgUnit.Kind

# The words Pemda files use for a unit kind, beside SIKAP's own values and labels.
_KIND_SYNONYMS: dict[str, str] = {
    "sekretariat": K.SETDA,
    "sekretariatdaerah": K.SETDA,
    "setdakab": K.SETDA,
    "setdakot": K.SETDA,
    "setdaprov": K.SETDA,
    "sekretariatdprd": K.KANTOR,
    "setwan": K.KANTOR,
    "sekwan": K.KANTOR,
    "dinasdaerah": K.DINAS,
    "badandaerah": K.BADAN,
    "itda": K.INSPEKTORAT,
    "inspektoratdaerah": K.INSPEKTORAT,
    "inspektoratkabupaten": K.INSPEKTORAT,
    "inspektoratkota": K.INSPEKTORAT,
    "inspektoratprovinsi": K.INSPEKTORAT,
    "satuan": K.KANTOR,
    "satpolpp": K.KANTOR,
    "satuanpolisipamongpraja": K.KANTOR,
    "rs": K.RSUD,
    "rumahsakit": K.RSUD,
    "rumahsakitumumdaerah": K.RSUD,
    "rsd": K.RSUD,
    "kec": K.KECAMATAN,
    "kel": K.KELURAHAN,
    "desa": K.KELURAHAN,
    "kampung": K.KELURAHAN,
    "nagari": K.KELURAHAN,
    "gampong": K.KELURAHAN,
    "bag": K.BAGIAN,
    "bid": K.BIDANG,
    "subbag": K.SUBBAGIAN,
    "subbid": K.SEKSI,
    "subbidang": K.SEKSI,
    "sie": K.SEKSI,
    "seksie": K.SEKSI,
    "uptd": K.UPT,
    "unitpelaksanateknis": K.UPT,
    "unitpelaksanateknisdaerah": K.UPT,
    "cabangdinas": K.UPT,
    "pusatkesehatanmasyarakat": K.PUSKESMAS,
    "pustu": K.PUSKESMAS,
    "puskesmaspembantu": K.PUSKESMAS,
    "sd": K.SEKOLAH,
    "smp": K.SEKOLAH,
    "sma": K.SEKOLAH,
    "smk": K.SEKOLAH,
    "lain": K.LAINNYA,
    "lainlain": K.LAINNYA,
}

# Words that say "a regional agency" without saying which kind: the unit's name decides.
GENERIC_KINDS = frozenset(
    {"opd", "perangkatdaerah", "skpd", "satuankerjaperangkatdaerah", "unitkerja", "satker"}
)

# How OPD names begin, longest first, for a generic kind.
_NAME_PREFIXES: tuple[tuple[str, str], ...] = (
    ("sekretariatdaerah", K.SETDA),
    ("sekretariatdprd", K.KANTOR),
    ("rumahsakit", K.RSUD),
    ("inspektorat", K.INSPEKTORAT),
    ("kecamatan", K.KECAMATAN),
    ("kelurahan", K.KELURAHAN),
    ("puskesmas", K.PUSKESMAS),
    ("setda", K.SETDA),
    ("dinas", K.DINAS),
    ("badan", K.BADAN),
    ("kantor", K.KANTOR),
    ("satuan", K.KANTOR),
    ("satpol", K.KANTOR),
    ("rsud", K.RSUD),
    ("uptd", K.UPT),
    ("upt", K.UPT),
    ("desa", K.KELURAHAN),
)


def _unit_kind_lookup() -> dict[str, str]:
    """Kind values and their Indonesian labels (also each half of 'UPT / UPTD'), normalised,
    then the common synonyms."""
    table: dict[str, str] = {}
    with translation.override("id"):
        for value, label in OrgUnit.Kind.choices:
            table[_key(value)] = value
            table[_key(str(label))] = value
            for part in str(label).split("/"):
                table.setdefault(_key(part), value)
    for value, label in OrgUnit.Kind.choices:  # the current language's labels as well
        table.setdefault(_key(str(label)), value)
    for word, value in _KIND_SYNONYMS.items():
        table.setdefault(word, value)
    return table


def unit_kind(text: str) -> str | None:
    return _unit_kind_lookup().get(_key(text))


def unit_kind_is_generic(text: str) -> bool:
    return _key(text) in GENERIC_KINDS


def unit_kind_from_name(name: str) -> str:
    """The kind an OPD's name shows ("Dinas Kesehatan" is a dinas); Kantor / Satuan otherwise."""
    key = _key(name)
    for prefix, value in _NAME_PREFIXES:
        if key.startswith(prefix):
            return value
    return K.KANTOR


def unit_kind_accepted() -> str:
    """The accepted kinds as an error message names them."""
    labels = ", ".join(label for _value, label in unit_kind_labels())
    return f"{labels}; OPD"


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


def email_address(text: str) -> str | None:
    """The address as typed when it is one (at most 254 characters, the RFC limit), else None."""
    if len(text) > 254:
        return None
    try:
        validate_email(text)
    except ValidationError:
        return None
    return text


def clean_nip(text: str) -> str:
    """NIPs arrive as '19850314 201001 1 001' or with a leading apostrophe from spreadsheets."""
    return nip.normalise(text)
