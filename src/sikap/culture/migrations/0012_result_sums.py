"""Result rows keep their sums, not their worked-out figures.

A shown group's row stores its additive sums (`sums`) and its change per value (`changes`);
value indices, bands, intervals, behaviour shares and item means are worked out from them when
read. Rows published before keep their figures in the old columns, read as they are and cleared
when the row is rewritten; the model names those columns `stored_*` (no column is renamed).
"""

import sikap.core.fields
from django.db import migrations, models


def _legacy(column: str, name: str) -> list[migrations.operations.base.Operation]:
    """The model field `column` renamed `name`, its column kept."""
    return [
        migrations.RenameField("resultgroup", column, name),
        migrations.AlterField(
            "resultgroup",
            name,
            sikap.core.fields.JSONTextField(blank=True, null=True, db_column=column),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("culture", "0011_tallies_noticed_by_trigger")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *_legacy("values", "stored_values"),
                *_legacy("shares", "stored_shares"),
                *_legacy("stats", "stored_stats"),
                *_legacy("overall_ci", "stored_ci"),
            ],
        ),
        migrations.AddField(
            model_name="resultgroup",
            name="sums",
            field=sikap.core.fields.IntListField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="resultgroup",
            name="changes",
            field=sikap.core.fields.JSONTextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="campaign",
            name="result_layout",
            # Nullable without a default: SQLite adds the column in place (a default would
            # rebuild the table under culture_response's triggers).
            field=models.JSONField(blank=True, null=True),
        ),
    ]
