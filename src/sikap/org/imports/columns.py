"""The columns each import reads, and the header spellings (incl. SIASN exports) accepted for them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.core.tables import Table
from sikap.org.imports import values
from sikap.org.imports.report import RowError


def normalise_header(text: str) -> str:
    """Header matching ignores case, spaces, underscores and punctuation: 'NIP_BARU' == 'nip baru'."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    required: bool
    # Accepted headers in order of preference; the first one present in the file is used.
    aliases: tuple[str, ...] = ()
    description: Any = ""  # a lazy translation
    # Longest text the column may hold (its model field); 0: no limit checked here.
    max_length: int = 0
    # Reads a non-blank cell into the stored value, None when it is not one (then `invalid`).
    read: Callable[[str], str | None] | None = None
    invalid: Any = ""  # a lazy translation

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


UNIT_COLUMNS: tuple[Column, ...] = (
    Column(
        "kode",
        True,
        ("kode unit", "kode unor", "unor id", "id unor"),
        gettext_lazy("Kode unik unit"),
    ),
    Column(
        "nama", True, ("nama unit", "nama unor", "unor nama"), gettext_lazy("Nama lengkap unit")
    ),
    Column(
        "kode_induk",
        True,
        ("kode unit induk", "kode induk unor", "diatasan id", "induk"),
        gettext_lazy("Kode unit induk; kosong untuk unit teratas"),
    ),
    Column("jenis", True, ("jenis unit", "jenis unor"), gettext_lazy("Jenis unit (lihat daftar)")),
    Column("singkatan", False, ("nama singkat",), gettext_lazy("Singkatan, mis. BKPSDM")),
    Column(
        "berlaku_sejak",
        False,
        ("tanggal berlaku",),
        gettext_lazy("Tanggal mulai berlaku (TTTT-BB-HH)"),
    ),
    Column(
        "berlaku_sampai",
        False,
        ("tanggal berakhir",),
        gettext_lazy("Tanggal berakhir; kosong bila aktif"),
    ),
    Column(
        "digabung_ke",
        False,
        ("kode unit pengganti", "digabung ke"),
        gettext_lazy("Kode unit yang meneruskan tugasnya, bila unit ini ditutup karena digabung"),
    ),
)

EMPLOYEE_COLUMNS: tuple[Column, ...] = (
    Column("nip", True, ("nip baru",), gettext_lazy("NIP 18 digit (PNS atau PPPK)")),
    Column(
        "nama",
        True,
        ("nama lengkap", "nama pegawai"),
        gettext_lazy("Nama lengkap dengan gelar"),
        max_length=200,
    ),
    Column(
        "kode_unit",
        True,
        ("kode unor", "unor id", "id unor", "unor nama", "nama unor", "unit kerja"),
        gettext_lazy("Kode unit kerja (atau namanya bila unik)"),
    ),
    Column(
        "jenis_pegawai",
        True,
        ("jenis pegawai nama", "kedudukan hukum", "kedudukan hukum nama", "status pegawai"),
        gettext_lazy("PNS atau PPPK; kosong: dibaca dari NIP"),
    ),
    Column(
        "jabatan",
        True,
        ("jabatan nama", "nama jabatan"),
        gettext_lazy("Nama jabatan"),
        max_length=255,
    ),
    Column(
        "nip_atasan",
        True,
        ("nip atasan langsung", "atasan nip"),
        gettext_lazy("NIP atasan langsung"),
    ),
    Column(
        "jenis_jabatan",
        False,
        ("jenis jabatan nama",),
        gettext_lazy("Struktural, Fungsional atau Pelaksana"),
        read=values.jenis_jabatan,
        invalid=gettext_lazy(
            "jenis jabatan tidak dikenal; gunakan Struktural, Fungsional atau Pelaksana"
        ),
    ),
    Column(
        "eselon",
        False,
        ("eselon nama",),
        gettext_lazy("Eselon / JPT, mis. II.b"),
        max_length=20,
    ),
    Column(
        "golongan",
        False,
        ("gol akhir nama", "golongan akhir", "gol"),
        gettext_lazy("Golongan, mis. III/a"),
        max_length=10,
    ),
    Column(
        "email",
        False,
        ("email gov", "email kantor"),
        gettext_lazy("Alamat email"),
        read=values.email_address,
        invalid=gettext_lazy("alamat email tidak sah"),
    ),
    Column(
        "jenis_kelamin",
        False,
        ("jk",),
        gettext_lazy("L atau P; kosong: dibaca dari NIP"),
        read=values.gender,
        invalid=gettext_lazy("jenis kelamin tidak dikenal; gunakan L atau P"),
    ),
)


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Which file column feeds each import column, and the header text the user wrote there."""

    index: dict[str, int]
    label: dict[str, str]

    def has(self, name: str) -> bool:
        return name in self.index


def map_headers(
    headers: Sequence[str], columns: Sequence[Column], header_row: int
) -> HeaderMap | list[RowError]:
    by_normal: dict[str, int] = {}
    for i, text in enumerate(headers):
        by_normal.setdefault(normalise_header(text), i)
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    errors: list[RowError] = []
    for column in columns:
        for spelling in column.spellings:
            found = by_normal.get(normalise_header(spelling))
            if found is not None:
                index[column.name] = found
                label[column.name] = headers[found].strip()
                break
        else:
            if column.required:
                errors.append(
                    RowError(
                        header_row,
                        column.name,
                        "",
                        _("kolom wajib '%(column)s' tidak ada di baris judul")
                        % {"column": column.name},
                    )
                )
    if errors:
        return errors
    return HeaderMap(index=index, label=label)


# Exports (SIASN among them) often put a title or a blank banner above the header row.
HEADER_SEARCH_ROWS = 10


def locate_header(
    table: Table, columns: Sequence[Column]
) -> tuple[HeaderMap, Table] | list[RowError]:
    """The header is the first of the top rows that names every required column."""
    first = map_headers(table.headers, columns, table.header_row)
    if isinstance(first, HeaderMap):
        return first, table
    for i, (number, cells) in enumerate(table.rows[: HEADER_SEARCH_ROWS - 1]):
        found = map_headers(cells, columns, number)
        if isinstance(found, HeaderMap):
            rest = table.rows[i + 1 :]
            if not rest:
                return [RowError(0, "", "", _("berkas hanya berisi baris judul, tanpa baris data"))]
            return found, Table(headers=cells, header_row=number, rows=rest)
    return first
