"""Submission throughput through gunicorn on PostgreSQL, against a bare one-INSERT view.

POST streams go to the same gunicorn (same sync worker count, same database, same
middleware stack), each driven by Python client threads on 127.0.0.1:
  baseline  /bench/baseline/      a bare view doing one INSERT (bench/urls_bench.py)
  culture   /budaya/isi/          the real survey page: token, step=answers, campaign and
                                  valid implementasi answers in the POST body (the token is
                                  never in a URL), a fresh token per request (issued by
                                  `invitations_generate`); answered 302 to /budaya/terima-kasih/
  skm       /layanan/f/<slug>/    only with BENCH_SKM_STREAM=1: the public SKM form, whose
                                  throughput bench_skm.py measures (with and without Redis)
Each client thread first GETs the survey's code page for its own CSRF cookie, as a browser
does, then POSTs with it. The SKM per-address limit is raised in bench/settings_bench.py (all clients
share 127.0.0.1). Celery runs embedded, so each SKM submit also rebuilds its unit's snapshot
after commit, as on a single-server install without a broker.

No answer is lost or doubled: after the run, the sealed ballots in the box plus the responses
equal the accepted submits, and so do the responses alone once the campaign is closed and the
box mixed in full. Then BENCH_RACES tokens (default 10, 20 with SIKAP_BENCH_FULL=1) are each
POSTed by 20 clients at once: exactly one of each 20 must be accepted, and exactly one ballot
per token must reach the box.

Default: 1,000 requests per stream. SIKAP_BENCH_FULL=1: 10,000. BENCH_WORKERS (default
2 x CPUs) and BENCH_CLIENTS (default 8) set the worker and client-thread counts.
Run: .venv/bin/python -m bench bench_http_submit
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import sys
import threading
import time
import urllib.parse
from typing import Any

from bench import _support
from bench._support import BASELINE_TABLE

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 10_000 if _support.FULL else 1_000))
WARMUP = 100
WORKERS = int(os.environ.get("BENCH_WORKERS", 2 * (os.cpu_count() or 1)))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 8))
ROUNDS = 10
RACES = int(os.environ.get("BENCH_RACES", 20 if _support.FULL else 10))
RACERS = 20
SKM_UNITS = 50
SURVEY = "/budaya/isi/"
THANKS = "/budaya/terima-kasih/"
STREAMS = ("baseline", "culture") + (("skm",) if os.environ.get("BENCH_SKM_STREAM") == "1" else ())


def prepare() -> dict[str, Any]:
    """Data for every stream: tokens, SKM slugs; returns the request lists."""
    from django.db import connection

    from sikap.culture import domain as culture
    from sikap.org.domain import pemda_create
    from sikap.org.models import Employee
    from sikap.publicservice import domain as skm

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BASELINE_TABLE} "
            "(id bigserial PRIMARY KEY, payload text NOT NULL, created_on date NOT NULL)"
        )
    pemda = pemda_create(actor=None, code="bench", name="Bench")
    tree = _support.build_tree(pemda, 200)
    leaves = tree[-1]
    n_tokens = REQUESTS + WARMUP + RACES
    Employee.objects.bulk_create(
        [
            Employee(
                pemda=pemda,
                nip=f"{i:018d}",
                name=f"Pegawai {i}",
                kind="pns",
                unit=leaves[i % len(leaves)],
                is_active=True,
            )
            for i in range(n_tokens)
        ],
        batch_size=2000,
    )
    today = dt.date.today()
    campaign = culture.campaign_create(
        actor=None,
        pemda=pemda,
        code="bench-submit",
        name="Bench submit",
        kind="implementasi",
        period_start=today - dt.timedelta(days=1),
        period_end=today + dt.timedelta(days=30),
        picks=10,
    )
    campaign = culture.campaign_launch(actor=None, campaign=campaign)
    tokens = [t.token for t in culture.invitations_generate(actor=None, campaign=campaign)]
    codes = campaign.instrument.codes
    rng = random.Random(3)
    demographics = [("employment_kind", "pns"), ("age_band", "30-39"), ("tenure_band", "5-14")]

    def answers(token: str) -> list[tuple[str, str]]:
        # The fields of the rendered survey form, in its order.
        return (
            [("token", token), ("step", "answers"), ("campaign", str(campaign.pk))]
            + [(b, c) for b in ("pv", "cc", "dc") for c in rng.sample(codes, 10)]
            + [("comment", "")]
            + demographics
        )

    culture_requests = [(SURVEY, answers(token)) for token in tokens[: REQUESTS + WARMUP]]
    races = [(SURVEY, answers(token)) for token in tokens[REQUESTS + WARMUP :]]
    slugs = [skm.service_unit_ensure(actor=None, unit=u)[0].public_slug for u in leaves[:SKM_UNITS]]
    skm_requests = [
        (
            f"/layanan/f/{slugs[i % len(slugs)]}/",
            [(f"u{j}", str(rng.choice((2, 3, 4)))) for j in range(1, 10)]
            + [("product", ""), ("age_band", "20-29"), ("gender", "P"), ("education", "SMA")]
            + [("occupation", "SWASTA"), ("comment", ""), ("visit_code", "")],
        )
        for i in range(n_tokens)
    ]
    baseline_requests = [("/bench/baseline/", [("payload", f"hit {i}")]) for i in range(n_tokens)]
    connection.close()
    return {
        "baseline": baseline_requests,
        "culture": culture_requests,
        "skm": skm_requests,
        "races": races,
        "csrf_page": SURVEY,
        "campaign": campaign,
    }


def child() -> None:
    _support.django_setup()
    from django.db import connection

    from sikap.culture import domain as culture_domain
    from sikap.culture.domain import ballot_box
    from sikap.culture.models import Ballot, Response
    from sikap.publicservice.models import SkmResponse

    streams = prepare()
    print(
        f"database: {connection.vendor}; {_support.machine()}; gunicorn {WORKERS} sync workers; "
        f"{CLIENTS} client threads; {REQUESTS:,} POSTs per stream after {WARMUP} warm-up, "
        f"in {ROUNDS} interleaved rounds",
        flush=True,
    )
    results: dict[str, list[_support.LoadResult]] = {name: [] for name in STREAMS}

    def total(name: str) -> _support.LoadResult:
        rs = results[name]
        errors: dict[str, int] = {}
        for r in rs:
            for k, v in r.errors.items():
                errors[k] = errors.get(k, 0) + v
        return _support.LoadResult(
            sum(r.sent for r in rs), sum(r.ok for r in rs), sum(r.seconds for r in rs), errors
        )

    with _support.gunicorn(WORKERS) as port:

        def run(name: str, part: slice) -> _support.LoadResult:
            return _support.post_load(
                port,
                streams[name][part],
                threads=CLIENTS,
                csrf_page=streams["csrf_page"],
                time_limit=600,
            )

        for name in STREAMS:
            warmed = run(name, slice(0, WARMUP))
            assert not warmed.errors, (name, warmed.errors)
        # Interleaved rounds: a load spike from elsewhere on the machine hits the baseline
        # and the real form alike, and the per-round ratios show how much it moved.
        step = REQUESTS // ROUNDS
        for r in range(ROUNDS):
            part = slice(WARMUP + r * step, WARMUP + (r + 1) * step)
            for name in STREAMS:
                results[name].append(run(name, part))
        campaign = streams["campaign"]
        boxed = Ballot.objects.filter(campaign=campaign).count()
        mixed = Response.objects.filter(campaign=campaign).count()
        races = [race(port, request, streams["csrf_page"]) for request in streams["races"]]
        raced = (
            Ballot.objects.filter(campaign=campaign).count()
            + Response.objects.filter(campaign=campaign).count()
        )

    accepted = total("culture").ok + WARMUP
    print(
        f"  culture submits accepted {accepted:,}; in the ballot box {boxed:,}, "
        f"already responses {mixed:,}"
    )
    assert boxed + mixed == accepted, (boxed, mixed, accepted)
    wins = [outcome.count("accepted") for outcome in races]
    print(
        f"  same token POSTed by {RACERS} clients at once, {len(races)} tokens: accepted "
        f"{sorted(set(wins))} per token; other answers {race_others(races)}; "
        f"ballots added {raced - boxed - mixed}"
    )
    assert wins == [1] * len(races), wins
    assert raced == boxed + mixed + len(races), (raced, boxed, mixed)
    campaign = culture_domain.campaign_close(actor=None, campaign=campaign)
    t0 = time.perf_counter()
    mix = ballot_box.ballots_mix(campaign=campaign, final=True)
    seconds = time.perf_counter() - t0
    stored_culture = Response.objects.filter(campaign=campaign).count()
    print(
        f"  closed and mixed in full: {mix.mixed:,} ballots to responses in {seconds:.2f} s, "
        f"{mix.waiting} left; responses {stored_culture:,}"
    )
    assert stored_culture == accepted + len(races), stored_culture
    assert Ballot.objects.filter(campaign=campaign).count() == 0
    stored_skm = SkmResponse.objects.count()

    base = total("baseline")
    print(f"  {'stream':<40} {'req/s':>7}  {'vs baseline':>11}  {'rounds min-max':>14}  errors")
    for name, label in (
        ("baseline", "baseline: bare view, one INSERT"),
        ("culture", "culture survey POST (response_submit)"),
        ("skm", "public SKM form POST (skm_submit)"),
    ):
        if name not in results:
            continue
        t = total(name)
        ratios = [
            r.per_second / b.per_second
            for r, b in zip(results[name], results["baseline"], strict=True)
        ]
        detail = f" {t.errors}" if t.errors else ""
        print(
            f"  {label:<40} {t.per_second:7.1f}  {t.per_second / base.per_second:10.2f}x  "
            f"{min(ratios):6.2f}-{max(ratios):.2f}x  {sum(t.errors.values())}{detail} "
            f"({t.ok:,} ok in {t.seconds:.1f} s)",
            flush=True,
        )
    if "skm" in STREAMS:
        assert stored_skm == total("skm").ok + WARMUP, stored_skm
    failed = {n: total(n).errors for n in results if total(n).errors}
    print("  errors: " + ("none" if not failed else f"{failed}"))


def race(port: int, request: tuple[str, list[tuple[str, str]]], csrf_page: str) -> list[str]:
    """POST one request from RACERS clients at once; each outcome: accepted, refused or other."""
    path, fields = request
    cookie = _support.csrf_cookie(port, csrf_page)
    body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", cookie)])
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    outcomes: list[str] = []
    lock = threading.Lock()
    ready = threading.Barrier(RACERS)

    def racer() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()  # connected before the barrier, so the requests leave together
        ready.wait()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            page = response.read()
            if response.status == 302 and response.getheader("Location") == THANKS:
                outcome = "accepted"
            elif response.status == 200 and b'name="step" value="answers"' not in page:
                outcome = "refused"  # the kind page every refused token gets
            else:
                outcome = f"HTTP {response.status}"
        except OSError as exc:
            outcome = type(exc).__name__
        finally:
            conn.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=racer, daemon=True) for _ in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def race_others(races: list[list[str]]) -> dict[str, int]:
    others: dict[str, int] = {}
    for outcomes in races:
        for outcome in outcomes:
            if outcome != "accepted":
                others[outcome] = others.get(outcome, 0) + 1
    return others


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    _support.run_child("bench.bench_http_submit")


if __name__ == "__main__":
    main()
