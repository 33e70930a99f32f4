"""Culture results recompute, end to end from PostgreSQL, against a bare DuckDB GROUP BY.

Per instrument (implementasi with K=10 ballots, likert with 21 items): a 5-level tree of
units is snapshot by the real `campaign_create` and `campaign_launch`, answer sheets are COPYed
into culture_response (2% of them, BENCH_FRESH_PERCENT, dated the day of the recompute, as
many two days before it), the campaign is closed, and the real `results_recompute` (which
publishes a closed campaign) is timed three ways: cold (no tallies and the published rows
removed first, so every row is read and the run is a first publication, as for a campaign
typed in from paper or just after an import), at close (the first publication of a campaign
whose closed days the nightly runs summed while it was open, up to the day before: the
tallies are read, the rows of the last two days grouped, every result row inserted) and
incremental (the tallies and the published rows left: a republication that reads the same
rows). A closed campaign's run reads the tallies and writes none. All must give identical
result rows, equal to the rows worked out in memory; the tallies must be those of the nightly
run. A previous campaign of the same kind (a quarter of the respondents, published) gives
every group a change to compute. In the same process, over the same rows (read back from
PostgreSQL into a DuckDB table), DuckDB computes the same per-unit aggregates with a bare
GROUP BY: that is the baseline every figure is divided by.

The compute part is what the recompute does once the rows are in memory, as the baseline's
are: group them into per-unit sums (`group_rows`), roll up (adding the closed days' tallies to
the last days' sums), index the unit tree and suppress, work out the figures.
Getting the rows out of PostgreSQL (`read_rows`, a binary COPY) is printed beside it, and both
are inside the end-to-end time. The rest, after the grouping (reading the tallies and the
previous campaign's results, the publication check, writing the result rows, the audit row,
the commit), is printed as its own ratio to the baseline (target: under 0.5x), with where its
time goes.

Default: 100,000 respondents over 1,000 units. SIKAP_BENCH_FULL=1: 1,000,000 over 5,000
(targets: recompute <= 15 s, compute part within 3x of the baseline, the part after the
grouping under 0.5x).
Run: .venv/bin/python -m bench bench_recompute
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench import _support

RESPONDENTS = int(os.environ.get("BENCH_RESPONDENTS", 1_000_000 if _support.FULL else 100_000))
UNITS = int(os.environ.get("BENCH_UNITS", 5_000 if _support.FULL else 1_000))
RUNS = int(os.environ.get("BENCH_RUNS", 3))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
FRESH_PERCENT = int(os.environ.get("BENCH_FRESH_PERCENT", 2))
# BENCH_KINDS=likert runs one instrument kind only (both by default).
KINDS = [
    k.strip() for k in os.environ.get("BENCH_KINDS", "implementasi,likert").split(",") if k.strip()
]


class Phases:
    """Wall time spent inside chosen functions during one call: {label: (module, name)}."""

    def __init__(self, targets: dict[str, tuple[Any, str]]) -> None:
        self.targets = targets
        self.seconds: dict[str, float] = {}
        self.saved: list[tuple[Any, str, Callable[..., Any]]] = []

    def __enter__(self) -> Phases:
        for label, (module, name) in self.targets.items():
            original = getattr(module, name)
            self.saved.append((module, name, original))

            def timed(*args: Any, _f: Callable[..., Any] = original, _n: str = label, **kw: Any):
                t0 = time.perf_counter()
                try:
                    return _f(*args, **kw)
                finally:
                    self.seconds[_n] = self.seconds.get(_n, 0.0) + time.perf_counter() - t0

            setattr(module, name, timed)
        return self

    def __exit__(self, *exc: object) -> None:
        for module, name, original in reversed(self.saved):
            setattr(module, name, original)


# The compute part: rows in memory to per-unit sums, roll-up, suppression, figures.
COMPUTE = ["group_rows", "roll_up", "unit_tree", "suppress"]  # in sikap.culture.compute
FIGURES = ["implementasi_figures", "likert_figures", "compare"]  # in sikap.culture.figures
COMPUTE += FIGURES
# The part after the grouping, by function of sikap.culture.domain.results (the rest of it: the
# snapshot units, building the result rows, the campaign's own reads and updates).
AFTER = {
    "_tally_read": "tallies read (and checked against the rows)",
    "_previous_results": "previous campaign's results read",
    "publication_blockers": "publication check (reads the published rows)",
    "_delete_groups": "published rows removed",
    "_write_groups": "result rows written",
    "_tally_write": "tallies written",
    "audit_record": "audit row",
}


def duckdb_baseline(campaign: Any, layout: Any) -> tuple[float, float, dict[int, list[int]]]:
    """(seconds to load the rows, seconds of the GROUP BY, its result) in DuckDB."""
    import duckdb
    from django.db import connection

    from sikap.culture.compute import COMMENTED
    from sikap.culture.models import LIKERT_COLUMNS, InstrumentKind

    cols = ["campaign_unit_id"]
    cols += ["pv", "cc", "dc"] if campaign.kind == InstrumentKind.IMPLEMENTASI else LIKERT_COLUMNS
    t0 = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".csv") as fh:
        with connection.cursor() as cursor:
            sql = (
                f"COPY (SELECT {', '.join(cols)}, {COMMENTED} AS commented FROM culture_response "
                f"WHERE campaign_id = {int(campaign.pk)}) TO STDOUT WITH (FORMAT csv, HEADER true)"
            )
            with cursor.cursor.copy(sql) as copy:
                for block in copy:
                    fh.write(block)
        fh.flush()
        db = duckdb.connect()
        types = dict.fromkeys([*cols, "commented"], "BIGINT")
        db.execute(
            f"CREATE TABLE r AS SELECT * FROM read_csv('{fh.name}', header=true, columns={types})"
        )
    load = time.perf_counter() - t0
    # BIGINT results, as SIKAP asks for: DuckDB hands 128-bit sums to Python far slower.
    sums = ", ".join(f"CAST({select} AS BIGINT)" for select in layout.selects)
    sql = (
        f"SELECT campaign_unit_id, {sums} "  # noqa: S608
        f"FROM (SELECT *{layout.row_columns()} FROM r) r GROUP BY campaign_unit_id"
    )
    db.execute(sql).fetchall()  # warm-up
    best = float("inf")
    rows: list[Any] = []
    for _ in range(3):
        t0 = time.perf_counter()
        rows = db.execute(sql).fetchall()
        best = min(best, time.perf_counter() - t0)
    db.close()
    return load, best, {r[0]: [int(x or 0) for x in r[1:]] for r in rows}


def postgres_group_by(campaign: Any, layout: Any, expected: dict[int, list[int]]) -> float:
    """Seconds of the same aggregate expressions grouped by PostgreSQL itself."""
    from django.db import connection

    from sikap.culture.compute import COMMENTED

    sql = (
        f"SELECT campaign_unit_id, {', '.join(layout.selects)} FROM "  # noqa: S608
        f"(SELECT *, {COMMENTED} AS commented{layout.row_columns()} FROM culture_response "
        "WHERE campaign_id = %s) r "
        "GROUP BY campaign_unit_id"
    )
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk])
        rows = cursor.fetchall()
    seconds = time.perf_counter() - t0
    assert {r[0]: [int(x or 0) for x in r[1:]] for r in rows} == expected
    return seconds


def timed_recompute(campaign: Any, today: dt.date, *, start: str, profile: bool) -> tuple:
    """(seconds end to end, seconds per phase, groups) of one results_recompute, from the
    `start` "cold" (no tallies, nothing published), "close" (the tallies an open campaign's
    nightly run leaves, nothing published) or "published" (what the last run left)."""
    from sikap.culture import compute, domain, figures
    from sikap.culture.domain import ballot_box, results
    from sikap.culture.models import Campaign, ResultGroup

    if start in ("cold", "close"):
        domain.tallies_reset(campaign=campaign)
        # A first publication: nothing published yet to compare with or replace.
        ResultGroup.objects.filter(campaign=campaign).delete()
        Campaign.objects.filter(pk=campaign.pk).update(published_at=None)
    if start == "close":
        # The nightly run of the campaign's last open day, the day before (untimed): it sums
        # the days closed by then into the tallies and publishes nothing. The campaign then
        # closes, and the timed run, a day later, folds one more day into the tallies.
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.OPEN)
        domain.results_recompute(campaign=campaign, today=today - dt.timedelta(days=1))
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
        assert not ResultGroup.objects.filter(campaign=campaign).exists()
    campaign.refresh_from_db()
    targets = {name: (compute, name) for name in ["read_rows", *COMPUTE] if name not in FIGURES}
    targets.update({name: (figures, name) for name in FIGURES})
    targets.update({name: (results, name) for name in AFTER if hasattr(results, name)})
    targets["ballots_mix"] = (ballot_box, "ballots_mix")
    with Phases(targets) as timer:
        t0 = time.perf_counter()
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            groups = profiler.runcall(domain.results_recompute, campaign=campaign, today=today)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        else:
            groups = domain.results_recompute(campaign=campaign, today=today)
        total = time.perf_counter() - t0
    campaign.refresh_from_db()
    assert campaign.published_at is not None and not campaign.publication_held, (
        campaign.publication_held
    )
    return total, dict(timer.seconds), groups


# Every stored column of a result row but its id and time stamp.
RESULT_FIELDS = [
    "campaign_unit_id",
    "n",
    "n_direct",
    "suppressed",
    "suppressed_reason",
    "comment_count",
    "overall",
    "overall_band",
    "overall_delta",
    "overall_significant",
    "entropy",
    "sums",
    "changes",
    "rulebook_version",
]


def after_grouping(seconds: dict[str, float], total: float) -> float:
    """End to end less the read, the compute part and the mix: the part the 0.5x bar is about."""
    inside = seconds["read_rows"] + seconds.get("ballots_mix", 0.0)
    return total - inside - sum(seconds.get(name, 0.0) for name in COMPUTE)


def result_rows(campaign: Any) -> dict[int, tuple]:
    from sikap.culture.models import ResultGroup

    rows = ResultGroup.objects.filter(campaign=campaign).values_list(*RESULT_FIELDS)
    return {row[0]: row for row in rows}


def tallies(campaign: Any) -> dict[int, list[int]]:
    from sikap.culture import domain

    return domain.tallies_stored(campaign)


def folded(campaign: Any, cutoff: dt.date) -> dict[int, list[int]]:
    """Every unit's sums over the sheets dated before `cutoff`, read from the rows."""
    from sikap.culture import compute

    layout = compute.layout_for(campaign)
    closed = compute.aggregate_parts(campaign, layout, since=None, cutoff=cutoff).closed
    return {unit: list(vector) for unit, vector in closed.items()}


def in_memory_rows(campaign: Any) -> dict[int, tuple]:
    """The result rows worked out from every response without the tallies, never stored."""
    from sikap.culture import compute
    from sikap.culture.domain import results

    layout = compute.layout_for(campaign)
    rows = results._result_rows(
        campaign, results._units(campaign), layout, compute.aggregate_by_unit(campaign, layout)
    )
    return {g.campaign_unit_id: tuple(getattr(g, f) for f in RESULT_FIELDS) for g in rows}


def previous_campaign(pemda: Any, kind: str) -> None:
    """A published campaign of the year before, so every group has a change to work out."""
    from sikap.culture import domain

    campaign = domain.campaign_create(
        actor=None,
        pemda=pemda,
        code=f"bench-{kind}-2025",
        name=f"Bench {kind} 2025",
        kind=kind,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 3, 31),
        picks=10,
        attribution_depth=4,
    )
    t0 = time.perf_counter()
    _support.copy_culture_responses(campaign, RESPONDENTS // 4, seed=11)
    campaign = domain.campaign_close(actor=None, campaign=campaign)  # typed in from paper
    domain.results_recompute(campaign=campaign)
    print(
        f"  previous campaign: {RESPONDENTS // 4:,} respondents loaded and published in "
        f"{time.perf_counter() - t0:.1f} s",
        flush=True,
    )


def run_kind(pemda: Any, kind: str) -> None:
    from sikap.culture import compute, domain
    from sikap.culture.models import Campaign

    previous_campaign(pemda, kind)
    campaign = domain.campaign_create(
        actor=None,
        pemda=pemda,
        code=f"bench-{kind}",
        name=f"Bench {kind}",
        kind=kind,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        picks=10,
        attribution_depth=4,
    )
    campaign = domain.campaign_launch(actor=None, campaign=campaign)
    # Most sheets came in on earlier days; FRESH percent of them today, still being read, and as
    # many the day before yesterday: the day the recompute at close folds into the tallies (the
    # nightly run before it, with its day's cutoff, had left it open).
    today = dt.date(2026, 3, 20)
    fresh = RESPONDENTS * FRESH_PERCENT // 100
    t0 = time.perf_counter()
    _support.copy_culture_responses(campaign, RESPONDENTS - 2 * fresh)
    _support.copy_culture_responses(
        campaign, fresh, seed=5, day=today - dt.timedelta(days=2), first=RESPONDENTS
    )
    _support.copy_culture_responses(campaign, fresh, seed=7, day=today, first=RESPONDENTS + fresh)
    loaded = time.perf_counter() - t0
    campaign = domain.campaign_close(actor=None, campaign=campaign)
    # What autovacuum does to a settled database: the launch just wrote and rewrote 5,000
    # snapshot units, and a query planned on no statistics takes a nested loop of 5,000 probes.
    _support.vacuum_analyze("culture_campaign", "culture_campaignunit", "culture_resultgroup")
    print(
        f"\n### {kind}: {RESPONDENTS:,} respondents COPYed in {loaded:.1f} s "
        f"({fresh:,} of them dated the day of the recompute, {fresh:,} two days before)",
        flush=True,
    )

    colds = []
    for attempt in range(RUNS):
        profile = PROFILE and attempt == RUNS - 1
        colds.append(timed_recompute(campaign, today, start="cold", profile=profile))
    cold_rows = result_rows(campaign)
    assert not tallies(campaign), "a closed campaign's run wrote tallies"
    closes = [timed_recompute(campaign, today, start="close", profile=False) for _ in range(RUNS)]
    assert result_rows(campaign) == cold_rows, "first publications at close and cold differ"
    nightly = tallies(campaign)
    assert nightly == folded(campaign, today - dt.timedelta(days=2)), "tallies of the nightly run"
    warms = [
        timed_recompute(campaign, today, start="published", profile=False) for _ in range(RUNS)
    ]
    assert result_rows(campaign) == cold_rows, "incremental and cold recompute differ"
    assert tallies(campaign) == nightly, "a republication changed the tallies"
    assert in_memory_rows(campaign) == cold_rows, "stored result rows differ from the computed"
    changed = sum(1 for row in cold_rows.values() if row[RESULT_FIELDS.index("overall_delta")])
    assert changed, "no group has a change against the previous campaign"

    fresh_campaign = Campaign.objects.select_related("instrument").get(pk=campaign.pk)
    layout = compute.layout_for(fresh_campaign)
    load, base, duck = duckdb_baseline(campaign, layout)
    mine = compute.aggregate_by_unit(campaign, layout)
    assert duck == mine, "the baseline's sums and SIKAP's differ"
    pg = postgres_group_by(campaign, compute.layout_for(fresh_campaign, int_div="/"), mine)
    print(f"{colds[0][2]:,} result groups, {len(layout.names)} aggregate columns")

    def line(label: str, value: float) -> None:
        print(f"  {label:<68} {value:7.2f} s  ({value / base:6.2f}x)", flush=True)

    line("baseline: DuckDB GROUP BY, same aggregates, rows in memory", base)
    verdicts = []
    for label, runs in (
        ("cold (first publication, no tallies)", colds),
        ("at close (first publication, tallies kept while open)", closes),
        ("incremental (republication)", warms),
    ):
        total, seconds, _groups = min(runs, key=lambda r: r[0])
        figures = sum(seconds.get(n, 0.0) for n in ("implementasi_figures", "likert_figures"))
        figures += seconds.get("compare", 0.0)
        read = seconds["read_rows"]
        group = seconds["group_rows"]
        python = seconds["roll_up"] + seconds.get("unit_tree", 0.0) + seconds["suppress"] + figures
        compute_part = group + python
        mix = seconds.get("ballots_mix", 0.0)
        write_figures = figures if "_write_groups" in seconds else 0.0
        after = after_grouping(seconds, total)
        line(f"results_recompute, {label}, best of {RUNS}", total)
        line("  read: responses out of PostgreSQL (binary COPY)", read)
        line("  compute part (rows in memory to result groups)", compute_part)
        line("    group_rows (DuckDB: rows to per-unit sums)", group)
        line("    roll_up + suppress + figures in Python", python)
        line("  read + compute", read + compute_part)
        line("  ballot box mix (empty box)", mix)
        line("  after the grouping: tallies, previous results, writes", after)
        for name, what in AFTER.items():
            if name in seconds:
                spent = seconds[name]
                if name == "_write_groups":  # the figures are worked out as rows are written
                    spent -= write_figures
                line(f"    {what}", spent)
        line(
            "    the rest (units, result rows built, campaign rows)",
            after - sum(seconds.get(name, 0.0) for name in AFTER) + write_figures,
        )
        print(f"    runs: {', '.join(f'{r[0]:.2f} s' for r in runs)}")
        ratios = ", ".join(f"{after_grouping(r[1], r[0]) / base:.2f}x" for r in runs)
        print(f"    after the grouping per run: {ratios}")
        verdicts.append((label, total, compute_part, after))
    line("reference: PostgreSQL's own GROUP BY, same sums", pg)
    print(f"  (loading the rows into DuckDB for the baseline took {load:.2f} s)")
    if _support.FULL:
        for label, total, compute_part, after in verdicts:
            met = "met" if total <= 15 else "MISSED"
            within = "met" if compute_part <= 3 * base else "MISSED"
            rest = "met" if after < 0.5 * base else "MISSED"
            print(
                f"  {label}: recompute <= 15 s {met}; compute within 3x of baseline {within}; "
                f"after the grouping under 0.5x {rest}"
            )


def child() -> None:
    _support.django_setup()
    from django.db import connection

    from sikap.org.domain import pemda_create

    pemda = pemda_create(actor=None, code="bench", name="Bench")
    t0 = time.perf_counter()
    tree = _support.build_tree(pemda, UNITS)
    print(
        f"database: {connection.vendor}; {_support.machine()}; tree of "
        f"{sum(map(len, tree)):,} units on {len(tree)} levels "
        f"({' / '.join(str(len(level)) for level in tree)}) in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    for kind in KINDS:
        run_kind(pemda, kind)


def main() -> None:
    unknown = [kind for kind in KINDS if kind not in ("implementasi", "likert")]
    if unknown or not KINDS:
        raise SystemExit(f"BENCH_KINDS: implementasi and/or likert, not {unknown or 'nothing'}")
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    _support.run_child("bench.bench_recompute")


if __name__ == "__main__":
    main()
