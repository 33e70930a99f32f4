"""What every calculator shares: the outcome, the error, and the number readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sikap.core import inputs
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
