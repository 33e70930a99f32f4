"""What every calculator shares: the outcome, the error, and the number readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sikap.core import inputs, tables
from sikap.core.rowerrors import RowError
from sikap.rules.errors import RuleError
from sikap.rules.rounding import half_up


@dataclass(frozen=True)
class Outcome:
    data: dict[str, Any]
    lines: tuple[str, ...] = ()


# A file cell at fault: the one row-error shape of every import (row, column, value, reason).
CellError = RowError


class CalculatorError(ValueError):
    """Invalid input; ``message`` is shown to the user as is.

    ``outcome`` is set when a result still exists (an invalid NIP still has its errors);
    ``cells`` lists file cells at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        outcome: Outcome | None = None,
        cells: Sequence[CellError] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.cells = tuple(cells)

    @classmethod
    def from_rule(cls, error: RuleError) -> CalculatorError:
        return cls(error.message_id)

    def to_dict(self) -> dict[str, Any]:
        if self.outcome is not None:
            return self.outcome.data
        data: dict[str, Any] = {"error": self.message}
        if self.cells:
            data["errors"] = [c.to_dict() for c in self.cells]
        return data


def round_half_up(value: float | None, places: int) -> float | None:
    """Presentation rounding, half-up as the official tables print (3.0625 → 3.063)."""
    return None if value is None else half_up(value, places)


def parse_decimal(text: str, what: str) -> Decimal:
    """A number as typed; accepts the Indonesian decimal comma (86,07)."""
    cleaned = str(text).strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not cleaned or not value.is_finite():
        raise CalculatorError(
            _("%(what)s harus berupa angka, bukan %(value)r") % {"what": what, "value": text}
        )
    return value


def parse_int(text: str | int, what: str) -> int:
    number = inputs.parse_int(text, allow_negative=True)
    if number is None:
        raise CalculatorError(
            _("%(what)s harus berupa bilangan bulat, bukan %(value)r")
            % {"what": what, "value": text}
        )
    return number


# File cells at fault shown in a message before "(and n more)".
MAX_REPORTED_CELLS = 20


def cells_error(cells: Sequence[CellError]) -> CalculatorError:
    """One error for the bad cells of a file: the first few named, then how many more."""
    shown = "; ".join(str(c) for c in cells[:MAX_REPORTED_CELLS])
    more = len(cells) - MAX_REPORTED_CELLS
    if more > 0:
        shown += " " + _("(dan %(n)s sel lain)") % {"n": more}
    return CalculatorError(shown, cells=cells)


def _answer_cell(value: str | None) -> int | None | str:
    """The integer in a cell, None for blank, or the text to report when it is not one."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value)
    text = str(value).strip()
    if text.isascii() and text.isdigit():
        return int(text)
    return text


def read_answer_file(
    path: str, codes: Sequence[str], lo: int, hi: int
) -> list[dict[str, int | None]]:
    """One respondent per row, one column per item code, answers lo–hi or blank (SKM, IPAK).

    Every bad cell is reported at once (row, column, value, reason) in one CalculatorError.
    """
    try:
        table = tables.read_path(path, header_names=list(codes))
    except tables.TableError as exc:
        raise CalculatorError(exc.reason) from exc
    columns = {code: table.column(code) for code in codes}
    missing = [code for code, index in columns.items() if index is None]
    if missing:
        raise CalculatorError(
            _("kolom %(missing)s tidak ada di baris judul (dibutuhkan %(codes)s)")
            % {"missing": ", ".join(missing), "codes": ", ".join(codes)}
        )
    reason = _("harus bilangan bulat %(lo)s–%(hi)s atau kosong") % {"lo": lo, "hi": hi}
    responses: list[dict[str, int | None]] = []
    cells: list[CellError] = []
    for row_number, values in table.rows:
        response: dict[str, int | None] = {}
        for code, index in columns.items():
            assert index is not None
            raw = tables.Table.cell(values, index) or None
            answer = _answer_cell(raw)
            if isinstance(answer, str) or (answer is not None and not lo <= answer <= hi):
                cells.append(CellError(row_number, table.headers[index], str(raw), reason))
                continue
            response[code] = answer
        responses.append(response)
    if cells:
        raise cells_error(cells)
    return responses
