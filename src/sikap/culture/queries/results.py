"""Result groups through the scoping gate and their public shapes: values, behaviours,
highlights, Likert items.

Every public shape of a group goes through `group_public`, which hides all figures of a
suppressed group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, scope_by_unit
from sikap.core.codes import by_code
from sikap.core.i18n import english, pick
from sikap.culture.models import Campaign, ResultGroup
from sikap.rules import berakhlak, stats
from sikap.rules.rounding import half_up as round_half_up


def r1(value: float | None) -> float | None:
    """Indices are published to one decimal, rounded half-up."""
    return None if value is None else round_half_up(value, 1)


def results_visible(user: Any, campaign: Campaign) -> QuerySet[ResultGroup]:
    return scope_by_unit(
        ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit"),
        user,
        Cap.CULTURE_RESULTS,
        unit_field="campaign_unit",
    ).order_by("campaign_unit__path")


def group_get(user: Any, campaign: Campaign, group_id: Any) -> ResultGroup:
    return get_in_scope(results_visible(user, campaign), pk=group_id)


def group_at(user: Any, campaign: Campaign, unit_code: str) -> ResultGroup:
    """A unit's results addressed by the unit's code in the campaign's snapshot: the address
    survives every recompute (the row's id does not)."""
    return get_in_scope(
        by_code(results_visible(user, campaign), unit_code, field="campaign_unit__code")
    )


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
        why = "" if index is None else pick(berakhlak.grade(index, year=year), "explanation")
        rows.append(
            ValueRow(
                code=value.code,
                name=pick(value, "name"),
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


def _behaviour_text(text: str, *, en: bool) -> str:
    """A stored instrument text in English when it is the rulebook's own (custom ones stay)."""
    if not en:
        return text
    rulebook = {b.text: b.text_en for b in (*berakhlak.BEHAVIOURS, *berakhlak.DEFAULT_LIMITING)}
    return rulebook.get(text) or text


def behaviour_shares(group: ResultGroup, campaign: Campaign) -> list[dict[str, Any]]:
    """Per behaviour of a shown implementasi group: shares in each ballot and the CC→DC gap."""
    if group.suppressed or not group.shares or "cc" not in group.shares:
        return []
    texts = {b["code"]: b for b in campaign.instrument.behaviours}
    en = english()
    rows = []
    for code, meta in texts.items():
        pv, cc, dc = (group.shares[b].get(code, 0.0) for b in ("pv", "cc", "dc"))
        # Wilson intervals are computed here, for one group, rather than stored for thousands.
        lo, hi = stats.wilson_interval(round(cc * group.n / 100), group.n)
        rows.append(
            {
                "code": code,
                "text": _behaviour_text(meta.get("text", ""), en=en),
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
    texts = {b.code: pick(b, "text") for b in berakhlak.BEHAVIOURS}
    rows = [
        {"code": code, "text": texts.get(code, code), "mean": round(mean, 2)}
        for code, mean in group.shares["items"].items()
        if mean is not None
    ]
    return sorted(rows, key=lambda r: (r["mean"], r["code"]))
