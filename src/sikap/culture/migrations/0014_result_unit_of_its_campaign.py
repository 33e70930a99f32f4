"""A result row's unit must be a unit of the row's own campaign.

On PostgreSQL one composite foreign key, (campaign, campaign_unit) to the campaign's snapshot
units, takes the place of the two single ones: it refuses everything they refused (a unit that
does not exist; a campaign that does not exist, since a snapshot unit's own key names an
existing campaign) and also a unit of another campaign, with one check per inserted row instead
of two (a first publication inserts 5,000 rows; the checks run at its commit). SQLite keeps the
two single keys Django made.
"""

from django.db import migrations, models

TABLE = "culture_resultgroup"
COMPOSITE = "resultgroup_unit_of_its_campaign"
# The single keys as Django names them (the reverse migration makes them again).
SINGLE = {
    "campaign_id": (
        "culture_resultgroup_campaign_id_0c36bc60_fk_culture_campaign_id",
        "culture_campaign",
    ),
    "campaign_unit_id": (
        "culture_resultgroup_campaign_unit_id_3954eef7_fk_culture_c",
        "culture_campaignunit",
    ),
}


def _single_keys(cursor):
    """The names of the table's one-column foreign keys on the campaign or the unit."""
    cursor.execute(
        "SELECT c.conname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "WHERE c.conrelid = %s::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1 "
        "AND a.attname IN ('campaign_id', 'campaign_unit_id')",
        [TABLE],
    )
    return [name for (name,) in cursor.fetchall()]


def to_composite(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in _single_keys(cursor):
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {COMPOSITE} "
        "FOREIGN KEY (campaign_id, campaign_unit_id) "
        "REFERENCES culture_campaignunit (campaign_id, id) DEFERRABLE INITIALLY DEFERRED"
    )


def to_single(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT {COMPOSITE}")
    for column, (name, target) in SINGLE.items():
        schema_editor.execute(
            f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" FOREIGN KEY ({column}) '
            f"REFERENCES {target} (id) DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [("culture", "0013_tally_sums_packed")]

    operations = [
        # What the composite key refers to (PostgreSQL wants a unique key on those columns).
        migrations.AddConstraint(
            model_name="campaignunit",
            constraint=models.UniqueConstraint(
                fields=["campaign", "id"], name="campaignunit_of_campaign"
            ),
        ),
        migrations.RunPython(to_composite, to_single),
    ]
