"""Big and hostile files: caps on unzipped size and rows, a time limit, interrupted jobs closed,
and the upload (personal data) deleted however the import ends."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sikap.core import tables
from sikap.core.models import AuditLog, TaskProgress
from sikap.org import tasks
from sikap.org.domain import imports_fail_stale, units_import
from sikap.org.models import OrgUnit
from sikap.publicservice.domain import SkmImportError, skm_import
from tests.org.conftest import UNITS_GOOD, csv_bytes, xlsx_bytes

UNIT_HEADER = "kode,nama,kode_induk,jenis"
INTERRUPTED = (
    "Impor terputus (proses dihentikan sebelum selesai); tidak ada data yang disimpan. "
    "Unggah ulang berkasnya."
)


def zip_bomb(padding: int) -> bytes:
    """A real workbook whose sheet is followed by `padding` bytes of blanks (legal XML): a few
    hundred KB on disk, hundreds of MB once unpacked."""
    source = zipfile.ZipFile(
        io.BytesIO(xlsx_bytes([UNIT_HEADER.split(","), ["A", "A", "", "dinas"]]))
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(info.filename, "w", force_zip64=True) as member:
                    member.write(data)
                    chunk = b" " * (1024 * 1024)
                    for _ in range(padding // len(chunk)):
                        member.write(chunk)
            else:
                bomb.writestr(info, data)
    return out.getvalue()


def unit_rows(n: int) -> bytes:
    return csv_bytes(UNIT_HEADER + "".join(f"\nU{i},Unit {i},,dinas" for i in range(n)))


def state() -> tuple[int, int]:
    return OrgUnit.objects.count(), AuditLog.objects.filter(action__endswith="_import").count()


def test_zip_bomb_is_refused_from_its_declared_sizes(personas):
    bomb = zip_bomb(150 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    before = state()
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.xlsx", data=bomb)
    assert [(e.row, e.reason) for e in report.errors] == [
        (
            0,
            "buku kerja ini berisi 150.0 MB data setelah dibuka; batasnya 100.0 MB "
            "(SIKAP_IMPORT_MAX_UNZIPPED_BYTES). Bagi berkas menjadi beberapa bagian.",
        )
    ]
    assert state() == before
    with pytest.raises(tables.TableError, match="SIKAP_IMPORT_MAX_UNZIPPED_BYTES"):
        tables.read_table("u.xlsx", bomb)


def test_unzipped_cap_follows_the_setting(personas, settings):
    settings.SIKAP_IMPORT_MAX_UNZIPPED_BYTES = 4 * 1024 * 1024
    report = units_import(
        actor=None, pemda=personas.pemda, file_name="u.xlsx", data=zip_bomb(5 * 1024 * 1024)
    )
    assert "batasnya 4.0 MB" in report.errors[0].reason
    small = xlsx_bytes([UNIT_HEADER.split(","), ["A", "Unit A", "", "dinas"]])
    assert units_import(actor=None, pemda=personas.pemda, file_name="u.xlsx", data=small).ok


ROW_CAP = (
    "berkas berisi lebih dari 10 baris data; batasnya 10 baris (SIKAP_IMPORT_MAX_ROWS). "
    "Bagi berkas menjadi beberapa bagian."
)


def test_rows_over_the_cap_are_refused_in_csv_and_xlsx(personas, settings):
    settings.SIKAP_IMPORT_MAX_ROWS = 10
    before = state()
    for name, data in (
        ("u.csv", unit_rows(11)),
        (
            "u.xlsx",
            xlsx_bytes([UNIT_HEADER.split(",")] + [[f"U{i}", "U", "", "dinas"] for i in range(11)]),
        ),
    ):
        report = units_import(actor=None, pemda=personas.pemda, file_name=name, data=data)
        assert [(e.row, e.reason) for e in report.errors] == [(0, ROW_CAP)]
    assert state() == before
    assert units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=unit_rows(10)).ok
    assert OrgUnit.objects.filter(code__startswith="U").count() == 10


def test_row_cap_holds_for_skm_and_calculator_files(personas, settings, tmp_path):
    settings.SIKAP_IMPORT_MAX_ROWS = 10
    rows = "".join("\n2024-01-15,Rawat Jalan,4,4,4,4,4,4,4,4,4" for _ in range(11))
    data = ("tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9" + rows).encode()
    with pytest.raises(SkmImportError) as err:
        skm_import(actor=None, pemda=personas.pemda, unit_code="DINKES", data=data)
    assert [(e.row, e.reason) for e in err.value.row_errors] == [(0, ROW_CAP)]
    path = tmp_path / "skm.csv"
    path.write_bytes(data)
    with pytest.raises(tables.TableError, match="SIKAP_IMPORT_MAX_ROWS"):
        tables.read_path(path)


# --- the task: every outcome removes the upload -------------------------------------------


def queued(personas, data: bytes, name: str = "u.csv") -> TaskProgress:
    path = default_storage.save(f"imports/{name}", ContentFile(data))
    return TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.units",
        result={"file": path, "file_name": name, "what": "units"},
    )


def run(progress: TaskProgress) -> TaskProgress:
    path = progress.result["file"]
    assert default_storage.exists(path)
    tasks.import_run(progress.pk)
    assert not default_storage.exists(path)
    progress.refresh_from_db()
    return progress


def test_upload_deleted_on_success_rejection_refusal(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SIKAP_IMPORT_MAX_ROWS = 10
    assert run(queued(personas, csv_bytes(UNITS_GOOD))).status == "done"
    before = state()
    rejected = run(queued(personas, csv_bytes(f"{UNIT_HEADER}\nX,,,dinas")))
    assert (rejected.status, rejected.message) == (
        "failed",
        "Impor dibatalkan; tidak ada yang disimpan",
    )
    refused = run(queued(personas, unit_rows(11)))
    assert [e["reason"] for e in refused.result["errors"]] == [ROW_CAP]
    bomb = run(queued(personas, zip_bomb(150 * 1024 * 1024), "u.xlsx"))
    assert "SIKAP_IMPORT_MAX_UNZIPPED_BYTES" in bomb.result["errors"][0]["reason"]
    assert state() == before
    assert os.listdir(tmp_path / "imports") == []


def test_upload_deleted_on_crash(personas, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def crash(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(tasks, "units_import", crash)
    progress = run(queued(personas, csv_bytes(UNITS_GOOD)))
    assert (progress.status, progress.message) == (
        "failed",
        "Terjadi kesalahan tak terduga; tidak ada data yang disimpan.",
    )


def test_time_limit_stops_the_import_and_stores_nothing(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SIKAP_IMPORT_TIME_LIMIT = 0  # already past at the first progress report
    before = state()
    progress = run(queued(personas, csv_bytes(UNITS_GOOD)))
    assert (progress.status, progress.message) == (
        "failed",
        "Impor dihentikan setelah 0 detik (SIKAP_IMPORT_TIME_LIMIT); tidak ada data yang "
        "disimpan. Bagi berkas menjadi beberapa bagian.",
    )
    assert state() == before


def test_celery_limits_come_from_the_setting(settings):
    assert tasks.import_run.soft_time_limit == settings.SIKAP_IMPORT_TIME_LIMIT
    assert tasks.import_run.time_limit == settings.SIKAP_IMPORT_TIME_LIMIT + tasks.HARD_LIMIT_GRACE


# --- interrupted jobs --------------------------------------------------------------------


def aged(progress: TaskProgress, status: str, seconds: float) -> TaskProgress:
    TaskProgress.objects.filter(pk=progress.pk).update(
        status=status, updated_at=timezone.now() - dt.timedelta(seconds=seconds)
    )
    progress.refresh_from_db()
    return progress


def test_stale_running_job_is_failed_and_its_upload_deleted(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SIKAP_IMPORT_TIME_LIMIT = 600
    stale = aged(queued(personas, csv_bytes(UNITS_GOOD), "a.csv"), "running", 600 + 61)
    fresh = aged(queued(personas, csv_bytes(UNITS_GOOD), "b.csv"), "running", 600)
    waiting = aged(queued(personas, csv_bytes(UNITS_GOOD), "c.csv"), "pending", 3600)
    lost = aged(queued(personas, csv_bytes(UNITS_GOOD), "d.csv"), "pending", 86400 + 1)
    orphan = default_storage.save("imports/orphan.csv", ContentFile(b"nip\n1"))
    old = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    os.utime(default_storage.path(orphan), (old, old))
    assert imports_fail_stale() == 2
    for item, status in (
        (stale, "failed"),
        (fresh, "running"),
        (waiting, "pending"),
        (lost, "failed"),
    ):
        item.refresh_from_db()
        assert item.status == status
        assert default_storage.exists(item.result["file"]) is (status != "failed")
    stale.refresh_from_db()
    assert stale.message == INTERRUPTED
    assert not default_storage.exists(orphan)
    assert AuditLog.objects.filter(action="org.import_interrupted").count() == 2
    assert imports_fail_stale() == 0  # idempotent
    tasks.import_run(stale.pk)  # a late delivery of the same job changes nothing
    stale.refresh_from_db()
    assert stale.status == "failed"


def test_polling_a_dead_job_shows_it_failed(personas, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stale = aged(
        queued(personas, csv_bytes(UNITS_GOOD)), "running", settings.SIKAP_IMPORT_TIME_LIMIT + 61
    )
    page = client_for(personas.admin_pemda).get(reverse("org_import:status", args=[stale.pk]))
    assert INTERRUPTED in page.content.decode()
    assert "hx-trigger" not in page.content.decode()
    stale.refresh_from_db()
    assert stale.status == "failed"
    assert not default_storage.exists(stale.result["file"])


def test_upload_over_the_row_cap_through_the_page(
    personas, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.SIKAP_IMPORT_MAX_ROWS = 10
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.admin_pemda).post(
            reverse("org_import:upload"),
            {
                "what": "units",
                "pemda": personas.pemda.pk,
                "file": SimpleUploadedFile("u.csv", unit_rows(11)),
            },
        )
    assert response.status_code == 302
    progress = TaskProgress.objects.get(owner=personas.admin_pemda)
    assert (progress.status, [e["reason"] for e in progress.result["errors"]]) == (
        "failed",
        [ROW_CAP],
    )
    assert state() == before
    assert os.listdir(tmp_path / "imports") == []
