"""Culture trends as charts: the Pemda and each unit by campaign, plotted values and their text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.urls import reverse

from sikap.culture.models import ResultGroup
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish

NS = {"svg": "http://www.w3.org/2000/svg"}


def two_campaigns(personas):
    first = make_campaign(personas, code="c2023")
    add_ballots(first, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(first, "DINKES", PKM + PKM[:1])
    add_ballots(first, "DUKCAPIL", DUKCAPIL)
    first = publish(first)
    start, end = dt.date(2024, 9, 1), dt.date(2024, 10, 20)
    second = make_campaign(personas, code="c2024", start=start, end=end)
    add_ballots(second, "DINKES-PKM-KAMONJI", PKM, day=start)
    add_ballots(second, "DUKCAPIL", DUKCAPIL + DUKCAPIL[:1], day=start)
    return first, publish(second, today=end)


def charts(html: str) -> list[ET.Element]:
    out = []
    for part in html.split('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line"')[1:]:
        svg = '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line"' + part
        out.append(ET.fromstring(svg[: svg.index("</svg>") + 6]))  # noqa: S314 - own page
    return out


def overall(campaign, code):
    g = ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code)
    return round(g.overall, 1)


def test_results_page_charts_the_pemda_index_by_campaign(personas, client_for):
    first, second = two_campaigns(personas)
    assert (overall(first, "palu"), overall(second, "palu")) == (33.0, 36.4)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:results", args=[second.code]))
        .content.decode()
    )
    (chart,) = charts(html)
    points = [float(p.get("data-value")) for p in chart.findall(".//svg:circle", NS)]
    assert points == [33.0, 36.4]
    assert chart.find("svg:title", NS).text == "Indeks budaya Pemerintah Kota Palu per kampanye"
    text = chart.find("svg:desc", NS).text
    assert text == "Pemerintah Kota Palu: Survei c2023 33,0; Survei c2024 36,4."
    # Plotted at their heights on the 0–100 axis (plot area from y 16, 200 high).
    assert [p.get("cy") for p in chart.findall(".//svg:circle", NS)] == ["150.0", "143.2"]
    # The text equivalent beside it: the same figures with their bands.
    table = html.split("Indeks Pemerintah Kota Palu per kampanye")[1].split("</table>")[0]
    assert "Survei c2023" in table and "33,0 · C Tidak Sehat" in table


def test_unit_page_charts_its_own_index(personas, client_for):
    first, second = two_campaigns(personas)
    client = client_for(personas.admin_pemda)
    (chart,) = charts(
        client.get(reverse("culture:group", args=[second.code, "DUKCAPIL"])).content.decode()
    )
    assert [float(p.get("data-value")) for p in chart.findall(".//svg:circle", NS)] == [42.9, 42.9]
    assert chart.find("svg:desc", NS).text == (
        "Dinas Kependudukan dan Pencatatan Sipil: Survei c2023 42,9; Survei c2024 42,9."
    )
    # Dinas Kesehatan: 11 respondents, then only its Puskesmas' 5; both shown.
    html = client.get(reverse("culture:group", args=[second.code, "DINKES"])).content.decode()
    (chart,) = charts(html)
    assert (
        chart.find("svg:desc", NS).text == "Dinas Kesehatan: Survei c2023 28,6; Survei c2024 28,6."
    )


def test_a_suppressed_campaign_is_a_gap_named_in_the_text(personas, client_for):
    first, second = two_campaigns(personas)
    ResultGroup.objects.filter(campaign=first, campaign_unit__code="DUKCAPIL").update(
        suppressed=True
    )
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:group", args=[second.code, "DUKCAPIL"]))
        .content.decode()
    )
    (chart,) = charts(html)
    assert [p.get("data-value") for p in chart.findall(".//svg:circle", NS)] == ["42.9"]
    assert chart.find("svg:desc", NS).text == (
        "Dinas Kependudukan dan Pencatatan Sipil: Survei c2023 disembunyikan; Survei c2024 42,9."
    )


def test_one_campaign_draws_no_trend(personas, client_for):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:results", args=[campaign.code]))
        .content.decode()
    )
    assert charts(html) == []
