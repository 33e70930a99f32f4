"""The foundation journey in Chromium: log in, browse the tree, import a bad file, read the errors."""

from __future__ import annotations

import pytest

from sikap.org.models import Employee, OrgUnit
from tests.conftest import browser_login
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser]

BAD_EMPLOYEES = (
    "nip,nama,kode_unit,jenis_pegawai,jabatan,nip_atasan\n"
    "198503142010011001,Andi Saputra,DINKES,PNS,Kepala Dinas,\n"
    "19850314201001100,Budi Santoso,DINKES,PNS,Analis,198503142010011001\n"
    "198503142010011002,Citra Lestari,TIDAK-ADA,PNS,Analis,198503142010011001\n"
)


def test_login_browse_tree_and_see_row_errors_of_a_bad_import(
    browser_context, live_server, personas
):
    p = personas
    employees_before = Employee.objects.count()
    units_before = OrgUnit.objects.count()
    page = browser_context.new_page()
    browser_login(page, live_server.url, p.admin_pemda.username, TEST_PASSWORD)

    page.goto(f"{live_server.url}/organisasi/")
    page.click(f'tr[data-unit="{p.opd_a.pk}"] .js-tree-toggle')
    page.wait_for_selector("text=Puskesmas Kamonji")

    page.goto(f"{live_server.url}/organisasi/impor/")
    page.check("input[name=what][value=employees]")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": BAD_EMPLOYEES.encode()}],
    )
    page.click("main button[type=submit]")
    table = page.locator("table", has_text="Baris")
    table.first.wait_for(timeout=20000)
    rows = table.first.locator("tbody tr")
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    by_row = {(c[0], c[1]): c for c in cells}
    assert ("3", "nip") in by_row
    assert by_row[("3", "nip")][2] == "19850314201001100"
    assert ("4", "kode_unit") in by_row
    assert by_row[("4", "kode_unit")][2] == "TIDAK-ADA"
    assert len(cells) == 2
    assert Employee.objects.count() == employees_before
    assert OrgUnit.objects.count() == units_before
    assert browser_context.csp_errors == []
