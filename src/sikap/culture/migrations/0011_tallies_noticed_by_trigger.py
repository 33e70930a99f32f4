"""Rows of closed days written, changed or removed behind the recompute's back make the
campaign's tallies stale at once, by trigger, instead of being found by counting every row of
the closed days at each recompute (a scan of the whole campaign's index)."""

from django.db import migrations

# One function for every trigger: `changed` is the rows inserted, removed, or (one trigger
# for each side) updated by the statement. A campaign any of whose changed rows is dated
# before its tally cutoff forgets its tallies, as tallies_reset does.
POSTGRES = """
CREATE FUNCTION culture_response_tallies_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE culture_campaign SET tallied_before = NULL,
               tally_generation = tally_generation + 1
         WHERE tallied_before IS NOT NULL;
    ELSE
        UPDATE culture_campaign c SET tallied_before = NULL,
               tally_generation = c.tally_generation + 1
          FROM (SELECT campaign_id, min(created_on) AS first_day
                  FROM changed GROUP BY campaign_id) r
         WHERE c.id = r.campaign_id AND r.first_day < c.tallied_before;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER culture_response_tallies_insert AFTER INSERT ON culture_response
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION culture_response_tallies_stale();
CREATE TRIGGER culture_response_tallies_delete AFTER DELETE ON culture_response
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION culture_response_tallies_stale();
CREATE TRIGGER culture_response_tallies_update_old AFTER UPDATE ON culture_response
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION culture_response_tallies_stale();
CREATE TRIGGER culture_response_tallies_update_new AFTER UPDATE ON culture_response
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION culture_response_tallies_stale();
CREATE TRIGGER culture_response_tallies_truncate AFTER TRUNCATE ON culture_response
    FOR EACH STATEMENT EXECUTE FUNCTION culture_response_tallies_stale();
"""
POSTGRES_DROP = """
DROP TRIGGER culture_response_tallies_insert ON culture_response;
DROP TRIGGER culture_response_tallies_delete ON culture_response;
DROP TRIGGER culture_response_tallies_update_old ON culture_response;
DROP TRIGGER culture_response_tallies_update_new ON culture_response;
DROP TRIGGER culture_response_tallies_truncate ON culture_response;
DROP FUNCTION culture_response_tallies_stale();
"""

# SQLite has no statement triggers with transition tables: one per row, as cheap there.
_SQLITE_STALE = (
    "UPDATE culture_campaign SET tallied_before = NULL, "
    "tally_generation = tally_generation + 1 "
    "WHERE id = {row}.campaign_id AND tallied_before IS NOT NULL "
    "AND {row}.created_on < tallied_before;"
)
SQLITE = [
    "CREATE TRIGGER culture_response_tallies_insert AFTER INSERT ON culture_response "
    f"BEGIN {_SQLITE_STALE.format(row='NEW')} END",
    "CREATE TRIGGER culture_response_tallies_delete AFTER DELETE ON culture_response "
    f"BEGIN {_SQLITE_STALE.format(row='OLD')} END",
    "CREATE TRIGGER culture_response_tallies_update AFTER UPDATE ON culture_response "
    f"BEGIN {_SQLITE_STALE.format(row='OLD')} {_SQLITE_STALE.format(row='NEW')} END",
]
SQLITE_DROP = [
    "DROP TRIGGER culture_response_tallies_insert",
    "DROP TRIGGER culture_response_tallies_delete",
    "DROP TRIGGER culture_response_tallies_update",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in [POSTGRES] if vendor == "postgresql" else SQLITE if vendor == "sqlite" else []:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in [POSTGRES_DROP] if vendor == "postgresql" else SQLITE_DROP if vendor == "sqlite" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("culture", "0010_result_rows_rewritten_in_place"),
    ]

    operations = [migrations.RunPython(create, drop)]
