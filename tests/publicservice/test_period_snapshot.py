"""The period snapshot (SkmPeriodTotals): the monthly rows summed per unit into each year,
semester and quarter, kept equal by both writers, back-filled by its migration, and what the
dashboard and the trends read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sikap.publicservice import domain, queries
from sikap.publicservice.models import SkmMonthly, SkmPeriodTotals, SkmResponse
from sikap.publicservice.periods import parse_period, period_keys


def answer(su, value, day, *, product=None, comment=""):
    domain.skm_submit(
        service_unit=su,
        product=product,
        answers={f"U{i}": value for i in range(1, 10)},
        comment=comment,
        today=day,
    )


def totals(su):
    return sorted(
        SkmPeriodTotals.objects.filter(service_unit=su).values_list(
            "period", "n", "comments", "s1", "c1", "s9", "c9"
        )
    )


def test_period_keys():
    assert period_keys(dt.date(2024, 1, 1)) == ("2024", "2024S1", "2024Q1")
    assert period_keys(dt.date(2024, 6, 1)) == ("2024", "2024S1", "2024Q2")
    assert period_keys(dt.date(2024, 7, 1)) == ("2024", "2024S2", "2024Q3")
    assert period_keys(dt.date(2024, 12, 1)) == ("2024", "2024S2", "2024Q4")


def test_answers_and_rebuilds_write_the_same_period_rows(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    product = domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")
    answer(su, 4, dt.date(2024, 2, 10), product=product, comment="Cepat")
    answer(su, 3, dt.date(2024, 3, 5))
    answer(su, 2, dt.date(2024, 8, 20))
    # Embedded mode: each answer added itself to its month and to its three periods.
    expected = [
        ("2024", 3, 1, 9, 3, 9, 3),
        ("2024Q1", 2, 1, 7, 2, 7, 2),
        ("2024Q3", 1, 0, 2, 1, 2, 1),
        ("2024S1", 2, 1, 7, 2, 7, 2),
        ("2024S2", 1, 0, 2, 1, 2, 1),
    ]
    assert totals(su) == expected
    SkmPeriodTotals.objects.filter(service_unit=su, period="2024").update(n=99)
    domain.skm_recompute(service_unit_id=su.pk)
    assert totals(su) == expected  # the rebuild writes them from the monthly rows again
    # Each period row is the sum of its months, products pooled.
    for key, n, *_rest in expected:
        p = parse_period(key)
        months = SkmMonthly.objects.filter(service_unit=su, month__gte=p.start, month__lte=p.end)
        assert sum(m.n for m in months) == n


def test_dashboard_totals_come_from_the_period_rows(personas, django_assert_num_queries):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    answer(su, 4, dt.date(2024, 2, 10))
    answer(su, 2, dt.date(2024, 8, 20))
    with django_assert_num_queries(1):
        year = queries.totals_by([su.pk], parse_period("2024"))
    assert (year[su.pk].n, year[su.pk].sums["U1"]) == (2, 6)
    second = queries.totals_by([], parse_period("2024S2"), pemda_id=personas.pemda.pk)
    assert (second[su.pk].n, second[su.pk].sums["U1"]) == (1, 2)
    # A row the snapshot holds is what the page shows, even if answers were added behind its
    # back (rebuilds, not pages, read answers).
    SkmResponse.objects.create(service_unit=su, submitted_on=dt.date(2024, 8, 21), u1=4)
    assert queries.totals_by([su.pk], parse_period("2024"))[su.pk].n == 2
    trend = queries.trend_of([su.pk], parse_period("2024S2"))
    assert [(p.key, s.n, s.ikm) for p, s in trend] == [
        ("2022", 0, None),
        ("2023", 0, None),
        ("2024S1", 1, 100.0),
        ("2024S2", 1, 50.0),
    ]


BEFORE = [("publicservice", "0005_official_result_versions")]
AFTER = [("publicservice", "0006_skm_period_totals")]


@pytest.mark.django_db(transaction=True)
def test_migration_fills_the_period_rows_from_the_monthly_ones(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        monthly = old.get_model("publicservice", "SkmMonthly")
        for month, n in ((dt.date(2023, 11, 1), 2), (dt.date(2023, 12, 1), 3)):
            monthly.objects.create(service_unit_id=su.pk, month=month, n=n, s1=3 * n, c1=n)
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        rows = new.get_model("publicservice", "SkmPeriodTotals").objects.filter(
            service_unit_id=su.pk
        )
        assert sorted(rows.values_list("period", "n", "s1", "c1")) == [
            ("2023", 5, 15, 5),
            ("2023Q4", 5, 15, 5),
            ("2023S2", 5, 15, 5),
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
