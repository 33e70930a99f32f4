"""Action plans a user may read, and each plan beside the results before and after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, scope_by_unit
from sikap.culture.models import ActionPlan, Campaign, ResultGroup
from sikap.culture.queries.results import r1


def plans_visible(user: Any) -> QuerySet[ActionPlan]:
    return scope_by_unit(
        ActionPlan.objects.select_related("unit", "campaign"), user, Cap.ACTIONPLAN_MANAGE
    )


def plan_get(user: Any, plan_id: Any) -> ActionPlan:
    return get_in_scope(plans_visible(user), pk=plan_id)


@dataclass(frozen=True)
class PlanRow:
    plan: ActionPlan
    before: float | None
    after: float | None
    next_campaign: Campaign | None
    overdue_days: int | None = None


def plan_overdue_days(plan: ActionPlan, *, today: dt.date | None = None) -> int | None:
    """Days past its due date of a plan not done; None when it is done or not yet due."""
    today = today or timezone.localdate()
    if plan.status == ActionPlan.Status.DONE or plan.due_date >= today:
        return None
    return (today - plan.due_date).days


def _value_of(group: ResultGroup | None, code: str) -> float | None:
    if group is None or group.suppressed or not group.values:
        return None
    return r1((group.values.get(code) or {}).get("index"))


def plans_with_results(plans: list[ActionPlan]) -> list[PlanRow]:
    """Each plan with its value before (its campaign) and after (the next campaign)."""
    if not plans:
        return []
    campaign_ids = {p.campaign_id for p in plans}
    unit_ids = sorted({p.unit_id for p in plans})
    campaigns = {c.pk: c for c in Campaign.objects.filter(pk__in=campaign_ids)}
    later = list(
        Campaign.objects.filter(
            pemda_id__in={c.pemda_id for c in campaigns.values()}, recomputed_at__isnull=False
        ).order_by("period_start")
    )
    nexts: dict[int, Campaign | None] = {}
    for cid, c in campaigns.items():
        nexts[cid] = next(
            (
                x
                for x in later
                if x.pemda_id == c.pemda_id and x.kind == c.kind and x.period_start > c.period_start
            ),
            None,
        )
    wanted = campaign_ids | {c.pk for c in nexts.values() if c is not None}
    groups = {
        (g.campaign_id, g.campaign_unit.unit_id): g
        for g in ResultGroup.objects.filter(
            campaign_id__in=wanted, campaign_unit__unit_id__in=unit_ids
        ).select_related("campaign_unit")
    }
    rows = []
    today = timezone.localdate()
    for p in plans:
        nxt = nexts.get(p.campaign_id)
        rows.append(
            PlanRow(
                plan=p,
                before=_value_of(groups.get((p.campaign_id, p.unit_id)), p.value_code),
                after=None
                if nxt is None
                else _value_of(groups.get((nxt.pk, p.unit_id)), p.value_code),
                next_campaign=nxt,
                overdue_days=plan_overdue_days(p, today=today),
            )
        )
    return rows
