"""The dashboard: the Pemda's own group, the overview of a campaign, a group's children and
the radar chart's data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Min

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import scope_by_unit
from sikap.core.i18n import pick
from sikap.culture.models import Campaign, ResultGroup
from sikap.culture.queries.results import r1, results_visible
from sikap.rules import berakhlak


def pemda_group(campaign: Campaign) -> ResultGroup | None:
    """The whole-Pemda group, shown beside an OPD for comparison (a Pemda-wide aggregate)."""
    return (
        ResultGroup.objects.filter(campaign=campaign, campaign_unit__parent__isnull=True)
        .select_related("campaign_unit")
        .first()
    )


@dataclass(frozen=True)
class Overview:
    top: ResultGroup | None
    opds: list[ResultGroup]
    ranking: list[ResultGroup]
    trend: list[tuple[Campaign, float | None, str]]


def overview(user: Any, campaign: Campaign) -> Overview:
    """The top visible group, the OPD-level groups ranked, and the top group's trend.

    Reads a bounded number of snapshot rows (two levels), never responses, so its cost does not
    grow with the number of respondents.
    """
    visible = results_visible(user, campaign).defer("stored_shares", "stored_stats")
    top_depth = visible.aggregate(d=Min("campaign_unit__depth"))["d"]
    if top_depth is None:
        return Overview(None, [], [], [])
    top = visible.filter(campaign_unit__depth=top_depth).first()
    assert top is not None
    opd_depth = 1 if top_depth == 0 else top_depth
    opds = list(visible.filter(campaign_unit__depth=opd_depth))
    ranking = sorted(opds, key=lambda g: (g.suppressed, -(g.overall or 0.0), g.campaign_unit.code))
    trend = unit_trend(user, campaign, top.campaign_unit.code)
    return Overview(top, opds, ranking, trend)


def unit_trend(
    user: Any, campaign: Campaign, unit_code: str
) -> list[tuple[Campaign, float | None, str]]:
    """The overall index of one unit (by its code) in each campaign of the same kind and
    Pemda, oldest first: (campaign, index or None when suppressed, band)."""
    rows = (
        scope_by_unit(
            ResultGroup.objects.defer("stored_shares", "stored_stats").filter(
                campaign__pemda_id=campaign.pemda_id,
                campaign__kind=campaign.kind,
                campaign_unit__code=unit_code,
            ),
            user,
            Cap.CULTURE_RESULTS,
            unit_field="campaign_unit",
        )
        .select_related("campaign")
        .order_by("campaign__period_start")
    )
    return [
        (
            g.campaign,
            None if g.suppressed else r1(g.overall),
            "" if g.suppressed else g.overall_band,
        )
        for g in rows
    ]


def children_of(user: Any, campaign: Campaign, group: ResultGroup) -> list[ResultGroup]:
    return list(
        results_visible(user, campaign).filter(campaign_unit__parent_id=group.campaign_unit_id)
    )


def radar_data(group: ResultGroup | None, pemda: ResultGroup | None = None) -> dict[str, Any]:
    labels = [pick(v, "name") for v in berakhlak.VALUES]

    def series(g: ResultGroup | None) -> list[float | None]:
        if g is None or g.suppressed or not g.values:
            return [None] * len(labels)
        return [r1((g.values.get(v.code) or {}).get("index")) for v in berakhlak.VALUES]

    data = {"labels": labels, "series": [{"label": "", "data": series(group)}]}
    if group is not None:
        data["series"][0]["label"] = group.campaign_unit.name
    if pemda is not None and group is not None and pemda.pk != group.pk:
        data["series"].append({"label": pemda.campaign_unit.name, "data": series(pemda)})
    return data
