"""The performance chain at 1,000 and 10,000 employees.

Two Pemda with the same 300-unit tree and a full PK cascade (a PK per unit down to eselon IV,
three indicators each, every one supporting a row of the PK above, a year's realisasi): "kecil"
with 1,000 employees and SKPs, "besar" with 10,000. Timed in-process: the cascade tree (the
read behind the tree page) and the distribution check of the largest OPD (the sum of its
subtree's predicate tally rows and the rulebook's curve; the GROUP BY over its SKPs that it
replaced is timed once per size when the Pemda is built); the ratio big/small shows what grows
with the number of employees. Then the year's capaian recompute of the big Pemda against a bare
GROUP BY over the same realisasi rows.

Run: .venv/bin/python -m bench bench_performance   (BENCH_POSTGRES_URL to choose the database)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bench import _support

UNITS = 300
SMALL = 1_000
BIG = int(os.environ.get("BENCH_EMPLOYEES", 10_000))
REPEAT = int(os.environ.get("BENCH_REPEAT", 15))
YEAR = 2024
PREDICATES = ("Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct")


def former_check_read(pemda: Any, opd: Any) -> None:
    """What the distribution check read before the tally (a GROUP BY over the subtree's SKPs),
    timed beside the tally's sum; both must give the same counts."""
    from django.db.models import Count

    from sikap.org.models import OrgUnit
    from sikap.performance import queries
    from sikap.performance.models import Skp

    def grouped() -> dict[str, int]:
        units = OrgUnit.objects.filter(pemda=pemda, path__startswith=opd.path).values("pk")
        rows = (
            Skp.objects.filter(pemda=pemda, year=YEAR, unit_id__in=units)
            .exclude(predicate="")
            .order_by()
            .values("predicate")
            .annotate(n=Count("id"))
        )
        return {r["predicate"]: r["n"] for r in rows}

    def tally() -> dict[str, int]:
        return queries.distribution_counts(pemda, opd, YEAR)

    assert grouped() == tally()
    print(
        f"  {pemda.code}: the OPD's {sum(tally().values()):,} predicates: GROUP BY over its SKPs "
        f"{_support.median_seconds(grouped, REPEAT) * 1000:.2f} ms, tally sum "
        f"{_support.median_seconds(tally, REPEAT) * 1000:.2f} ms",
        flush=True,
    )


def build(code: str, employees: int) -> dict[str, Any]:
    from sikap.org.domain import pemda_create
    from sikap.org.models import Employee
    from sikap.performance.models import (
        Agreement,
        Indicator,
        OrgPredicate,
        Realisation,
        Sasaran,
        Skp,
    )

    rng = random.Random(code)
    t0 = time.perf_counter()
    pemda = pemda_create(actor=None, code=code, name=f"Pemda {code}")
    tree = _support.build_tree(pemda, UNITS, levels=4)
    units = [u for level in tree for u in level]
    levels = ["opd", "eselon3", "eselon4", "staff"]
    agreements = Agreement.objects.bulk_create(
        [Agreement(pemda=pemda, year=YEAR, unit=u, level=levels[u.depth]) for u in units]
    )
    Agreement.objects.create(pemda=pemda, year=YEAR, unit=None, level="pemda")
    sasaran = Sasaran.objects.bulk_create(
        [
            Sasaran(pemda=pemda, agreement=a, unit=a.unit, year=YEAR, code="S1", name="Sasaran")
            for a in agreements
        ]  # fmt: skip
    )
    by_unit: dict[int, list[Indicator]] = {}
    for depth in range(len(tree)):
        rows = []
        for s in sasaran:
            if s.unit.depth != depth:
                continue
            above = by_unit.get(s.unit.parent_id or 0, [None])
            for k in range(3):
                rows.append(
                    Indicator(
                        pemda=pemda,
                        sasaran=s,
                        year=YEAR,
                        code=f"I{s.unit_id}-{k}",
                        name="Indikator",
                        kind="outcome",
                        target=Decimal(80),
                        polarity="naik" if k else "turun",
                        supports=above[k % len(above)],
                    )  # fmt: skip
                )
        for ind in Indicator.objects.bulk_create(rows, batch_size=2000):
            by_unit.setdefault(ind.sasaran.unit_id, []).append(ind)
    indicators = [i for rows in by_unit.values() for i in rows]
    Realisation.objects.bulk_create(
        [
            Realisation(indicator=i, period="year", value=Decimal(rng.randint(50, 110)))
            for i in indicators
        ],  # fmt: skip
        batch_size=5000,
    )
    people = Employee.objects.bulk_create(
        [
            Employee(
                pemda=pemda,
                nip=f"{code[:2]}{n:016d}",
                name=f"Pegawai {n}",
                kind="pns",
                unit=units[min(len(units) - 1, int(rng.expovariate(1 / 40)))],
            )  # fmt: skip
            for n in range(employees)
        ],
        batch_size=5000,
    )
    Skp.objects.bulk_create(
        [
            Skp(
                pemda=pemda,
                year=YEAR,
                employee=e,
                unit=e.unit,
                position_level="pelaksana",
                status="rated",
                predicate=rng.choice(PREDICATES),
            )
            for e in people
        ],  # fmt: skip
        batch_size=5000,
    )
    # The predicates were bulk-loaded: count them into the tally the rating keeps.
    from sikap.performance.domain import predicate_tally_rebuild

    predicate_tally_rebuild(pemda=pemda, year=YEAR)
    opd = max(tree[0], key=lambda u: Skp.objects.filter(unit__path__startswith=u.path).count())
    OrgPredicate.objects.create(pemda=pemda, year=YEAR, unit=opd, predicate="Baik")
    from django.db import connection

    with connection.cursor() as cur:  # as autovacuum would after a bulk load
        cur.execute("ANALYZE")
    former_check_read(pemda, opd)
    print(
        f"  {code}: {len(indicators):,} indicators, {employees:,} employees and SKPs built in "
        f"{time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    return {"pemda": pemda, "user": _support.admin_pemda(pemda, f"admin-{code}"), "opd": opd}


def reads(world: dict[str, Any]) -> dict[str, Callable[[], None]]:
    """The two reads of one Pemda, as callables."""
    from sikap.performance import domain, queries
    from sikap.performance.models import OrgPredicate

    org = OrgPredicate.objects.get(unit=world["opd"], year=YEAR)

    def tree() -> None:
        t = queries.tree(world["user"], world["pemda"], YEAR)
        assert t.count > 0

    def check() -> None:
        assert domain.distribution_check(org) is not None

    return {"cascade tree": tree, "distribution check": check}


def interleaved(small: Callable[[], None], big: Callable[[], None]) -> tuple[float, float]:
    """Median seconds of each, timed turn about (small, big, small, …) after a warm-up of
    both, so a slower moment of the machine or a colder cache weighs on both sides alike."""
    for fn in (small, big, small, big):
        fn()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEAT):
        for side, fn in enumerate((small, big)):
            t0 = time.perf_counter()
            fn()
            times[side].append(time.perf_counter() - t0)
    return statistics.median(times[0]), statistics.median(times[1])


def query_count(fn: Callable[[], None]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def child() -> None:
    _support.django_setup()
    from django.db import connection

    from sikap.performance import domain

    print(f"database: {connection.vendor}; {_support.machine()}; {UNITS} units, 4 levels; "
          f"median of {REPEAT}, sizes timed turn about", flush=True)  # fmt: skip
    small = build("kecil", SMALL)
    big = build("besar", BIG)
    s, b = reads(small), reads(big)
    print(f"  {'read':<20} {SMALL:>8,} {BIG:>8,}  {'ratio':>6}  queries")
    for name in s:
        small_s, big_s = interleaved(s[name], b[name])
        print(f"  {name:<20} {small_s * 1000:6.1f}ms {big_s * 1000:6.1f}ms  "
              f"{big_s / small_s:5.2f}x  {query_count(s[name])}/{query_count(b[name])}",
              flush=True)  # fmt: skip
    t0 = time.perf_counter()
    count = domain.capaian_recompute(actor=None, pemda=big["pemda"], year=YEAR)
    recompute = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT r.indicator_id, SUM(r.value), COUNT(*) FROM performance_realisation r "
            "JOIN performance_indicator i ON i.id = r.indicator_id "
            "WHERE i.pemda_id = %s AND i.year = %s GROUP BY r.indicator_id",
            [big["pemda"].pk, YEAR],
        )
        rows = cur.fetchall()
    bare = time.perf_counter() - t0
    print(f"  capaian recompute of {count:,} indicators: {recompute * 1000:.0f} ms; bare GROUP BY "
          f"of the same {len(rows):,} rows: {bare * 1000:.1f} ms ({recompute / bare:.0f}x)",
          flush=True)  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    _support.run_child("bench.bench_performance")


if __name__ == "__main__":
    main()
