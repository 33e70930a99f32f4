"""A result group's figures from its additive sums (sikap.culture.compute makes the sums):
value indices, bands and intervals, the overall index, behaviour shares or Likert item means,
entropy, the change against the previous campaign; and the form a published row keeps its sums
in, from which every figure is worked out again when the row is read.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sikap.culture.compute import BALLOTS, Layout, value_codes, value_items
from sikap.culture.models import InstrumentKind
from sikap.rules import berakhlak, stats
from sikap.rules.rounding import half_up as round_half_up


@dataclass
class Figures:
    n: int
    overall: float | None = None
    overall_band: str = ""
    overall_ci: list[float] | None = None
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    entropy: float | None = None
    shares: dict[str, Any] | None = None
    stats: dict[str, Any] | None = None


@functools.lru_cache(maxsize=4096)
def _band_of(rounded: float, year: int) -> str:
    return berakhlak.grade(rounded, year=year).category


def _round1(index: float) -> float:
    """Half-up to one decimal like the rulebook, with Decimal only near a tie (fast path)."""
    tenths = index * 10
    if abs(tenths - math.floor(tenths) - 0.5) < 1e-6:
        return round_half_up(index, 1)
    return math.floor(tenths + 0.5) / 10


def _band(index: float | None, year: int) -> str:
    # Bands apply to the index rounded to one decimal, so at most 1,001 distinct grade calls.
    return "" if index is None else _band_of(_round1(index), year)


def _wilson(k: int, n: int) -> list[float]:
    lo, hi = stats.wilson_interval(k, n)
    return [100 * lo, 100 * hi]


def _mean_sd(total: float, squares: float, count: int) -> tuple[float, float]:
    mean = total / count
    var = max(0.0, (squares - count * mean * mean) / (count - 1)) if count > 1 else 0.0
    return mean, math.sqrt(var)


def implementasi_figures(
    vector: Sequence[int],
    layout: Layout,
    codes: Sequence[str],
    limiting: Sequence[str] | None,
    year: int,
    *,
    detail: bool = True,
    with_shares: bool = True,
) -> Figures:
    """A group's figures from its sums. Without `detail` (what a recompute stores: the overall
    index, band and entropy, and what a change is tested with) each value carries its index
    only: no band, interval or share, which are worked out again from the stored sums when a
    group is read (figures_from_sums). Without `with_shares`, no behaviour shares."""
    at = layout.index()
    n = vector[at["n"]]
    values: dict[str, dict[str, Any]] = {}
    for value in value_codes():
        held = vector[at[f"hold:{value}"]]
        index = 100 * held / n
        if detail:
            values[value] = {
                "index": index,
                "band": _band(index, year),
                "ci": _wilson(held, n),
                "held": held,
            }
        else:
            values[value] = {"index": index}
    overall = sum(v["index"] for v in values.values()) / len(values)
    cov, cov2 = vector[at["cov"]], vector[at["cov2"]]
    overall_ci = None
    if detail and n >= 2:
        mean, sd = _mean_sd(cov, cov2, n)
        lo, hi = stats.mean_interval(mean, sd, n)
        overall_ci = [100 * lo / len(values), 100 * hi / len(values)]
    entropy = None  # not worked out without the limiting codes (None): a row stores it
    if limiting is not None:
        cc_votes = sum(vector[at[f"cc:{c}"]] for c in codes)
        limiting_votes = sum(vector[at[f"cc:{c}"]] for c in limiting)
        entropy = None if cc_votes == 0 else 100 * limiting_votes / cc_votes
    shares = None
    if detail and with_shares:
        shares = {b: {c: 100 * vector[at[f"{b}:{c}"]] / n for c in codes} for b in BALLOTS}
    return Figures(
        n=n,
        overall=overall,
        overall_band=_band(overall, year),
        overall_ci=overall_ci,
        values=values,
        entropy=entropy,
        shares=shares,
        stats={"n": n, "cov": cov, "cov2": cov2},
    )


def _likert_plan(layout: Layout) -> list[tuple[str, list[tuple[str, int, int, int]]]]:
    """Per value: (item code, position of its count, sum and squares), worked out once."""
    cached: list[tuple[str, list[tuple[str, int, int, int]]]] | None = layout.__dict__.get(
        "_likert_plan"
    )
    if cached is None:
        at = layout.index()
        cached = [
            (value, [(c, at[f"cnt:{c}"], at[f"sum:{c}"], at[f"sq:{c}"]) for c in items])
            for value, items in value_items().items()
        ]
        layout.__dict__["_likert_plan"] = cached
    return cached


def likert_figures(
    vector: Sequence[int],
    layout: Layout,
    year: int,
    *,
    detail: bool = True,
    with_shares: bool = True,
) -> Figures:
    """A group's figures from its sums; without `detail` or `with_shares` (here the item
    means), as implementasi_figures says."""
    at = layout.index()
    n = vector[at["n"]]
    values: dict[str, dict[str, Any]] = {}
    item_means: dict[str, float | None] = {}
    value_stats: dict[str, list[int]] = {}
    scale = berakhlak.likert_scale(year=year)
    for value, items in _likert_plan(layout):
        count = total = squares = 0
        for code, i_cnt, i_sum, i_sq in items:
            cnt, sm = vector[i_cnt], vector[i_sum]
            count += cnt
            total += sm
            squares += vector[i_sq]
            if detail and with_shares:
                item_means[code] = sm / cnt if cnt else None
        value_stats[value] = [count, total, squares]
        if count == 0:
            values[value] = {"index": None, "band": "", "ci": None} if detail else {"index": None}
            continue
        if not detail:
            values[value] = {"index": berakhlak.likert_index(total / count, scale=scale)}
            continue
        mean, sd = _mean_sd(total, squares, count)
        index = berakhlak.likert_index(mean, scale=scale)
        ci = None
        if count >= 2:
            lo, hi = stats.mean_interval(mean, sd, count)
            ci = [
                max(0.0, berakhlak.likert_index(lo, scale=scale)),
                min(100.0, berakhlak.likert_index(hi, scale=scale)),
            ]
        values[value] = {"index": index, "band": _band(index, year), "ci": ci}
    present = [v["index"] for v in values.values() if v["index"] is not None]
    overall = sum(present) / len(present) if present else None
    return Figures(
        n=n,
        overall=overall,
        overall_band=_band(overall, year),
        values=values,
        shares={"items": item_means} if detail and with_shares else None,
        stats={"n": n, "values": value_stats, "ovl": vector[at["ovl"]], "ovl2": vector[at["ovl2"]]},
    )


# --- stored sums ---------------------------------------------------------------------------
# A shown group's row keeps its sums (every aggregate but the comment count, which is no figure
# of the group and is published only as its own unit's readable comment count) and its change
# per value; figures_from_sums works out the rest when the row is read.


def stored_sums(vector: list[int]) -> list[int]:
    """The part of a group's sums its result row keeps: all but the comment count (2nd)."""
    return vector[:1] + vector[2:]


def stored_layout(layout: Layout, year: int) -> dict[str, Any]:
    """Campaign.result_layout for rows whose sums are stored_sums of `layout`'s vectors."""
    if layout.names[:2] != ["n", "cmt"]:
        raise ValueError(f"unexpected aggregate layout {layout.names[:2]}")
    return {"columns": stored_sums(layout.names), "rulebook_year": year}


@functools.lru_cache(maxsize=32)
def _layout_of(kind: str, columns: tuple[str, ...]) -> tuple[Layout, tuple[str, ...]]:
    """A Layout naming stored sums (no SQL) and, for implementasi, the instrument's codes."""
    codes = tuple(name[3:] for name in columns if name.startswith("pv:"))
    return Layout(kind, list(columns), []), codes


def _stored_figures(
    kind: str,
    result_layout: Mapping[str, Any],
    sums: Sequence[int],
    *,
    detail: bool,
    with_shares: bool = True,
) -> Figures:
    """The figures of a group stored as sums, in the layout its campaign recorded. The
    implementasi entropy needs the instrument's limiting codes: the row stores it instead."""
    columns = tuple(result_layout.get("columns") or ())
    if len(columns) != len(sums):
        raise ValueError(f"{len(sums)} stored sums against {len(columns)} layout columns")
    layout, codes = _layout_of(kind, columns)
    year = result_layout["rulebook_year"]
    if kind == InstrumentKind.IMPLEMENTASI:
        return implementasi_figures(
            sums, layout, codes, None, year, detail=detail, with_shares=with_shares
        )
    return likert_figures(sums, layout, year, detail=detail, with_shares=with_shares)


def figures_from_sums(
    kind: str,
    result_layout: Mapping[str, Any],
    sums: Sequence[int],
    changes: Mapping[str, Sequence[Any]] | None,
    *,
    with_shares: bool = True,
) -> Figures:
    """A published group's every figure, from its stored sums and change per value: what its
    pages, exports and API read (without `with_shares`, all but the behaviour shares or item
    means, which only a group's own page shows). The overall index, band and entropy are
    stored with the row."""
    figures = _stored_figures(kind, result_layout, sums, detail=True, with_shares=with_shares)
    for code, (delta, significant) in (changes or {}).items():
        if code in figures.values:
            figures.values[code]["delta"] = delta
            figures.values[code]["significant"] = significant
    return figures


def previous_figures(
    kind: str, result_layout: Mapping[str, Any], sums: Sequence[int], overall: float | None
) -> dict[str, Any]:
    """What compare reads of a previous campaign's group stored as sums: its overall index,
    value indices and spreads."""
    fig = _stored_figures(kind, result_layout, sums, detail=False)
    return {"overall": overall, "values": fig.values, "stats": fig.stats}


def compare(
    kind: str, current: Figures, previous: Mapping[str, Any] | None
) -> tuple[float | None, bool | None, dict[str, tuple[float | None, bool | None]]]:
    """Change against the previous campaign's group, with a 5% significance flag."""
    per_value: dict[str, tuple[float | None, bool | None]] = {}
    if previous is not None and "sums" in previous:  # stored as sums: figures worked out here
        previous = previous_figures(
            kind, previous["layout"], previous["sums"], previous.get("overall")
        )
    if previous is None or not previous.get("stats") or current.stats is None:
        return None, None, per_value
    prev_values = previous["values"] or {}
    prev_stats = previous["stats"]
    for code, v in current.values.items():
        before = (prev_values.get(code) or {}).get("index")
        if v["index"] is None or before is None:
            per_value[code] = (None, None)
            continue
        delta = v["index"] - before
        if kind == InstrumentKind.IMPLEMENTASI:
            p = stats.two_proportion_z(
                v["index"] / 100, current.n, before / 100, int(prev_stats["n"])
            )[1]
        else:
            c1, t1, s1 = current.stats["values"][code]
            c2, t2, s2 = prev_stats["values"][code]
            if c1 < 2 or c2 < 2:
                per_value[code] = (delta, None)
                continue
            m1, sd1 = _mean_sd(t1, s1, c1)
            m2, sd2 = _mean_sd(t2, s2, c2)
            per_value[code] = (delta, stats.welch_significant(m1, sd1, c1, m2, sd2, c2))
            continue
        per_value[code] = (delta, stats.significant(p))
    overall_delta = None
    overall_sig: bool | None = None
    if current.overall is not None and previous.get("overall") is not None:
        overall_delta = current.overall - previous["overall"]
        # Implementasi: values held per respondent; Likert: each respondent's mean answer.
        first, second = ("cov", "cov2") if kind == InstrumentKind.IMPLEMENTASI else ("ovl", "ovl2")
        n1, n2 = current.n, int(prev_stats["n"])
        if n1 >= 2 and n2 >= 2 and first in prev_stats:
            m1, sd1 = _mean_sd(current.stats[first], current.stats[second], n1)
            m2, sd2 = _mean_sd(prev_stats[first], prev_stats[second], n2)
            overall_sig = stats.welch_significant(m1, sd1, n1, m2, sd2, n2)
    return overall_delta, overall_sig, per_value
