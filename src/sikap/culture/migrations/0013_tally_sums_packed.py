"""Closed-day tallies are stored packed (core.fields.pack_ints), as result rows' sums are.

Tallies are a cache of the recompute: instead of converting them, every campaign forgets its
tallies (as an import does) and the next recompute sums those days again.
"""

import sikap.core.fields
from django.db import migrations
from django.db.models import F


def forget_tallies(apps, schema_editor):
    Campaign = apps.get_model("culture", "Campaign")
    UnitTally = apps.get_model("culture", "UnitTally")
    UnitTally.objects.all().delete()
    Campaign.objects.filter(tallied_before__isnull=False).update(
        tallied_before=None, tally_generation=F("tally_generation") + 1
    )


class Migration(migrations.Migration):
    dependencies = [("culture", "0012_result_sums")]

    operations = [
        migrations.RunPython(forget_tallies, migrations.RunPython.noop),
        migrations.RemoveField(model_name="unittally", name="sums"),
        migrations.AddField(
            model_name="unittally",
            name="sums",
            field=sikap.core.fields.IntListField(default=list),
        ),
    ]
