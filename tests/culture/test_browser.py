"""Browser check: a respondent opens a link on a phone, answers, submits, cannot answer twice."""

from __future__ import annotations

import pytest

from sikap.culture import domain
from sikap.culture.domain import ballot_box
from sikap.culture.models import Ballot
from tests.conftest import browser_login
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser]


def test_answer_survey_on_a_phone(personas, live_server, browser_context):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = domain.survey_link(token, live_server.url)
    assert url == f"{live_server.url}/budaya/isi/#{token}"
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url)
    # The page's script posted the code from the fragment and dropped it from the address bar.
    page.locator("legend").first.wait_for()
    assert token not in page.url
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
    page.wait_for_load_state()
    assert "Tautan ini tidak dapat dipakai" in page.content()
    assert browser_context.csp_errors == []
    # No request the browser made carried the token in its address.
    assert requested and not [u for u in requested if token in u]
    sealed = Ballot.objects.get().sealed
    sheet = ballot_box.open_sealed(campaign.pk, sealed)
    assert domain.mask_codes(sheet["cc"], campaign.instrument) == ["BP1", "AD1", "L01"]


def test_survey_code_typed_without_script(personas, live_server, browser_context):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    context = browser_context.browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/budaya/isi/")
    page.fill("input[name=token]", token)
    page.get_by_role("button", name="Mulai").click()
    assert page.locator("legend").first.is_visible()
    for ballot, codes in (
        ("pv", ("BP1", "AK1", "KO1")),
        ("cc", ("BP1", "AD1", "L01")),
        ("dc", ("AD1", "AD2", "AD3")),
    ):
        for code in codes:
            page.check(f"#{ballot}-{code}")
    page.get_by_role("button", name="Kirim jawaban").click()
    assert "Terima kasih" in page.content()
    assert Ballot.objects.filter(campaign=campaign).count() == 1
    context.close()


def test_results_page_draws_radar_under_csp(personas, live_server, browser_context):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    publish(campaign)
    page = browser_context.new_page()
    browser_login(page, live_server.url, "admin-pemda", TEST_PASSWORD)
    page.goto(f"{live_server.url}/budaya/kampanye/{campaign.pk}/")
    page.wait_for_function("document.querySelector('canvas.js-radar').width > 0")
    drawn = page.evaluate("!!Chart.getChart(document.querySelector('canvas.js-radar'))")
    assert drawn is True
    assert browser_context.csp_errors == []
