"""The heatmap's colour scale separates 51 from 74, and every cell still says its figure and band."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

from sikap.core import heatscale
from sikap.culture.templatetags.culture_bands import heat_class
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish

HEAT_CSS = (
    Path(__file__).resolve().parents[2] / "src" / "sikap" / "core" / "static" / "sikap" / "heat.css"
)


def css_colours() -> dict[str, tuple[str, str]]:
    """class -> (background, text) as written in heat.css."""
    rules = re.findall(
        r"\.(heat-\d\d) \{ background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});",
        HEAT_CSS.read_text(),
    )
    return {name: (bg, text) for name, bg, text in rules}


def test_51_and_74_get_clearly_different_colours_where_bands_gave_one():
    colours = css_colours()
    assert heat_class(51.0) == "heat-10"
    assert heat_class(74.0) == "heat-14"
    assert colours["heat-10"] == ("#f5f9b8", "#000000")
    assert colours["heat-14"] == ("#81c571", "#000000")
    # Both are band B, which painted both #cfe2ff; on the scale they are far apart
    # (CIE76 ΔE above 20 reads as different colours; 2.3 is barely noticeable).
    assert round(heatscale.delta_e("#f5f9b8", "#81c571"), 1) == 35.0
    assert heatscale.delta_e("#cfe2ff", "#cfe2ff") == 0


def test_steps_edges_and_missing_figures():
    assert [heat_class(v) for v in (0.0, 4.9, 5.0, 49.9, 50.0, 74.9, 75.0, 99.9, 100.0)] == [
        "heat-00",
        "heat-00",
        "heat-01",
        "heat-09",
        "heat-10",
        "heat-14",
        "heat-15",
        "heat-19",
        "heat-19",
    ]
    assert heat_class(None) == ""
    assert heat_class(float("nan")) == ""
    assert heat_class(-3.0) == "heat-00"
    assert heat_class(130.0) == "heat-19"


def test_stylesheet_is_the_generated_one_and_every_step_is_readable():
    assert HEAT_CSS.read_text() == heatscale.css()
    colours = css_colours()
    assert len(colours) == 20
    for name, (bg, text) in colours.items():
        assert heatscale.contrast(bg, text) >= 4.5, name
    # Neighbouring steps differ, so the scale is continuous rather than four blocks.
    backgrounds = [colours[f"heat-{i:02d}"][0] for i in range(20)]
    assert all(
        heatscale.delta_e(a, b) > 3 for a, b in zip(backgrounds, backgrounds[1:], strict=False)
    )
    # The hue tells the band: red below 25, orange/yellow up to 50, green from 75.
    assert backgrounds[0] == "#af212a"
    assert backgrounds[19] == "#1e743d"


def test_results_page_paints_cells_by_step_and_writes_index_and_band(personas, client_for):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM + PKM[:1])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    body = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:results", args=[campaign.code]))
        .content.decode()
    )
    heatmap = body.split('class="table table-sm align-middle heatmap"')[1].split("</table>")[0]
    cells = re.findall(r'<td class="(heat-\d\d|suppressed)"[^>]*>([^<]*)</td>', heatmap)
    assert cells == [
        ("heat-19", "100,0 A"),
        ("heat-19", "100,0 A"),
        ("heat-00", "0,0 D"),
        ("heat-00", "0,0 D"),
        ("heat-00", "0,0 D"),
        ("heat-19", "100,0 A"),
        ("heat-00", "0,0 D"),
        ("heat-12", "63,6 B"),
        ("heat-09", "45,5 C"),
        *[("heat-03", "18,2 D")] * 5,
    ]
    assert "band-B" not in heatmap
    assert 'title="AK Akuntabel: C Tidak Sehat"' in heatmap
    assert '<link rel="stylesheet" href="/static/sikap/heat.css">' in body
    legend = body.split('class="list-inline d-inline mb-0 heat-scale"')[1].split("</ul>")[0]
    assert re.findall(r'badge (heat-\d\d)">([^<]*)<', legend)[9:11] == [
        ("heat-09", "45–50"),
        ("heat-10", "50–55"),
    ]
