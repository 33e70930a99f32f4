"""Published figures other apps read by name (sikap.core.providers), never raw answers."""

from __future__ import annotations

from typing import Any

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import scope_by_unit
from sikap.culture.models import ResultGroup
from sikap.culture.queries.results import r1


def unit_values(*, user: Any, unit: Any) -> dict[str, Any] | None:
    """The unit's group in the latest published campaign, when shown (not suppressed)."""
    group = (
        scope_by_unit(
            ResultGroup.objects.filter(
                campaign_unit__unit=unit, campaign__published_at__isnull=False
            ).select_related("campaign"),
            user,
            Cap.CULTURE_RESULTS,
            unit_field="campaign_unit",
        )
        .order_by("-campaign__period_end", "-campaign__published_at")
        .first()
    )
    if group is None or group.suppressed or not group.values:
        return None
    values = {code: r1(v.get("index")) for code, v in group.values.items() if isinstance(v, dict)}
    return {"campaign": group.campaign.name, "n": group.n, "values": values}
