"""Results published before sums were kept stay readable; tallies stored as JSON are forgotten
(a cache the next recompute rebuilds) and the next publication rewrites the rows."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sikap.culture import domain
from sikap.culture.models import Campaign, CampaignTally, ResultGroup
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish

BEFORE = [("culture", "0011_tallies_noticed_by_trigger")]
AFTER = [("culture", "0013_tally_sums_packed")]


def figures(campaign: Campaign) -> dict[int, tuple]:
    return {
        g.campaign_unit_id: (g.n, g.overall, g.values, g.shares, g.stats, g.overall_ci)
        for g in ResultGroup.objects.filter(campaign=campaign)
    }


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_old_form_read_as_stored_and_tallies_are_forgotten(personas):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    expected = figures(campaign)
    assert any(v[2] for v in expected.values())
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        # The rows and tallies as the old schema held them: figures as JSON text.
        with connection.cursor() as cursor:
            for pk, (_n, _overall, values, shares, stats, ci) in expected.items():
                cursor.execute(
                    'UPDATE culture_resultgroup SET "values" = %s, shares = %s, stats = %s, '
                    "overall_ci = %s WHERE campaign_id = %s AND campaign_unit_id = %s",
                    [
                        *(
                            None if v is None else orjson.dumps(v).decode()
                            for v in (values, shares, stats, ci)
                        ),
                        campaign.pk,
                        pk,
                    ],
                )
            cursor.execute(
                "UPDATE culture_unittally SET sums = '[1, 2]' WHERE campaign_id = %s",
                [campaign.pk],
            )
            cursor.execute(
                "UPDATE culture_campaign SET tallied_before = %s WHERE id = %s",
                [dt.date(2023, 10, 1), campaign.pk],
            )
        generation = Campaign.objects.values_list("tally_generation", flat=True).get(pk=campaign.pk)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    # Read as stored, with no sums.
    assert figures(campaign) == expected
    assert set(ResultGroup.objects.filter(campaign=campaign).values_list("sums", flat=True)) == {
        None
    }
    # The tallies are forgotten, as an import forgets them.
    assert not CampaignTally.objects.filter(campaign=campaign).exists()
    campaign.refresh_from_db()
    assert (campaign.tallied_before, campaign.tally_generation) == (None, generation + 1)
    # The next publication rewrites every row in the new form, with the same figures.
    domain.results_recompute(campaign=campaign)
    assert figures(campaign) == expected
    rows = ResultGroup.objects.filter(campaign=campaign)
    assert all((g.sums is None) == g.suppressed for g in rows)
    assert all(g.stored_values is None and g.stored_shares is None for g in rows)
