"""Zona Integritas proposal: the instansi's gates (WTP, AKIP, Indeks RB) and the year's
proposal window, from the integrity rulebook (``data/integrity/``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sikap.rules.errors import (
    UnknownCodeError,
)
from sikap.rules.grading import ResultMixin
from sikap.rules.integrity import RULEBOOKS, TARGETS

# --- gates and window ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gate(ResultMixin):
    rule: str  # "wtp" | "akip" | "indeks_rb" | "window"
    met: bool
    actual: str
    required: str
    confidence: str


def gates_check(
    target: str,
    *,
    wtp: bool | None,
    akip: str,
    indeks_rb: str,
    on: dt.date,
    window: tuple[dt.date, dt.date] | None = None,
    year: int | None = None,
) -> tuple[Gate, ...]:
    """The proposal gates for WBK or WBBM; an unknown figure ('' / None) is not met."""
    if target not in TARGETS:
        raise UnknownCodeError("ZI target", target, TARGETS)
    book = RULEBOOKS.select(year)
    rule = book.gates[target]
    conf = book.gates_confidence

    def at_least(grade: str, minimum: str) -> bool:
        g = grade.strip().upper()
        return g in book.grades and book.grades.index(g) <= book.grades.index(minimum)

    start, end = window or proposal_window(on.year if year is None else year)
    out = [
        Gate("wtp", bool(wtp) or not rule.wtp, "WTP" if wtp else "-", "WTP", conf),
        Gate("akip", at_least(akip, rule.akip_min), akip.upper() or "-", rule.akip_min, conf),
        Gate(
            "indeks_rb",
            at_least(indeks_rb, rule.indeks_rb_min),
            indeks_rb.upper() or "-",
            rule.indeks_rb_min,
            conf,
        ),
        Gate(
            "window",
            start <= on <= end,
            on.isoformat(),
            f"{start.isoformat()}/{end.isoformat()}",
            book.windows_confidence,
        ),
    ]
    return tuple(out)


def proposal_window(year: int) -> tuple[dt.date, dt.date]:
    """The proposal window of a year: the circular's, else the Permen's default (to 31 May)."""
    book = RULEBOOKS.select(year)
    if year in book.windows:
        w = book.windows[year]
        return w.start, w.end
    s, e = book.window_default
    return dt.date.fromisoformat(f"{year}-{s}"), dt.date.fromisoformat(f"{year}-{e}")
