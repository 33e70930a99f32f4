"""SKM/IKM of a unit from a respondent file."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.core import tables
from sikap.rules import skm
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    MAX_REPORTED_CELLS,
    CalculatorError,
    CellError,
    Outcome,
    round_half_up,
)


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


def skm_file(path: str, *, year: int | None = None) -> Outcome:
    """IKM of a unit from a respondent table with one column per unsur (U1…U9)."""
    try:
        book = skm.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    try:
        table = tables.read_path(path, header_names=[u.code for u in book.unsur])
    except tables.TableError as exc:
        raise CalculatorError(exc.reason) from exc
    codes = [u.code for u in book.unsur]
    columns = {code: table.column(code) for code in codes}
    missing = [code for code, index in columns.items() if index is None]
    if missing:
        raise CalculatorError(
            _("kolom %(missing)s tidak ada di baris judul (dibutuhkan %(codes)s)")
            % {"missing": ", ".join(missing), "codes": ", ".join(codes)}
        )
    lo, hi = book.scale_min, book.scale_max
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
        shown = "; ".join(str(c) for c in cells[:MAX_REPORTED_CELLS])
        more = len(cells) - MAX_REPORTED_CELLS
        if more > 0:
            shown += " " + _("(dan %(n)s sel lain)") % {"n": more}
        raise CalculatorError(shown, cells=cells)
    try:
        result = skm.compute(responses, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    nrr = {code: round_half_up(value, 3) for code, value in result.nrr.items()}
    data = {
        "n": result.n,
        "nrr": nrr,
        "ikm": round_half_up(result.ikm_converted, 2),
        "category": result.category,
        "label": result.label,
    }
    lines = [result.explanation]
    for code, unsur in result.breakdown.items():
        shown_nrr = "-" if nrr[code] is None else f"{nrr[code]:.3f}"
        lines.append(
            _("%(code)s %(name)s: NRR %(nrr)s dari %(answered)s jawaban")
            % {"code": code, "name": unsur.name, "nrr": shown_nrr, "answered": unsur.answered}
        )
    return Outcome(data, tuple(lines))
