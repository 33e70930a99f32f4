"""Charts as server-rendered SVG: no script, no CDN, readable in pages and PDFs alike.

Each chart carries its text equivalent: an SVG <title> and <desc> (read by screen readers),
and every plotted point says its value as text beside it, with its exact value in
`data-value`. Series differ by marker shape and dash as well as colour, so colour is never
the only signal. Pages show the same figures in a table next to the chart.

The markup uses presentation attributes only (no `style`), so a strict CSP holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe (Okabe–Ito) colours with a marker shape and a dash per series.
STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0072b2", "circle", ""),
    ("#d55e00", "square", "6 3"),
    ("#009e73", "diamond", "2 3"),
    ("#cc79a7", "triangle", "8 3 2 3"),
)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Band:
    """A horizontal guide line at `at` (a band limit), named for its band."""

    at: float
    label: str


def _num(value: float, decimals: int) -> str:
    return str(number_format(value, decimals))


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _marker(shape: str, x: float, y: float, colour: str, value: float) -> str:
    common = f'fill="{colour}" data-value="{value!r}" class="chart-point"'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {common}/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {common}/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{pts}" {common}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {common}/>'


def describe(
    labels: Sequence[str], series: Sequence[Series], *, decimals: int, missing: str
) -> str:
    """One sentence per series: "name: label value; label value." (the chart's text form)."""
    parts = []
    for s in series:
        points = [
            f"{label} {missing if v is None else _num(v, decimals)}"
            for label, v in zip(labels, s.values, strict=True)
        ]
        parts.append(f"{s.name}: " + "; ".join(points) + ".")
    return " ".join(parts)


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    y_min: float = 0.0,
    y_max: float = 100.0,
    decimals: int = 1,
    bands: Sequence[Band] = (),
    missing: str = "—",
    width: int = 520,
    height: int = 260,
) -> SafeString:
    """A line chart of values by label (campaign, year, period); None leaves a gap."""
    left, right, top, bottom = 40, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(1, len(labels))
    step = plot_w / count

    def x_of(i: int) -> float:
        return left + step * (i + 0.5)

    def y_of(v: float) -> float:
        v = min(y_max, max(y_min, v))
        return top + plot_h * (1 - (v - y_min) / (y_max - y_min))

    text = describe(labels, series, decimals=decimals, missing=missing)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(text)}</desc>",
    ]
    span = y_max - y_min
    # Round gridlines: every 25 points when the range allows (0–100, 25–100), else quarters.
    tick_step = 25.0 if span % 25 == 0 and span >= 50 else span / 4
    for tick in range(int(round(span / tick_step)) + 1):
        level = y_min + tick_step * tick
        y = y_of(level)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#495057">'
            f"{escape(_num(level, 0))}</text>"
        )
    for band in bands:
        if y_min < band.at < y_max:
            y = y_of(band.at)
            out.append(
                f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="#6c757d" stroke-width="1" stroke-dasharray="4 4"/>'
                f'<text x="{width - right}" y="{y - 3:.1f}" text-anchor="end" fill="#495057">'
                f"{escape(band.label)}</text>"
            )
    for i, label in enumerate(labels):
        out.append(
            f'<text x="{x_of(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="#212529" class="chart-label">{escape(label)}</text>'
        )
    for si, s in enumerate(series):
        colour, shape, dash = STYLES[si % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        runs: list[list[str]] = []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{x_of(i):.1f},{y_of(v):.1f}")
        if run:
            runs.append(run)
        for r in runs:
            if len(r) > 1:
                out.append(
                    f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x, y = x_of(i), y_of(v)
            out.append(_marker(shape, x, y, colour, v))
            # The first series writes its values above its points, the next below, so two
            # close values do not print over each other.
            ty = y - 8 if si % 2 == 0 else y + 16
            out.append(
                f'<text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle" fill="#212529" '
                f'class="chart-value">{escape(_num(v, decimals))}</text>'
            )
    if len(series) > 1:
        for si, s in enumerate(series):
            colour, shape, _dash = STYLES[si % len(STYLES)]
            lx = left + 160 * si
            ly = height - 10
            out.append(_marker(shape, lx + 4, ly - 4, colour, 0.0).replace("chart-point", "key"))
            out.append(f'<text x="{lx + 14}" y="{ly}" fill="#212529">{escape(s.name)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every text above is escaped


def radar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    maximum: float = 100.0,
    decimals: int = 1,
    missing: str = "—",
    size: int = 360,
) -> SafeString:
    """A radar (spider) chart of one value per axis, e.g. the seven BerAKHLAK values."""
    cx = cy = size / 2
    radius = size / 2 - 60
    n = max(3, len(labels))

    def point(i: int, v: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * min(maximum, max(0.0, v)) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    text = describe(labels, series, decimals=decimals, missing=missing)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-radar" role="img" '
        f'viewBox="0 0 {size} {size + 24 * max(0, len(series) - 1)}" width="100%" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(text)}</desc>",
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, maximum * ring) for i in range(n)))
        out.append(f'<polygon points="{pts}" fill="none" stroke="#dee2e6" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x, y = point(i, maximum)
        lx, ly = point(i, maximum * 1.18)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        out.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>'
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" fill="#212529" '
            f'class="chart-label">{escape(label)}</text>'
        )
    for si, s in enumerate(series):
        colour, shape, dash = STYLES[si % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        shown = [(i, v) for i, v in enumerate(s.values) if v is not None]
        if len(shown) == len(labels) and shown:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in shown))
            out.append(
                f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.12" '
                f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
            )
        for i, v in shown:
            x, y = point(i, v)
            out.append(_marker(shape, x, y, colour, v))
    if len(series) > 1 or (series and series[0].name):
        for si, s in enumerate(series):
            colour, shape, _dash = STYLES[si % len(STYLES)]
            ly = size + 24 * si - 8
            out.append(_marker(shape, 14, ly - 4, colour, 0.0).replace("chart-point", "key"))
            out.append(f'<text x="24" y="{ly}" fill="#212529">{escape(s.name)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every text above is escaped
