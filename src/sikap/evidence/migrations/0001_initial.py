# The evidence library moves out of the integrity app. Its tables stay where they are
# (integrity_document, integrity_documentversion): this migration only tells Django that
# the models now belong to the evidence app, so no row and no file moves.

import django.db.models.deletion
import sikap.evidence.storage
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('integrity', '0001_initial'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Document',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('doc_type', models.CharField(choices=[('sk', 'Surat Keputusan'), ('rencana', 'Rencana / program kerja'), ('laporan', 'Laporan'), ('sop', 'SOP'), ('notulen', 'Notulen / daftar hadir'), ('foto', 'Foto / dokumentasi'), ('pk', 'Perjanjian Kinerja'), ('lkjip', 'LKjIP / laporan kinerja'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='jenis dokumen')),
                        ('title', models.CharField(max_length=200, verbose_name='judul')),
                        ('kind', models.CharField(choices=[('file', 'Berkas'), ('link', 'Tautan')], max_length=10, verbose_name='bentuk')),
                        ('url', models.URLField(blank=True, max_length=500, verbose_name='tautan')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='berlaku sampai')),
                        ('current_number', models.PositiveIntegerField(default=0, verbose_name='versi terkini')),
                        ('removed_at', models.DateTimeField(blank=True, null=True, verbose_name='dihapus pada')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pemda', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.pemda')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.orgunit')),
                    ],
                    options={
                        'db_table': 'integrity_document',
                        'ordering': ['-year', 'title'],
                        'indexes': [models.Index(fields=['pemda', 'unit', 'year'], name='integrity_doc_unit_year')],
                    },
                ),
                migrations.CreateModel(
                    name='DocumentVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField(verbose_name='versi')),
                        ('file', models.FileField(max_length=200, storage=sikap.evidence.storage.evidence_storage, upload_to='')),
                        ('sha256', models.CharField(max_length=64)),
                        ('size', models.PositiveIntegerField(verbose_name='ukuran')),
                        ('content_type', models.CharField(max_length=100)),
                        ('original_name', models.CharField(max_length=150, verbose_name='nama berkas')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='evidence.document')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'integrity_documentversion',
                        'ordering': ['-number'],
                        'constraints': [models.UniqueConstraint(fields=('document', 'number'), name='integrity_docver_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
