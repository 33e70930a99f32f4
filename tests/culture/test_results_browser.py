"""Browser check of the results page: heatmap cells painted by their step, the trend drawn as
SVG, on a phone, under the CSP, without sideways scrolling."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.urls import reverse

from tests.conftest import browser_login
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser]


def test_heatmap_colours_and_trend_chart_render(personas, live_server, browser_context):
    first = make_campaign(personas, code="c2023")
    add_ballots(first, "DINKES", PKM + PKM[:1])
    add_ballots(first, "DUKCAPIL", DUKCAPIL)
    publish(first)
    start = dt.date(2024, 9, 1)
    second = make_campaign(personas, code="c2024", start=start, end=dt.date(2024, 10, 20))
    add_ballots(second, "DINKES-PKM-KAMONJI", PKM, day=start)
    add_ballots(second, "DINKES", PKM + PKM[:1], day=start)
    add_ballots(second, "DUKCAPIL", DUKCAPIL, day=start)
    second = publish(second, today=dt.date(2024, 10, 20))
    page = browser_context.new_page()
    browser_login(page, live_server.url, "admin-pemda", TEST_PASSWORD)
    page.goto(live_server.url + reverse("culture:results", args=[second.code]))
    # Dinas Kesehatan's Berorientasi Pelayanan, 63,6: step 12, #c6e19a = rgb(198, 225, 154).
    cell = page.locator("table.heatmap td.heat-12").first
    assert cell.inner_text() == "63,6 B"
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(198, 225, 154)"
    cell = page.locator("table.heatmap td.heat-19").first
    assert cell.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    chart = page.locator("svg.chart-line").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and 300 < box["width"] <= 390
    assert page.locator("svg.chart-line circle.chart-point").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert browser_context.csp_errors == []
    if os.environ.get("SIKAP_SCREENSHOTS"):
        page.screenshot(path=os.environ["SIKAP_SCREENSHOTS"] + "/results.png", full_page=True)
