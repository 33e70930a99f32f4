"""One public SKM answer in embedded mode (SQLite, no broker): the snapshot is kept current
inside the request, so its cost must not grow with the answers a unit already has.

A service unit holds ANSWERS answers spread over twelve months; `domain.skm_submit` (checks,
INSERT, the month's snapshot row updated in the same transaction) is timed per call, median of
REPEAT, and divided by a bare `SkmResponse.objects.create` of the same row in the same process.
For reference it also times a whole-unit rebuild, what every answer paid before.

Default: 20,000 answers; SIKAP_BENCH_FULL=1: 200,000.
Run: .venv/bin/python -m bench bench_skm_embedded
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench import _support

ANSWERS = int(os.environ.get("BENCH_SKM_ANSWERS", 200_000 if _support.FULL else 20_000))
REPEAT = int(os.environ.get("BENCH_REPEAT", 40))


def _median_ms(fn: Callable[[], Any]) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return 1000 * statistics.median(samples)


def child() -> None:
    _support.django_setup()
    from django.db import connection

    from sikap.org.domain import pemda_create, unit_create
    from sikap.publicservice import domain
    from sikap.publicservice.models import SkmMonthly, SkmResponse

    pemda = pemda_create(actor=None, code="bench", name="Bench")
    unit = unit_create(actor=None, pemda=pemda, code="PKM", name="Puskesmas", kind="upt")
    service_unit, _ = domain.service_unit_ensure(actor=None, unit=unit)
    product = domain.service_product_create(actor=None, service_unit=service_unit, name="Poli")
    year = dt.date(2026, 1, 1)
    SkmResponse.objects.bulk_create(
        (
            SkmResponse(
                service_unit=service_unit,
                product=product,
                submitted_on=year + dt.timedelta(days=(i * 7919) % 365),
                **{f"u{j}": 1 + (i + j) % 4 for j in range(1, 10)},
            )
            for i in range(ANSWERS)
        ),
        batch_size=5000,
    )
    domain.skm_recompute(service_unit_id=service_unit.pk)
    answers = {f"U{j}": 3 for j in range(1, 10)}
    today = dt.date(2026, 11, 27)
    print(
        f"database: {connection.vendor}; {_support.machine()}; one service unit with "
        f"{ANSWERS:,} answers over 12 months ({SkmMonthly.objects.count()} snapshot rows)",
        flush=True,
    )

    def bare() -> None:
        SkmResponse.objects.create(
            service_unit=service_unit,
            product=product,
            submitted_on=today,
            **{f"u{j}": 3 for j in range(1, 10)},
        )

    def submit() -> None:
        domain.skm_submit(service_unit=service_unit, product=product, answers=answers, today=today)

    def whole_unit() -> None:
        domain.skm_recompute(service_unit_id=service_unit.pk)

    base = _median_ms(bare)
    mine = _median_ms(submit)
    whole = _median_ms(whole_unit)
    for label, ms in (
        ("baseline: bare SkmResponse INSERT", base),
        ("skm_submit, its month's snapshot row updated in the request", mine),
        ("reference: a whole-unit rebuild (every answer's cost before)", whole),
    ):
        print(f"  {label:<62} {ms:8.2f} ms  ({ms / base:6.2f}x)", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = _support.child_env(f"sqlite:///{tmp}/bench.sqlite3")
        subprocess.run(
            [sys.executable, "-m", "bench.bench_skm_embedded", "--child"],
            cwd=_support.ROOT,
            env=env,
            check=True,
        )


if __name__ == "__main__":
    main()
