"""Reading the tables the calculators accept: CSV (comma or semicolon) or XLSX, header first."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from sikap.core.filelimits import FileLimitError, rows_capped, xlsx_check_unzipped

CellValue = str | int | float | None


class TableReadError(ValueError):
    pass


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[CellValue, ...]], ...]  # (row number in the file, cells)

    def column(self, name: str) -> int | None:
        wanted = name.strip().casefold()
        for i, h in enumerate(self.header):
            if h.strip().casefold() == wanted:
                return i
        return None

    @staticmethod
    def cell(values: tuple[CellValue, ...], index: int) -> CellValue:
        value = values[index] if index < len(values) else None
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


def _blank(values: tuple[CellValue, ...]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _finish(raw_rows: list[tuple[CellValue, ...]]) -> Table:
    if not raw_rows or _blank(raw_rows[0]):
        raise TableReadError(_("berkas kosong atau baris pertama (judul kolom) tidak ada"))
    header = tuple("" if h is None else str(h).strip() for h in raw_rows[0])
    rows = tuple(
        (number, values)
        for number, values in enumerate(raw_rows[1:], start=2)
        if not _blank(values)
    )
    if len(rows) > settings.SIKAP_IMPORT_MAX_ROWS:
        raise TableReadError(
            _("berkas berisi %(n)s baris; paling banyak %(max)s")
            % {"n": len(rows), "max": settings.SIKAP_IMPORT_MAX_ROWS}
        )
    return Table(header, rows)


def read_csv_text(text: str) -> Table:
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _finish([tuple(r) for r in rows_capped(reader)])
    except FileLimitError as exc:
        raise TableReadError(exc.reason) from exc
    except csv.Error as exc:
        raise TableReadError(_("CSV tidak dapat dibaca: %(error)s") % {"error": exc}) from exc


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        xlsx_check_unzipped(data)
    except FileLimitError as exc:
        raise TableReadError(exc.reason) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableReadError(
            _("berkas XLSX tidak dapat dibaca: %(error)s") % {"error": exc}
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[Any, ...]] = [
            tuple(r) for r in rows_capped(sheet.iter_rows(values_only=True))
        ]
    except FileLimitError as exc:
        raise TableReadError(exc.reason) from exc
    finally:
        workbook.close()
    return _finish(rows)


def read_path(path: str | Path) -> Table:
    """A CSV or XLSX file by its extension."""
    p = Path(path)
    if not p.is_file():
        raise TableReadError(_("berkas %(path)s tidak ditemukan") % {"path": str(path)})
    suffix = p.suffix.lower()
    if p.stat().st_size > settings.SIKAP_IMPORT_MAX_BYTES:
        raise TableReadError(
            _("berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte)")
            % {"size": p.stat().st_size, "limit": settings.SIKAP_IMPORT_MAX_BYTES}
        )
    if suffix == ".xlsx":
        return read_xlsx(p.read_bytes())
    if suffix in (".csv", ".txt"):
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableReadError(
                _("berkas %(path)s bukan teks UTF-8") % {"path": str(path)}
            ) from exc
        return read_csv_text(text)
    raise TableReadError(
        _("jenis berkas %(suffix)r tidak didukung; gunakan .csv atau .xlsx")
        % {"suffix": suffix or p.name}
    )
