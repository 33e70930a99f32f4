"""Server-rendered SVG charts: the plotted points sit where their values say, and the chart
carries its text equivalent."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.utils import translation

from sikap.core import svgchart

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - SIKAP's own chart


def test_line_chart_plots_each_value_at_its_height_and_says_it_in_words():
    with translation.override("id"):
        svg = svgchart.line_chart(
            title="Nilai <Ombudsman>",
            labels=["2022", "2023"],
            series=[svgchart.Series("Kota & Palu", [79.09, 86.07])],
            decimals=2,
            bands=[svgchart.Band(78.0, "B"), svgchart.Band(88.0, "A")],
        )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "Nilai <Ombudsman>"
    assert root.find("svg:desc", NS).text == "Kota & Palu: 2022 79,09; 2023 86,07."
    points = root.findall(".//svg:circle[@class='chart-point']", NS)
    assert [p.get("data-value") for p in points] == ["79.09", "86.07"]
    # Plot area: top 16, height 260 - 16 - 44 = 200 for 0–100; x at the middle of each of the
    # two slots of 520 - 40 - 16 = 464.
    assert [(p.get("cx"), p.get("cy")) for p in points] == [
        ("156.0", f"{16 + 200 * (1 - 0.7909):.1f}"),
        ("388.0", f"{16 + 200 * (1 - 0.8607):.1f}"),
    ]
    values = [t.text for t in root.findall(".//svg:text[@class='chart-value']", NS)]
    assert values == ["79,09", "86,07"]
    labels = [t.text for t in root.findall(".//svg:text[@class='chart-label']", NS)]
    assert labels == ["2022", "2023"]
    assert "<Ombudsman>" not in svg and "&amp; Palu" in svg
    assert "style=" not in svg  # presentation attributes only: the CSP forbids inline styles


def test_missing_values_leave_a_gap_and_are_named_in_the_text():
    svg = svgchart.line_chart(
        title="t",
        labels=["A", "B", "C", "D"],
        series=[svgchart.Series("u", [50.0, None, 60.0, 70.0])],
        missing="disembunyikan",
    )
    root = parse(svg)
    assert [p.get("data-value") for p in root.findall(".//svg:circle", NS)] == [
        "50.0",
        "60.0",
        "70.0",
    ]
    # One line over C–D only: no segment is drawn across the hidden campaign.
    lines = root.findall(".//svg:polyline", NS)
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2
    assert root.find("svg:desc", NS).text == "u: A 50,0; B disembunyikan; C 60,0; D 70,0."


def test_second_series_differs_by_marker_shape_and_has_a_key():
    svg = svgchart.line_chart(
        title="t",
        labels=["A"],
        series=[svgchart.Series("unit", [40.0]), svgchart.Series("Pemda", [60.0])],
    )
    root = parse(svg)
    assert root.find(".//svg:circle[@class='chart-point']", NS).get("data-value") == "40.0"
    assert root.find(".//svg:rect[@class='chart-point']", NS).get("data-value") == "60.0"
    assert [t.text for t in root.findall("svg:text", NS) if t.text in ("unit", "Pemda")] == [
        "unit",
        "Pemda",
    ]


def test_radar_puts_each_value_on_its_axis():
    svg = svgchart.radar_chart(
        title="Radar",
        labels=["BP", "AK", "KO", "HA"],
        series=[svgchart.Series("Dinas", [100.0, 50.0, 0.0, 25.0])],
        size=360,
    )
    root = parse(svg)
    points = root.findall(".//svg:circle[@class='chart-point']", NS)
    # Centre 180, radius 120; the first axis points up, the next to the right.
    assert [(p.get("cx"), p.get("cy")) for p in points] == [
        ("180.0", "60.0"),
        ("240.0", "180.0"),
        ("180.0", "180.0"),
        ("150.0", "180.0"),
    ]
    assert root.find("svg:desc", NS).text == "Dinas: BP 100,0; AK 50,0; KO 0,0; HA 25,0."
