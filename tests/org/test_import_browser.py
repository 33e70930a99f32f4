"""Browser check: upload an employee file, follow the progress page (HTMX polling under CSP)."""

from __future__ import annotations

import pytest
from django.test import Client

from sikap.core.models import TaskProgress
from sikap.org.models import Employee
from tests.org.conftest import EMPLOYEES_GOOD, csv_bytes

pytestmark = [pytest.mark.browser]


def _login_page(browser_context, live_server, user):  # type: ignore[no-untyped-def]
    """A phone-sized page already logged in as `user` (session cookie from the test client)."""
    client = Client()
    client.force_login(user)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def test_upload_and_progress_on_a_phone(personas, live_server, browser_context, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    upload = tmp_path / "pegawai.csv"
    upload.write_bytes(csv_bytes(EMPLOYEES_GOOD))
    page = _login_page(browser_context, live_server, personas.admin_pemda)
    page.goto(f"{live_server.url}/organisasi/impor/")
    page.get_by_label("Pegawai (PNS dan PPPK)").check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan impor").click()
    page.wait_for_url(f"{live_server.url}/p/palu/organisasi/impor/*/")
    assert page.locator("[data-count=created]").inner_text() == "4"
    assert page.get_by_text("Impor berhasil disimpan.").is_visible()
    assert browser_context.csp_errors == []
    assert Employee.objects.filter(pemda=personas.pemda).count() == 5


def test_progress_page_polls_until_done(personas, live_server, browser_context):
    progress = TaskProgress.objects.create(
        pemda=personas.pemda,
        owner=personas.admin_pemda,
        kind="org.import.units",
        status="running",
        done=1,
        total=4,
        message="Memeriksa baris",
        result={"file_name": "unit.csv"},
    )
    page = _login_page(browser_context, live_server, personas.admin_pemda)
    page.goto(f"{live_server.url}/organisasi/impor/{progress.pk}/")
    assert page.locator(".progress-bar").get_attribute("data-progress") == "25"
    # The bar's width comes from sikap.js (no inline style under the CSP).
    assert "25%" in (page.locator(".progress-bar").get_attribute("style") or "")
    TaskProgress.objects.filter(pk=progress.pk).update(
        status="done",
        done=3,
        total=3,
        result={
            "file_name": "unit.csv",
            "ok": True,
            "rows": 3,
            "created": 3,
            "updated": 0,
            "unchanged": 0,
            "warning_count": 0,
            "errors": [],
            "warnings": [],
        },
    )
    page.get_by_text("Impor berhasil disimpan.").wait_for(timeout=5000)
    assert page.locator("[data-count=created]").inner_text() == "3"
    assert page.locator("#import-status").get_attribute("hx-trigger") is None
