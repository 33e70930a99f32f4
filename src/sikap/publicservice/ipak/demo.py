"""IPAK answers for the demo: the service units of the three Zona Integritas units of the demo
(integrity/demo.py, year 2024) hold 60 anonymous answers each, spread over that year, so that
their ZI can take IPAK from SIKAP data.

The answers are fixed, not random: per item, how many respondents answered 4, 3 and 2, so the
indices can be checked by hand (index = the sum of all answers ÷ 60 ÷ 8 when every respondent
answers every item):

- Disdukcapil: sums 228 + 225 + 214 + 218 + 222 + 216 + 225 + 228 = 1776 → 1776 / 480 = 3.70
- DPMPTSP: 225 + 222 + 210 + 216 + 219 + 213 + 222 + 225 = 1752 → 1752 / 480 = 3.65
- RSUD Anutapura: 228 + 228 + 219 + 225 + 222 + 222 + 228 + 228 = 1800 → 1800 / 480 = 3.75
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sikap.publicservice.ipak.models import ITEM_FIELDS, IpakResponse
from sikap.publicservice.models import ServiceUnit

YEAR = 2024  # the year of the demo's ZI assessments
RESPONDENTS = 60

# Per demo unit key, per item P1…P8: (answers 4, answers 3, answers 2), each summing to 60.
SPREADS: dict[str, tuple[tuple[int, int, int], ...]] = {
    "dukcapil": (
        (48, 12, 0), (45, 15, 0), (36, 22, 2), (40, 18, 2),
        (42, 18, 0), (38, 20, 2), (45, 15, 0), (48, 12, 0),
    ),
    "dpmptsp": (
        (45, 15, 0), (42, 18, 0), (33, 24, 3), (39, 18, 3),
        (42, 15, 3), (36, 21, 3), (42, 18, 0), (45, 15, 0),
    ),
    "rsud": (
        (48, 12, 0), (48, 12, 0), (42, 15, 3), (45, 15, 0),
        (45, 12, 3), (42, 18, 0), (48, 12, 0), (48, 12, 0),
    ),
}  # fmt: skip


def _answer(position: int, spread: tuple[int, int, int]) -> int:
    fours, threes, _ = spread
    if position < fours:
        return 4
    return 3 if position < fours + threes else 2


def responses(su: ServiceUnit, spreads: tuple[tuple[int, int, int], ...]) -> list[IpakResponse]:
    """RESPONDENTS answers whose item counts are exactly `spreads`; respondents differ from
    item to item (each item's order is rotated), and their days run through YEAR."""
    rows = []
    first = dt.date(YEAR, 1, 1)
    for j in range(RESPONDENTS):
        values = {
            field: _answer((j + 7 * i) % RESPONDENTS, spread)
            for i, (field, spread) in enumerate(zip(ITEM_FIELDS, spreads, strict=True))
        }
        day = first + dt.timedelta(days=(j * 6) % 366)
        rows.append(IpakResponse(service_unit=su, submitted_on=day, **values))
    return rows


def load(services: Mapping[str, ServiceUnit]) -> int:
    """Store the demo answers of the units in `services` that have a spread; how many."""
    rows = [
        row
        for key, spreads in SPREADS.items()
        if key in services
        for row in responses(services[key], spreads)
    ]
    IpakResponse.objects.bulk_create(rows)
    return len(rows)
