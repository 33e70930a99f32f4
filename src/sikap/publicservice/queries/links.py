"""What the publicservice app offers other apps through `sikap.core.providers` (read-only).

The integrity app reads a unit's SKM IKM of a year for the ZI hasil (IPKP); the read goes
through the SKM results scoping of the user who asks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from sikap.accounts.scoping import reach
from sikap.core.roles import Cap
from sikap.org.models import OrgUnit
from sikap.publicservice.periods import parse_period
from sikap.publicservice.queries.skm_results import unit_result


def unit_ikm(*, user: Any, unit: OrgUnit, year: int) -> dict[str, Any] | None:
    if not reach(user, Cap.SERVICE_RESULTS).covers_unit(unit):
        return None
    try:
        period = parse_period(str(year))
    except ValidationError:
        return None
    score = unit_result(unit, period).score
    if score.ikm is None:
        return None
    return {
        "ikm": Decimal(str(score.ikm)),
        "n": score.n,
        "period": period.key,
        "category": score.category,
        "version": score.version,
    }
