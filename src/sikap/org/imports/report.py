"""What an import returns: counts, or every bad row with its row number, column, value and reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sikap.core.rowerrors import FILE_ROW, RowError

# progress(done, total, message): called now and then while an import runs.
ProgressCallback = Callable[[int, int, str], None]

__all__ = ["FILE_ROW", "ImportReport", "ProgressCallback", "RowError", "failed"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of one import. When `ok` is False nothing was stored."""

    ok: bool
    kind: str  # "units" | "employees"
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[RowError, ...] = field(default_factory=tuple)
    warnings: tuple[RowError, ...] = field(default_factory=tuple)

    def to_dict(self, *, max_items: int | None = None) -> dict[str, Any]:
        errors = self.errors if max_items is None else self.errors[:max_items]
        warnings = self.warnings if max_items is None else self.warnings[:max_items]
        return {
            "ok": self.ok,
            "kind": self.kind,
            "file_name": self.file_name,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "errors": [e.to_dict() for e in errors],
            "warnings": [w.to_dict() for w in warnings],
        }


def failed(
    kind: str,
    file_name: str,
    errors: list[RowError],
    rows: int = 0,
    warnings: list[RowError] | None = None,
) -> ImportReport:
    return ImportReport(
        ok=False,
        kind=kind,
        file_name=file_name,
        rows=rows,
        errors=tuple(errors),
        warnings=tuple(warnings or ()),
    )
