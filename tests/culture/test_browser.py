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


def _behaviour(campaign, code):
    return next(b["text"] for b in campaign.instrument.behaviours if b["code"] == code)


def _no_sideways_scroll(page):
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner


def _survey_storage(page):
    return page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('sikap-survey:'))")


PV = ["BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1", "KO2", "KO3", "HA1"]
CC = ["BP1", "AK1", "L01", "L02", "L03", "HA2", "HA3", "LO1", "LO2", "LO3"]
DC = ["AD1", "AD2", "AD3", "KL1", "KL2", "KL3", "BP1", "BP2", "AK1", "KO1"]


def test_answer_survey_on_a_phone(personas, live_server, browser_context):
    """A respondent on a 390×844 phone: one section per step, a counter in view, an 11th pick
    refused at once, answers kept across a reload, no sideways scroll, nothing left behind."""
    campaign = make_campaign(personas, launch=True, picks=10)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = domain.survey_link(token, live_server.url)
    assert url == f"{live_server.url}/budaya/isi/#{token}"
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    # First screen: who runs it, how long it takes, the deadline, anonymity in two sentences.
    intro = page.locator("#step-intro")
    intro.get_by_role("button", name="Mulai").wait_for()
    assert token not in page.url
    text = intro.inner_text()
    assert "Pemerintah Kota Palu mengadakan survei" in text
    assert "± 5 menit" in text and "batas pengisian 20 Oktober 2023" in text
    assert "sedikitnya 5 jawaban lain dari unit Anda" in text
    assert page.locator("#step-pv").is_hidden()
    _no_sideways_scroll(page)
    intro.get_by_role("button", name="Mulai").click()

    step = page.locator("#step-pv")
    assert step.locator("legend").inner_text() == "Bagian 1 dari 3: Nilai pribadi"
    assert intro.is_hidden() and page.locator("#step-cc").is_hidden()
    for code in PV[:7]:
        step.get_by_label(_behaviour(campaign, code)).check()
    assert step.locator(".survey-counter").inner_text().startswith("7/10 dipilih")
    # Lanjut with 7 of 10 says what is missing and stays.
    step.get_by_role("button", name="Lanjut").click()
    assert "Pilih tepat 10 perilaku; yang dipilih baru 7." in step.locator(".js-limit").inner_text()
    assert page.locator("#step-cc").is_hidden()
    for code in PV[7:]:
        step.get_by_label(_behaviour(campaign, code)).check()
    # The 11th pick is refused at once, with a reason; the counter stays at 10.
    eleventh = step.get_by_label(_behaviour(campaign, "LO1"))
    eleventh.click()
    assert not eleventh.is_checked()
    assert step.locator(".js-count").inner_text() == "10"
    assert "Sudah 10 dipilih" in step.locator(".js-limit").inner_text()
    # Scrolled to the end of the list, the counter is still in view.
    step.get_by_label(_behaviour(campaign, "KL3")).scroll_into_view_if_needed()
    box = step.locator(".survey-counter").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    _no_sideways_scroll(page)
    step.get_by_role("button", name="Lanjut").click()

    step = page.locator("#step-cc")
    assert step.locator("legend").inner_text() == "Bagian 2 dari 3: Budaya saat ini"
    for code in CC[:4]:
        step.get_by_label(_behaviour(campaign, code)).check()
    # A reload keeps the step and the answers; the code stays out of the address bar.
    page.reload()
    step = page.locator("#step-cc")
    step.locator("legend").wait_for()
    assert token not in page.url
    assert step.is_visible() and step.locator(".js-count").inner_text() == "4"
    assert step.get_by_label(_behaviour(campaign, "L01")).is_checked()
    for code in CC[4:]:
        step.get_by_label(_behaviour(campaign, code)).check()
    step.get_by_role("button", name="Lanjut").click()
    step = page.locator("#step-dc")
    assert step.locator("legend").inner_text() == "Bagian 3 dari 3: Budaya yang diharapkan"
    for code in DC:
        step.get_by_label(_behaviour(campaign, code)).check()
    _no_sideways_scroll(page)
    step.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Status kepegawaian").select_option("pppk")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url(f"{live_server.url}/budaya/terima-kasih/")
    assert "Terima kasih" in page.content()
    # Nothing of the survey stays in the browser once it is answered.
    assert _survey_storage(page) == []
    page.goto(url)
    page.wait_for_load_state()
    assert "Tautan ini tidak dapat dipakai" in page.content()
    assert browser_context.csp_errors == []
    # No request the browser made carried the token in its address.
    assert requested and not [u for u in requested if token in u]
    sealed = Ballot.objects.get().sealed
    sheet = ballot_box.open_sealed(campaign.pk, sealed)
    assert domain.mask_codes(sheet["pv"], campaign.instrument) == sorted(
        PV, key=campaign.instrument.codes.index
    )
    assert domain.mask_codes(sheet["cc"], campaign.instrument) == sorted(
        CC, key=campaign.instrument.codes.index
    )
    assert domain.mask_codes(sheet["dc"], campaign.instrument) == sorted(
        DC, key=campaign.instrument.codes.index
    )
    assert sheet["employment_kind"] == "pppk"


def test_survey_keeps_the_code_apart_from_the_answers(personas, live_server, browser_context):
    """The tab keeps the code and the answers under separate keys; a refused code erases both."""
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    page = browser_context.new_page()
    page.goto(domain.survey_link(token, live_server.url))
    page.get_by_role("button", name="Mulai").click()
    page.locator("#step-pv").get_by_label(_behaviour(campaign, "BP1")).check()
    stored = page.evaluate(
        "Object.fromEntries(Object.keys(sessionStorage).filter(k => k.startsWith('sikap-survey:'))"
        ".map(k => [k, sessionStorage.getItem(k)]))"
    )
    answers = stored[f"sikap-survey:answers:{campaign.pk}"]
    assert token not in answers and '"pv":["BP1"]' in answers
    assert stored["sikap-survey:code"] == token
    domain.campaign_close(actor=personas.admin_pemda, campaign=campaign)
    page.reload()
    page.get_by_text("Tautan ini tidak dapat dipakai").wait_for()
    assert _survey_storage(page) == []


def test_likert_survey_one_value_per_step_on_a_phone(personas, live_server, browser_context):
    campaign = make_campaign(personas, launch=True, kind="likert")
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    page = browser_context.new_page()
    page.goto(domain.survey_link(token, live_server.url))
    page.get_by_role("button", name="Mulai").click()
    legends = []
    for _ in range(7):
        step = page.locator("fieldset.js-step:visible")
        legends.append(step.locator("legend.survey-legend").inner_text())
        # The first statement of each value answered "4 · Sesuai"; the others skipped.
        step.locator("input[type=radio][value='4']").first.check()
        _no_sideways_scroll(page)
        step.get_by_role("button", name="Lanjut").click()
    assert legends[0] == "Bagian 1 dari 7: Berorientasi Pelayanan"
    assert legends[6] == "Bagian 7 dari 7: Kolaboratif"
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url(f"{live_server.url}/budaya/terima-kasih/")
    sheet = ballot_box.open_sealed(campaign.pk, Ballot.objects.get().sealed)
    assert [k for k, v in sorted(sheet.items()) if v == 4] == [
        "ad1",
        "ak1",
        "bp1",
        "ha1",
        "kl1",
        "ko1",
        "lo1",
    ]
    assert browser_context.csp_errors == []


def test_kepala_opd_reads_participation_on_a_phone(personas, live_server, browser_context):
    campaign = make_campaign(personas, launch=True)
    domain.invitations_generate(actor=None, campaign=campaign)
    page = browser_context.new_page()
    browser_login(page, live_server.url, "pimpinan", TEST_PASSWORD)
    page.goto(f"{live_server.url}/budaya/kampanye/{campaign.pk}/")
    table = page.locator("table")
    assert "Tingkat respons" in table.inner_text() and "Puskesmas Kamonji" in table.inner_text()
    assert "DUKCAPIL" not in page.content()
    _no_sideways_scroll(page)
    assert browser_context.csp_errors == []


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
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner
    page.get_by_role("button", name="Kirim jawaban").click()
    assert "Terima kasih" in page.content()
    assert Ballot.objects.filter(campaign=campaign).count() == 1
    context.close()


def test_results_page_draws_radar_under_csp(personas, live_server, browser_context):
    """The radar is SVG drawn by SIKAP: visible with the strict CSP, no script needed."""
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    publish(campaign)
    page = browser_context.new_page()
    browser_login(page, live_server.url, "admin-pemda", TEST_PASSWORD)
    page.goto(f"{live_server.url}/budaya/kampanye/{campaign.pk}/")
    radar = page.locator("svg.chart-radar")
    assert radar.count() == 1
    box = radar.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200
    assert radar.locator("polygon[fill-opacity]").count() == 1
    assert radar.locator("text.chart-label").all_text_contents() == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert browser_context.csp_errors == []
