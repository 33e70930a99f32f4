"""SKM benchmarks on gunicorn + PostgreSQL (+ Redis when it answers).

1. Public SKM submissions per second through the real form (CSRF, validation, flood-control
   counter, INSERT, recompute queued after commit), as a ratio to a bare Django view that does
   one INSERT on the same stack and middleware. Aim: ≥ 0.5 with 0 errors.
2. The Pemda view's server time with 500 service units and 1,000,000 SKM answers, as a ratio
   to one GROUP BY over the raw answers (what a page without snapshots would pay at least).

This module is also the Django settings and URLconf of its child processes (guarded by
SIKAP_BENCH_SKM=1), so the benchmark needs no file outside bench_skm*.py.

    .venv/bin/python -m bench bench_skm
    BENCH_POSTGRES_URL=postgres://user@host:5432/db  REDIS_URL=redis://127.0.0.1:6379/13
"""

from __future__ import annotations

import os

if os.environ.get("SIKAP_BENCH_SKM") == "1":  # pragma: no cover - settings of the children
    from sikap.settings import *  # noqa: F403

    ROOT_URLCONF = "bench.bench_skm"
    DEBUG = False
    # Every load thread comes from 127.0.0.1: measure the form, not the limiter.
    SIKAP_SKM_RATE_LIMIT = (10**9, 600)
    LOGGING = {"version": 1, "root": {"level": "ERROR", "handlers": []}}

import http.client  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sikap_bench_skm")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = float(os.environ.get("BENCH_SKM_SECONDS", "12"))
UNITS = 500
ANSWERS = int(os.environ.get("BENCH_SKM_ANSWERS", "1000000"))
BASELINE_TABLE = "bench_skm_baseline"


# --- the children's URLconf ------------------------------------------------------------------


def _urlpatterns() -> list:
    from django.db import connection
    from django.http import HttpResponseRedirect
    from django.urls import include, path
    from django.views.decorators.http import require_POST

    @require_POST
    def baseline(request):  # type: ignore[no-untyped-def]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {BASELINE_TABLE} (payload, created_on) VALUES (%s, CURRENT_DATE)",
                [request.POST.get("payload", "")],
            )
        return HttpResponseRedirect("/")

    return [path("bench-skm/baseline/", baseline), path("", include("sikap.urls"))]


_URLS: list = []


def __getattr__(name: str) -> object:
    # Built on first use: the same module is the settings, read before the apps are ready.
    if name == "urlpatterns" and os.environ.get("SIKAP_BENCH_SKM") == "1":
        if not _URLS:
            _URLS.extend(_urlpatterns())
        return _URLS
    raise AttributeError(name)


# --- helpers ---------------------------------------------------------------------------------


def _redis_ok() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "no Redis"
        return False


def _env(with_redis: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SIKAP_BENCH_SKM="1",
        DJANGO_SETTINGS_MODULE="bench.bench_skm",
        DATABASE_URL=PG_URL,
        SIKAP_ENV="development",
        PYTHONPATH=f"{ROOT}:{ROOT / 'src'}",
    )
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if with_redis:
        # Production topology: cache (flood counters) and broker in Redis; no worker needed to
        # measure the web tier, queued recomputes simply wait in the queue.
        env["REDIS_URL"] = REDIS_URL
    return env


def _recreate_db() -> bool:
    try:
        import psycopg

        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        name = PG_URL.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as exc:  # noqa: BLE001
        print(f"PostgreSQL not reachable at {PG_URL} ({exc}); skipped.")
        return False


def _child(step: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_skm", "--child", step],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child step {step} failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    cookie = ""
    for k, v in resp.getheaders():
        if k.lower() == "set-cookie" and v.startswith("csrftoken="):
            cookie = v.split(";", 1)[0].split("=", 1)[1]
    conn.close()
    return resp.status, cookie


def _load(
    port: int, path: str, fields: list[tuple[str, str]], token: str, threads: int
) -> tuple[float, int, dict[str, int]]:
    """POST `fields` to `path` from `threads` threads for SECONDS; (per second, ok, errors)."""
    body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", token)])
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}",
    }
    lock = threading.Lock()
    ok = 0
    errors: dict[str, int] = {}
    stop = time.monotonic() + SECONDS

    def worker() -> None:
        nonlocal ok
        while time.monotonic() < stop:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                conn.close()
                outcome = "ok" if resp.status == 302 else f"HTTP {resp.status}"
            except OSError as exc:
                outcome = type(exc).__name__
            with lock:
                if outcome == "ok":
                    ok += 1
                else:
                    errors[outcome] = errors.get(outcome, 0) + 1

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return ok / (time.perf_counter() - t0), ok, errors


def _throughput(with_redis: bool) -> None:
    env = _env(with_redis)
    slug = _child("setup-form", env)
    workers = max(2, os.cpu_count() or 2)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "sikap.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, token = _get(port, f"/layanan/f/{slug}/")
                if status == 200 and token:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        answers = [(f"u{i}", str(1 + (i * 7) % 4)) for i in range(1, 10)]
        threads = workers * 2
        rounds: list[tuple[float, float]] = []
        all_errors: dict[str, int] = {}
        total_ok = 0
        for _ in range(2):  # alternate, so drift on a shared machine hits both sides
            base, ok_b, err_b = _load(
                port, "/bench-skm/baseline/", [("payload", "x")], token, threads
            )
            skm, ok_s, err_s = _load(port, f"/layanan/f/{slug}/", answers, token, threads)
            rounds.append((base, skm))
            total_ok += ok_s
            for e in (err_b, err_s):
                for k, v in e.items():
                    all_errors[k] = all_errors.get(k, 0) + v
        base = statistics.median(b for b, _ in rounds)
        skm = statistics.median(s for _, s in rounds)
        stored = int(_child("count-answers", env))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    label = (
        "gunicorn + PostgreSQL + Redis"
        if with_redis
        else "gunicorn + PostgreSQL (cache in-process)"
    )
    print(
        f"Submissions ({label}, {workers} sync workers, {threads} client threads, {SECONDS:.0f} s × 2):"
    )
    print(f"  bare INSERT view: {base:8.1f} req/s")
    print(f"  public SKM form:  {skm:8.1f} req/s")
    print(f"  ratio SKM / bare: {skm / base:8.2f}   (aim ≥ 0.5)")
    print(
        f"  errors: {sum(all_errors.values())} {all_errors or ''}; answers stored {stored} of {total_ok} accepted"
    )


def main() -> None:
    only = os.environ.get("BENCH_SKM_ONLY", "")
    if only in ("", "throughput"):
        if not _recreate_db():
            return
        with_redis = _redis_ok()
        _throughput(with_redis)
        if with_redis:
            _flush_queue()
    if only in ("", "pemda"):
        if not _recreate_db():
            return
        print(_child("pemda-view", _env(False)))


def _flush_queue() -> None:
    """Drop the recompute messages the benchmark queued in its own Redis database."""
    import redis

    redis.Redis.from_url(REDIS_URL).delete("celery")


# --- child steps -----------------------------------------------------------------------------


def _setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _child_setup_form() -> None:
    _setup_django()
    from django.db import connection

    from sikap.org.models import OrgUnit, Pemda, path_segment
    from sikap.publicservice.models import ServiceUnit

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BASELINE_TABLE} (id bigserial primary key, payload text, created_on date)"
        )
    pemda = Pemda.objects.create(code="bench", name="Bench")
    unit = OrgUnit.objects.create(pemda=pemda, code="U", name="Unit", kind="dinas")
    unit.path = path_segment(unit.pk)
    unit.save(update_fields=["path"])
    su = ServiceUnit.objects.create(pemda=pemda, unit=unit)
    print(su.public_slug)


def _child_count() -> None:
    import django

    django.setup()
    from sikap.publicservice.models import SkmResponse

    print(SkmResponse.objects.count())


def _child_pemda_view() -> None:
    _setup_django()
    import datetime as dt
    import io
    import random

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from sikap.accounts.models import User
    from sikap.org.models import OrgUnit, Pemda, path_segment
    from sikap.publicservice import domain
    from sikap.publicservice.models import UNSUR_FIELDS, ServiceUnit, SkmResponse

    pemda = Pemda.objects.create(code="bench", name="Bench")
    opds = [OrgUnit(pemda=pemda, code=f"OPD{i}", name=f"OPD {i}", kind="dinas") for i in range(50)]
    OrgUnit.objects.bulk_create(opds)
    for u in opds:
        u.path = path_segment(u.pk)
    OrgUnit.objects.bulk_update(opds, ["path"])
    subs = [
        OrgUnit(
            pemda=pemda, code=f"UPT{i}", name=f"UPT {i}", kind="upt", parent=opds[i % 50], depth=1
        )
        for i in range(UNITS - 50)
    ]
    OrgUnit.objects.bulk_create(subs)
    for u in subs:
        u.path = opds[(int(u.code[3:])) % 50].path + path_segment(u.pk)
    OrgUnit.objects.bulk_update(subs, ["path"])
    sus = ServiceUnit.objects.bulk_create(
        [ServiceUnit(pemda=pemda, unit=u) for u in [*opds, *subs]]
    )
    ids = [s.pk for s in sus]
    rng = random.Random(7)
    today = timezone.localdate()
    first = dt.date(today.year, 1, 1)
    days = [(first + dt.timedelta(days=d)).isoformat() for d in range((today - first).days + 1)]
    pool = ["\t".join(str(rng.choice((2, 3, 3, 4, 4))) for _ in UNSUR_FIELDS) for _ in range(4096)]
    t0 = time.perf_counter()
    buf = io.StringIO()
    for i in range(ANSWERS):
        buf.write(
            f"{ids[(i * 2654435761) % len(ids)]}\t{days[i % len(days)]}\t{pool[i & 4095]}\tweb\t\t\t\t\t\n"
        )
    buf.seek(0)
    cols = ", ".join(
        ["service_unit_id", "submitted_on", *UNSUR_FIELDS, "source", "comment"]
        + ["age_band", "sex", "education", "occupation"]
    )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {SkmResponse._meta.db_table} ({cols}) FROM STDIN") as copy,
    ):
        copy.write(buf.getvalue())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SkmResponse._meta.db_table}")
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    domain.skm_recompute_many(service_unit_ids=ids)
    recompute_s = time.perf_counter() - t0

    user = User.objects.create(username="bench-admin", pemda=pemda)
    user.role_assignments.create(pemda=pemda, role="admin_pemda", unit=None)
    client = Client()
    client.force_login(user)
    path = f"/p/{pemda.code}/layanan/?period={today.year}"

    def page() -> float:
        t = time.perf_counter()
        r = client.get(path)
        assert r.status_code == 200, r.status_code
        return time.perf_counter() - t

    def raw() -> float:
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT service_unit_id, count(*), {', '.join(f'sum({f}), count({f})' for f in UNSUR_FIELDS)} "  # noqa: S608
                f"FROM {SkmResponse._meta.db_table} WHERE submitted_on >= %s GROUP BY service_unit_id",
                [first],
            )
            cursor.fetchall()
        return time.perf_counter() - t

    for _ in range(2):
        page(), raw()
    page_s = statistics.median(page() for _ in range(7))
    raw_s = statistics.median(raw() for _ in range(7))
    print(
        f"Pemda view (/p/<pemda>/layanan/, {UNITS} service units, {ANSWERS:,} answers): "
        f"server time {page_s * 1000:.0f} ms; one GROUP BY over the raw answers {raw_s * 1000:.0f} ms; "
        f"ratio page / raw scan {page_s / raw_s:.2f}. (COPY {load_s:.1f} s, snapshot recompute of "
        f"all units {recompute_s:.1f} s)"
    )


if __name__ == "__main__" and "--child" in sys.argv:
    step = sys.argv[sys.argv.index("--child") + 1]
    {
        "setup-form": _child_setup_form,
        "count-answers": _child_count,
        "pemda-view": _child_pemda_view,
    }[step]()
elif __name__ == "__main__":
    main()
