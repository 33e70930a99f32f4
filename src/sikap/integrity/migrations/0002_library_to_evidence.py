# The evidence library now belongs to the evidence app (its 0001 takes the models over,
# tables unchanged). Here the integrity app lets go of them: its foreign keys point at
# evidence.Document, the same table, so the database is not touched.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('integrity', '0001_initial'),
        ('evidence', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='attachment',
                    name='document',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attachments', to='evidence.document'),
                ),
                migrations.AlterField(
                    model_name='assessment',
                    name='pencanangan_document',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='evidence.document'),
                ),
                migrations.DeleteModel(name='DocumentVersion'),
                migrations.DeleteModel(name='Document'),
            ],
            database_operations=[],
        ),
    ]
