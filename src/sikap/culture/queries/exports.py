"""Rows for exports: the shown groups, and the raw responses k-anonymised over their
quasi-identifiers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import reach
from sikap.culture import groups
from sikap.culture.models import Campaign, CampaignUnit, Response, ResultGroup
from sikap.culture.queries.comments import comment_units
from sikap.culture.queries.results import group_public, results_visible
from sikap.rules import disclosure


def export_rows(user: Any, campaign: Campaign) -> list[dict[str, Any]]:
    """Aggregates for Excel and PDF: the public shape only, so suppressed groups stay empty."""
    return [
        {
            **group_public(g, kind=campaign.kind),
            "name": g.campaign_unit.name,
            "depth": g.campaign_unit.depth,
        }
        for g in results_visible(user, campaign)
    ]


@dataclass(frozen=True)
class RawRow:
    """One response as the raw export shows it: k-anonymous over unit, status, age, tenure, date."""

    response: Response
    unit: str
    employment_kind: str
    age_band: str
    tenure_band: str
    date: str
    comment: str


def raw_rows(user: Any, campaign: Campaign) -> list[RawRow]:
    """The anonymous responses of a published campaign for Admin Pemda, k-anonymous.

    Each row is exported under its nearest shown group (a unit shown only through its parent
    is exported as the parent), so every unit in the file holds 0 or at least k rows; then
    status, age band, tenure band and date are blanked where a combination would be shared by
    fewer than k rows (date first, status last). Comments only of units whose list is shown.
    """
    if campaign.published_at is None or not reach(user, Cap.CULTURE_RAW).covers_pemda(
        campaign.pemda_id
    ):
        return []
    units = {
        u.pk: u
        for u in CampaignUnit.objects.filter(campaign=campaign).only("id", "parent_id", "code")
    }
    shown = set(
        ResultGroup.objects.filter(campaign=campaign, suppressed=False).values_list(
            "campaign_unit_id", flat=True
        )
    )

    def exported(pk: int) -> int | None:
        node: int | None = pk
        while node is not None and node not in shown:
            node = units[node].parent_id
        return node

    under = {pk: exported(pk) for pk in units}
    readable = comment_units(campaign)
    responses = [
        r
        for r in Response.objects.filter(campaign=campaign).order_by("campaign_unit_id", "id")
        if under[r.campaign_unit_id] is not None
    ]
    keys = [
        (
            units[under[r.campaign_unit_id] or 0].code,
            r.employment_kind,
            r.age_band,
            r.tenure_band,
            r.created_on.isoformat(),
        )
        for r in responses
    ]
    general = disclosure.k_anonymise(keys, groups.min_group_size(), fixed=1)
    rows = [
        RawRow(r, *key, r.comment if r.campaign_unit_id in readable else "")
        for r, key in zip(responses, general, strict=True)
    ]
    rows.sort(key=lambda row: (row.unit, str(row.response.id)))
    return rows
