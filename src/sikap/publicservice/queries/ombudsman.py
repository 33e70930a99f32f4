"""Reads of Ombudsman results, findings and the self-assessment's projected grade."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from sikap.accounts.scoping import scope_by_pemda, scope_by_unit
from sikap.publicservice.ikm import (
    Totals,
    score_totals,
)
from sikap.publicservice.models import (
    ServiceUnit,
)
from sikap.publicservice.periods import parse_period
from sikap.publicservice.queries.skm_results import totals_by, unit_result
from sikap.publicservice.queries.units import service_units
from sikap.rules import ombudsman, ombudsman_checklist

# --- Ombudsman readiness -------------------------------------------------------------------


def ombudsman_results(user: Any, capability: str) -> QuerySet[Any]:
    from django.db.models import Prefetch

    from sikap.publicservice.models import OmbudsmanResult, OmbudsmanResultVersion

    # Every version with its own sample: the first is the current one, the rest the history.
    versions = OmbudsmanResultVersion.objects.order_by("-number").prefetch_related("sampled_units")
    return scope_by_pemda(
        OmbudsmanResult.objects.prefetch_related(
            Prefetch("versions", queryset=versions), "findings__unit"
        ),
        user,
        capability,
    )


def ombudsman_findings(user: Any, capability: str) -> QuerySet[Any]:
    from sikap.publicservice.models import OmbudsmanFinding

    return scope_by_pemda(
        OmbudsmanFinding.objects.select_related("result", "unit"),
        user,
        capability,
        pemda_field="result__pemda_id",
    )


@dataclass(frozen=True)
class Shortfall:
    code: str
    text: str
    dimension: str
    score: int | None
    gain: float


@dataclass(frozen=True)
class OmbudsmanProjection:
    year: int
    dimensions: dict[str, float]
    result: Any  # rules.ombudsman.OmbudsmanResult
    shortfalls: list[Shortfall]
    skm_ikm: float | None
    answered: int
    total_items: int


def checklist_text(item: ombudsman_checklist.ChecklistItem) -> str:
    """An item's text in the active language (the rulebook data carries both)."""
    return item.text_en if (get_language() or "").startswith("en") else item.text


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    dimension: str
    text: str


def checklist_entries(year: int) -> list[ChecklistEntry]:
    """The checklist of `year` as pages show it, in the active language."""
    return [
        ChecklistEntry(i.code, i.dimension, checklist_text(i))
        for i in ombudsman_checklist.checklist(year).items
    ]


def checklist_scale(year: int) -> range:
    book = ombudsman_checklist.checklist(year)
    return range(book.scale_min, book.scale_max + 1)


_NO_IKM = object()


def ombudsman_projection(assessment: Any, *, ikm: Any = _NO_IKM) -> OmbudsmanProjection:
    """Projected score and grade of a self-assessment; `ikm` may be passed in by list pages
    that computed every unit's SKM IKM at once."""
    year = assessment.year
    if ikm is _NO_IKM:
        ikm = unit_result(assessment.service_unit.unit, parse_period(str(year))).score.ikm
    projection = ombudsman_checklist.project(
        {i.code: i.score for i in assessment.items.all()},
        year=year,
        ikm=ikm,
        complaints_received=assessment.complaints_received,
        complaints_resolved=assessment.complaints_resolved,
    )
    return OmbudsmanProjection(
        year=year,
        dimensions=projection.dimensions,
        result=projection.result,
        shortfalls=[
            Shortfall(s.item.code, checklist_text(s.item), s.item.dimension, s.score, s.gain)
            for s in projection.shortfalls
        ],
        skm_ikm=ikm,
        answered=projection.answered,
        total_items=projection.total_items,
    )


def ombudsman_assessments(user: Any, capability: str) -> QuerySet[Any]:
    from sikap.publicservice.models import OmbudsmanAssessment

    return scope_by_unit(
        OmbudsmanAssessment.objects.select_related("service_unit__unit").prefetch_related("items"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


def ombudsman_gaps(results: Iterable[Any], *, target: str) -> list[tuple[Any, Any, float | None]]:
    """(official result, its grade, points still lacking to `target`) per result, by the
    rulebook of the result's own year."""
    return [
        (
            r,
            ombudsman.grade(float(r.score), year=r.year),
            ombudsman.points_to(float(r.score), target, year=r.year),
        )
        for r in results
    ]


@dataclass(frozen=True)
class ReadinessRow:
    service_unit: ServiceUnit
    projection: OmbudsmanProjection | None
    below_target: bool


def ombudsman_readiness(
    user: Any, capability: str, *, pemda_id: int, year: int, target: str
) -> list[ReadinessRow]:
    """Every visible service unit's projected grade; units without an assessment are not ready."""
    assessments = {
        a.service_unit_id: a
        for a in ombudsman_assessments(user, capability).filter(
            service_unit__pemda_id=pemda_id, year=year
        )
    }
    # Every unit's IKM (its subtree pooled) from one GROUP BY, not one query set per unit.
    everyone = list(ServiceUnit.objects.filter(pemda_id=pemda_id).values_list("id", "unit__path"))
    per_unit = totals_by([i for i, _ in everyone], parse_period(str(year))) if assessments else {}
    rows = []
    for su in service_units(user, capability).filter(pemda_id=pemda_id).order_by("unit__path"):
        a = assessments.get(su.pk)
        proj = None
        if a is not None:
            pooled = sum(
                (
                    per_unit.get(i, Totals())
                    for i, path in everyone
                    if path.startswith(su.unit.path)
                ),
                Totals(),
            )
            proj = ombudsman_projection(a, ikm=score_totals(pooled, year=year).ikm)
        gap = None if proj is None else ombudsman.points_to(proj.result.score, target, year=year)
        below = gap is None or gap > 0
        rows.append(ReadinessRow(su, proj, below))
    return rows
