"""The result rows and tallies written on PostgreSQL (binary arrays unnested by the server) are
exactly what bulk_create writes."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection, transaction

from sikap.culture import compute, domain
from sikap.culture.domain import results
from sikap.culture.models import (
    CampaignTally,
    CampaignUnit,
    InstrumentKind,
    Response,
    ResultGroup,
)
from tests.conftest import skip_or_fail
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, add_likert, make_campaign

# Every stored column but the id and the time stamp, read as the database holds it.
COLUMNS = [c for c in results._GROUP_COLUMNS if c != "computed_at"]


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("PostgreSQL is needed for a real COPY")


def stored(campaign):
    """Each stored row's columns as text, straight from the table, by unit."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(f'{c}::text' for c in COLUMNS)} "  # noqa: S608
            "FROM culture_resultgroup WHERE campaign_id = %s ORDER BY campaign_unit_id",
            [campaign.pk],
        )
        return cursor.fetchall()


def groups_of(campaign):
    """The campaign's result rows as results_recompute builds them, figures not yet worked out."""
    units = results._units(campaign)
    layout = compute.layout_for(campaign)
    direct = compute.aggregate_by_unit(campaign, layout)
    return results._result_groups(campaign, units, layout, direct)


def odd_row(campaign, unit_id):
    """A row with every kind of value COPY's text format must escape or write as NULL."""
    return results.GroupRow(
        campaign_id=campaign.pk,
        campaign_unit_id=unit_id,
        n=12,
        n_direct=3,
        suppressed=False,
        suppressed_reason="a\tb\\c\nd\re",
        comment_count=0,
        overall=1e-05,
        overall_band="C",
        overall_delta=-0.1,
        overall_significant=False,
        entropy=None,
        # Packed 64-bit sums at both ends of their range.
        sums=[0, 1, 2**62, 2**63 - 1, -(2**63), -1],
        changes={"BP": [35.714285714285715, None], "t": ['a\t"b"\\\n', "ünï\u2028"]},
        rulebook_version="v\\1",
    )


@pytest.mark.postgres
@pytest.mark.parametrize("kind", [InstrumentKind.IMPLEMENTASI, InstrumentKind.LIKERT])
def test_result_rows_written_from_arrays_equal_bulk_created_ones(personas, postgres_only, kind):
    campaign = make_campaign(personas, kind=kind, launch=True)
    if kind == InstrumentKind.IMPLEMENTASI:
        add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
        add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    else:
        add_likert(campaign, "DUKCAPIL", [{"BP1": 1 + i % 5, "AK2": 5} for i in range(7)])
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    rows, figures = groups_of(campaign)
    assert not all(r.suppressed for r in rows)
    # The odd row stands in for the last group, so it has a unit of its own; the one before
    # is a hidden group, every figure NULL.
    spare, hidden = rows[-1], rows[-2]
    rows = rows[:-2] + [
        results.GroupRow(campaign.pk, hidden.campaign_unit_id, 2, 2, True, "complementary"),
        odd_row(campaign, spare.campaign_unit_id),
    ]
    copies = [dataclasses.replace(r) for r in rows]

    def worked_out(row):
        if row.campaign_unit_id != spare.campaign_unit_id:  # the odd row keeps its values
            figures(row)

    results._merge_groups(campaign, rows, worked_out, {})
    copied = stored(campaign)
    ResultGroup.objects.filter(campaign=campaign).delete()
    results._insert_groups(copies, worked_out)
    inserted = stored(campaign)

    assert len(copied) == len(rows) > 2
    assert copied == inserted
    # And every value reads back through the model as it was computed.
    back = {g.campaign_unit_id: g for g in ResultGroup.objects.filter(campaign=campaign).order_by()}
    for row in rows:
        for field in results._GROUP_FIELDS:
            assert getattr(back[row.campaign_unit_id], field) == getattr(row, field), field


@pytest.mark.postgres
def test_stored_tallies_are_the_bytes_the_orm_writes(personas, postgres_only):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    domain.results_recompute(campaign=campaign, today=campaign.period_end)
    layout = compute.layout_for(campaign)
    stored = domain.tallies_stored(campaign)
    assert len(stored) == 2
    assert stored == compute.aggregate_by_unit(campaign, layout)
    row = CampaignTally.objects.get(campaign=campaign)
    written = (list(row.units), row.width, bytes(row.sums))
    # The same tallies saved through the ORM (as on SQLite) are the same bytes.
    CampaignTally.objects.filter(campaign=campaign).delete()
    CampaignTally.objects.create(
        campaign=campaign,
        units=list(stored),
        width=len(layout.names),
        sums=[v for vector in stored.values() for v in vector],
    )
    row = CampaignTally.objects.get(campaign=campaign)
    assert (list(row.units), row.width, bytes(row.sums)) == written
    assert domain.tallies_stored(campaign) == stored


def ids(campaign):
    return dict(ResultGroup.objects.filter(campaign=campaign).values_list("campaign_unit_id", "id"))


@pytest.mark.postgres
def test_a_republication_updates_the_published_rows_in_place(personas, postgres_only):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    rows, figures = groups_of(campaign)
    assert len(rows) > 3
    # Published: every group but the last.
    results._merge_groups(campaign, [dataclasses.replace(r) for r in rows[:-1]], figures, {})
    before = ids(campaign)
    # The new version: the first group is gone, the last is new, one row's values all change.
    changed = odd_row(campaign, rows[1].campaign_unit_id)
    new = [changed, *(dataclasses.replace(r) for r in rows[2:])]
    copies = [dataclasses.replace(r) for r in new]

    def worked_out(row):
        if row.campaign_unit_id != changed.campaign_unit_id:
            figures(row)

    results._merge_groups(campaign, new, worked_out)
    merged, after = stored(campaign), ids(campaign)
    # One version, one time: updated and inserted rows carry the same computed_at.
    stamps = ResultGroup.objects.filter(campaign=campaign).values_list("computed_at", flat=True)
    assert len(set(stamps)) == 1
    # Kept groups keep their row (updated, not deleted and inserted again) ...
    kept = {r.campaign_unit_id for r in rows[1:-1]}
    assert {pk: after[pk] for pk in kept} == {pk: before[pk] for pk in kept}
    assert rows[0].campaign_unit_id not in after
    assert rows[-1].campaign_unit_id in after and rows[-1].campaign_unit_id not in before
    # ... and hold exactly what a fresh insert of the new version stores.
    ResultGroup.objects.filter(campaign=campaign).delete()
    results._insert_groups(copies, worked_out)
    assert merged == stored(campaign)
    assert len(merged) == len(rows) - 1


@pytest.mark.postgres
def test_results_recompute_republishes_in_place(personas, postgres_only):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    domain.results_recompute(campaign=campaign)
    first, first_ids = stored(campaign), ids(campaign)
    domain.results_recompute(campaign=campaign)  # nothing changed: the same rows, updated
    assert stored(campaign) == first and ids(campaign) == first_ids
    # Five more respondents (k): the new version is published over the same rows.
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    domain.results_recompute(campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.publication_held == []
    republished = stored(campaign)
    assert ids(campaign) == first_ids and republished != first
    ResultGroup.objects.filter(campaign=campaign).delete()
    domain.results_recompute(campaign=campaign)  # a first publication of the same responses
    assert stored(campaign) == republished
    dukcapil = ResultGroup.objects.get(campaign=campaign, campaign_unit__code="DUKCAPIL")
    assert dukcapil.n == 2 * len(DUKCAPIL)


def test_tallies_are_forgotten_by_a_reset_and_written_again_whole(personas):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    domain.results_recompute(campaign=campaign, today=campaign.period_end)
    assert len(domain.tallies_stored(campaign)) == 2
    domain.tallies_reset(campaign=campaign)
    assert not CampaignTally.objects.filter(campaign=campaign).exists()
    # The PKM's sheets are gone (an import replaced them): only DUKCAPIL's sums are stored.
    layout = compute.layout_for(campaign)
    Response.objects.filter(campaign=campaign, campaign_unit__code="DINKES-PKM-KAMONJI").delete()
    domain.results_recompute(campaign=campaign, today=campaign.period_end)
    sums = domain.tallies_stored(campaign)
    dukcapil = CampaignUnit.objects.get(campaign=campaign, code="DUKCAPIL").pk
    assert list(sums) == [dukcapil]
    assert sums == compute.aggregate_by_unit(campaign, layout)
    assert sums[dukcapil][layout.index()["n"]] == len(DUKCAPIL)


@pytest.mark.postgres
def test_a_republication_refuses_when_published_rows_vanished(personas, postgres_only):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    rows, figures = groups_of(campaign)
    results._merge_groups(campaign, [dataclasses.replace(r) for r in rows], figures, {})
    published = results._published(campaign)
    before = stored(campaign)
    # Read as published, then removed by someone else before the update.
    ResultGroup.objects.filter(
        campaign=campaign, campaign_unit_id=rows[0].campaign_unit_id
    ).delete()
    vanished = pytest.raises(RuntimeError, match="1 published result rows vanished")
    with vanished, transaction.atomic():
        results._merge_groups(campaign, rows, figures, published)
    gone = str(rows[0].campaign_unit_id)
    assert stored(campaign) == [r for r in before if r[COLUMNS.index("campaign_unit_id")] != gone]
