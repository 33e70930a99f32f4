"""Browser check at phone size: answer by QR link, submit, thanks; visit code and flood refusals."""

from __future__ import annotations

import ipaddress
import os

import pytest

from sikap.publicservice import domain
from sikap.publicservice.models import SkmResponse
from tests.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _fill(page, values):
    for i, value in enumerate(values, start=1):
        # The radio is a Bootstrap btn-check: the visible face-and-text label is what one taps.
        page.locator(f"label[for='id_u{i}_{value}']").click()


def test_public_form_on_a_phone(personas, live_server, transactional_db, settings):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not installed")
    settings.SIKAP_TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    settings.SIKAP_SKM_RATE_LIMIT = (3, 600)
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    product = domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")
    code_a, code_b = domain.visit_codes_issue(actor=None, service_unit=su, count=2)
    url = f"{live_server.url}/layanan/f/{su.public_slug}/?produk={product.pk}"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        context.set_extra_http_headers({"X-Forwarded-For": "10.1.1.1"})
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console", lambda m: problems.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(url)
        assert page.locator("legend").count() == 9
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        _fill(page, [4, 3, 4, 2, 3, 4, 4, 1, 3])
        page.locator("#id_visit_code").fill(code_a)
        page.get_by_role("button", name="Kirim").click()
        page.wait_for_url(f"**/layanan/f/{su.public_slug}/terima-kasih/**")
        assert "Terima kasih!" in page.content()
        row = SkmResponse.objects.get()
        assert [row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9] == [
            4,
            3,
            4,
            2,
            3,
            4,
            4,
            1,
            3,
        ]
        assert row.product_id == product.pk

        # The same visit code again: refused kindly, the answers stay in the form.
        page.goto(url)
        _fill(page, [2] * 9)
        page.locator("#id_visit_code").fill(code_a)
        page.get_by_role("button", name="Kirim").click()
        assert "Kode kunjungan ini sudah dipakai" in page.locator("#skm-notice").inner_text()
        assert page.locator("#id_u5_2").is_checked()
        assert SkmResponse.objects.count() == 1

        # Flood from one address: the fourth answer within the window is held back, not lost.
        page.goto(url)
        _fill(page, [3] * 9)
        page.get_by_role("button", name="Kirim").click()  # the 3rd counted attempt is allowed
        page.wait_for_url("**/terima-kasih/**")
        page.goto(url)
        _fill(page, [1] * 9)
        page.locator("#id_comment").fill("antrean panjang")
        page.get_by_role("button", name="Kirim").click()
        assert "Terlalu banyak jawaban" in page.locator("#skm-notice").inner_text()
        assert page.locator("#id_u9_1").is_checked()
        assert page.locator("#id_comment").input_value() == "antrean panjang"
        assert SkmResponse.objects.count() == 2

        # Another address still gets through.
        other = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        other.set_extra_http_headers({"X-Forwarded-For": "10.2.2.2"})
        page2 = other.new_page()
        page2.goto(url)
        _fill(page2, [4] * 9)
        page2.locator("#id_visit_code").fill(code_b)
        page2.get_by_role("button", name="Kirim").click()
        page2.wait_for_url("**/terima-kasih/**")
        assert SkmResponse.objects.count() == 3
        assert problems == []
        browser.close()
