"""Reads of Ombudsman results, findings and the self-assessment's projected grade."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sikap.accounts.scoping import scope_by_pemda, scope_by_unit
from sikap.publicservice.models import (
    ServiceUnit,
)
from sikap.publicservice.periods import parse_period
from sikap.publicservice.queries.skm_results import totals_by, unit_result
from sikap.publicservice.queries.units import service_units
from sikap.publicservice.scoring import (
    Totals,
    score_totals,
)
from sikap.rules import ombudsman

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


def _dimension_scores(
    codes: list[str], scores: dict[str, int | None], complaints: float | None, ikm: float | None
) -> dict[str, float]:
    """Each rulebook dimension on 0–100: checklist dimensions by their share of the maximum;
    output (and, from 2025, kepercayaan masyarakat) from the SKM IKM, the citizens' own view."""
    from fractions import Fraction

    from sikap.publicservice.checklist import ITEMS, SCALE_MAX

    out: dict[str, float] = {}
    for dim in codes:
        items = [i.code for i in ITEMS if i.dimension == dim]
        if not items:
            out[dim] = float(ikm) if ikm is not None else 0.0
            continue
        points = Fraction(sum(scores.get(c) or 0 for c in items))
        count = len(items)
        if dim == "pengaduan" and complaints is not None:
            points += Fraction(complaints).limit_denominator(10**6)
            count += 1
        out[dim] = float(round(points / (SCALE_MAX * count) * 100, 4))
    return out


def _exact_total(result: Any) -> float:
    """The weighted sum before the published two-decimal rounding, so gains do not jitter."""
    return float(sum(d.contribution for d in result.breakdown.values()))


_NO_IKM = object()


def ombudsman_projection(assessment: Any, *, ikm: Any = _NO_IKM) -> OmbudsmanProjection:
    """Projected score and grade of a self-assessment; `ikm` may be passed in by list pages
    that computed every unit's SKM IKM at once."""
    from sikap.publicservice.checklist import ITEMS, SCALE_MAX
    from sikap.rules import ombudsman

    year = assessment.year
    scores = {i.code: i.score for i in assessment.items.all()}
    complaints = None
    if assessment.complaints_received:
        complaints = (
            SCALE_MAX * (assessment.complaints_resolved or 0) / assessment.complaints_received
        )
    if ikm is _NO_IKM:
        ikm = unit_result(assessment.service_unit.unit, parse_period(str(year))).score.ikm
    codes = [d.code for d in ombudsman.dimensions(year)]
    dims = _dimension_scores(codes, scores, complaints, ikm)
    current = ombudsman.combine(dims, year=year)
    shortfalls = []
    for item in ITEMS:
        value = scores.get(item.code)
        if value is not None and value >= SCALE_MAX:
            continue
        better = _dimension_scores(codes, {**scores, item.code: SCALE_MAX}, complaints, ikm)
        gain = _exact_total(ombudsman.combine(better, year=year)) - _exact_total(current)
        shortfalls.append(
            Shortfall(item.code, str(item.text), item.dimension, value, round(gain, 2))
        )
    shortfalls.sort(key=lambda s: (-s.gain, s.code))
    return OmbudsmanProjection(
        year=year,
        dimensions=dims,
        result=current,
        shortfalls=shortfalls,
        skm_ikm=ikm,
        answered=sum(1 for v in scores.values() if v is not None),
        total_items=len(ITEMS),
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
