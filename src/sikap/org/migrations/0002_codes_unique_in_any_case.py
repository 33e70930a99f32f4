"""Pemda and unit codes: stored as typed, unique whatever their case (sikap.core.codes)."""

import django.db.models.functions.text
from django.db import migrations, models

from sikap.core.codes import refuse_case_clashes


def refuse_clashes(apps, schema_editor):  # type: ignore[no-untyped-def]
    Pemda = apps.get_model("org", "Pemda")
    OrgUnit = apps.get_model("org", "OrgUnit")
    refuse_case_clashes(Pemda.objects.all(), scope=(), field="code", what="Pemda codes")
    refuse_case_clashes(
        OrgUnit.objects.all(), scope=("pemda_id",), field="code", what="unit codes of a Pemda"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_clashes, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="orgunit",
            name="orgunit_unique_code_per_pemda",
        ),
        migrations.AddConstraint(
            model_name="orgunit",
            constraint=models.UniqueConstraint(
                models.F("pemda"),
                django.db.models.functions.text.Lower("code"),
                name="orgunit_unique_code_any_case_per_pemda",
            ),
        ),
        migrations.AddConstraint(
            model_name="pemda",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("code"), name="pemda_unique_code_any_case"
            ),
        ),
    ]
