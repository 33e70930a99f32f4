"""Participation: invited, answered and the minimum sample per unit."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import scope_by_unit
from sikap.culture.models import Campaign, CampaignUnit, Invitation, Response
from sikap.rules.rounding import half_up_int


@dataclass(frozen=True)
class ParticipationRow:
    unit: CampaignUnit
    invited: int
    responded: int
    minimum: int
    # Invitations not used yet: whom a reminder reaches, as a count, never a name.
    pending: int = 0

    @property
    def percent(self) -> int:
        """Progress against the minimum sample, capped at 100."""
        if not self.minimum:
            return 0
        return min(100, half_up_int(Fraction(100 * self.responded, self.minimum)))

    @property
    def rate(self) -> int | None:
        """Response rate: answers per invited employee, in percent; None before invitations.

        Derived from the same two counts as the row, so it tells nothing they do not."""
        if not self.invited:
            return None
        return half_up_int(Fraction(100 * self.responded, self.invited))

    @property
    def short(self) -> int:
        """Respondents still missing to reach the minimum."""
        return max(0, self.minimum - self.responded)

    @property
    def met(self) -> bool:
        return self.responded >= self.minimum


def participation(campaign: Campaign) -> list[ParticipationRow]:
    """Counts per attribution unit against its minimum; never a person."""
    units = list(CampaignUnit.objects.filter(campaign=campaign).order_by("path"))
    invitations = (
        Invitation.objects.filter(campaign=campaign)
        .values_list("campaign_unit_id")
        .annotate(c=Count("id"), p=Count("id", filter=Q(used=False)))
        .values_list("campaign_unit_id", "c", "p")
    )
    invited = {unit_id: c for unit_id, c, _ in invitations}
    pending = {unit_id: p for unit_id, _, p in invitations}
    # Answers accepted = tokens spent (their sheets may still wait sealed in the ballot box);
    # a unit without invitations counts the responses imported from paper.
    imported = dict(
        Response.objects.filter(campaign=campaign)
        .values_list("campaign_unit_id")
        .annotate(c=Count("id"))
        .values_list("campaign_unit_id", "c")
    )
    responded = {
        pk: (invited[pk] - pending[pk]) if invited.get(pk) else imported.get(pk, 0)
        for pk in {*invited, *imported}
    }
    target = campaign.attribution_depth + 1
    return [
        ParticipationRow(
            u, invited.get(u.pk, 0), responded.get(u.pk, 0), u.minimum, pending.get(u.pk, 0)
        )
        for u in units
        if u.depth == target
        or (u.depth < target and not u.is_root and (invited.get(u.pk) or responded.get(u.pk)))
    ]


def invitation_units(campaign: Campaign) -> list[CampaignUnit]:
    """The units links are issued for: those answers are attributed to (a unit at the
    campaign's attribution depth, or a shallower one for its own staff) that have staff."""
    target = campaign.attribution_depth + 1
    units = CampaignUnit.objects.filter(campaign=campaign).order_by("path")
    return [
        u
        for u in units
        if not u.is_root
        and ((u.depth == target and u.eligible) or (u.depth < target and u.eligible_direct))
    ]


def participation_visible(user: Any, campaign: Campaign) -> list[ParticipationRow]:
    """`participation` narrowed to the units the user may read results of: before publication,
    the only figures of a campaign anyone sees."""
    visible = set(
        scope_by_unit(
            CampaignUnit.objects.filter(campaign=campaign), user, Cap.CULTURE_RESULTS, unit_field=""
        ).values_list("pk", flat=True)
    )
    return [row for row in participation(campaign) if row.unit.pk in visible]
