"""Dashboard server time at many answers against the same pages at few answers.

Two Pemda with the same 5-level tree: "kecil" holds 1,000 culture responses and 1,000 SKM
answers, "besar" holds 1,000,000 of each (SKM over 500 service units). Snapshots are built
by the real `results_recompute` and `skm_recompute_many`; then Django's test Client, logged in
as each Pemda's admin_pemda, times the culture Pemda overview, an OPD group page and the SKM
Pemda dashboard in-process. The baseline of each page is the same page of the small Pemda:
pages read snapshots, so the ratio big/small should stay near 1.

Default: 100,000 answers over 1,000 units; SIKAP_BENCH_FULL=1: 1,000,000 over 5,000 units.
Run: .venv/bin/python -m bench bench_dashboards
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from typing import Any

from bench import _support

BIG = int(os.environ.get("BENCH_RESPONDENTS", 1_000_000 if _support.FULL else 100_000))
SMALL = 1_000
UNITS = int(os.environ.get("BENCH_UNITS", 5_000 if _support.FULL else 1_000))
SERVICE_UNITS = 500
REPEAT = int(os.environ.get("BENCH_REPEAT", 15))


def build(code: str, answers: int) -> dict[str, Any]:
    from django.urls import reverse

    from sikap.culture import domain as culture
    from sikap.culture.models import ResultGroup
    from sikap.org.domain import pemda_create
    from sikap.org.tenancy import in_pemda
    from sikap.publicservice import domain as skm

    t0 = time.perf_counter()
    pemda = pemda_create(actor=None, code=code, name=f"Pemda {code}")
    tree = _support.build_tree(pemda, UNITS)
    campaign = culture.campaign_create(
        actor=None,
        pemda=pemda,
        code="bench-dash",
        name="Bench dashboards",
        kind="implementasi",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        picks=10,
        attribution_depth=4,
    )
    _support.copy_culture_responses(campaign, answers)
    # Results are published at the close: a past campaign typed in from paper, closed.
    campaign = culture.campaign_close(actor=None, campaign=campaign)
    culture.results_recompute(campaign=campaign)
    units = [u for level in reversed(tree) for u in level][:SERVICE_UNITS]
    service_units = [skm.service_unit_ensure(actor=None, unit=u)[0].pk for u in units]
    _support.copy_skm_responses(service_units, answers)
    skm.skm_recompute_many(service_unit_ids=service_units)
    opd = (
        ResultGroup.objects.filter(campaign=campaign, campaign_unit__depth=1)
        .order_by("-n", "campaign_unit__code")
        .first()
    )
    assert opd is not None
    print(
        f"  {code}: {answers:,} culture responses and {answers:,} SKM answers loaded and "
        f"recomputed in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    # Pemda pages live under /p/<code>/: the URLs are built inside the Pemda.
    with in_pemda(pemda):
        pages = {
            "culture Pemda overview": reverse("culture:results", args=[campaign.code]),
            "culture OPD page": reverse(
                "culture:group", args=[campaign.code, opd.campaign_unit.code]
            ),
            "SKM Pemda dashboard": reverse("publicservice:dashboard"),
        }
    return {"user": _support.admin_pemda(pemda, f"admin-{code}"), "pages": pages}


def page_time(user: Any, url: str) -> tuple[float, int]:
    """(median server seconds, queries) of GET `url` in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    seconds = _support.median_seconds(get, REPEAT)
    with CaptureQueriesContext(connection) as queries:
        get()
    return seconds, len(queries)


def interleaved(user: Any, pages: dict[str, str]) -> dict[str, float]:
    """Median server seconds of each page, its GETs taken in turn with the others'."""
    import statistics

    from django.test import Client

    client = Client()
    client.force_login(user)
    times: dict[str, list[float]] = {name: [] for name in pages}
    for url in pages.values():
        client.get(url)
    for _ in range(REPEAT):
        for name, url in pages.items():
            t0 = time.perf_counter()
            response = client.get(url)
            times[name].append(time.perf_counter() - t0)
            assert response.status_code == 200, (url, response.status_code)
    return {name: statistics.median(v) for name, v in times.items()}


def profile(user: Any, url: str, top: int = 25) -> None:
    """cProfile of one GET (BENCH_PROFILE=1): where a page's server time goes."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get(url)
    prof = cProfile.Profile()
    prof.enable()
    client.get(url)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def child() -> None:
    _support.django_setup()
    from django.db import connection

    print(
        f"database: {connection.vendor}; {_support.machine()}; tree of {UNITS:,} units on 5 "
        f"levels, {SERVICE_UNITS} SKM units; median of {REPEAT} GETs per page",
        flush=True,
    )
    small = build("kecil", SMALL)
    big = build("besar", BIG)
    if os.environ.get("BENCH_SKIP_ANALYZE") != "1":
        # Fresh bulk-loaded tables have no planner statistics until autovacuum analyses them
        # (it is off on some servers); without them PostgreSQL joined service units to units
        # by a nested loop over 375,000 pairs (37 ms of the SKM dashboard's time).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print("  ANALYZE run after loading (BENCH_SKIP_ANALYZE=1 to measure without)", flush=True)
    print(f"  {'page':<26} {'small':>9} {'big':>9}  {'big/small':>9}  queries (small/big)")
    big_times: dict[str, float] = {}
    for name, small_url in small["pages"].items():
        s, s_queries = page_time(small["user"], small_url)
        b, b_queries = page_time(big["user"], big["pages"][name])
        big_times[name] = b
        print(
            f"  {name:<26} {s * 1000:7.1f}ms {b * 1000:7.1f}ms  {b / s:8.2f}x  "
            f"{s_queries}/{b_queries}",
            flush=True,
        )
    # Every dashboard should answer as fast as the culture overview at the same data size.
    # Measured interleaved (one GET of each page in turn), so a busy moment of a shared
    # machine weighs on every page alike.
    medians = interleaved(big["user"], big["pages"])
    base = medians["culture Pemda overview"]
    print(
        f"  against the culture Pemda overview of the big Pemda, interleaved, median of "
        f"{REPEAT} rounds ({base * 1000:.1f} ms):"
    )
    for name, b in medians.items():
        print(f"    {name:<26} {b * 1000:7.1f}ms {b / base:6.2f}x", flush=True)
    if os.environ.get("BENCH_PROFILE") == "1":
        profile(big["user"], big["pages"]["SKM Pemda dashboard"])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    _support.run_child("bench.bench_dashboards")


if __name__ == "__main__":
    main()
