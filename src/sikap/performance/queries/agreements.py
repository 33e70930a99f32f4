"""Reads of Perjanjian Kinerja: the scoped PKs, the cascade tree with its flags, the year's
results in the shape the command prints, deadlines, and on-track warnings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach
from sikap.org.models import Pemda
from sikap.performance.models import (
    LEVEL_ORDER,
    QUARTERS,
    Agreement,
    Indicator,
    PlanningYear,
    Realisation,
    Sasaran,
    UnitResult,
)
from sikap.rules import performance as rules
from sikap.rules.errors import RuleError


def _visible_q(user: Any, capability: str, prefix: str = "") -> Q:
    """Unit PKs by the unit's subtree; the Pemda's own PK (no unit) is read by every user with
    the capability anywhere in the Pemda (each OPD cascades its rows from it) but written
    only with reach over the whole Pemda."""
    r = reach(user, capability)
    unit = f"{prefix}unit"
    own = r.pemda_q(f"{prefix}pemda_id")
    if capability == Cap.PERFORMANCE_VIEW and not r.everything:
        own = Q(**{f"{prefix}pemda_id__in": sorted(r.pemda_ids)})
    return (Q(**{f"{unit}__isnull": False}) & r.unit_q(unit)) | (
        Q(**{f"{unit}__isnull": True}) & own
    )


def agreements_visible(
    user: Any, pemda: Pemda, year: int | None = None, capability: str = Cap.PERFORMANCE_VIEW
) -> QuerySet[Agreement]:
    qs = Agreement.objects.filter(pemda=pemda).filter(_visible_q(user, capability))
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("unit", "holder", "supervisor")


def agreement_get(
    user: Any, pemda: Pemda, agreement_id: Any, capability: str = Cap.PERFORMANCE_VIEW
) -> Agreement:
    return get_in_scope(agreements_visible(user, pemda, capability=capability), pk=agreement_id)


def indicators_visible(
    user: Any, pemda: Pemda, year: int | None = None, capability: str = Cap.PERFORMANCE_VIEW
) -> QuerySet[Indicator]:
    qs = Indicator.objects.filter(pemda=pemda).filter(_visible_q(user, capability, "sasaran__"))
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("sasaran", "sasaran__agreement", "sasaran__unit")


def indicator_get(
    user: Any, pemda: Pemda, indicator_id: Any, capability: str = Cap.PERFORMANCE_VIEW
) -> Indicator:
    return get_in_scope(indicators_visible(user, pemda, capability=capability), pk=indicator_id)


def years_of(pemda: Pemda) -> list[int]:
    return sorted(
        set(Agreement.objects.filter(pemda=pemda).values_list("year", flat=True)), reverse=True
    )


# The PK level a unit's own PK has, by its depth in the tree (performance.domain.level_of_unit).
_LEVEL_BY_DEPTH = ("opd", "eselon3", "eselon4")


def unit_result(unit: Any, year: int) -> UnitResult | None:
    """The capaian snapshot of a unit's own PK for a year (the PK at the unit's level when the
    unit has several), or None when the unit has no PK that year."""
    rows = list(
        UnitResult.objects.filter(agreement__unit=unit, year=year).select_related("agreement")
    )
    if not rows:
        return None
    own = _LEVEL_BY_DEPTH[min(unit.depth, 2)]
    rows.sort(key=lambda r: (r.agreement.level != own, LEVEL_ORDER.index(r.agreement.level)))
    return rows[0]


# --- the tree --------------------------------------------------------------------------------


@dataclass
class Node:
    indicator: Indicator
    warning: str | None
    children: list[Node] = field(default_factory=list)

    @property
    def orphan(self) -> bool:
        return (
            self.indicator.supports_id is None and self.indicator.sasaran.agreement.level != "pemda"
        )


@dataclass
class Tree:
    roots: list[Node]
    # Indicators whose supported row is outside what the user sees: shown as roots too.
    empty_sasaran: list[Sasaran]
    orphans: list[Indicator]
    count: int


def tree(user: Any, pemda: Pemda, year: int) -> Tree:
    """The cascade (pohon kinerja) the user may see, in three queries."""
    indicators = list(indicators_visible(user, pemda, year).order_by("sasaran__code", "code"))
    nodes = {i.pk: Node(i, _warning(i)) for i in indicators}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.indicator.supports_id or 0)
        if parent is not None:
            parent.children.append(node)
        else:
            roots.append(node)
    sasaran_ids = {i.sasaran_id for i in indicators}
    visible_sasaran = Sasaran.objects.filter(pemda=pemda, year=year).filter(
        _visible_q(user, Cap.PERFORMANCE_VIEW)
    )
    empty = list(visible_sasaran.exclude(pk__in=sasaran_ids).select_related("unit"))
    orphans = [n.indicator for n in nodes.values() if n.orphan]
    return Tree(roots, empty, orphans, len(indicators))


def _warning(indicator: Indicator) -> str | None:
    if not indicator.is_iku:
        return None
    try:
        return rules.iku_warning(
            indicator.sasaran.agreement.level, indicator.kind, year=indicator.year
        )
    except RuleError:
        return None


# --- results in the command's shape ----------------------------------------------------------


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def results(pemda: Pemda, year: int) -> dict[str, Any]:
    """``{"units": [{"unit", "capaian", "sasaran": [{"code", "capaian", "indicators": […]}]}]}``.

    Read from the snapshots of the last recompute; the Pemda's own PK is named by its code.
    """
    agreements = list(
        Agreement.objects.filter(pemda=pemda, year=year)
        .select_related("unit")
        .order_by("unit__path", "level")
    )
    sasaran_by: dict[int, list[Sasaran]] = defaultdict(list)
    for s in Sasaran.objects.filter(pemda=pemda, year=year).order_by("code"):
        sasaran_by[s.agreement_id].append(s)
    indicators_by: dict[int, list[Indicator]] = defaultdict(list)
    for i in Indicator.objects.filter(pemda=pemda, year=year).order_by("code"):
        indicators_by[i.sasaran_id].append(i)
    agreements.sort(key=lambda a: (a.unit is not None, a.unit.path if a.unit else ""))
    units = [
        {
            "unit": a.unit.code if a.unit else pemda.code,
            "capaian": _f(a.capaian),
            "sasaran": [
                {
                    "code": s.code,
                    "capaian": _f(s.capaian),
                    "indicators": [
                        {"code": i.code, "capaian": _f(i.capaian)} for i in indicators_by[s.pk]
                    ],
                }
                for s in sasaran_by[a.pk]
            ],
        }
        for a in agreements
    ]
    return {"units": units}


# --- deadlines and warnings ------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    what: str
    due: dt.date
    done: bool
    late: bool
    agreement: Agreement | None = None


def deadlines(
    agreements: list[Agreement], pemda: Pemda, year: int, *, today: dt.date | None = None
) -> list[Deadline]:
    """The PK deadline per unsigned PK (one month after the DPA) and the LKjIP dates."""
    today = today or dt.date.today()
    setting = PlanningYear.objects.filter(pemda=pemda, year=year).first()
    out: list[Deadline] = []
    if setting is not None and setting.dpa_approved_on is not None:
        due = rules.pk_due(setting.dpa_approved_on, year=year)
        for a in agreements:
            signed = a.status == Agreement.Status.SIGNED
            late = (a.signed_on > due) if signed and a.signed_on else (not signed and today > due)
            out.append(Deadline(f"PK {a.unit or pemda}", due, signed, late, a))
    lkjip = rules.lkjip_due(year, pemda_level=True)
    out.append(Deadline(f"LKjIP {pemda} {year}", lkjip, False, today > lkjip))
    opd = rules.lkjip_due(year, pemda_level=False)
    out.append(Deadline(f"LKjIP OPD {year}", opd, False, today > opd))
    return out


@dataclass(frozen=True)
class Behind:
    indicator: Indicator
    quarter: str
    capaian: float | None


def behind(indicators: list[Indicator]) -> list[Behind]:
    """Indicators whose latest quarter realisasi is behind that quarter's target."""
    latest: dict[int, tuple[str, Any]] = {}
    for ind_id, period, value in (
        Realisation.objects.filter(indicator__in=indicators, period__in=QUARTERS)
        .order_by("period")
        .values_list("indicator_id", "period", "value")
    ):
        latest[ind_id] = (period, value)
    out: list[Behind] = []
    for ind in indicators:
        if ind.pk not in latest:
            continue
        quarter, value = latest[ind.pk]
        target = ind.quarter_target(quarter)
        if target is None or target <= 0:
            continue
        result = rules.on_track(target, value, polarity=ind.polarity, year=ind.year)
        if result.status == "behind":
            out.append(Behind(ind, quarter, result.capaian))
    return out
