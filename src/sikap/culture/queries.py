"""Reads of the culture survey, narrowed through the scoping gate.

Results are read from ResultGroup snapshots only; a page never scans responses. Every public
shape of a group goes through `group_public`, which hides all figures of a suppressed group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach, scope_by_pemda, scope_by_unit
from sikap.core.codes import by_code, code_filter
from sikap.culture import groups
from sikap.culture.models import (
    ActionPlan,
    Campaign,
    CampaignUnit,
    Invitation,
    Response,
    ResultGroup,
)
from sikap.rules import berakhlak, disclosure, stats
from sikap.rules.rounding import half_up as round_half_up


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
    """The one visible campaign of that code, in any case (sikap.core.codes); 404 when none
    or when the code is used in more than one Pemda and none is named."""
    qs = by_code(campaigns_visible(user), code)
    if pemda_code:
        qs = qs.filter(code_filter("pemda__code", pemda_code))
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
    """The published results; before publication, no group at all (participation instead)."""
    return {
        "campaign": campaign.code,
        "instrument": campaign.kind,
        "published": campaign.published_at is not None,
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
        # Wilson intervals are computed here, for one group, rather than stored for thousands.
        lo, hi = stats.wilson_interval(round(cc * group.n / 100), group.n)
        rows.append(
            {
                "code": code,
                "text": meta.get("text", ""),
                "limiting": bool(meta.get("limiting")),
                "pv": r1(pv),
                "cc": r1(cc),
                "dc": r1(dc),
                "gap": r1(dc - cc),
                "cc_ci": (r1(100 * lo), r1(100 * hi)),
            }
        )
    return rows


HIGHLIGHTS = 5  # behaviours listed under each heading of a group page


@dataclass(frozen=True)
class Highlights:
    weakest: list[dict[str, Any]]  # BerAKHLAK behaviours least present in the current culture
    limiting: list[dict[str, Any]]  # limiting behaviours most present in it
    gaps: list[dict[str, Any]]  # behaviours wanted more than they are seen (desired > current)


def highlights(behaviours: list[dict[str, Any]]) -> Highlights:
    """What a group page puts first, from `behaviour_shares`; ties in code order."""
    core = [b for b in behaviours if not b["limiting"]]
    limiting = [b for b in behaviours if b["limiting"]]
    return Highlights(
        weakest=sorted(core, key=lambda b: (b["cc"], b["code"]))[:HIGHLIGHTS],
        limiting=sorted(limiting, key=lambda b: (-(b["cc"] or 0), b["code"]))[:HIGHLIGHTS],
        gaps=sorted(
            (b for b in behaviours if (b["gap"] or 0) > 0),
            key=lambda b: (-b["gap"], b["code"]),
        )[:HIGHLIGHTS],
    )


def positive_energy(group: ResultGroup) -> float | None:
    """A shown implementasi group's energi positif, to one decimal."""
    if group.suppressed or group.entropy is None:
        return None
    return r1(berakhlak.positive_energy(group.entropy))


@dataclass(frozen=True)
class TopTen:
    pv: list[dict[str, Any]]
    cc: list[dict[str, Any]]
    dc: list[dict[str, Any]]
    pv_cc: list[str]
    cc_dc: list[str]


def top_ten(behaviours: list[dict[str, Any]]) -> TopTen | None:
    """The ten most chosen behaviours of each ballot and where two ballots agree."""
    if not behaviours:
        return None

    def top(ballot: str) -> list[dict[str, Any]]:
        chosen = [b for b in behaviours if (b[ballot] or 0) > 0]
        return sorted(chosen, key=lambda b: (-b[ballot], b["code"]))[:10]

    pv, cc, dc = top("pv"), top("cc"), top("dc")
    codes = {name: [b["code"] for b in rows] for name, rows in (("pv", pv), ("cc", cc), ("dc", dc))}
    return TopTen(
        pv=pv,
        cc=cc,
        dc=dc,
        pv_cc=[c for c in codes["pv"] if c in codes["cc"]],
        cc_dc=[c for c in codes["cc"] if c in codes["dc"]],
    )


def likert_items(group: ResultGroup) -> list[dict[str, Any]]:
    """Per behaviour of a shown Likert group: its mean answer (1–5), weakest first."""
    if group.suppressed or not group.shares or "items" not in group.shares:
        return []
    texts = {b.code: b.text for b in berakhlak.BEHAVIOURS}
    rows = [
        {"code": code, "text": texts.get(code, code), "mean": round(mean, 2)}
        for code, mean in group.shares["items"].items()
        if mean is not None
    ]
    return sorted(rows, key=lambda r: (r["mean"], r["code"]))


# --- participation -------------------------------------------------------------------------


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
        return 0 if not self.minimum else min(100, round(100 * self.responded / self.minimum))

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


def participation_visible(user: Any, campaign: Campaign) -> list[ParticipationRow]:
    """`participation` narrowed to the units the user may read results of: before publication,
    the only figures of a campaign anyone sees."""
    visible = set(
        scope_by_unit(
            CampaignUnit.objects.filter(campaign=campaign), user, Cap.CULTURE_RESULTS, unit_field=""
        ).values_list("pk", flat=True)
    )
    return [row for row in participation(campaign) if row.unit.pk in visible]


# --- action plans --------------------------------------------------------------------------


def plans_visible(user: Any) -> QuerySet[ActionPlan]:
    return scope_by_unit(
        ActionPlan.objects.select_related("unit", "campaign"), user, Cap.ACTIONPLAN_MANAGE
    )


def plan_get(user: Any, plan_id: Any) -> ActionPlan:
    return get_in_scope(plans_visible(user), pk=plan_id)


# --- dashboards ----------------------------------------------------------------------------


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
    visible = results_visible(user, campaign).defer("shares", "stats")
    top_depth = visible.aggregate(d=Min("campaign_unit__depth"))["d"]
    if top_depth is None:
        return Overview(None, [], [], [])
    top = visible.filter(campaign_unit__depth=top_depth).first()
    assert top is not None
    opd_depth = 1 if top_depth == 0 else top_depth
    opds = list(visible.filter(campaign_unit__depth=opd_depth))
    ranking = sorted(opds, key=lambda g: (g.suppressed, -(g.overall or 0.0), g.campaign_unit.code))
    trend_rows = (
        scope_by_unit(
            ResultGroup.objects.defer("shares", "stats").filter(
                campaign__pemda_id=campaign.pemda_id,
                campaign__kind=campaign.kind,
                campaign_unit__code=top.campaign_unit.code,
            ),
            user,
            Cap.CULTURE_RESULTS,
            unit_field="campaign_unit",
        )
        .select_related("campaign")
        .order_by("campaign__period_start")
    )
    trend = [
        (
            g.campaign,
            None if g.suppressed else r1(g.overall),
            "" if g.suppressed else g.overall_band,
        )
        for g in trend_rows
    ]
    return Overview(top, opds, ranking, trend)


def children_of(user: Any, campaign: Campaign, group: ResultGroup) -> list[ResultGroup]:
    return list(
        results_visible(user, campaign).filter(campaign_unit__parent_id=group.campaign_unit_id)
    )


COMMENTS_IN_PDF = 200


def group_comments(group: ResultGroup) -> QuerySet[Response]:
    """The comments of a group, in alphabetical order (never in arrival order).

    Only the comments attributed to the group's own unit, and only when that unit's own
    respondents number at least max(10, k) (group.comment_count, set by the recompute): no list
    is built by adding children's lists, so taking one list from another reveals nothing.
    The caller has fetched `group` through the scoping gate.
    """
    if group.suppressed or group.comment_count == 0:
        return Response.objects.none()
    return Response.objects.filter(
        ~Q(comment=""),  # the same condition as the partial index response_commented
        campaign_id=group.campaign_id,
        campaign_unit_id=group.campaign_unit_id,
    ).order_by("comment")


def group_comment_texts(group: ResultGroup, limit: int = COMMENTS_IN_PDF) -> list[str]:
    return list(group_comments(group).values_list("comment", flat=True)[:limit])


def comment_units(campaign: Campaign) -> set[int]:
    """Units whose own comments may be read (their own group is shown and large enough)."""
    return set(
        ResultGroup.objects.filter(
            campaign=campaign,
            suppressed=False,
            n_direct__gte=groups.comment_min_group_size(),
        ).values_list("campaign_unit_id", flat=True)
    )


def radar_data(group: ResultGroup | None, pemda: ResultGroup | None = None) -> dict[str, Any]:
    labels = [v.name for v in berakhlak.VALUES]

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


def export_rows(user: Any, campaign: Campaign) -> list[dict[str, Any]]:
    """Aggregates for Excel and PDF: the public shape only, so suppressed groups stay empty."""
    return [
        {**group_public(g, kind=campaign.kind), "name": g.campaign_unit.name}
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
