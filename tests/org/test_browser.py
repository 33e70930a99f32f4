"""Browser checks: the pages work with JavaScript under the strict CSP (no violations)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import chromium_path
from tests.factories import TEST_PASSWORD, EmployeeFactory, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        pg = context.new_page()
        pg.csp_errors = []  # type: ignore[attr-defined]
        pg.on(
            "console",
            lambda msg: (
                pg.csp_errors.append(msg.text)  # type: ignore[attr-defined]
                if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
                else None
            ),
        )
        yield pg
        browser.close()


def login(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=identifier]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


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
    login(page, live_server, "admin-pemda")
    from playwright.sync_api import expect

    expect(page.locator("#org-summary")).to_have_count(1)  # home summary loaded by HTMX

    page.goto(f"{live_server.url}/organisasi/")
    assert page.locator("#unit-tree tbody tr").count() == 2
    page.click(f'tr[data-unit="{p.opd_a.pk}"] .js-tree-toggle')
    page.wait_for_selector(f'tr[data-unit="{p.puskesmas.pk}"]')
    page.click(f'tr[data-unit="{p.puskesmas.pk}"] .js-tree-toggle')
    page.wait_for_selector("text=Pustu Kamonji")
    assert page.locator("#unit-tree tbody tr").count() == 4
    assert page.url == f"{live_server.url}/organisasi/"
    page.click(f'tr[data-unit="{p.opd_a.pk}"] .js-tree-toggle')
    expect(page.locator("#unit-tree tbody tr:not(.d-none)")).to_have_count(2)

    page.goto(f"{live_server.url}/organisasi/pegawai/")
    page.fill("#id_q", "citra")
    expect(page.locator("#employees tbody tr")).to_have_count(1, timeout=5000)
    assert page.locator("#employees tbody tr td a").first.inner_text() == "Citra Capil"
    assert "q=citra" in page.url
    assert page.csp_errors == []
