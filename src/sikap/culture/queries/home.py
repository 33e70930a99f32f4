"""What a user's home shows of the culture work: open surveys, latest results, plans due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import has_capability
from sikap.culture.models import ActionPlan, Campaign, CampaignUnit, ResultGroup
from sikap.culture.queries.campaigns import campaigns_managed, campaigns_visible
from sikap.culture.queries.plans import plans_visible
from sikap.culture.queries.results import results_visible

DUE_SOON_DAYS = 30
TOP_GROUPS = 5


@dataclass
class CultureHome:
    # Open campaigns whose snapshot holds the employee's unit: the survey link came by mail
    # or on a printed sheet; nothing here says whether they answered.
    open_surveys: list[Campaign] = field(default_factory=list)
    managed_open: list[Campaign] = field(default_factory=list)
    latest: Campaign | None = None
    # The user's top groups in the latest published campaign (the Pemda, or their OPDs).
    groups: list[ResultGroup] = field(default_factory=list)
    plans_overdue: int = 0
    plans_due_soon: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.open_surveys
            or self.managed_open
            or self.groups
            or self.plans_overdue
            or self.plans_due_soon
        )


def culture_home(user: Any, pemda: Any, *, employee: Any, today: dt.date) -> CultureHome:
    home = CultureHome()
    if employee is not None and employee.unit_id:
        units = CampaignUnit.objects.filter(unit_id=employee.unit_id)
        home.open_surveys = list(
            Campaign.objects.filter(
                pemda=pemda,
                status=Campaign.Status.OPEN,
                period_end__gte=today,
                pk__in=units.values("campaign_id"),
            ).order_by("period_end", "code")
        )
    if has_capability(user, Cap.CULTURE_MANAGE):
        home.managed_open = list(
            campaigns_managed(user)
            .filter(pemda=pemda, status=Campaign.Status.OPEN)
            .order_by("period_end", "code")
        )
    if has_capability(user, Cap.CULTURE_RESULTS):
        home.latest = (
            campaigns_visible(user)
            .filter(pemda=pemda, published_at__isnull=False)
            .order_by("-published_at", "-pk")
            .first()
        )
        if home.latest is not None:
            groups = list(results_visible(user, home.latest))
            if groups:
                top = min(g.campaign_unit.depth for g in groups)
                home.groups = [g for g in groups if g.campaign_unit.depth == top][:TOP_GROUPS]
    if has_capability(user, Cap.ACTIONPLAN_MANAGE):
        open_plans = plans_visible(user).filter(pemda=pemda).exclude(status=ActionPlan.Status.DONE)
        home.plans_overdue = open_plans.filter(due_date__lt=today).count()
        home.plans_due_soon = open_plans.filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        ).count()
    return home
