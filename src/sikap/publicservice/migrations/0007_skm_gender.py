"""One word for one concept: an SKM respondent's `sex` is `gender`, as on employees."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("publicservice", "0006_skm_period_totals")]

    operations = [
        migrations.RenameField(model_name="skmresponse", old_name="sex", new_name="gender"),
    ]
