"""SKM product names: stored as typed, unique per service unit whatever their case."""

import django.db.models.functions.text
from django.db import migrations, models

from sikap.core.codes import refuse_case_clashes


def refuse_clashes(apps, schema_editor):  # type: ignore[no-untyped-def]
    ServiceProduct = apps.get_model("publicservice", "ServiceProduct")
    refuse_case_clashes(
        ServiceProduct.objects.all(),
        scope=("service_unit_id",),
        field="name",
        what="SKM product names of a service unit",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publicservice", "0003_drop_unread_recompute_count"),
    ]

    operations = [
        migrations.RunPython(refuse_clashes, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="serviceproduct",
            name="product_unique_name",
        ),
        migrations.AddConstraint(
            model_name="serviceproduct",
            constraint=models.UniqueConstraint(
                models.F("service_unit"),
                django.db.models.functions.text.Lower("name"),
                name="product_unique_name_any_case",
            ),
        ),
    ]
