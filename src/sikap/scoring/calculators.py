"""One entry point per calculator, shared by `sikap rules …` and the "Aturan penilaian" page.

Each function takes the user's raw input (text as typed, or a file), calls ``sikap.rules``
and returns an :class:`Outcome`: the JSON shape the command prints with ``--json`` and the
Indonesian "why" lines both the command and the page show. No threshold, scale or formula
lives here; invalid input becomes a :class:`CalculatorError` whose message names the fault.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sikap.rules import nip as nip_rules
from sikap.rules import sampling, skm
from sikap.rules.errors import RuleError
from sikap.scoring import readers
from sikap.scoring.readers import CellValue


@dataclass(frozen=True)
class Outcome:
    data: dict[str, Any]
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return _("baris %(row)s, kolom %(column)s, nilai %(value)r: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


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
    if value is None:
        return None
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


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
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    try:
        return int(str(text).strip())
    except ValueError:
        raise CalculatorError(
            _("%(what)s harus berupa bilangan bulat, bukan %(value)r")
            % {"what": what, "value": text}
        ) from None


# --- sample size ----------------------------------------------------------------------------

SAMPLE_METHODS = ("krejcie-morgan", "slovin")
_SLOVIN_DEFAULT_ERROR = inspect.signature(sampling.slovin).parameters["error"].default


def sample_size(
    population: str | int, *, method: str = "krejcie-morgan", error: str | None = None
) -> Outcome:
    n_pop = parse_int(population, _("Populasi"))
    if method not in SAMPLE_METHODS:
        raise CalculatorError(
            _("metode %(method)r tidak dikenal; pilih %(choices)s")
            % {"method": method, "choices": ", ".join(SAMPLE_METHODS)}
        )
    try:
        if method == "slovin":
            e = (
                parse_decimal(error, _("Batas kesalahan"))
                if error not in (None, "")
                else Decimal(repr(_SLOVIN_DEFAULT_ERROR))
            )
            n = sampling.slovin(n_pop, float(e))
            lines = (
                _("Slovin, N = %(pop)s, e = %(e)s → n = %(n)s") % {"pop": n_pop, "e": e, "n": n},
            )
        else:
            if error not in (None, ""):
                raise CalculatorError(
                    _(
                        "batas kesalahan hanya dapat diatur untuk metode slovin; "
                        "Krejcie & Morgan memakai nilai bakunya"
                    )
                )
            n = sampling.krejcie_morgan(n_pop)
            lines = (
                _("Krejcie & Morgan (PermenPANRB 14/2017), N = %(pop)s → n = %(n)s")
                % {"pop": n_pop, "n": n},
            )
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    return Outcome({"population": n_pop, "method": method, "n": n}, lines)


# --- NIP ------------------------------------------------------------------------------------


def nip_check(nip: str) -> Outcome:
    """Reads a PNS or PPPK NIP; an invalid one raises with the result still attached."""
    try:
        result = nip_rules.parse(str(nip))
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    full = result.to_dict()
    data = {
        "valid": result.valid,
        "kind": result.kind,
        "birth_date": full["birth_date"],
        "gender": result.gender,
        "tmt": full["tmt"],
        "serial": result.serial,
        "errors": list(result.errors),
    }
    if not result.valid:
        outcome = Outcome(data, tuple(result.errors))
        raise CalculatorError("; ".join(result.errors), outcome=outcome)
    kind = "PNS" if result.kind == "pns" else "PPPK"
    gender = _("laki-laki") if result.gender == "L" else _("perempuan")
    lines = (
        _("NIP %(kind)s sah: %(formatted)s") % {"kind": kind, "formatted": result.formatted},
        _("lahir %(birth)s, %(gender)s, TMT %(tmt)s, nomor urut %(serial)s")
        % {
            "birth": full["birth_date"],
            "gender": gender,
            "tmt": full["tmt"],
            "serial": result.serial,
        },
    )
    return Outcome(data, lines)


# --- SKM from a file ------------------------------------------------------------------------

MAX_REPORTED_CELLS = 20


def _answer_cell(value: CellValue) -> int | None | str:
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
        table = readers.read_path(path)
    except readers.TableReadError as exc:
        raise CalculatorError(str(exc)) from exc
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
            raw = readers.Table.cell(values, index)
            answer = _answer_cell(raw)
            if isinstance(answer, str) or (answer is not None and not lo <= answer <= hi):
                cells.append(CellError(row_number, table.header[index], str(raw), reason))
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


# --- grades ---------------------------------------------------------------------------------

# The schemes graded from a single score; the bands themselves come from sikap.rules.
GRADE_SCHEMES = ("berakhlak", "skm", "ombudsman", "pekppp", "sakip")
SKP_LEVELS = ("diatas", "sesuai", "dibawah")
