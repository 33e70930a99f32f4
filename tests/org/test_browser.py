"""Browser checks: the pages work with JavaScript under the strict CSP (no violations)."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login
from tests.factories import TEST_PASSWORD, EmployeeFactory, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_under_csp(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector("text=/api/employees/", timeout=15000)
    assert page.csp_errors == []


def test_tree_expands_and_folds_and_employee_filter_swaps(
    page, live_server, personas, transactional_db
):
    p = personas
    make_unit(p.pemda, "PKM-PUSTU", "Pustu Kamonji", "upt", parent=p.puskesmas)
    EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Citra Capil")
    browser_login(page, live_server.url, "admin-pemda", TEST_PASSWORD)
    assert page.url == f"{live_server.url}/p/palu/"
    from playwright.sync_api import expect

    expect(page.locator("#org-summary")).to_have_count(1)  # home summary loaded by HTMX

    # An address without the Pemda opens the same page in the user's Pemda.
    page.goto(f"{live_server.url}/organisasi/")
    assert page.url == f"{live_server.url}/p/palu/organisasi/"
    assert page.locator("#unit-tree tbody tr").count() == 2
    page.click(f'tr[data-unit="{p.opd_a.pk}"] .js-tree-toggle')
    page.wait_for_selector(f'tr[data-unit="{p.puskesmas.pk}"]')
    page.click(f'tr[data-unit="{p.puskesmas.pk}"] .js-tree-toggle')
    page.wait_for_selector("text=Pustu Kamonji")
    assert page.locator("#unit-tree tbody tr").count() == 4
    assert page.url == f"{live_server.url}/p/palu/organisasi/"
    page.click(f'tr[data-unit="{p.opd_a.pk}"] .js-tree-toggle')
    expect(page.locator("#unit-tree tbody tr:not(.d-none)")).to_have_count(2)

    page.goto(f"{live_server.url}/organisasi/pegawai/")
    page.fill("#id_q", "citra")
    expect(page.locator("#employees tbody tr")).to_have_count(1, timeout=5000)
    assert page.locator("#employees tbody tr td a").first.inner_text() == "Citra Capil"
    assert "q=citra" in page.url
    assert page.csp_errors == []
