"""Bulk aggregation of culture responses into result groups.

One GROUP BY per campaign (DuckDB over the rows read out of PostgreSQL, or SQLite itself) turns
responses into additive sums per snapshot unit (vote counts per behaviour, respondents holding a
value, Likert sums and sums of squares); the sums are then rolled up the snapshot tree and
suppressed here, and turned into indices with sikap.rules in sikap.culture.figures. No
per-respondent Python.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from django.db import connection

from sikap.culture.models import LIKERT_COLUMNS, Campaign, InstrumentKind, Response
from sikap.rules import berakhlak, disclosure

BALLOTS = berakhlak.BALLOTS


class UnitNode(Protocol):
    """What the roll-up and suppression read of a snapshot unit (a CampaignUnit or a Unit)."""

    @property
    def pk(self) -> Any: ...
    @property
    def parent_id(self) -> Any: ...
    @property
    def depth(self) -> int: ...
    @property
    def code(self) -> str: ...


class Unit(NamedTuple):
    """A snapshot unit as the recompute reads it: a tuple costs a fraction of a model instance."""

    pk: int
    parent_id: int | None
    depth: int
    code: str


@dataclass
class Layout:
    """Names of the additive columns of one campaign's aggregate vector."""

    kind: str
    names: list[str]
    selects: list[str]
    # Per-row values the selects aggregate (name, expression), computed once per row in the
    # grouped subquery rather than once per aggregate that uses them.
    rows: list[tuple[str, str]] = field(default_factory=list)

    def row_columns(self) -> str:
        """ ", expr AS name, …" for the SELECT the aggregates read from ("" when none)."""
        return "".join(f", {expr} AS {name}" for name, expr in self.rows)

    def index(self) -> dict[str, int]:
        cached: dict[str, int] | None = self.__dict__.get("_index")
        if cached is None:
            cached = {name: i for i, name in enumerate(self.names)}
            self.__dict__["_index"] = cached
        return cached


def value_codes() -> tuple[str, ...]:
    return berakhlak.VALUE_CODES


@functools.lru_cache(maxsize=1)
def value_items() -> dict[str, list[str]]:
    items: dict[str, list[str]] = {v: [] for v in value_codes()}
    for b in berakhlak.BEHAVIOURS:
        items[b.value_code].append(b.code)
    return items


def layout_for(campaign: Campaign, *, int_div: str | None = None) -> Layout:
    """The aggregate columns of a campaign, in the SQL of the engine that groups the rows.

    `int_div` is that engine's integer division of two integers: "//" in DuckDB (which groups
    them on PostgreSQL, see aggregate_parts), "/" in SQLite; by default the one in use.
    """
    if int_div is None:
        int_div = "//" if connection.vendor == "postgresql" else "/"
    names: list[str] = []
    selects: list[str] = []
    rows: list[tuple[str, str]] = []

    def add(name: str, expr: str) -> None:
        names.append(name)
        selects.append(expr)

    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        codes = campaign.instrument.codes
        add("n", "COUNT(*)")
        add("cmt", "SUM(commented)")
        for ballot in BALLOTS:
            for i, code in enumerate(codes):
                add(
                    f"{ballot}:{code}",
                    f"SUM(CASE WHEN ({ballot} & {1 << i}) <> 0 THEN 1 ELSE 0 END)",
                )
        position = {code: i for i, code in enumerate(codes)}
        holds = []
        for value, items in value_items().items():
            mask = sum(1 << position[c] for c in items if c in position)
            expr = f"CASE WHEN (cc & {mask}) <> 0 THEN 1 ELSE 0 END"
            holds.append(expr)
            add(f"hold:{value}", f"SUM({expr})")
        covered = " + ".join(holds)
        add("cov", f"SUM({covered})")
        add("cov2", f"SUM(({covered}) * ({covered}))")
    else:
        any_answer = " OR ".join(f"{c} IS NOT NULL" for c in LIKERT_COLUMNS)
        add("n", f"SUM(CASE WHEN {any_answer} THEN 1 ELSE 0 END)")
        add("cmt", "SUM(commented)")
        for col in LIKERT_COLUMNS:
            code = col.upper()
            add(f"cnt:{code}", f"COUNT({col})")
            add(f"sum:{code}", f"COALESCE(SUM({col}), 0)")
            add(f"sq:{code}", f"COALESCE(SUM({col} * {col}), 0)")
        # Each respondent's mean answer in thousandths (their own overall score), summed and
        # squared: the spread the overall change is tested against. With every item answered
        # the group's overall index is exactly 100 x (mean of these - 1) / 4.
        total = " + ".join(f"COALESCE({c}, 0)" for c in LIKERT_COLUMNS)
        count = " + ".join(f"CASE WHEN {c} IS NOT NULL THEN 1 ELSE 0 END" for c in LIKERT_COLUMNS)
        # Integer arithmetic, rounded half up: (2000 T + C) div 2C = floor(1000 T / C + 1/2).
        # NUMERIC arithmetic doubled PostgreSQL's whole Likert GROUP BY, and engines round
        # floating-point ties differently (PostgreSQL to even).
        score = (
            f"CASE WHEN {any_answer} THEN "
            f"(2000 * ({total}) + ({count})) {int_div} (2 * ({count})) END"
        )
        rows.append(("score", score))
        add("ovl", "COALESCE(SUM(score), 0)")
        add("ovl2", "COALESCE(SUM(score * score), 0)")
    return Layout(campaign.kind, names, selects, rows)


@dataclass
class Parts:
    """Per-unit sums split at a day: `closed` (dated before it) and `recent` (on or after)."""

    closed: dict[int, Sequence[int]]
    recent: dict[int, Sequence[int]]


def add_into(target: dict[int, Sequence[int]], more: Mapping[int, Sequence[int]]) -> None:
    """Add `more`'s vectors into `target`'s, unit by unit. No vector is ever changed: a sum is
    a new list, and a unit only in `more` takes its vector as it is (shared)."""
    for unit, vector in more.items():
        mine = target.get(unit)
        target[unit] = vector if mine is None else _added(unit, mine, vector)


def _added(unit: int, mine: Sequence[int], more: Sequence[int]) -> list[int]:
    if len(mine) != len(more):
        raise ValueError(f"unit {unit}: sums of {len(more)} columns added to {len(mine)}")
    return list(map(operator.add, mine, more))  # faster than an indexed loop


def aggregate_by_unit(campaign: Campaign, layout: Layout) -> dict[int, list[int]]:
    """Additive sums per snapshot unit over every response of the campaign."""
    parts = aggregate_parts(campaign, layout, since=None, cutoff=None)
    add_into(parts.closed, parts.recent)
    return {unit: list(vector) for unit, vector in parts.closed.items()}


def aggregate_parts(
    campaign: Campaign, layout: Layout, *, since: dt.date | None, cutoff: dt.date | None
) -> Parts:
    """Sums per unit of the responses dated on or after `since`, split at `cutoff`, in one pass.

    On PostgreSQL the rows are read out as columns (`read_rows`) and grouped in memory by
    DuckDB (`group_rows`), whose vectorised engine evaluates the dozens of aggregate
    expressions per row several times faster than PostgreSQL's executor; on SQLite (the
    embedded install) the database groups them itself.
    """
    parts = Parts({}, {})
    if connection.vendor == "postgresql":
        # group_rows hands back Python ints, never NULL: the sums go in as the tuple they are
        # (nothing changes a vector; a sum of two is a new list).
        for row in group_rows(read_rows(campaign, since=since, cutoff=cutoff), layout):
            (parts.closed if row[1] else parts.recent)[row[0]] = row[2:]
        return parts
    table = Response._meta.db_table
    columns = ", ".join(layout.selects)
    sql = (
        f"SELECT campaign_unit_id, is_closed, {columns} FROM "  # noqa: S608
        f"(SELECT *, {_closed(cutoff)} AS is_closed, {COMMENTED} AS commented"
        f"{layout.row_columns()} FROM {table} WHERE {_where(campaign, since)}) r "
        "GROUP BY campaign_unit_id, is_closed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    for row in rows:
        target = parts.closed if row[1] else parts.recent
        target[int(row[0])] = [int(x or 0) for x in row[2:]]
    return parts


# Whether a response carries a comment, as the aggregate column `commented` (see layout_for).
COMMENTED = "CASE WHEN comment <> '' THEN 1 ELSE 0 END"


# Every SQL text below is built from instrument codes, integer bit masks, ids and ISO dates,
# never user text.
def _closed(cutoff: dt.date | None) -> str:
    return f"CASE WHEN created_on < '{cutoff.isoformat()}' THEN 1 ELSE 0 END" if cutoff else "0"


def _where(campaign: Campaign, since: dt.date | None) -> str:
    where = f"campaign_id = {int(campaign.pk)}"
    if since is not None:
        where += f" AND created_on >= '{since.isoformat()}'"
    return where


# A Likert answer fits three bits (the rulebook's scale is 1-5; a database check keeps every
# stored answer within 1-7): the 21 of a sheet travel out of PostgreSQL as one 63-bit integer,
# a quarter of the bytes and a twentieth of the fields.
LIKERT_BITS = 3


def read_rows(
    campaign: Campaign, *, since: dt.date | None, cutoff: dt.date | None
) -> dict[str, Any]:
    """The campaign's responses dated on or after `since` as NumPy columns (PostgreSQL only).

    Columns: campaign_unit_id, closed (dated before `cutoff`), commented, and the answers:
    `pv`, `cc`, `dc` (bit sets) or `likert` (answer i in bits 3i..3i+2); 0 stands for no answer
    (a ballot holds at least one code, a Likert answer is 1-5).
    """
    from sikap.core import pgcopy

    columns = [
        ("campaign_unit_id", "campaign_unit_id", "int8"),
        ("closed", _closed(cutoff), "int2"),
        ("commented", COMMENTED, "int2"),
    ]
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        columns += [(c, f"COALESCE({c}, 0)", "int8") for c in BALLOTS]
    else:
        packed = " | ".join(
            f"(COALESCE({c}, 0)::int8 << {LIKERT_BITS * i})" for i, c in enumerate(LIKERT_COLUMNS)
        )
        columns.append(("likert", packed, "int8"))
    source = f"{Response._meta.db_table} WHERE {_where(campaign, since)}"
    with connection.cursor() as cursor:
        return pgcopy.read_columns(cursor.cursor, source, columns)  # the psycopg cursor


def group_rows(columns: Mapping[str, Any], layout: Layout) -> list[tuple[Any, ...]]:
    """(unit, closed, *sums) per unit and closed flag of `read_rows`' columns, by DuckDB, as
    Python ints (a sum over no answer is 0)."""
    if not len(columns["campaign_unit_id"]):
        return []
    import duckdb

    if layout.kind == InstrumentKind.IMPLEMENTASI:
        # Every aggregate tests bits of a ballot, which a 0 (no ballot) fails as NULL would.
        answers = list(BALLOTS)
    else:
        mask = (1 << LIKERT_BITS) - 1
        answers = [
            f"CAST(NULLIF((likert >> {LIKERT_BITS * i}) & {mask}, 0) AS BIGINT) AS {c}"
            for i, c in enumerate(LIKERT_COLUMNS)
        ]
    # DuckDB sums integers into 128-bit HUGEINTs, which it hands to Python ten times slower
    # than BIGINTs; no sum here comes near 2^63 (it would raise, not wrap).
    sums = ", ".join(f"COALESCE(CAST({select} AS BIGINT), 0)" for select in layout.selects)
    db = duckdb.connect()
    try:
        db.register("source", dict(columns))
        rows: list[tuple[Any, ...]] = db.execute(
            f"SELECT campaign_unit_id, closed, {sums} "  # noqa: S608
            f"FROM (SELECT *{layout.row_columns()} FROM "
            f"(SELECT campaign_unit_id, closed, commented, {', '.join(answers)} FROM source) s) r "
            "GROUP BY campaign_unit_id, closed"
        ).fetchall()
    finally:
        db.close()
    return rows


def roll_up(
    units: Sequence[UnitNode],
    direct: Mapping[int, Sequence[int]],
    width: int,
    more: Mapping[int, Sequence[int]] | None = None,
) -> dict[int, list[int]]:
    """Each unit's sums (`direct`, plus `more` when given: the closed days' and the last days'
    sums) plus those of every unit below it."""
    zeros = [0] * width
    totals: dict[int, list[int]] = {}
    for u in units:
        mine = direct.get(u.pk)
        extra = more.get(u.pk) if more else None
        if mine is not None and extra is not None:
            totals[u.pk] = _added(u.pk, mine, extra)
        else:
            totals[u.pk] = list(mine if mine is not None else extra or zeros)
    for unit in sorted(units, key=lambda u: -u.depth):
        if unit.parent_id is not None and unit.parent_id in totals:
            parent = totals[unit.parent_id]
            parent[:] = map(operator.add, parent, totals[unit.pk])
    return totals


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around a recompute.

    Thousands of groups each allocate a dozen small dicts and lists that are all kept, none in
    a cycle: the collector would only rescan them over and over (half the loop's time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- suppression ---------------------------------------------------------------------------


def unit_tree(units: Sequence[UnitNode]) -> disclosure.Tree:
    """The snapshot tree as the disclosure rules read it, checked and indexed once for the
    suppression and the publication check."""
    return disclosure.Tree([disclosure.Node(u.pk, u.parent_id, u.code) for u in units])


def suppress(
    units: Sequence[UnitNode],
    n_of: Mapping[int, int],
    k: int,
    *,
    tree: disclosure.Tree | None = None,
) -> dict[int, str]:
    """Which groups to hide and why: "small" (n < k) or "complementary".

    The rule is `sikap.rules.disclosure.suppress`: every shown group's part not covered by its
    nearest shown descendants (its own respondents and those of hidden units below it) is 0 or
    at least k, so no difference of shown figures narrows anything to fewer than k people.
    `tree` is unit_tree(units), when already built.
    """
    return disclosure.suppress(tree or unit_tree(units), n_of, k)
