"""A sequential colour scale for 0–100 indices, in 20 steps of 5 points.

Band colours alone make 51 and 74 look alike (both "B"); heatmaps paint each cell by its
step on a red–yellow–green scale whose anchors sit on the BerAKHLAK band limits (25, 50, 75),
so a cell's hue still tells its band and its shade tells where in the band it lies. The cell
text always carries the figure and the band letter: colour is never the only signal.

The stylesheet `core/static/sikap/heat.css` is generated from `css()` (a test keeps them equal):
    .venv/bin/python -c "from sikap.core.heatscale import css; print(css(), end='')" \
        > src/sikap/core/static/sikap/heat.css
"""

from __future__ import annotations

import math

STEP = 5
STEPS = 100 // STEP  # 20 classes: heat-00 (0–5) … heat-19 (95–100)

# ColorBrewer RdYlGn anchors at 0, 25, 50, 75, 100.
ANCHORS: tuple[tuple[float, str], ...] = (
    (0.0, "#a50026"),
    (25.0, "#f46d43"),
    (50.0, "#ffffbf"),
    (75.0, "#66bd63"),
    (100.0, "#006837"),
)
DARK_TEXT = "#000000"
LIGHT_TEXT = "#ffffff"


def step_of(index: float | None) -> int | None:
    """The step (0–19) of an index; None for no figure. Out-of-range values are clamped."""
    if index is None or math.isnan(index):
        return None
    return min(STEPS - 1, max(0, int(index // STEP)))


def css_class(index: float | None) -> str:
    step = step_of(index)
    return "" if step is None else f"heat-{step:02d}"


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in _rgb(hex_colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: about 2.3 is just noticeable, above 20 clearly different."""
    return math.dist(lab(a), lab(b))


def _mix(a: str, b: str, t: float) -> str:
    # Interpolated in linear light, so the midway colours do not turn muddy.
    out = [
        _srgb(_linear(x) + (_linear(y) - _linear(x)) * t)
        for x, y in zip(_rgb(a), _rgb(b), strict=True)
    ]
    return "#" + "".join(f"{round(c * 255):02x}" for c in out)


def colour_at(value: float) -> str:
    value = min(100.0, max(0.0, value))
    for (lo, ca), (hi, cb) in zip(ANCHORS, ANCHORS[1:], strict=False):
        if value <= hi:
            return _mix(ca, cb, (value - lo) / (hi - lo))
    return ANCHORS[-1][1]


def luminance(hex_colour: str) -> float:
    r, g, b = (_linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palette() -> list[tuple[str, str]]:
    """(background, text) per step; the background is the colour at the step's middle."""
    out = []
    for step in range(STEPS):
        bg = colour_at(step * STEP + STEP / 2)
        text = max((DARK_TEXT, LIGHT_TEXT), key=lambda t: contrast(t, bg))
        out.append((bg, text))
    return out


def css() -> str:
    lines = [
        "/* Generated from sikap.core.heatscale.css(); do not edit by hand. */",
        "/* Heatmap cells: one class per 5 points of a 0-100 index (red-yellow-green). */",
    ]
    for step, (bg, text) in enumerate(palette()):
        lines.append(
            f".heat-{step:02d} {{ background-color: {bg}; color: {text}; "
            f"--bs-table-bg: {bg}; --bs-table-color: {text}; }}"
        )
    return "\n".join(lines) + "\n"
