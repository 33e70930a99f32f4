"""Every spreadsheet SIKAP writes (XLSX and CSV) goes through here, so that no name or comment
typed by a user can run as a formula in Excel or LibreOffice (CSV/formula injection).

A text is dangerous when it starts with one of the characters a spreadsheet reads as the start
of a formula or a command: = + - @, or tab or carriage return in front of one. Numbers written
as numbers are not text and stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet cannot run it: formula-like text gets a leading apostrophe.

    The apostrophe is what Excel itself shows for text typed as '=…; for a CSV file, which has
    no cell types, it is the only way to say "this is text".
    """
    return "'" + value if is_formula_like(value) else value


def safe_workbook(workbook: Any) -> None:
    """Mark every formula-like text cell of `workbook` as plain text, keeping its exact text.

    openpyxl stores a string starting with "=" as a live formula; the other starts are stored
    as text already but would become formulas when a user edits the cell, which the quote
    prefix (Excel's own mark for "typed as text") prevents.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(workbook: Any) -> bytes:
    """The .xlsx file of `workbook`, made safe by `safe_workbook`."""
    safe_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SafeCsvWriter:
    """A csv.writer whose every field goes through `safe_cell`."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeCsvDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """A csv.DictWriter whose every value goes through `safe_cell` (header names are ours)."""

    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Any]) -> None:
        for row in rowdicts:
            self.writerow(row)
