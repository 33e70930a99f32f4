from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sikap.core.models import AuditLog, TaskProgress
from sikap.core.roles import Role
from sikap.org.models import Employee, OrgUnit
from sikap.org.tenancy import in_pemda, pemda_url
from tests.factories import UserFactory
from tests.org.conftest import EMPLOYEES_GOOD, EMPLOYEES_HEADER, KADIS, csv_bytes


def upload_url(pemda=None) -> str:
    """The upload page of `pemda` (default: the Pemda the test reverses in, Palu)."""
    return reverse("org_import:upload") if pemda is None else pemda_url(pemda, "org_import:upload")


def post_file(client, name: str, data: bytes, what: str = "employees", url=None, **extra):
    payload = {"what": what, "file": SimpleUploadedFile(name, data), **extra}
    return client.post(url or upload_url(), payload)


def state():
    return (
        Employee.objects.count(),
        OrgUnit.objects.count(),
        TaskProgress.objects.count(),
        AuditLog.objects.count(),
    )


def test_upload_page_for_admin_pemda(personas, client_for):
    response = client_for(personas.admin_pemda).get(upload_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="file"' in body
    assert reverse("org_import:template", args=["employees", "xlsx"]) in body
    # The Pemda is the page's own: shown, not asked.
    assert 'name="pemda"' not in body
    assert f"<strong>{personas.pemda.name}</strong>" in body


@pytest.fixture
def tasks_not_yet_loaded(monkeypatch):
    """The import task as a fresh process sees it: not registered until the apps' task modules
    are loaded (`task_named`), as on the first upload after a start."""
    from celery import current_app
    from django.urls import get_script_prefix, set_script_prefix

    from sikap.core.tasks_util import task_named

    name = "sikap.org.tasks.import_run"
    prefix = get_script_prefix()
    task = task_named(name)
    set_script_prefix(prefix)
    monkeypatch.delitem(current_app.tasks, name)
    load = current_app.loader.import_default_modules

    def import_default_modules():  # type: ignore[no-untyped-def]
        modules = load()
        current_app.tasks[name] = task
        return modules

    monkeypatch.setattr(current_app.loader, "import_default_modules", import_default_modules)


def test_upload_runs_import_and_progress_shows_counts(
    personas, client_for, django_capture_on_commit_callbacks, tasks_not_yet_loaded
):
    client = client_for(personas.admin_pemda)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, "pegawai.csv", csv_bytes(EMPLOYEES_GOOD))
    progress = TaskProgress.objects.get(owner=personas.admin_pemda)
    assert response.status_code == 302
    assert response["Location"] == reverse("org_import:progress", args=[progress.pk])
    assert (progress.kind, progress.status, progress.pemda) == (
        "org.import.employees",
        "done",
        personas.pemda,
    )
    assert (progress.result["created"], progress.result["warning_count"]) == (4, 1)
    assert Employee.objects.filter(pemda=personas.pemda).count() == 5
    page = client.get(response["Location"]).content.decode()
    assert '<dd class="col-6 col-sm-9" data-count="created">4</dd>' in page
    assert "hx-trigger" not in page  # finished: the partial stops polling
    status = client.get(reverse("org_import:status", args=[progress.pk])).content.decode()
    assert status.lstrip().startswith('<div id="import-status" aria-live="polite">')
    assert AuditLog.objects.filter(action="org.employees_import_queue").count() == 1


def test_bad_file_shows_every_row_error_and_stores_nothing(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.admin_pemda)
    bad = csv_bytes(
        f"{EMPLOYEES_HEADER}\n{KADIS},Andi,DINKES,PPPK,Kepala,,,,,,\n123,X,NOWHERE,PNS,Staf,,,,,,"
    )
    before = Employee.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, "pegawai.csv", bad)
    progress = TaskProgress.objects.get(owner=personas.admin_pemda)
    assert progress.status == "failed"
    assert [(e["row"], e["column"], e["value"]) for e in progress.result["errors"]] == [
        (2, "jenis_pegawai", "PPPK"),
        (3, "nip", "123"),
        (3, "kode_unit", "NOWHERE"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "<td>3</td><td>kode_unit</td><td><code>NOWHERE</code></td>" in page
    assert Employee.objects.count() == before


def test_pending_progress_polls_every_second(personas, client_for):
    progress = TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.units",
        total=10,
        done=4,
        result={"file_name": "u.csv"},
    )
    client = client_for(personas.admin_pemda)
    body = client.get(reverse("org_import:status", args=[progress.pk])).content.decode()
    url = reverse("org_import:status", args=[progress.pk])
    assert f'hx-get="{url}" hx-trigger="every 1s" hx-swap="outerHTML"' in body
    assert 'data-progress="40"' in body


def test_form_rejects_wrong_type_and_size(personas, client_for, settings):
    client = client_for(personas.admin_pemda)
    before = state()
    response = post_file(client, "pegawai.pdf", b"%PDF")
    assert response.status_code == 400
    assert (
        "Jenis berkas tidak didukung (pegawai.pdf); gunakan .csv atau .xlsx."
        in response.content.decode()
    )
    settings.SIKAP_IMPORT_MAX_BYTES = 1024
    response = post_file(client, "pegawai.csv", b"x" * 2048)
    assert "Berkas terlalu besar (2048 byte; maksimal 1024 byte)." in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai"])
def test_others_cannot_upload(personas, client_for, who):
    client = client_for(getattr(personas, who))
    before = state()
    assert client.get(upload_url()).status_code == 404
    response = post_file(client, "pegawai.csv", csv_bytes(EMPLOYEES_GOOD))
    assert response.status_code == 404
    assert client.get(reverse("org_import:template", args=["units", "csv"])).status_code == 404
    assert state() == before


def test_anonymous_cannot_upload(personas, client_for):
    client = client_for(None)
    before = state()
    response = post_file(client, "pegawai.csv", csv_bytes(EMPLOYEES_GOOD))
    assert response.status_code == 302
    with in_pemda(None):
        login = reverse("accounts:login")
    assert response["Location"].startswith(login)
    assert state() == before


def test_outsider_cannot_target_another_pemda(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.outsider)
    before = state()
    palu = Employee.objects.filter(pemda=personas.pemda).count()
    # The outsider is Admin Pemda of Donggala; Palu's upload page does not exist for them.
    assert client.get(upload_url()).status_code == 404
    response = post_file(client, "pegawai.csv", csv_bytes(EMPLOYEES_GOOD))
    assert response.status_code == 404
    assert state() == before
    # On their own Pemda's page a smuggled `pemda` field is ignored: the import goes into the
    # Pemda of the page.
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            client,
            "pegawai.csv",
            csv_bytes(EMPLOYEES_GOOD),
            url=upload_url(personas.other_pemda),
            pemda=personas.pemda.pk,
        )
    assert response.status_code == 302
    progress = TaskProgress.objects.get(owner=personas.outsider)
    assert progress.pemda == personas.other_pemda
    assert response["Location"] == pemda_url(
        personas.other_pemda, "org_import:progress", progress.pk
    )
    assert Employee.objects.filter(pemda=personas.pemda).count() == palu


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "outsider", "other_admin", None])
def test_progress_of_another_is_404(personas, client_for, who):
    progress = TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.units",
        result={"file_name": "u.csv"},
    )
    if who == "other_admin":
        user = UserFactory(username="admin-2", pemda=personas.pemda)
        user.role_assignments.create(pemda=personas.pemda, role=Role.ADMIN_PEMDA, unit=None)
    else:
        user = getattr(personas, who) if who else None
    client = client_for(user)
    for name in ("org_import:progress", "org_import:status"):
        response = client.get(reverse(name, args=[progress.pk]))
        assert response.status_code == (302 if user is None else 404)


def test_templates_download(personas, client_for):
    client = client_for(personas.admin_pemda)
    response = client.get(reverse("org_import:template", args=["employees", "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="templat-pegawai.csv"'
    assert (
        response.content
        == (
            "\ufeffnip,nama,kode_unit,jenis_pegawai,jabatan,nip_atasan,jenis_jabatan,eselon,"
            "golongan,email,jenis_kelamin\r\n"
        ).encode()
    )
    response = client.get(reverse("org_import:template", args=["units", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == [
        "kode",
        "nama",
        "kode_induk",
        "jenis",
        "singkatan",
        "berlaku_sejak",
        "berlaku_sampai",
        "digabung_ke",
    ]
    assert workbook.sheetnames == ["unit", "petunjuk"]
    assert client.get(reverse("org_import:template", args=["units", "pdf"])).status_code == 404


@pytest.mark.parametrize("n_errors", [1, 3])
def test_status_queries_do_not_grow_with_rows(
    personas, client_for, django_assert_max_num_queries, n_errors
):
    errors = [{"row": i + 2, "column": "nip", "value": "1", "reason": "x"} for i in range(n_errors)]
    progress = TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.employees",
        status="failed",
        result={"file_name": "p.csv", "ok": False, "error_count": n_errors, "errors": errors},
    )
    client = client_for(personas.admin_pemda)
    # the Pemda by its code, session, user, assignments, progress
    with django_assert_max_num_queries(5):
        body = client.get(reverse("org_import:status", args=[progress.pk])).content.decode()
    assert body.count("<tr><td>") == n_errors


def test_column_descriptions_are_translated():
    from django.utils import translation

    from sikap.org.imports.columns import EMPLOYEE_COLUMNS, UNIT_COLUMNS

    with translation.override("en"):
        english = [str(c.description) for c in (*UNIT_COLUMNS, *EMPLOYEE_COLUMNS)]
    with translation.override("id"):
        indonesian = [str(c.description) for c in (*UNIT_COLUMNS, *EMPLOYEE_COLUMNS)]
    assert english[0] == "Unique code of the unit"
    assert indonesian[0] == "Kode unik unit"
    # Every description has its English text (one the catalogue missed would stay Indonesian).
    assert [e for e, d in zip(english, indonesian, strict=True) if e == d] == []
