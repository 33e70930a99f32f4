"""The roll-up snapshot (SkmRollupTotals): per OPD (root unit) and per Pemda and period, equal
to the sum of the service units' period rows and to a from-scratch computation over the raw
answers after answers, rebuilds, deletions, imports and a unit moved to another OPD; read by
the Pemda dashboard (OPD table, Pemda figure and trend)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from sikap.org.domain import units_rebuild_paths
from sikap.org.models import OrgUnit
from sikap.publicservice import domain, queries
from sikap.publicservice.ikm import Totals, score_totals
from sikap.publicservice.models import (
    ServiceUnit,
    SkmPeriodTotals,
    SkmResponse,
    SkmRollupTotals,
)
from sikap.publicservice.periods import parse_period, period_keys
from tests.factories import make_unit

YEAR = dt.date.today().year
COLUMNS = ("n", "comments", *(f"s{i}" for i in range(1, 10)), *(f"c{i}" for i in range(1, 10)))
FIELDS = [f"u{i}" for i in range(1, 10)]


def answer(su, values, day, *, comment=""):
    domain.skm_submit(
        service_unit=su,
        product=None,
        answers={f"U{i}": v for i, v in enumerate(values, start=1)},
        comment=comment,
        today=day,
    )


def rollups(pemda) -> dict[tuple[int | None, str], tuple[int, ...]]:
    return {
        (row[0], row[1]): tuple(row[2:])
        for row in SkmRollupTotals.objects.filter(pemda=pemda).values_list(
            "unit_id", "period", *COLUMNS
        )
    }


def from_answers(pemda) -> dict[tuple[int | None, str], tuple[int, ...]]:
    """The same rows computed from the raw answers alone: each answer counted in its OPD (the
    root above its service unit, found by walking the parents) and its Pemda."""
    parents = dict(OrgUnit.objects.filter(pemda=pemda).values_list("id", "parent_id"))

    def root(unit_id):
        while parents[unit_id] is not None:
            unit_id = parents[unit_id]
        return unit_id

    opd_of = {su.pk: root(su.unit_id) for su in ServiceUnit.objects.filter(pemda=pemda)}
    sums: dict[tuple[int | None, str], list[int]] = defaultdict(lambda: [0] * len(COLUMNS))
    for r in SkmResponse.objects.filter(service_unit__pemda=pemda):
        values = [getattr(r, f) for f in FIELDS]
        if all(v is None for v in values):
            continue
        row = [1, int(bool(r.comment))]
        row += [v or 0 for v in values] + [int(v is not None) for v in values]
        for key in period_keys(r.submitted_on.replace(day=1)):
            for unit in (opd_of[r.service_unit_id], None):
                acc = sums[(unit, key)]
                for i, v in enumerate(row):
                    acc[i] += v
    return {k: tuple(v) for k, v in sums.items()}


def units_summed(pemda) -> dict[tuple[int | None, str], tuple[int, ...]]:
    """The same rows as sums of the service units' period rows (SkmPeriodTotals)."""
    sums: dict[tuple[int | None, str], list[int]] = defaultdict(lambda: [0] * len(COLUMNS))
    for path, period, *values in SkmPeriodTotals.objects.filter(
        service_unit__pemda=pemda
    ).values_list("service_unit__unit__path", "period", *COLUMNS):
        opd = int(path[:6], 16)
        for key in ((opd, period), (None, period)):
            acc = sums[key]
            for i, v in enumerate(values):
                acc[i] += v
    return {k: tuple(v) for k, v in sums.items()}


def assert_consistent(pemda):
    expected = from_answers(pemda)
    assert expected  # the cases below all have answers
    assert rollups(pemda) == expected
    assert units_summed(pemda) == expected


@pytest.fixture
def setup(personas):
    """Puskesmas Kamonji (under Dinas Kesehatan, OPD A) and an UPT under OPD B, both service
    units, with answers over two semesters; Dinas Kesehatan itself a service unit too."""
    upt = make_unit(personas.pemda, "DUKCAPIL-UPT", "UPT Dukcapil", "upt", parent=personas.opd_b)
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    dinkes, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_a)
    su_upt, _ = domain.service_unit_ensure(actor=None, unit=upt)
    answer(pkm, [4] * 9, dt.date(2024, 2, 10), comment="Cepat")
    answer(pkm, [3, None, 3, 3, 3, 3, 3, 3, 2], dt.date(2024, 8, 5))
    answer(dinkes, [1] * 9, dt.date(2024, 3, 1))
    answer(su_upt, [2] * 9, dt.date(2024, 11, 30))
    answer(su_upt, [4, 4, 4, 4, 4, 4, 4, 4, None], dt.date(2023, 12, 1))
    return pkm, dinkes, su_upt, upt


def head(row: tuple[int, ...]) -> tuple[int, int, int, int, int, int]:
    """n, comments, s1 and c1, s2 and c2 of a row in COLUMNS order."""
    return (row[0], row[1], row[2], row[11], row[3], row[12])


def test_answers_write_the_opd_and_pemda_rows(setup, personas):
    rows = rollups(personas.pemda)
    # Dinas Kesehatan's 2024: Kamonji's two answers (U2 left blank in one) and its own one.
    assert head(rows[(personas.opd_a.pk, "2024")]) == (3, 1, 4 + 3 + 1, 3, 4 + 1, 2)
    assert head(rows[(personas.opd_b.pk, "2024")]) == (1, 0, 2, 1, 2, 1)
    assert head(rows[(None, "2024")]) == (4, 1, 10, 4, 7, 3)
    assert head(rows[(None, "2023Q4")]) == (1, 0, 4, 1, 4, 1)
    assert (personas.opd_a.pk, "2023") not in rows
    assert_consistent(personas.pemda)


def test_rebuild_writes_the_same_rows_and_repairs_them(setup, personas):
    before = rollups(personas.pemda)
    SkmRollupTotals.objects.filter(pemda=personas.pemda, period="2024").update(n=99)
    SkmRollupTotals.objects.filter(pemda=personas.pemda, period="2023Q4").delete()
    pkm, dinkes, su_upt, _upt = setup
    domain.skm_recompute_many(service_unit_ids=[pkm.pk, su_upt.pk])
    assert rollups(personas.pemda) == before
    assert_consistent(personas.pemda)
    # A rebuild of one OPD's unit leaves the other OPD's rows as they were.
    SkmRollupTotals.objects.filter(unit=personas.opd_b, period="2024").update(n=77)
    domain.skm_recompute(service_unit_id=pkm.pk)
    assert rollups(personas.pemda)[(personas.opd_b.pk, "2024")][0] == 77
    assert rollups(personas.pemda)[(None, "2024")][0] == 4 - 1 + 77  # sum of the OPD rows


def test_deleted_answers_leave_the_rows_after_the_rebuild(setup, personas):
    pkm, dinkes, su_upt, _upt = setup
    SkmResponse.objects.filter(service_unit=pkm, submitted_on=dt.date(2024, 2, 10)).delete()
    SkmResponse.objects.filter(service_unit=su_upt).delete()
    domain.skm_recompute_many(service_unit_ids=[pkm.pk, su_upt.pk])
    rows = rollups(personas.pemda)
    assert not any(unit == personas.opd_b.pk for unit, _period in rows)
    assert head(rows[(None, "2024")]) == (2, 0, 4, 2, 1, 1)
    assert (None, "2023") not in rows
    assert_consistent(personas.pemda)


def test_an_import_adds_its_answers_to_the_rows(
    setup, personas, django_capture_on_commit_callbacks
):
    data = (
        b"tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
        b"2024-07-01,Rawat Jalan,1,1,1,1,1,1,1,1,1\n"
        b"2024-07-02,Rawat Jalan,4,4,4,4,4,4,4,4,4\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        domain.skm_import(
            actor=personas.admin_pemda,
            pemda=personas.pemda,
            unit_code="DINKES-PKM-KAMONJI",
            data=data,
            today=dt.date(2024, 12, 31),
        )
    assert head(rollups(personas.pemda)[(personas.opd_a.pk, "2024S2")])[:4] == (3, 0, 8, 3)
    assert_consistent(personas.pemda)


def test_a_unit_moved_to_another_opd_moves_its_answers(setup, personas):
    pkm, dinkes, su_upt, upt = setup
    before = rollups(personas.pemda)
    with transaction.atomic():
        OrgUnit.objects.filter(pk=personas.puskesmas.pk).update(parent=personas.opd_b)
        assert units_rebuild_paths(pemda=personas.pemda) == 1
    rows = rollups(personas.pemda)
    # Kamonji's 2024 answers (n 2) left Dinas Kesehatan for Dukcapil; the Pemda's are as before.
    assert rows[(personas.opd_a.pk, "2024")][0] == 1
    assert rows[(personas.opd_b.pk, "2024")][0] == 3
    assert {k: v for k, v in rows.items() if k[0] is None} == {
        k: v for k, v in before.items() if k[0] is None
    }
    assert_consistent(personas.pemda)


def figures(html: str) -> dict[str, str]:
    """OPD name -> "IKM · category" as the dashboard's OPD table shows it."""
    found = re.findall(r'/org/\d+/\?period=[^"]+">([^<]+)</a>.*?band-\w+">([^<]+)</span>', html)
    return {name: ikm.split(" · ")[0] for name, ikm in found}


def scratch_ikm(pemda, opd: OrgUnit | None, key: str) -> str:
    t = dict(zip(COLUMNS, from_answers(pemda)[(opd.pk if opd else None, key)], strict=True))
    codes = [f"U{i}" for i in range(1, 10)]
    totals = Totals(
        n=t["n"],
        comments=t["comments"],
        sums={c: t[f"s{i}"] for i, c in enumerate(codes, start=1)},
        counts={c: t[f"c{i}"] for i, c in enumerate(codes, start=1)},
    )
    score = score_totals(totals, year=int(key[:4]))
    return f"{score.ikm:.2f}".replace(".", ",")


@pytest.mark.parametrize("key", ["2024", "2024S2", "2023Q4"])
def test_dashboard_figures_equal_a_computation_from_the_answers(
    setup, personas, client_for, key, django_assert_max_num_queries
):
    client = client_for(personas.admin_pemda)
    html = client.get(reverse("publicservice:dashboard") + f"?period={key}").content.decode()
    shown = figures(html)
    for opd in (personas.opd_a, personas.opd_b):
        if (opd.pk, key) in from_answers(personas.pemda):
            assert shown[opd.name] == scratch_ikm(personas.pemda, opd, key)
        else:
            assert opd.name not in shown or "belum ada jawaban" in html
    pemda_ikm = re.search(r'data-testid="pemda-ikm">([0-9,]+) ·', html)
    assert pemda_ikm is not None
    assert pemda_ikm.group(1) == scratch_ikm(personas.pemda, None, key)
    # The Pemda's trend from the prepared rows equals the one pooled over every unit.
    period = parse_period(key)
    ids = list(ServiceUnit.objects.filter(pemda=personas.pemda).values_list("id", flat=True))
    opds, trend = queries.rollup_totals(personas.pemda.pk, period)
    assert [(p.key, s.n, s.ikm) for p, s in trend] == [
        (p.key, s.n, s.ikm) for p, s in queries.trend_of(ids, period)
    ]
    assert set(opds) <= {personas.opd_a.pk, personas.opd_b.pk}


def test_an_opd_reader_still_sees_only_their_opd(setup, personas, client_for):
    html = (
        client_for(personas.pimpinan)
        .get(reverse("publicservice:dashboard") + "?period=2024")
        .content.decode()
    )
    assert figures(html) == {"Dinas Kesehatan": scratch_ikm(personas.pemda, personas.opd_a, "2024")}
    assert 'data-testid="pemda-ikm"' not in html


BEFORE = [("publicservice", "0007_skm_gender")]
AFTER = [("publicservice", "0008_skm_rollup_totals")]


@pytest.mark.django_db(transaction=True)
def test_migration_fills_the_rollup_rows_from_the_unit_rows(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    own, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        totals = old.get_model("publicservice", "SkmPeriodTotals")
        totals.objects.create(service_unit_id=su.pk, period="2023", n=5, s1=15, c1=5)
        totals.objects.create(service_unit_id=own.pk, period="2023", n=2, s1=4, c1=2)
        totals.objects.create(service_unit_id=own.pk, period="2023Q4", n=2, s1=4, c1=2)
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        rows = new.get_model("publicservice", "SkmRollupTotals").objects.all()
        assert sorted(
            rows.values_list("unit_id", "period", "n", "s1", "c1"), key=lambda r: (r[0] or 0, r[1])
        ) == [
            (None, "2023", 7, 19, 7),
            (None, "2023Q4", 2, 4, 2),
            *sorted(
                [
                    (personas.opd_a.pk, "2023", 5, 15, 5),
                    (personas.opd_b.pk, "2023", 2, 4, 2),
                    (personas.opd_b.pk, "2023Q4", 2, 4, 2),
                ],
                key=lambda r: (r[0], r[1]),
            ),
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_row_made_by_a_concurrent_answer_is_added_to_not_refused(setup, personas, monkeypatch):
    """The first answers of a period in an OPD may come at once: when the rows appear after
    this answer's UPDATE looked for them (here: an UPDATE that finds nothing although they
    exist), the answer neither fails on the unique constraint nor loses its increment."""
    from sikap.publicservice.domain import skm_snapshots

    pkm, _dinkes, _su_upt, _upt = setup
    before = rollups(personas.pemda)
    original = skm_snapshots._rollups_sql.__wrapped__

    def blind(columns):
        return original(columns).replace("WHERE pemda_id = %s", "WHERE 1 = 0 AND pemda_id = %s")

    monkeypatch.setattr(skm_snapshots, "_rollups_sql", blind)
    answer(pkm, [4] * 9, dt.date(2024, 2, 11))
    after = rollups(personas.pemda)
    for key in ((personas.opd_a.pk, "2024"), (None, "2024Q1"), (None, "2024S1")):
        assert after[key][0] == before[key][0] + 1, key
    monkeypatch.undo()
    assert_consistent(personas.pemda)
