"""WCAG 2.x contrast of SIKAP's own text/background colour pairs, read from its CSS files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[2] / "src" / "sikap"
CORE_CSS = SRC / "core" / "static" / "sikap" / "sikap.css"
SKM_CSS = SRC / "publicservice" / "static" / "publicservice" / "publicservice.css"
SCORING_CSS = SRC / "scoring" / "static" / "scoring" / "scoring.css"
WHITE = "#ffffff"


def declarations(css: Path, selector: str) -> dict[str, str]:
    """The declarations of the one rule whose selector is exactly `selector`."""
    text = re.sub(r"/\*.*?\*/", "", css.read_text(), flags=re.S)
    found = [
        body
        for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)
        if selector in [s.strip() for s in sel.split(",")]
    ]
    assert len(found) == 1, f"{selector} in {css.name}: {len(found)} rules"
    return {
        k.strip(): v.strip() for k, _, v in (d.partition(":") for d in found[0].split(";")) if v
    }


def colour(value: str, css: Path) -> str:
    var = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if var:
        value = declarations(css, ":root")[var.group(1)]
    value = value.lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    assert re.fullmatch(r"#[0-9a-f]{6}", value), f"not an opaque hex colour: {value}"
    return value


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_wcag_values():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#ffc107", "#ffffff"), 2) == 1.63  # Bootstrap's yellow on white
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def pairs() -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) for every pair SIKAP's CSS sets."""
    primary = colour("var(--sikap-primary)", CORE_CSS)
    nav = declarations(CORE_CSS, ".navbar.bg-sikap")
    out = [
        (f"navbar {k}", colour(nav[k], CORE_CSS), primary)
        for k in ("--bs-navbar-color", "--bs-navbar-hover-color", "--bs-navbar-active-color")
    ]
    out.append(
        (
            "header user name",
            colour(declarations(CORE_CSS, ".navbar-user")["color"], CORE_CSS),
            primary,
        )
    )
    for band in "ABCD":
        d = declarations(CORE_CSS, f".band-{band}")
        out.append(
            (f"band {band}", colour(d["color"], CORE_CSS), colour(d["background-color"], CORE_CSS))
        )
        t = declarations(CORE_CSS, f".table td.band-{band}")
        out.append(
            (
                f"heatmap {band}",
                colour(t["--bs-table-color"], CORE_CSS),
                colour(t["--bs-table-bg"], CORE_CSS),
            )
        )
    for tone in ("danger", "warning", "primary", "success"):
        d = declarations(SKM_CSS, f".skm-scale .btn-outline-{tone}")
        out.append((f"SKM answer {tone}", colour(d["--bs-btn-color"], SKM_CSS), WHITE))
    out.append(
        (
            "SKM unsur name",
            colour(declarations(SKM_CSS, ".skm-public .unsur-name")["color"], SKM_CSS),
            WHITE,
        )
    )
    for selector in (".zone-hijau", ".zone-kuning", ".zone-merah", ".zone-hitam", ".band-E"):
        d = declarations(SCORING_CSS, selector)
        out.append(
            (selector, colour(d["color"], SCORING_CSS), colour(d["background-color"], SCORING_CSS))
        )
    return out


@pytest.mark.parametrize(("what", "text", "background"), pairs(), ids=lambda v: str(v))
def test_text_contrast_is_at_least_4_5(what, text, background):
    assert contrast(text, background) >= 4.5, f"{what}: {contrast(text, background):.2f}:1"


def test_former_failures_now_pass_with_their_exact_ratios():
    primary = colour("var(--sikap-primary)", CORE_CSS)
    nav = colour(declarations(CORE_CSS, ".navbar.bg-sikap")["--bs-navbar-color"], CORE_CSS)
    warning = colour(
        declarations(SKM_CSS, ".skm-scale .btn-outline-warning")["--bs-btn-color"], SKM_CSS
    )
    assert round(contrast(nav, primary), 2) == 6.25
    assert round(contrast(warning, WHITE), 2) == 7.99


def test_header_user_name_uses_the_contrasting_class(personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("home:index")).content.decode()
    assert '<span class="navbar-text small navbar-user">' in html
    assert "text-white-50" not in html
