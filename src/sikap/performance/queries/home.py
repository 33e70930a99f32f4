"""What waits in the performance chain for the user, for the role home."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sikap.core.roles import Cap
from sikap.core.scoping import has_capability
from sikap.org.models import Pemda
from sikap.performance.models import Agreement, Skp
from sikap.performance.queries.agreements import agreements_visible, deadlines
from sikap.performance.queries.skp import own_employee_id


@dataclass
class PerformanceHome:
    own: list[Skp] = field(default_factory=list)  # the user's SKPs not rated yet
    to_rate: list[Skp] = field(default_factory=list)  # agreed SKPs the user rates
    late_pks: list[Agreement] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.own or self.to_rate or self.late_pks)


def performance_home(user: Any, pemda: Pemda, *, today: dt.date) -> PerformanceHome:
    home = PerformanceHome()
    me = own_employee_id(user)
    if me is not None:
        skps = Skp.objects.filter(pemda=pemda).select_related("employee").order_by("-year")
        home.own = list(skps.filter(employee_id=me).exclude(status=Skp.Status.RATED)[:3])
        home.to_rate = list(skps.filter(rater_id=me, status=Skp.Status.AGREED)[:20])
    if has_capability(user, Cap.PERFORMANCE_MANAGE):
        agreements = list(
            agreements_visible(user, pemda, today.year, Cap.PERFORMANCE_MANAGE).filter(
                status=Agreement.Status.DRAFT
            )
        )
        home.late_pks = [
            d.agreement
            for d in deadlines(agreements, pemda, today.year, today=today)
            if d.agreement is not None and d.late
        ]
    return home
