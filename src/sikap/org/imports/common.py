"""Pieces shared by the unit and employee imports."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sikap.core.tables import NumberCell
from sikap.org.imports.columns import HeaderMap
from sikap.org.imports.report import ProgressCallback, RowError

PROGRESS_EVERY = 2000

# Text a float leaves behind: 1.97905122005011E+17, 197905122005011000.0.
_FLOAT_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$|^[+-]?\d+\.0+$")
_SCIENTIFIC_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")


@dataclass
class Outcome:
    """What a validated-and-applied import did, before the domain function audits it."""

    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)


class RowReader:
    """Gives the text of a named import column in one row, and records errors against it."""

    def __init__(self, headers: HeaderMap, errors: list[RowError], warnings: list[RowError]):
        self.headers = headers
        self.errors = errors
        self.warnings = warnings

    def get(self, cells: list[str], name: str) -> str:
        i = self.headers.index.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i].strip()

    def refuse_number(self, row: int, cells: list[str], name: str, *, nip_like: bool) -> bool:
        """Record an error when an identifier cell holds a number; True if it did.

        A NIP-like column (NIP, NIP atasan, NIK) refuses every number cell and any text a float
        has left behind: its digits may already belong to someone else. A code column refuses
        only numbers that are not exactly what was typed (1.10 read back as 1.1).
        """
        i = self.headers.index.get(name)
        if i is None or i >= len(cells):
            return False
        cell = cells[i]
        text = cell.strip()
        if isinstance(cell, NumberCell):
            refused = nip_like or not cell.exact
        else:
            refused = bool((_FLOAT_TEXT if nip_like else _SCIENTIFIC_TEXT).match(text))
        if refused:
            self.error(
                row,
                name,
                text,
                _(
                    "sel berisi angka, bukan teks: Excel hanya menyimpan 15 digit angka, jadi "
                    "nilainya mungkin sudah berubah; format kolom ini sebagai Teks lalu ketik "
                    "ulang nilainya"
                ),
            )
        return refused

    def error(self, row: int, name: str, value: str, reason: str) -> None:
        self.errors.append(RowError(row, self.headers.label.get(name, name), value, reason))

    def warn(self, row: int, name: str, value: str, reason: str) -> None:
        self.warnings.append(RowError(row, self.headers.label.get(name, name), value, reason))


def report_progress(progress: ProgressCallback | None) -> Callable[[int, int, str], None]:
    def call(done: int, total: int, message: str) -> None:
        if progress is not None:
            progress(done, total, message)

    return call


def find_cycles(parent_of: Mapping[str, str | None], starts: Iterable[str]) -> dict[str, list[str]]:
    """For each start key that lies on a cycle of `parent_of`, the cycle as a list of keys.

    Iterative, so a 50,000-long chain cannot hit the recursion limit.
    """
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    on_cycle: dict[str, list[str]] = {}
    for start in starts:
        if start in state:
            continue
        walk: list[str] = []
        key: str | None = start
        while key is not None and key not in state:
            state[key] = 1
            walk.append(key)
            key = parent_of.get(key)
        if key is not None and state.get(key) == 1:
            cycle = walk[walk.index(key) :]
            for member in cycle:
                on_cycle[member] = cycle
        for member in walk:
            state[member] = 2
    return on_cycle


def levels(keys: Iterable[str], parent_of: Mapping[str, str | None]) -> list[list[str]]:
    """Group new objects so that each one's parent is created in an earlier group.

    `parent_of` maps a new key to its parent key only when that parent is new too. No cycles.
    """
    ordered = list(keys)
    depth: dict[str, int] = {}
    for start in ordered:
        walk: list[str] = []
        key: str | None = start
        while key is not None and key not in depth:
            walk.append(key)
            key = parent_of.get(key)
        base = depth[key] if key is not None else -1
        for member in reversed(walk):
            base += 1
            depth[member] = base
    groups: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for key in ordered:
        groups[depth[key]].append(key)
    return groups
