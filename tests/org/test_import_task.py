from __future__ import annotations

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from sikap.core.models import TaskProgress
from sikap.org.imports.queries import progress_cache_key
from sikap.org.models import Employee, OrgUnit
from sikap.org.tasks import import_run
from tests.org.conftest import UNITS_GOOD, csv_bytes


def queued(personas, data: bytes | None, what: str = "units") -> TaskProgress:
    path = (
        default_storage.save("imports/test.csv", ContentFile(data))
        if data is not None
        else "imports/missing.csv"
    )
    return TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind=f"org.import.{what}",
        result={"file": path, "file_name": "unit.csv", "what": what},
    )


def test_task_runs_once_and_cleans_up(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    progress = queued(personas, csv_bytes(UNITS_GOOD))
    path = progress.result["file"]
    import_run(progress.pk)
    progress.refresh_from_db()
    assert (progress.status, progress.done, progress.total, progress.message) == (
        "done",
        5,
        5,
        "Impor selesai",
    )
    assert (progress.result["created"], progress.result["what"]) == (5, "units")
    assert not default_storage.exists(path)
    count = OrgUnit.objects.count()
    import_run(progress.pk)  # a retry of a finished task changes nothing
    progress.refresh_from_db()
    assert (progress.status, OrgUnit.objects.count()) == ("done", count)


def test_task_missing_upload_fails_cleanly(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    progress = queued(personas, None, what="employees")
    before = Employee.objects.count()
    import_run(progress.pk)
    progress.refresh_from_db()
    assert (progress.status, progress.message) == (
        "failed",
        "Berkas unggahan tidak ditemukan; unggah ulang.",
    )
    assert Employee.objects.count() == before


def test_task_ignores_foreign_kinds(personas):
    other = TaskProgress.objects.create(pemda=personas.pemda, kind="culture.recompute")
    import_run(other.pk)
    other.refresh_from_db()
    assert other.status == "pending"


def test_live_progress_from_cache(personas, client_for):
    progress = TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.employees",
        result={"file_name": "p.csv"},
    )
    cache.set(progress_cache_key(progress.pk), (30, 40, "Menyimpan pegawai"))
    try:
        body = (
            client_for(personas.admin_pemda)
            .get(reverse("org_import:status", args=[progress.pk]))
            .content.decode()
        )
    finally:
        cache.delete(progress_cache_key(progress.pk))
    assert "Berjalan — Menyimpan pegawai" in body
    assert 'data-progress="75"' in body


def test_task_unexpected_error_is_reported_and_upload_removed(
    personas, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    progress = queued(personas, csv_bytes(UNITS_GOOD))
    path = progress.result["file"]

    def boom(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("sikap.org.tasks.units_import", boom)
    before = OrgUnit.objects.count()
    import_run(progress.pk)
    progress.refresh_from_db()
    assert (progress.status, progress.message) == (
        "failed",
        "Terjadi kesalahan tak terduga; tidak ada data yang disimpan.",
    )
    assert not default_storage.exists(path)
    assert OrgUnit.objects.count() == before
