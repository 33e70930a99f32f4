"""Reporting periods of SKM results: a year (2024), a semester (2024S1) or a quarter (2024Q1)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PERIOD = re.compile(r"([0-9]{4})(?:([SQ])([0-9]))?")


@dataclass(frozen=True)
class Period:
    key: str
    year: int
    first_month: int
    last_month: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.last_month + 1, 1) - dt.timedelta(days=1)

    @property
    def months(self) -> int:
        return self.last_month - self.first_month + 1

    @property
    def kind(self) -> str:
        return {12: "year", 6: "semester", 3: "quarter"}[self.months]

    def label(self) -> str:
        if self.months == 12:
            return str(self.year)
        if self.months == 6:
            return _("Semester %(n)s %(year)s") % {"n": self.key[-1], "year": self.year}
        return _("Triwulan %(n)s %(year)s") % {"n": self.key[-1], "year": self.year}

    def siblings(self) -> list[Period]:
        """The periods of the same kind in the same year, for a trend within the year."""
        if self.months == 12:
            return [self]
        count = 12 // self.months
        letter = "S" if self.months == 6 else "Q"
        return [parse_period(f"{self.year}{letter}{i}") for i in range(1, count + 1)]


def parse_period(text: str) -> Period:
    """Parse 2024, 2024S1, 2024S2 or 2024Q1…2024Q4 strictly; anything else is a clear error."""
    raw = (text or "").strip().upper()
    m = _PERIOD.fullmatch(raw)
    hint = _("gunakan TTTT, TTTTS1–S2 atau TTTTQ1–Q4, misalnya 2024, 2024S1, 2024Q3")
    if m is None:
        raise ValidationError(
            _("Periode %(value)r tidak dikenal: %(hint)s.") % {"value": text, "hint": hint}
        )
    year = int(m.group(1))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})
    from sikap.rules import RuleError, skm

    try:
        skm.RULEBOOKS.select(year)
    except RuleError as exc:
        raise ValidationError(
            _("Tidak ada aturan SKM untuk tahun %(year)s.") % {"year": year}
        ) from exc
    letter, number = m.group(2), m.group(3)
    if letter is None:
        return Period(raw, year, 1, 12)
    n = int(number)
    if letter == "S":
        if n not in (1, 2):
            raise ValidationError(
                _("Semester %(n)s tidak ada: hanya S1 atau S2 (%(value)r).")
                % {"n": n, "value": text}
            )
        return Period(raw, year, 1 + 6 * (n - 1), 6 * n)
    if n not in (1, 2, 3, 4):
        raise ValidationError(
            _("Triwulan %(n)s tidak ada: hanya Q1–Q4 (%(value)r).") % {"n": n, "value": text}
        )
    return Period(raw, year, 1 + 3 * (n - 1), 3 * n)


def period_keys(month: dt.date) -> tuple[str, str, str]:
    """The year, semester and quarter a month belongs to: ("2024", "2024S1", "2024Q2")."""
    y, m = month.year, month.month
    return (str(y), f"{y}S{1 if m <= 6 else 2}", f"{y}Q{(m - 1) // 3 + 1}")
