"""Zona Integritas: the Pemda view and a unit workspace at 40 units against 2 units.

Two Pemda: "kecil" with 2 units and 1,000 library documents, "besar" with 40 units and
20,000 documents; every unit has a ZI with all LKE items (the official list: 110 items, their 24
count rows feeding the percentages stored as the percentage) answered at three levels (self, TPI,
TPN), hasil figures, and evidence attached. Answers are bulk-inserted, then each assessment's
score snapshots are built by the real `snapshot_refresh`. Django's test Client, logged in as
each Pemda's admin_pemda, times the Pemda summary and one unit's workspace in-process (median
of REPEAT GETs). The Pemda summary reads one snapshot row per unit and level, the workspace
one unit's rows, so the ratio big/small should stay near 1 for the workspace and grow only
with the number of rows shown for the summary.

Run: .venv/bin/python -m bench bench_integrity
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from bench import _support

REPEAT = int(os.environ.get("BENCH_REPEAT", 15))
YEAR = 2024


def build(code: str, units: int, documents: int) -> dict[str, Any]:
    from django.db import transaction

    from sikap.evidence.models import Document
    from sikap.integrity.domain.snapshots import snapshot_refresh
    from sikap.integrity.models import (
        Assessment,
        AssessmentItem,
        Attachment,
        HasilFigure,
        ItemScore,
    )
    from sikap.org.domain import pemda_create
    from sikap.rules import zi

    t0 = time.perf_counter()
    pemda = pemda_create(actor=None, code=code, name=f"Pemda {code}")
    tree = _support.build_tree(pemda, units, levels=1)
    book = zi.RULEBOOKS.select(YEAR)
    items = book.items
    with transaction.atomic():
        docs = Document.objects.bulk_create(
            [
                Document(
                    pemda=pemda,
                    unit=tree[0][i % units],
                    year=YEAR - (i % 3),
                    doc_type="laporan",
                    title=f"Dokumen {i:05d}",
                    kind="link",
                    url=f"https://example.org/{code}/{i}",
                )
                for i in range(documents)
            ],
            batch_size=5000,
        )
        assessments = Assessment.objects.bulk_create(
            [
                Assessment(pemda=pemda, unit=u, kind="zi", year=YEAR, stage="direviu")
                for u in tree[0]
            ]
        )
        rows = AssessmentItem.objects.bulk_create(
            [AssessmentItem(assessment=a, code=i.code) for a in assessments for i in items],
            batch_size=5000,
        )
        answers = {"ya/tidak": "Ya", "persen": "90%"}
        ItemScore.objects.bulk_create(
            [
                ItemScore(item=r, level=level, answer=answers.get(t, "B"))
                for r, t in zip(
                    rows, [i.answer_type for _ in assessments for i in items], strict=True
                )
                for level in ("self", "tpi", "tpn")
            ],
            batch_size=5000,
        )
        Attachment.objects.bulk_create(
            [Attachment(item=r, document=docs[n % documents]) for n, r in enumerate(rows)],
            batch_size=5000,
        )
        HasilFigure.objects.bulk_create(
            [
                HasilFigure(assessment=a, key=k, raw="x", points=p, source="eksternal")
                for a in assessments
                for k, p in (("capaian_kinerja", 3.75), ("ipak", 16.19), ("ipkp", 14.88))
            ]
        )
        for a in assessments:
            snapshot_refresh(a)
    print(
        f"  {code}: {units} units × {len(items)} items ({len(book.counts)} count rows) × 3 levels, "
        f"{documents:,} documents "
        f"built in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    return {"pemda": pemda, "user": _support.admin_pemda(pemda, f"admin-{code}"),
            "assessment": assessments[units // 2]}  # fmt: skip


def page_time(user: Any, pemda: Any, name: str, args: tuple[Any, ...] = ()) -> tuple[float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from sikap.org.tenancy import in_pemda

    with in_pemda(pemda):
        url = reverse(name, args=args) + f"?year={YEAR}"
    client = Client()
    client.force_login(user)

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    seconds = _support.median_seconds(get, REPEAT)
    with CaptureQueriesContext(connection) as queries:
        get()
    return seconds, len(queries)


def child() -> None:
    _support.django_setup()
    from django.db import connection

    print(f"database: {connection.vendor}; {_support.machine()}; median of {REPEAT} GETs per page")
    small = build("kecil", 2, 1_000)
    big = build("besar", 40, 20_000)
    print(f"  {'page':<22} {'2 units':>9} {'40 units':>9}  {'ratio':>7}  queries (2/40)")
    pages = (
        ("Pemda summary", "integrity:overview", lambda s: ()),
        (
            "unit workspace",
            "integrity:workspace",
            lambda s: ("zi", YEAR, s["assessment"].unit.code),
        ),  # fmt: skip
    )
    for label, name, args in pages:
        s, sq = page_time(small["user"], small["pemda"], name, args(small))
        b, bq = page_time(big["user"], big["pemda"], name, args(big))
        print(
            f"  {label:<22} {s * 1000:7.1f}ms {b * 1000:7.1f}ms  {b / s:6.2f}x  {sq}/{bq}",
            flush=True,
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    _support.run_child("bench.bench_integrity")


if __name__ == "__main__":
    main()
