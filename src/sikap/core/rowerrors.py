"""The one shape of a bad row in any import: row (as the user sees the file), column, value, reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Row 0 stands for the file as a whole (wrong type, too large, empty).
FILE_ROW = 0


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem, located the way the user sees the file: the header is row 1."""

    row: int
    column: str
    value: str
    reason: str

    def as_text(self) -> str:
        if self.row == FILE_ROW:
            return _("berkas: %(reason)s") % {"reason": self.reason}
        return _("baris %(row)s, kolom %(column)s, nilai '%(value)s': %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }

    __str__ = as_text

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


class ImportRejected(ValidationError):
    """An import with bad rows; nothing was stored. `row_errors` names every one."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.row_errors = list(errors)
        super().__init__([str(e) for e in self.row_errors])
