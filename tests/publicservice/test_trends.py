"""Public-service trends as charts: IKM by period (unit, OPD, Pemda) and Ombudsman by year."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.urls import reverse

from sikap.publicservice import domain

NS = {"svg": "http://www.w3.org/2000/svg"}
YEAR = dt.date.today().year


def charts(html: str) -> list[ET.Element]:
    head = '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line"'
    out = []
    for part in html.split(head)[1:]:
        svg = head + part
        out.append(ET.fromstring(svg[: svg.index("</svg>") + 6]))  # noqa: S314 - own page
    return out


def submit(su, value, day):
    domain.skm_submit(
        service_unit=su,
        product=None,
        answers={f"U{i}": value for i in range(1, 10)},
        comment="",
        today=day,
    )


def test_ombudsman_scores_by_year_as_a_chart_with_the_change_in_words(personas, client_for):
    domain.ombudsman_result_record(actor=None, pemda=personas.pemda, year=2022, score=79.09)
    domain.ombudsman_result_record(actor=None, pemda=personas.pemda, year=2023, score=86.07)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("publicservice:ombudsman_pemda") + "?year=2024")
        .content.decode()
    )
    (chart,) = charts(html)
    assert [p.get("data-value") for p in chart.findall(".//svg:circle", NS)] == [
        "79.09",
        "86.07",
    ]
    assert [t.text for t in chart.findall(".//svg:text[@class='chart-label']", NS)] == [
        "2022",
        "2023",
    ]
    assert chart.find("svg:desc", NS).text == "Pemda: 2022 79,09; 2023 86,07."
    assert "Nilai kepatuhan per tahun: 2022: 79,09 → 2023: 86,07 (+6,98)." in html
    assert Decimal("86.07") - Decimal("79.09") == Decimal("6.98")


def test_one_ombudsman_year_draws_no_chart(personas, client_for):
    domain.ombudsman_result_record(actor=None, pemda=personas.pemda, year=2023, score=86.07)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("publicservice:ombudsman_pemda"))
        .content.decode()
    )
    assert charts(html) == []


def test_ikm_by_period_for_a_unit_its_opd_and_the_pemda(personas, client_for):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    dukcapil, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    submit(pkm, 3, dt.date(YEAR - 1, 5, 10))  # IKM 75,00
    submit(pkm, 4, dt.date(YEAR, 1, 10))  # with the next: 87,50
    submit(pkm, 3, dt.date(YEAR, 2, 10))
    submit(dukcapil, 1, dt.date(YEAR, 2, 10))  # 25,00
    for su in (pkm, dukcapil):
        domain.skm_recompute(service_unit_id=su.pk)
    client = client_for(personas.admin_pemda)
    period = f"?period={YEAR}"

    unit_html = client.get(reverse("publicservice:unit", args=[pkm.pk]) + period).content.decode()
    (chart,) = charts(unit_html)
    assert [p.get("data-value") for p in chart.findall(".//svg:circle", NS)] == ["75.0", "87.5"]
    assert chart.find("svg:desc", NS).text == (
        f"Puskesmas Kamonji: {YEAR - 2} belum ada jawaban; {YEAR - 1} 75,00; {YEAR} 87,50."
    )
    # IKM runs from 25 to 100: 75 sits two thirds up the 200-pixel plot area.
    assert [p.get("cy") for p in chart.findall(".//svg:circle", NS)] == ["82.7", "49.3"]

    opd_html = client.get(
        reverse("publicservice:org", args=[personas.opd_a.pk]) + period
    ).content.decode()
    (chart,) = charts(opd_html)
    assert chart.find("svg:desc", NS).text == (
        f"Dinas Kesehatan: {YEAR - 2} belum ada jawaban; {YEAR - 1} 75,00; {YEAR} 87,50."
    )

    dash = client.get(reverse("publicservice:dashboard") + period).content.decode()
    (chart,) = charts(dash)
    # The Pemda pools every answer: this year 4, 3 and 1 on every unsur, (8 / 3) × 25.
    assert chart.find("svg:desc", NS).text == (
        f"Pemda (semua unit layanan): {YEAR - 2} belum ada jawaban; {YEAR - 1} 75,00; {YEAR} 66,67."
    )
    table = dash.split("IKM Pemda (semua unit layanan) per periode</caption>")[1].split("</table>")[
        0
    ]
    assert f'{YEAR - 1}</th><td class="text-end">1</td>' in table
    assert "66,67 · C" in table


def test_an_opd_head_sees_no_pemda_trend(personas, client_for):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    submit(pkm, 3, dt.date(YEAR, 1, 10))
    domain.skm_recompute(service_unit_id=pkm.pk)
    html = (
        client_for(personas.admin_opd)
        .get(reverse("publicservice:dashboard") + f"?period={YEAR}")
        .content.decode()
    )
    assert charts(html) == []
    assert "Pemda (semua unit layanan)" not in html
