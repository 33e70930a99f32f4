"""Turn an uploaded CSV or XLSX file into rows of text, numbered as the user sees them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sikap.core.filelimits import FileLimitError, rows_capped, xlsx_check_unzipped
from sikap.core.inputs import clean_text
from sikap.org.imports.report import FILE_ROW, RowError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
# Excel numbers carry 15 significant digits: integers below this are exactly what was typed.
EXACT_DIGITS_LIMIT = 10**15


@dataclass(frozen=True, slots=True)
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]  # (row number in the file, cell texts)


class NumberCell(str):
    """The text of a cell the workbook stored as a number.

    Excel keeps 15 significant digits, so an 18-digit NIP typed into a number cell comes back
    as another person's NIP; identifier columns refuse such cells (common.RowReader).
    """

    # Whether the text is the number exactly as typed (an integer of at most 15 digits).
    exact: bool

    def __new__(cls, text: str, *, exact: bool) -> NumberCell:
        cell = super().__new__(cls, text)
        cell.exact = exact
        return cell


class ReadError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.error = RowError(FILE_ROW, "", "", reason)


def file_format(file_name: str, data: bytes) -> str:
    """'csv' or 'xlsx', judged by name and content; ReadError for anything else."""
    name = file_name.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise ReadError(_("format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv"))
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise ReadError(_("berkas .xlsx ini bukan buku kerja Excel yang sah"))
        return "xlsx"
    if name.endswith((".csv", ".txt")):
        if data.startswith(XLSX_MAGIC):
            raise ReadError(_("berkas ini buku kerja Excel; beri nama berakhiran .xlsx"))
        return "csv"
    raise ReadError(
        _("jenis berkas tidak didukung (%(name)s); gunakan .csv atau .xlsx")
        % {"name": file_name or "?"}
    )


def read_table(file_name: str, data: bytes) -> Table:
    if not data.strip():
        raise ReadError(_("berkas kosong"))
    fmt = file_format(file_name, data)
    try:
        raw_rows = _read_xlsx(data) if fmt == "xlsx" else _read_csv(data)
    except FileLimitError as exc:
        raise ReadError(exc.reason) from exc
    header_row = 0
    headers: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for number, cells in raw_rows:
        if not any(cells):
            continue
        if not headers:
            header_row, headers = number, cells
            continue
        rows.append((number, cells))
    if not headers:
        raise ReadError(_("berkas kosong"))
    if not rows:
        raise ReadError(_("berkas hanya berisi baris judul, tanpa baris data"))
    return Table(headers=headers, header_row=header_row, rows=rows)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(
            _("berkas CSV harus ber-encoding UTF-8 (byte tidak sah di baris %(line)s)")
            % {"line": line}
        ) from exc


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise ReadError(_("berkas CSV berisi karakter biner; periksa jenis berkas"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [
            (number, [clean_text(c).strip() for c in cells])
            for number, cells in enumerate(rows_capped(reader), 1)
        ]
    except csv.Error as exc:
        raise ReadError(
            _("CSV tidak dapat dibaca di baris %(line)s: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # Excel escapes control characters as _x0000_ and openpyxl hands them back raw.
        return clean_text(value).strip()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int):
        return NumberCell(str(value), exact=abs(value) < EXACT_DIGITS_LIMIT)
    if isinstance(value, float):
        if value.is_integer():
            return NumberCell(str(int(value)), exact=abs(value) < EXACT_DIGITS_LIMIT)
        return NumberCell(repr(value), exact=False)
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    xlsx_check_unzipped(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ReadError(_("berkas XLSX rusak atau tidak dapat dibaca")) from exc
    try:
        if not workbook.worksheets:
            raise ReadError(_("berkas kosong"))
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(rows_capped(sheet.iter_rows(values_only=True)), 1)
        ]
    finally:
        workbook.close()
