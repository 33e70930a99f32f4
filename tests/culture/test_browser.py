"""Browser check: a respondent opens a link on a phone, answers, submits, cannot answer twice."""

from __future__ import annotations

import os

import pytest

from sikap.culture import domain
from sikap.culture.models import Response
from tests.conftest import chromium_path
from tests.culture.conftest import make_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_answer_survey_on_a_phone(personas, live_server, transactional_db):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not installed")
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = f"{live_server.url}/budaya/s/{token}/"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        page = context.new_page()
        csp: list[str] = []
        page.on("console", lambda m: csp.append(m.text) if "Content Security" in m.text else None)
        page.goto(url)
        assert page.locator("legend").first.is_visible()
        # Keyboard and screen reader: every box has a label to click.
        for ballot, codes in (
            ("pv", ("BP1", "AK1", "KO1")),
            ("cc", ("BP1", "AD1", "L01")),
            ("dc", ("AD1", "AD2", "AD3")),
        ):
            for code in codes:
                page.get_by_label(
                    next(b["text"] for b in campaign.instrument.behaviours if b["code"] == code)
                ).nth(("pv", "cc", "dc").index(ballot)).check()
            assert page.locator(f"#ballot-{ballot} .js-count").inner_text() == "3"
        page.get_by_role("button", name="Kirim jawaban").click()
        page.wait_for_url(f"{live_server.url}/budaya/terima-kasih/")
        assert "Terima kasih" in page.content()
        page.goto(url)
        assert "Tautan ini tidak dapat dipakai" in page.content()
        assert csp == []
        browser.close()
    response = Response.objects.get()
    assert domain.mask_codes(response.cc, campaign.instrument) == ["BP1", "AD1", "L01"]


def test_results_page_draws_radar_under_csp(personas, live_server, transactional_db):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not installed")
    from tests.culture.conftest import add_ballots
    from tests.culture.test_domain import DUKCAPIL, PKM
    from tests.factories import TEST_PASSWORD

    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    domain.results_recompute(campaign=campaign)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        csp: list[str] = []
        page.on("console", lambda m: csp.append(m.text) if "Content Security" in m.text else None)
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("input[name=identifier]", "admin-pemda")
        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/budaya/kampanye/{campaign.pk}/")
        page.wait_for_function("document.querySelector('canvas.js-radar').width > 0")
        drawn = page.evaluate("!!Chart.getChart(document.querySelector('canvas.js-radar'))")
        assert drawn is True
        assert csp == []
        browser.close()
