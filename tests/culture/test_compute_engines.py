"""On PostgreSQL the recompute reads the rows out (binary COPY, Likert answers packed three bits
each) and DuckDB groups them: its sums must equal PostgreSQL's own GROUP BY of the same
aggregates, answer for answer, blanks and all."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import IntegrityError, connection, transaction

from sikap.culture import compute
from sikap.culture.models import LIKERT_COLUMNS, InstrumentKind, Response
from tests.conftest import skip_or_fail
from tests.culture.conftest import (
    DUKCAPIL,
    PKM,
    START,
    add_ballots,
    add_likert,
    make_campaign,
    unit_of,
)

CUTOFF = START + dt.timedelta(days=1)


def postgres_group_by(campaign, since=None):
    """{(unit, closed): sums} from PostgreSQL's own GROUP BY of the campaign's layout."""
    layout = compute.layout_for(campaign, int_div="/")
    where = f"campaign_id = {campaign.pk}"
    if since is not None:
        where += f" AND created_on >= '{since.isoformat()}'"
    sql = (
        f"SELECT campaign_unit_id, closed, {', '.join(layout.selects)} FROM "  # noqa: S608
        f"(SELECT *, CASE WHEN created_on < '{CUTOFF.isoformat()}' THEN 1 ELSE 0 END AS closed, "
        f"{compute.COMMENTED} AS commented{layout.row_columns()} FROM culture_response "
        f"WHERE {where}) r GROUP BY campaign_unit_id, closed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {(r[0], r[1]): [int(x or 0) for x in r[2:]] for r in cursor.fetchall()}


def read_and_group(campaign, since=None):
    rows = compute.group_rows(
        compute.read_rows(campaign, since=since, cutoff=CUTOFF), compute.layout_for(campaign)
    )
    return {(r[0], r[1]): [int(x or 0) for x in r[2:]] for r in rows}


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("the read-out-and-group path runs on PostgreSQL")


@pytest.mark.postgres
def test_likert_packed_read_gives_postgresql_own_sums(personas, postgres_only):
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT)
    rng = random.Random(4)
    codes = [c.upper() for c in LIKERT_COLUMNS]
    sheets = [
        dict.fromkeys(codes, 5),  # every item at the top of the scale
        {codes[-1]: 5},  # only the item in the highest bits
        {codes[0]: 1},  # only the item in the lowest bits
    ]
    # Random sheets with blanks anywhere, including sheets with no answer at all.
    sheets += [{c: rng.randint(1, 5) for c in codes if rng.random() < 0.7} for _ in range(60)]
    add_likert(campaign, "DUKCAPIL", sheets[:40])
    add_likert(campaign, "DINKES-PKM-KAMONJI", sheets[40:])
    later = Response.objects.filter(campaign=campaign, campaign_unit__code="DUKCAPIL")
    later = list(later.values_list("pk", flat=True)[:15])
    Response.objects.filter(pk__in=later).update(created_on=CUTOFF, comment="Saran")
    expected = postgres_group_by(campaign)
    assert len(expected) == 3  # two units, one of them on both sides of the cutoff
    assert read_and_group(campaign) == expected
    n_at = compute.layout_for(campaign).index()["n"]
    assert sum(v[n_at] for v in expected.values()) == sum(1 for s in sheets if s)


@pytest.mark.postgres
def test_implementasi_read_gives_postgresql_own_sums(personas, postgres_only):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM, comments=["Saran"] * 2)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL, day=CUTOFF)
    # A sheet without ballots reads as 0s, which must count as the NULLs do.
    unit = unit_of(campaign, "DUKCAPIL")
    Response.objects.create(campaign=campaign, campaign_unit=unit, created_on=START, pv=None)
    expected = postgres_group_by(campaign)
    assert read_and_group(campaign) == expected
    # Only the rows from `since` on, as an incremental recompute reads them.
    assert read_and_group(campaign, since=CUTOFF) == postgres_group_by(campaign, since=CUTOFF)
    assert list(read_and_group(campaign, since=CUTOFF)) == [(unit_of(campaign, "DUKCAPIL").pk, 0)]


@pytest.mark.postgres
def test_no_rows_give_no_sums(personas, postgres_only):
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT)
    assert read_and_group(campaign) == {}


@pytest.mark.parametrize("value", [0, 8])
def test_database_keeps_likert_answers_within_three_bits(personas, value):
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(campaign, "DUKCAPIL", [{"KL3": 7}])
    with transaction.atomic(), pytest.raises(IntegrityError):
        add_likert(campaign, "DUKCAPIL", [{"BP1": 3, "KL3": value}])
    assert list(Response.objects.values_list("bp1", "kl3")) == [(None, 7)]
