"""Reads of the IPAK answers: a service unit's totals and index for a period, and the provider
the integrity app asks (`publicservice.unit_ipak`), read with the asking user's scoping.

Only the unit's own service unit counts: answers of another unit (a sub-unit included) or of
another Pemda never feed in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum

from sikap.accounts.scoping import reach
from sikap.core.roles import Cap
from sikap.org.models import OrgUnit
from sikap.publicservice.ipak.models import ITEM_FIELDS, IpakResponse
from sikap.publicservice.models import ServiceUnit
from sikap.publicservice.periods import Period, parse_period
from sikap.rules import ipak
from sikap.rules.errors import RuleError


def totals(service_unit: ServiceUnit, period: Period) -> tuple[int, dict[str, int], dict[str, int]]:
    """(respondents, sum per item code, answered count per item code) in one query."""
    any_answer = Q()
    for f in ITEM_FIELDS:
        any_answer |= Q(**{f"{f}__isnull": False})
    agg = IpakResponse.objects.filter(
        service_unit=service_unit,
        submitted_on__gte=period.start,
        submitted_on__lte=period.end,
    ).aggregate(
        n=Count("id", filter=any_answer),
        **{f"s_{f}": Sum(f) for f in ITEM_FIELDS},
        **{f"c_{f}": Count(f) for f in ITEM_FIELDS},
    )
    sums = {f.upper(): int(agg[f"s_{f}"] or 0) for f in ITEM_FIELDS}
    counts = {f.upper(): int(agg[f"c_{f}"]) for f in ITEM_FIELDS}
    return int(agg["n"]), sums, counts


def result(service_unit: ServiceUnit, period: Period) -> ipak.IpakResult | None:
    """The unit's IPAK for the period; None when nobody answered (or no rulebook that year)."""
    n, sums, counts = totals(service_unit, period)
    if n == 0:
        return None
    try:
        return ipak.compute_totals(n, sums, counts, year=period.year)
    except RuleError:
        return None


def unit_ipak(*, user: Any, unit: OrgUnit, year: int) -> dict[str, Any] | None:
    """The IPAK index of `unit`'s own service unit in `year`, if `user` may read its results."""
    if not reach(user, Cap.SERVICE_RESULTS).covers_unit(unit):
        return None
    su = ServiceUnit.objects.filter(unit=unit, pemda_id=unit.pemda_id).first()
    if su is None:
        return None
    try:
        period = parse_period(str(year))
    except ValidationError:
        return None
    res = result(su, period)
    if res is None:
        return None
    return {
        "index": Decimal(res.index),
        "n": res.n,
        "period": period.key,
        "source": res.source,
        "version": res.version,
        "confidence": res.confidence,
        "complete": res.complete,
        "missing": res.missing,
    }
