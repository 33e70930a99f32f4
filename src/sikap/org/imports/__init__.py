"""Imports of units and employees from CSV/XLSX: read, validate every row, then apply.

The public entry points are `sikap.org.domain.units_import` and `employees_import`.
"""

from sikap.org.imports.report import ImportReport, ProgressCallback, RowError

__all__ = ["ImportReport", "ProgressCallback", "RowError"]
