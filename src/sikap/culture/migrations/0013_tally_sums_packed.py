"""Closed-day tallies: one packed value per campaign instead of a row per unit.

Tallies are a cache of the recompute: instead of converting them, every campaign forgets its
tallies (as an import does) and the next recompute sums those days again.
"""

import django.db.models.deletion
import sikap.core.fields
from django.db import migrations, models
from django.db.models import F


def forget_tallies(apps, schema_editor):
    Campaign = apps.get_model("culture", "Campaign")
    Campaign.objects.filter(tallied_before__isnull=False).update(
        tallied_before=None, tally_generation=F("tally_generation") + 1
    )


def store_uncompressed(apps, schema_editor):
    # Written whole at every recompute that folds a day: not worth compressing each time.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE culture_campaigntally ALTER COLUMN sums SET STORAGE EXTERNAL"
        )


class Migration(migrations.Migration):
    dependencies = [("culture", "0012_result_sums")]

    operations = [
        migrations.RunPython(forget_tallies, migrations.RunPython.noop),
        migrations.DeleteModel(name="UnitTally"),
        migrations.CreateModel(
            name="CampaignTally",
            fields=[
                (
                    "campaign",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="culture.campaign",
                    ),
                ),
                ("units", sikap.core.fields.IntListField()),
                ("width", models.PositiveIntegerField()),
                ("sums", sikap.core.fields.IntListField()),
            ],
        ),
        migrations.RunPython(store_uncompressed, migrations.RunPython.noop),
    ]
