"""What a user's home shows of public service: follow-ups due, reviews waiting, the Ombudsman."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import has_capability, scope_by_pemda, scope_by_unit
from sikap.publicservice.models import FollowUp, OmbudsmanResult, PekpppEvaluation, PekpppScore


@dataclass(frozen=True)
class ReviewWaiting:
    evaluation: PekpppEvaluation
    pending: int


@dataclass
class ServiceHome:
    followups_overdue: int = 0
    followups_open: int = 0
    reviews: list[ReviewWaiting] = field(default_factory=list)
    ombudsman: OmbudsmanResult | None = None
    ombudsman_previous: OmbudsmanResult | None = None

    @property
    def ombudsman_change(self) -> float | None:
        if self.ombudsman is None or self.ombudsman_previous is None:
            return None
        return float(self.ombudsman.score - self.ombudsman_previous.score)

    @property
    def ombudsman_sign(self) -> str:
        change = self.ombudsman_change
        return "+" if change is not None and change > 0 else ""

    @property
    def empty(self) -> bool:
        return not (self.followups_open or self.reviews or self.ombudsman)


def service_home(user: Any, pemda: Any, *, today: dt.date) -> ServiceHome:
    home = ServiceHome()
    if has_capability(user, Cap.SERVICE_RESULTS):
        open_followups = scope_by_unit(
            FollowUp.objects.filter(service_unit__unit__pemda=pemda).exclude(
                status=FollowUp.Status.DONE
            ),
            user,
            Cap.SERVICE_RESULTS,
            unit_field="service_unit__unit",
        )
        counts = open_followups.aggregate(
            open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today))
        )
        home.followups_open, home.followups_overdue = counts["open"], counts["overdue"]
    if has_capability(user, Cap.ASSESSMENT_REVIEW):
        # Scores filled in and not reviewed yet, per evaluation the user may review.
        evaluations = scope_by_unit(
            PekpppEvaluation.objects.filter(service_unit__unit__pemda=pemda),
            user,
            Cap.ASSESSMENT_REVIEW,
            unit_field="service_unit__unit",
        )
        pending = (
            evaluations.annotate(
                pending=Count(
                    "scores",
                    filter=Q(
                        scores__review=PekpppScore.Review.PENDING, scores__score__isnull=False
                    ),
                )
            )
            .filter(pending__gt=0)
            .select_related("service_unit__unit")
            .order_by("-year", "service_unit__unit__name")
        )
        home.reviews = [ReviewWaiting(e, e.pending) for e in pending]
    if has_capability(user, Cap.SERVICE_RESULTS):
        results = list(
            scope_by_pemda(
                OmbudsmanResult.objects.filter(pemda=pemda), user, Cap.SERVICE_RESULTS
            ).order_by("-year")[:2]
        )
        if results:
            home.ombudsman = results[0]
            home.ombudsman_previous = results[1] if len(results) > 1 else None
    return home
