"""Reads of the culture survey, narrowed through the scoping gate.

Results are read from ResultGroup snapshots only; a page never scans responses. Every public
shape of a group goes through `group_public`, which hides all figures of a suppressed group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach, scope_by_pemda, scope_by_unit
from sikap.culture.models import (
    ActionPlan,
    Campaign,
    CampaignUnit,
    Invitation,
    Response,
    ResultGroup,
)
from sikap.rules import berakhlak
from sikap.rules._numbers import round_half_up


class _SystemUser:
    """The installation operator on the command line: reaches everything, like a superuser."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    display_name = "sikap (command line)"

    def __str__(self) -> str:
        return self.display_name


SYSTEM = _SystemUser()


def r1(value: float | None) -> float | None:
    """Indices are published to one decimal, rounded half-up."""
    return None if value is None else round_half_up(value, 1)


# --- campaigns -----------------------------------------------------------------------------


def campaigns_visible(user: Any, capability: str = Cap.CULTURE_RESULTS) -> QuerySet[Campaign]:
    """Campaigns of every Pemda where the user reaches at least one unit for `capability`."""
    r = reach(user, capability)
    qs = Campaign.objects.select_related("pemda", "instrument")
    if r.everything:
        return qs
    return qs.filter(pemda_id__in=sorted(r.pemda_ids))


def campaigns_managed(user: Any) -> QuerySet[Campaign]:
    return scope_by_pemda(
        Campaign.objects.select_related("pemda", "instrument"), user, Cap.CULTURE_MANAGE
    )


def campaign_get(user: Any, campaign_id: Any, capability: str = Cap.CULTURE_RESULTS) -> Campaign:
    return get_in_scope(campaigns_visible(user, capability), pk=campaign_id)


def campaign_managed_get(user: Any, campaign_id: Any) -> Campaign:
    return get_in_scope(campaigns_managed(user), pk=campaign_id)


def campaign_by_code(user: Any, code: str, pemda_code: str | None = None) -> Campaign:
    qs = campaigns_visible(user).filter(code=code)
    if pemda_code:
        qs = qs.filter(pemda__code=pemda_code)
    found = list(qs[:2])
    if len(found) != 1:
        from django.http import Http404

        raise Http404
    return found[0]


# --- results -------------------------------------------------------------------------------


def results_visible(user: Any, campaign: Campaign) -> QuerySet[ResultGroup]:
    return scope_by_unit(
        ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit"),
        user,
        Cap.CULTURE_RESULTS,
        unit_field="campaign_unit",
    ).order_by("campaign_unit__path")


def group_get(user: Any, campaign: Campaign, group_id: Any) -> ResultGroup:
    return get_in_scope(results_visible(user, campaign), pk=group_id)


def group_public(group: ResultGroup, *, kind: str) -> dict[str, Any]:
    """The one public shape of a group (CLI, API, pages): null figures when suppressed."""
    shown = not group.suppressed
    values = group.values or {}
    data: dict[str, Any] = {
        "unit": group.campaign_unit.code,
        "name": group.campaign_unit.name,
        "n": group.n,
        "suppressed": group.suppressed,
        "overall": {
            "index": r1(group.overall) if shown else None,
            "band": (group.overall_band or None) if shown else None,
        },
        "values": {
            code: {
                "index": r1((values.get(code) or {}).get("index")) if shown else None,
                "band": ((values.get(code) or {}).get("band") or None) if shown else None,
            }
            for code in berakhlak.VALUE_CODES
        },
    }
    if kind == "implementasi":
        data["entropy"] = r1(group.entropy) if shown else None
    return data


def results_json(user: Any, campaign: Campaign) -> dict[str, Any]:
    return {
        "campaign": campaign.code,
        "instrument": campaign.kind,
        "groups": [group_public(g, kind=campaign.kind) for g in results_visible(user, campaign)],
    }


@dataclass(frozen=True)
class ValueRow:
    code: str
    name: str
    index: float | None
    band: str
    ci: tuple[float, float] | None
    delta: float | None
    significant: bool | None
    pemda_index: float | None
    why: str


def value_rows(
    group: ResultGroup, *, pemda_group: ResultGroup | None = None, year: int | None = None
) -> list[ValueRow]:
    rows: list[ValueRow] = []
    pemda_values = (
        pemda_group.values if pemda_group is not None and not pemda_group.suppressed else None
    ) or {}
    for value in berakhlak.VALUES:
        v = (group.values or {}).get(value.code) or {} if not group.suppressed else {}
        index = r1(v.get("index"))
        ci = v.get("ci")
        why = "" if index is None else berakhlak.grade(index, year=year).explanation
        rows.append(
            ValueRow(
                code=value.code,
                name=value.name,
                index=index,
                band=v.get("band") or "",
                ci=None if not ci else (r1(ci[0]) or 0.0, r1(ci[1]) or 0.0),
                delta=r1(v.get("delta")),
                significant=v.get("significant"),
                pemda_index=r1((pemda_values.get(value.code) or {}).get("index")),
                why=why,
            )
        )
    return rows


def behaviour_shares(group: ResultGroup, campaign: Campaign) -> list[dict[str, Any]]:
    """Per behaviour of a shown implementasi group: shares in each ballot and the CC→DC gap."""
    if group.suppressed or not group.shares or "cc" not in group.shares:
        return []
    texts = {b["code"]: b for b in campaign.instrument.behaviours}
    rows = []
    for code, meta in texts.items():
        pv, cc, dc = (group.shares[b].get(code, 0.0) for b in ("pv", "cc", "dc"))
        rows.append(
            {
                "code": code,
                "text": meta.get("text", ""),
                "limiting": bool(meta.get("limiting")),
                "pv": r1(pv),
                "cc": r1(cc),
                "dc": r1(dc),
                "gap": r1(dc - cc),
            }
        )
    return rows


# --- participation -------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipationRow:
    unit: CampaignUnit
    invited: int
    responded: int
    minimum: int

    @property
    def percent(self) -> int:
        return 0 if not self.minimum else min(100, round(100 * self.responded / self.minimum))

    @property
    def met(self) -> bool:
        return self.responded >= self.minimum


def participation(campaign: Campaign) -> list[ParticipationRow]:
    """Counts per attribution unit against its minimum; never a person."""
    units = list(CampaignUnit.objects.filter(campaign=campaign).order_by("path"))
    invited = dict(
        Invitation.objects.filter(campaign=campaign)
        .values_list("campaign_unit_id")
        .annotate(c=Count("id"))
        .values_list("campaign_unit_id", "c")
    )
    responded = dict(
        Response.objects.filter(campaign=campaign)
        .values_list("campaign_unit_id")
        .annotate(c=Count("id"))
        .values_list("campaign_unit_id", "c")
    )
    target = campaign.attribution_depth + 1
    return [
        ParticipationRow(u, invited.get(u.pk, 0), responded.get(u.pk, 0), u.minimum)
        for u in units
        if u.depth == target or (u.depth < target and not u.is_root and invited.get(u.pk))
    ]


# --- action plans --------------------------------------------------------------------------


def plans_visible(user: Any) -> QuerySet[ActionPlan]:
    return scope_by_unit(
        ActionPlan.objects.select_related("unit", "campaign"), user, Cap.ACTIONPLAN_MANAGE
    )


def plan_get(user: Any, plan_id: Any) -> ActionPlan:
    return get_in_scope(plans_visible(user), pk=plan_id)


def weak_values(group: ResultGroup) -> list[str]:
    """Values below band B (the bands come from the rulebook via the stored category)."""
    if group.suppressed or not group.values:
        return []
    return [c for c, v in group.values.items() if v.get("band") in {"C", "D"}]


def unit_groups_for(campaign: Campaign, unit_ids: list[int]) -> dict[int, ResultGroup]:
    """Shown groups of original OrgUnits in a campaign (for before/after beside plans)."""
    return {
        g.campaign_unit.unit_id: g
        for g in ResultGroup.objects.filter(
            Q(campaign=campaign), Q(campaign_unit__unit_id__in=unit_ids)
        ).select_related("campaign_unit")
        if g.campaign_unit.unit_id is not None
    }
