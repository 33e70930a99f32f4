"""A result row's unit is a unit of its own campaign: on PostgreSQL one composite foreign key
(migration 0014) refuses what the two single keys refused, and a unit of another campaign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from sikap.culture import domain
from sikap.culture.models import Campaign, CampaignUnit, ResultGroup
from tests.conftest import skip_or_fail
from tests.culture.conftest import DUKCAPIL, END, START, add_ballots, make_campaign, publish

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("the composite key is PostgreSQL's (SQLite keeps the two single keys)")


def foreign_keys() -> dict[str, str]:
    """The foreign keys of culture_resultgroup: {name: definition}."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'culture_resultgroup'::regclass AND contype = 'f' ORDER BY conname"
        )
        return dict(cursor.fetchall())


def published_pair(personas) -> tuple[Campaign, Campaign]:
    """Two published campaigns of the same Pemda."""
    first = make_campaign(personas, launch=True)
    add_ballots(first, "DUKCAPIL", DUKCAPIL)
    second = make_campaign(
        personas,
        code="c2024",
        start=START + dt.timedelta(days=365),
        end=END + dt.timedelta(days=365),
        launch=True,
    )
    add_ballots(second, "DUKCAPIL", DUKCAPIL)
    return publish(first), publish(second)


def insert(campaign_id: int, unit_id: int) -> None:
    """A result row, its keys checked at once (they are otherwise checked at the commit)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "INSERT INTO culture_resultgroup (campaign_id, campaign_unit_id, n, n_direct, "
            "suppressed, comment_count, suppressed_reason, overall_band, rulebook_version, "
            "computed_at) VALUES (%s, %s, 0, 0, true, 0, '', '', '', now())",
            [campaign_id, unit_id],
        )


@pytest.mark.django_db
def test_one_composite_key_names_the_unit_of_the_rows_own_campaign(postgres_only):
    assert foreign_keys() == {
        "resultgroup_unit_of_its_campaign": "FOREIGN KEY (campaign_id, campaign_unit_id) "
        "REFERENCES culture_campaignunit(campaign_id, id) DEFERRABLE INITIALLY DEFERRED"
    }


@pytest.mark.parametrize("wrong", ["unit of another campaign", "no such unit", "no such campaign"])
def test_a_row_with_keys_that_do_not_belong_together_is_refused(personas, postgres_only, wrong):
    first, second = published_pair(personas)
    # Room for one row of `first`: its root group's row is removed, so only the keys decide.
    row = ResultGroup.objects.get(campaign=first, campaign_unit__parent__isnull=True)
    unit = row.campaign_unit_id
    row.delete()
    before = sorted(ResultGroup.objects.values_list("campaign_id", "campaign_unit_id", "n"))
    other = CampaignUnit.objects.get(campaign=second, parent__isnull=True).pk
    last_unit = CampaignUnit.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_campaign = Campaign.objects.order_by("-pk").values_list("pk", flat=True).first()
    campaign_id, unit_id = {
        "unit of another campaign": (first.pk, other),
        "no such unit": (first.pk, last_unit + 1),
        "no such campaign": (last_campaign + 1, unit),
    }[wrong]
    with pytest.raises(IntegrityError, match="resultgroup_unit_of_its_campaign"):
        insert(campaign_id, unit_id)
    assert sorted(ResultGroup.objects.values_list("campaign_id", "campaign_unit_id", "n")) == before
    insert(first.pk, unit)  # the right pair is taken
    assert ResultGroup.objects.filter(campaign=first, campaign_unit_id=unit).exists()


def test_a_unit_with_result_rows_cannot_be_removed_behind_them(personas, postgres_only):
    first, second = published_pair(personas)
    unit = CampaignUnit.objects.get(campaign=first, code="DUKCAPIL")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("DELETE FROM culture_resultgroup WHERE campaign_unit_id <> %s", [unit.pk])
        cursor.execute("DELETE FROM culture_campaignunit WHERE id = %s", [unit.pk])
    assert CampaignUnit.objects.filter(pk=unit.pk).exists()
    # Through SIKAP a campaign goes with its units and rows.
    first.delete()
    assert not ResultGroup.objects.filter(campaign_id=first.pk).exists()
    assert ResultGroup.objects.filter(campaign=second).exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_to_the_two_single_keys(personas, postgres_only):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    rows = ResultGroup.objects.filter(campaign=campaign).count()
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([("culture", "0013_tally_sums_packed")])
        assert sorted(foreign_keys().values()) == [
            "FOREIGN KEY (campaign_id) REFERENCES culture_campaign(id) DEFERRABLE INITIALLY DEFERRED",
            "FOREIGN KEY (campaign_unit_id) REFERENCES culture_campaignunit(id) "
            "DEFERRABLE INITIALLY DEFERRED",
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert list(foreign_keys()) == ["resultgroup_unit_of_its_campaign"]
    assert ResultGroup.objects.filter(campaign=campaign).count() == rows
    domain.results_recompute(campaign=campaign)  # a republication over the same rows
    assert ResultGroup.objects.filter(campaign=campaign).count() == rows
