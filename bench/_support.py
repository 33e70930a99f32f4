"""Shared helpers of the measured benchmarks: PostgreSQL set-up, bulk data, gunicorn and load.

Every benchmark runs its Django work in a child process (settings are read once per process)
against a PostgreSQL database recreated for the run, $BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/sikap_bench). SIKAP_BENCH_FULL=1 selects the full sizes.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sikap_bench"
)
SETTINGS = "bench.settings_bench"
FULL = os.environ.get("SIKAP_BENCH_FULL") == "1"
# The table of the throughput baseline view (bench/urls_bench.py), created by the bench.
BASELINE_TABLE = "bench_baseline_hit"


# --- processes and databases ---------------------------------------------------------------


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPU{mem}"


def recreate_database(url: str = POSTGRES_URL) -> bool:
    """Drop and create the bench database; False when PostgreSQL does not answer."""
    try:
        import psycopg
    except ImportError:
        return False
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return False
    return True


def child_env(database_url: str = POSTGRES_URL) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        LOG_LEVEL="ERROR",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    # Embedded Celery (tasks run in-process after commit), as a single-server install runs.
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    return env


def run_child(module: str, *args: str) -> None:
    """Run `python -m module --child args…` against a fresh bench database."""
    if os.environ.get("BENCH_SKIP_POSTGRES") == "1":
        print("BENCH_SKIP_POSTGRES=1; skipped.")
        return
    if not recreate_database():
        print(f"PostgreSQL not reachable at {POSTGRES_URL}; skipped.")
        return
    subprocess.run(
        [sys.executable, "-m", module, "--child", *args],
        cwd=ROOT,
        env=child_env(),
        check=True,
    )


def django_setup() -> None:
    """In the child: configure Django from the environment and migrate the empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("DATABASE_URL", POSTGRES_URL)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- organisation tree, users --------------------------------------------------------------

LEVEL_KINDS = ("dinas", "bidang", "seksi", "upt", "lainnya")


def level_sizes(total: int, levels: int = 5) -> list[int]:
    """Unit counts per level of a `levels`-deep tree of `total` units, widening downwards."""
    weights = [1, 5, 15, 30, 49][:levels]
    sizes = [max(1, total * w // sum(weights)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def build_tree(pemda: Any, total: int, levels: int = 5) -> list[list[Any]]:
    """A `levels`-deep OrgUnit tree of `total` units, with materialised paths, in bulk."""
    from sikap.org.models import OrgUnit, path_segment

    tree: list[list[Any]] = []
    for depth, size in enumerate(level_sizes(total, levels)):
        parents = tree[-1] if tree else []
        rows = [
            OrgUnit(
                pemda=pemda,
                code=f"L{depth}-{i:05d}",
                name=f"Unit {depth}.{i}",
                kind=LEVEL_KINDS[depth % len(LEVEL_KINDS)],
                parent=parents[i % len(parents)] if parents else None,
                depth=depth,
            )
            for i in range(size)
        ]
        OrgUnit.objects.bulk_create(rows, batch_size=2000)
        for u in rows:
            u.path = (u.parent.path if u.parent else "") + path_segment(u.pk)
        OrgUnit.objects.bulk_update(rows, ["path"], batch_size=2000)
        tree.append(rows)
    return tree


def admin_pemda(pemda: Any, username: str) -> Any:
    from sikap.accounts.models import User
    from sikap.accounts.roles import Role

    user = User.objects.create(username=username, pemda=pemda, full_name=username)
    user.role_assignments.create(pemda=pemda, role=Role.ADMIN_PEMDA, unit=None)
    return user


# --- bulk rows with COPY -------------------------------------------------------------------


def _copy(table: str, columns: Sequence[str], lines: Iterator[str], chunk: int = 50_000) -> None:
    from django.db import connection

    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(sql) as copy:
            buffer: list[str] = []
            for line in lines:
                buffer.append(line)
                if len(buffer) >= chunk:
                    copy.write("".join(buffer))
                    buffer.clear()
            if buffer:
                copy.write("".join(buffer))
    vacuum_analyze(table)


def vacuum_analyze(*tables: str) -> None:
    """VACUUM ANALYZE `tables`, as autovacuum does after many writes: statistics, and the
    visibility map that lets counts over an index skip the heap."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")


def _spread(i: int, n: int) -> int:
    # Multiplicative hashing: row i lands on a unit scattered over the table, not in runs.
    return (i * 2654435761) % n


def copy_culture_responses(
    campaign: Any, n: int, *, seed: int = 1, day: dt.date | None = None, first: int = 0
) -> None:
    """`n` answer sheets over every non-root snapshot unit, COPYed into culture_response.

    Sheets are dated `day` (default: the campaign's first day); `first` numbers them on from
    an earlier batch.
    """
    from sikap.culture.models import LIKERT_COLUMNS, CampaignUnit, InstrumentKind, Response

    rng = random.Random(seed)
    units = list(
        CampaignUnit.objects.filter(campaign=campaign, parent__isnull=False).values_list(
            "pk", flat=True
        )
    )
    dated = (day or campaign.period_start).isoformat()
    null = "\\N"
    pool: list[str] = []
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        n_codes = len(campaign.instrument.codes)
        masks = [
            sum(1 << b for b in rng.sample(range(n_codes), campaign.picks)) for _ in range(4096)
        ]
        for _ in range(4096):
            ballots = "\t".join(str(masks[rng.randrange(4096)]) for _b in range(3))
            pool.append(ballots + "\t" + "\t".join([null] * len(LIKERT_COLUMNS)))
    else:
        for _ in range(4096):
            answers = [
                null if rng.random() < 0.02 else str(rng.choice((2, 3, 4, 4, 5, 5)))
                for _c in LIKERT_COLUMNS
            ]
            pool.append("\t".join([null, null, null, *answers]))
    kinds = ("pns", "pns", "pppk", "")
    ages = ("<30", "30-39", "40-49", "50+", "")
    tenures = ("<5", "5-14", "15+", "")
    # One sheet in 20 carries a comment, as a survey's optional free text does.
    comments = [
        f"Saran nomor {i}: rapat koordinasi dipersingkat" if i == 0 else "" for i in range(20)
    ]
    prefix = f"{campaign.pk:08x}"
    n_units = len(units)

    def lines() -> Iterator[str]:
        cid = campaign.pk
        for i in range(first, first + n):
            yield (
                f"{prefix}{i:024x}\t{cid}\t{units[_spread(i - first, n_units)]}\t{dated}\t"
                f"{kinds[i % 4]}\t{ages[i % 5]}\t{tenures[i % 4]}\t{pool[(i * 40503) & 4095]}\t"
                f"{comments[i % 20]}\n"
            )

    columns = [
        "id",
        "campaign_id",
        "campaign_unit_id",
        "created_on",
        "employment_kind",
        "age_band",
        "tenure_band",
        "pv",
        "cc",
        "dc",
        *LIKERT_COLUMNS,
        "comment",
    ]
    _copy(Response._meta.db_table, columns, lines())


def copy_skm_responses(service_unit_ids: Sequence[int], n: int, *, seed: int = 2) -> None:
    """`n` SKM answers spread over the units and over this year's days up to today."""
    from django.utils import timezone

    from sikap.publicservice.models import UNSUR_FIELDS, SkmResponse

    rng = random.Random(seed)
    today = timezone.localdate()
    first = dt.date(today.year, 1, 1)
    days = [(first + dt.timedelta(days=d)).isoformat() for d in range((today - first).days + 1)]
    pool = ["\t".join(str(rng.choice((2, 3, 3, 4, 4))) for _u in UNSUR_FIELDS) for _ in range(4096)]
    comments = ["", "", "", "", "Antrean terlalu lama", "Petugas ramah"]
    units = list(service_unit_ids)

    def lines() -> Iterator[str]:
        for i in range(n):
            yield (
                f"{units[_spread(i, len(units))]}\t{days[i % len(days)]}\t"
                f"{pool[(i * 40503) & 4095]}\t20-29\tL\tSMA\tSWASTA\t{comments[i % 6]}\tweb\n"
            )

    columns = [
        "service_unit_id",
        "submitted_on",
        *UNSUR_FIELDS,
        "age_band",
        "gender",
        "education",
        "occupation",
        "comment",
        "source",
    ]
    _copy(SkmResponse._meta.db_table, columns, lines())


# --- timing --------------------------------------------------------------------------------


def median_seconds(fn: Callable[[], Any], repeat: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# --- gunicorn and load ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(workers: int, port: int | None = None) -> Iterator[int]:
    """A gunicorn with `workers` sync workers on 127.0.0.1, stopped (by its own pid) on exit."""
    port = port or free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "sikap.wsgi:application",
        ],
        cwd=ROOT,
        env=dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/akun/masuk/")
                conn.getresponse().read()
                conn.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def csrf_cookie(port: int, path: str) -> str:
    """GET a form page the way a browser does and keep the csrftoken cookie it sets."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"GET {path} set no csrftoken cookie (status {response.status})")


@dataclass
class LoadResult:
    sent: int
    ok: int
    seconds: float
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def post_load(
    port: int,
    requests: Sequence[tuple[str, list[tuple[str, str]]]],
    *,
    threads: int,
    csrf_page: str,
    expect: int = 302,
    time_limit: float = 300.0,
) -> LoadResult:
    """POST each (path, form fields) once from `threads` client threads against 127.0.0.1.

    Each thread first GETs `csrf_page` for its own CSRF cookie, then sends its share of the
    requests; the run stops at the end of the list or after `time_limit` seconds.
    """
    lock = threading.Lock()
    cursor = iter(range(len(requests)))
    errors: dict[str, int] = {}
    ok = 0
    sent = 0
    deadline = time.monotonic() + time_limit
    tokens = [csrf_cookie(port, csrf_page) for _ in range(threads)]
    start = threading.Barrier(threads + 1)

    def worker(token: str) -> None:
        nonlocal ok, sent
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
        }
        start.wait()
        while time.monotonic() < deadline:
            with lock:
                index = next(cursor, None)
                if index is None:
                    return
                sent += 1
            path, fields = requests[index]
            body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", token)])
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                outcome = "ok" if response.status == expect else f"HTTP {response.status}"
            except OSError as exc:
                outcome = type(exc).__name__
            with lock:
                if outcome == "ok":
                    ok += 1
                else:
                    errors[outcome] = errors.get(outcome, 0) + 1

    pool = [threading.Thread(target=worker, args=(t,), daemon=True) for t in tokens]
    for t in pool:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in pool:
        t.join()
    return LoadResult(sent, ok, time.perf_counter() - t0, errors)
