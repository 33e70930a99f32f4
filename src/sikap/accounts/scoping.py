"""The scoping gate lives in `sikap.core.scoping`; this name stays for existing importers."""

from sikap.core.scoping import (
    SYSTEM,
    Reach,
    forget,
    get_in_scope,
    has_capability,
    reach,
    scope_by_pemda,
    scope_by_unit,
    scope_units,
)

__all__ = [
    "SYSTEM",
    "Reach",
    "forget",
    "get_in_scope",
    "has_capability",
    "reach",
    "scope_by_pemda",
    "scope_by_unit",
    "scope_units",
]
