"""The one reader of uploaded tables (CSV or XLSX), for every import in SIKAP.

A file becomes a `Table`: its header row and its data rows as text, each row numbered as the
user sees it in Excel or a text editor (title rows and blank rows keep their numbers). What
people actually upload is accepted: CSV saved by Excel on Windows (cp1252, `;` as separator
in Indonesian locale), UTF-8 with or without BOM, tab-separated text, a title line or two
above the header. What cannot be read is refused with a `TableError` naming the reason, as a
file-level `RowError` (row 0), before anything is stored.

Limits (`core.filelimits`) are checked while reading: the unzipped size of a workbook before
it is opened, the row count as rows arrive. Text passes through `core.inputs.clean_text`.
A workbook cell stored as a number comes back as a `NumberCell`, which says whether its text
is exactly what was typed (Excel keeps 15 significant digits: an 18-digit NIP does not).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from sikap.core.filelimits import FileLimitError, rows_capped, xlsx_check_unzipped
from sikap.core.inputs import clean_text
from sikap.core.rowerrors import FILE_ROW, RowError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Excel numbers carry 15 significant digits: integers below this are exactly what was typed.
EXACT_DIGITS_LIMIT = 10**15
# A header is looked for this far down; above it may stand a title ("Daftar Pegawai 2025").
MAX_TITLE_ROWS = 10
DELIMITERS = (",", ";", "\t")


class TableError(Exception):
    """The file as a whole cannot be read; `error` is its row-0 entry for the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.error = RowError(FILE_ROW, "", "", reason)


class NumberCell(str):
    """The text of a cell the workbook stored as a number.

    Identifier columns refuse such a cell when it is not `exact`: an 18-digit NIP typed into a
    number cell comes back as another person's NIP.
    """

    exact: bool

    def __new__(cls, text: str, *, exact: bool) -> NumberCell:
        cell = super().__new__(cls, text)
        cell.exact = exact
        return cell


@dataclass(frozen=True, slots=True)
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]  # (row number in the file, cell texts)
    encoding: str = ""  # how a CSV was decoded ("utf-8", "cp1252"); "" for a workbook

    def column(self, name: str) -> int | None:
        """The index of the column headed `name` (case and spaces ignored), or None."""
        wanted = name.strip().casefold()
        for index, header in enumerate(self.headers):
            if header.strip().casefold() == wanted:
                return index
        return None

    @staticmethod
    def cell(cells: list[str], index: int) -> str:
        return cells[index] if index < len(cells) else ""

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {header: text}) per data row; short rows read as blank cells."""
        for number, cells in self.rows:
            yield number, {h: self.cell(cells, i) for i, h in enumerate(self.headers) if h}


def file_format(file_name: str, data: bytes) -> str:
    """'csv' or 'xlsx', judged by name and content; TableError for anything else."""
    name = file_name.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise TableError(_("format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv"))
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise TableError(_("berkas .xlsx ini bukan buku kerja Excel yang sah"))
        return "xlsx"
    if name.endswith((".csv", ".txt")):
        if data.startswith(XLSX_MAGIC):
            raise TableError(_("berkas ini buku kerja Excel; beri nama berakhiran .xlsx"))
        return "csv"
    raise TableError(
        _("jenis berkas tidak didukung (%(name)s); gunakan .csv atau .xlsx")
        % {"name": file_name or "?"}
    )


def read_table(
    file_name: str,
    data: bytes,
    *,
    header_names: Collection[str] = (),
    require_rows: bool = True,
    refuse_nul: bool = True,
) -> Table:
    """Read an uploaded CSV or XLSX.

    `header_names` (any of the column names the import knows) finds the header below title
    rows; without them the header is the first row that is not blank. `refuse_nul`: a CSV with
    NUL bytes is refused as binary (a UTF-16 or mislabelled file) instead of cleaned.
    """
    if not data.strip():
        raise TableError(_("berkas kosong"))
    fmt = file_format(file_name, data)
    encoding = ""
    try:
        if fmt == "xlsx":
            raw_rows = _read_xlsx(data)
        else:
            encoding, raw_rows = _read_csv(data, refuse_nul=refuse_nul)
    except FileLimitError as exc:
        raise TableError(exc.reason) from exc
    return _table(raw_rows, header_names, require_rows=require_rows, encoding=encoding)


def read_csv(
    data: bytes | str,
    *,
    header_names: Collection[str] = (),
    require_rows: bool = True,
    refuse_nul: bool = True,
) -> Table:
    """Read CSV content whatever name it came with (a command's file, a pasted text)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_table(
        "data.csv",
        raw,
        header_names=header_names,
        require_rows=require_rows,
        refuse_nul=refuse_nul,
    )


def read_path(path: str | Path, *, header_names: Collection[str] = ()) -> Table:
    """A CSV or XLSX file named on the command line, within the upload size limit."""
    p = Path(path)
    if not p.is_file():
        raise TableError(_("berkas %(path)s tidak ditemukan") % {"path": str(path)})
    size = p.stat().st_size
    if size > settings.SIKAP_IMPORT_MAX_BYTES:
        raise TableError(
            _("berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte)")
            % {"size": size, "limit": settings.SIKAP_IMPORT_MAX_BYTES}
        )
    return read_table(p.name, p.read_bytes(), header_names=header_names)


def _table(
    raw_rows: Iterable[tuple[int, list[str]]],
    header_names: Collection[str],
    *,
    require_rows: bool,
    encoding: str,
) -> Table:
    filled = [(number, cells) for number, cells in raw_rows if any(cells)]
    if not filled:
        raise TableError(_("berkas kosong"))
    at = _header_index(filled, header_names)
    header_row, headers = filled[at]
    rows = filled[at + 1 :]
    if require_rows and not rows:
        raise TableError(_("berkas hanya berisi baris judul, tanpa baris data"))
    return Table(headers=headers, header_row=header_row, rows=rows, encoding=encoding)


def _header_index(filled: list[tuple[int, list[str]]], header_names: Collection[str]) -> int:
    if not header_names:
        return 0
    known = {n.strip().casefold() for n in header_names}
    for index, (_number, cells) in enumerate(filled[:MAX_TITLE_ROWS]):
        if any(c.strip().casefold() in known for c in cells):
            return index
    # No known name anywhere: the first row is the header, and the import names what is missing.
    return 0


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-8 (BOM or not), else Windows-1252.

    Excel on Windows saves "CSV (Comma delimited)" in cp1252; Latin-1 text reads the same in
    it for every printable character. Bytes cp1252 leaves undefined mean neither was used.
    """
    if data.startswith(UTF16_BOMS):
        raise TableError(
            _(
                'berkas ini teks UTF-16 ("Unicode Text" Excel); '
                'simpan sebagai "CSV UTF-8" atau .xlsx'
            )
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            _(
                "berkas CSV bukan teks UTF-8 maupun Windows-1252 (byte tidak sah di baris "
                '%(line)s); simpan sebagai "CSV UTF-8"'
            )
            % {"line": line}
        ) from exc


def _delimiter(text: str) -> str:
    """The separator of the first line that has one (a title line may have none)."""
    for line in text.split("\n", MAX_TITLE_ROWS)[:MAX_TITLE_ROWS]:
        counts = {d: line.count(d) for d in DELIMITERS}
        if any(counts.values()):
            return max(counts, key=lambda d: (counts[d], d == ","))
    return ","


def _read_csv(data: bytes, *, refuse_nul: bool) -> tuple[str, list[tuple[int, list[str]]]]:
    text, encoding = _decode(data)
    if refuse_nul and "\x00" in text:
        raise TableError(_("berkas CSV berisi karakter biner; periksa jenis berkas"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [
            (number, [clean_text(c).strip() for c in cells])
            for number, cells in enumerate(rows_capped(reader), 1)
        ]
    except csv.Error as exc:
        raise TableError(
            _("CSV tidak dapat dibaca di baris %(line)s: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from exc
    return encoding, rows


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
    return clean_text(str(value)).strip()


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    xlsx_check_unzipped(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise TableError(_("berkas XLSX rusak atau tidak dapat dibaca")) from exc
    try:
        if not workbook.worksheets:
            raise TableError(_("berkas kosong"))
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(rows_capped(sheet.iter_rows(values_only=True)), 1)
        ]
    finally:
        workbook.close()
