"""Rulebook versions: one TOML file per scheme and version, selected by year.

Files live in ``data/<scheme>/*.toml`` inside this package. Extra directories with the
same layout can be added with :func:`add_data_dir` or the ``SIKAP_RULEBOOK_DIRS``
environment variable (``os.pathsep``-separated), so a new year's rulebook needs a data
file only. For a year, the version whose ``[years]`` range holds it and whose
``from`` is the latest wins; an open-ended ``to`` lets a newer file take over without
editing the older one.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from sikap.rules.errors import (
    InvalidInputError,
    RulebookDataError,
    UnknownCodeError,
    UnknownYearError,
)

CONFIDENCES = ("high", "medium", "low")
_ENV = "SIKAP_RULEBOOK_DIRS"

_lock = threading.Lock()
_extra_dirs: list[Path] = []
_generation = 0


def add_data_dir(path: str | os.PathLike[str]) -> None:
    """Also read rulebook files from ``path/<scheme>/*.toml``."""
    global _generation
    with _lock:
        _extra_dirs.append(Path(path))
        _generation += 1


def remove_data_dir(path: str | os.PathLike[str]) -> None:
    global _generation
    with _lock:
        _extra_dirs.remove(Path(path))
        _generation += 1


def _roots() -> list[Traversable]:
    roots: list[Traversable] = [resources.files("sikap.rules") / "data"]
    env = os.environ.get(_ENV, "")
    roots.extend(Path(p) for p in env.split(os.pathsep) if p)
    roots.extend(_extra_dirs)
    return roots


@dataclass(frozen=True, slots=True)
class Source:
    regulation: str
    url: str


@dataclass(frozen=True, slots=True)
class VersionMeta:
    scheme: str
    version: str
    year_from: int
    year_to: int | None
    source: Source
    confidence: str
    file: str

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    @property
    def years(self) -> tuple[int, int | None]:
        return (self.year_from, self.year_to)


class Versioned(Protocol):
    @property
    def meta(self) -> VersionMeta: ...


T = TypeVar("T", bound=Versioned)


class Table:
    """Typed access to a TOML table, with errors that name the file and key."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise RulebookDataError(f"{self.where}: missing key {key!r}")
        return self.data[key]

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self._get(key)
        if not isinstance(value, str):
            raise RulebookDataError(f"{self.where}: {key!r} must be a string")
        return value

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if key in self.data else None

    def integer(self, key: str) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RulebookDataError(f"{self.where}: {key!r} must be an integer")
        return value

    def opt_integer(self, key: str) -> int | None:
        return self.integer(key) if key in self.data else None

    def number(self, key: str) -> str:
        """A number as its decimal text (TOML floats keep their printed digits)."""
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise RulebookDataError(f"{self.where}: {key!r} must be a number")
        return repr(value) if isinstance(value, float) else str(value)

    def confidence(self, key: str = "confidence", default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in CONFIDENCES:
            raise RulebookDataError(f"{self.where}: {key!r} must be one of {CONFIDENCES}")
        return value

    def table(self, key: str) -> Table:
        value = self._get(key)
        if not isinstance(value, dict):
            raise RulebookDataError(f"{self.where}: {key!r} must be a table")
        return Table(value, f"{self.where}.{key}")

    def tables(self, key: str) -> list[Table]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise RulebookDataError(f"{self.where}: {key!r} must be an array of tables")
        return [Table(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def strs(self, key: str) -> list[str]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RulebookDataError(f"{self.where}: {key!r} must be an array of strings")
        return list(value)

    def items(self) -> Iterator[tuple[str, Any]]:
        return iter(self.data.items())


def parse_meta(doc: Table, scheme: str) -> VersionMeta:
    version = doc.text("version")
    if version.partition(":")[0] != scheme:
        raise RulebookDataError(f"{doc.where}: version {version!r} must start with {scheme!r}:")
    years = doc.table("years")
    year_from = years.integer("from")
    year_to = years.opt_integer("to")
    if year_to is not None and year_to < year_from:
        raise RulebookDataError(f"{doc.where}: years.to is before years.from")
    src = doc.table("source")
    return VersionMeta(
        scheme=scheme,
        version=version,
        year_from=year_from,
        year_to=year_to,
        source=Source(regulation=src.text("regulation"), url=src.text("url")),
        confidence=doc.confidence(),
        file=doc.where,
    )


class VersionSet(Generic[T]):
    """All versions of one scheme, parsed lazily and re-read when data dirs change."""

    def __init__(self, scheme: str, parse: Callable[[Table, VersionMeta], T]) -> None:
        self.scheme = scheme
        self._parse = parse
        self._cache: tuple[tuple[int, str], tuple[T, ...]] | None = None
        # select()'s answers for the versions cached: a recompute asks once per group.
        self._by_year: dict[int, T] = {}

    def _load(self) -> tuple[T, ...]:
        found: dict[str, T] = {}
        for root in _roots():
            folder = root / self.scheme
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir(), key=lambda e: e.name):
                if not entry.name.endswith(".toml"):
                    continue
                where = f"{self.scheme}/{entry.name}"
                try:
                    data = tomllib.loads(entry.read_text(encoding="utf-8"))
                except tomllib.TOMLDecodeError as exc:
                    raise RulebookDataError(f"{where}: {exc}") from exc
                doc = Table(data, where)
                meta = parse_meta(doc, self.scheme)
                # A later directory may replace a shipped version with the same key.
                found[meta.version] = self._parse(doc, meta)
        if not found:
            raise RulebookDataError(f"no rulebook data found for {self.scheme}")
        return tuple(sorted(found.values(), key=lambda v: (v.meta.year_from, v.meta.version)))

    def all(self) -> tuple[T, ...]:
        key = (_generation, os.environ.get(_ENV, ""))
        cached = self._cache
        if cached is None or cached[0] != key:
            self._cache = cached = (key, self._load())
            self._by_year = {}
        return cached[1]

    def select(self, year: int | None = None) -> T:
        versions = self.all()
        if year is None:
            return versions[-1]
        if isinstance(year, bool) or not isinstance(year, int):
            raise InvalidInputError(f"year must be an integer, not {year!r}")
        chosen = self._by_year.get(year)
        if chosen is None:
            matching = [v for v in versions if v.meta.applies_to(year)]
            if not matching:
                raise UnknownYearError(self.scheme, year, (_describe(v.meta) for v in versions))
            chosen = self._by_year[year] = max(matching, key=lambda v: v.meta.year_from)
        return chosen

    def get(self, version: str) -> T:
        for v in self.all():
            if v.meta.version == version:
                return v
        raise UnknownCodeError(
            f"{self.scheme} rulebook version", version, (v.meta.version for v in self.all())
        )


def _describe(meta: VersionMeta) -> str:
    to = "" if meta.year_to is None else str(meta.year_to)
    return f"{meta.version} ({meta.year_from}–{to})"
