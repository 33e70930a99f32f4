"""Reads on service units and SKM results, always through the scoping gate.

Results come from the monthly snapshot (SkmMonthly), summed per period with SQL; a unit's
result pools the answers of its own products and of every service unit in its subtree
(OrgUnit.path prefix), so an OPD's IKM weighs each respondent equally.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum

from sikap.accounts.scoping import get_in_scope, reach, scope_by_pemda, scope_by_unit, scope_units
from sikap.core.codes import code_filter
from sikap.org.models import OrgUnit
from sikap.publicservice.models import (
    COUNT_FIELDS,
    PROFILE_FIELDS,
    SUM_FIELDS,
    FollowUp,
    ProductVolume,
    Publication,
    ServiceProduct,
    ServiceUnit,
    SkmMonthly,
    SkmRecomputeState,
    SkmResponse,
)
from sikap.publicservice.periods import Period, parse_period
from sikap.publicservice.scoring import (
    SkmScore,
    Totals,
    prorated_volume,
    sample_needed,
    score_totals,
)
from sikap.rules import ombudsman, skm

UNSUR_CODES = skm.UNSUR_CODES


def default_pemda_id(user: Any, capability: str) -> int | None:
    """The Pemda a page shows by default: the user's own when reached, else the first reached
    (a superuser: the first with a service unit)."""
    r = reach(user, capability)
    if user.pemda_id and user.pemda_id in r.pemda_ids:
        return int(user.pemda_id)
    ids = sorted(r.pemda_ids)
    if ids:
        return ids[0]
    if r.everything:
        su = service_units(user, capability).first()
        return su.pemda_id if su else None
    return None


# --- scoped querysets ----------------------------------------------------------------------


def service_units(user: Any, capability: str) -> QuerySet[ServiceUnit]:
    return scope_by_unit(
        ServiceUnit.objects.select_related("unit"), user, capability, unit_field="unit"
    )


def org_units(user: Any, capability: str) -> QuerySet[OrgUnit]:
    return scope_units(OrgUnit.objects.all(), user, capability)


def get_service_unit(user: Any, capability: str, pk: int) -> ServiceUnit:
    return get_in_scope(service_units(user, capability), pk=pk)


def get_org_unit(user: Any, capability: str, pk: int) -> OrgUnit:
    return get_in_scope(org_units(user, capability), pk=pk)


def get_unit_by_code(user: Any, capability: str, *, pemda_code: str, unit_code: str) -> OrgUnit:
    units = org_units(user, capability).filter(
        code_filter("pemda__code", pemda_code), code_filter("code", unit_code)
    )
    return get_in_scope(units)


def products_of(service_unit: ServiceUnit) -> QuerySet[ServiceProduct]:
    return ServiceProduct.objects.filter(service_unit=service_unit)


def follow_ups(user: Any, capability: str) -> QuerySet[FollowUp]:
    return scope_by_unit(
        FollowUp.objects.select_related("service_unit__unit"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


def publications(user: Any, capability: str) -> QuerySet[Publication]:
    return scope_by_unit(
        Publication.objects.select_related("service_unit__unit"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


def pemda_reachable(user: Any, capability: str, pemda_id: int) -> bool:
    return reach(user, capability).covers_pemda(pemda_id)


# --- totals from the snapshot --------------------------------------------------------------


def _totals_from_row(row: dict[str, Any]) -> Totals:
    codes = UNSUR_CODES
    return Totals(
        n=row["n"] or 0,
        comments=row["comments"] or 0,
        sums={c: row[s] or 0 for c, s in zip(codes, SUM_FIELDS, strict=True)},
        counts={c: row[k] or 0 for c, k in zip(codes, COUNT_FIELDS, strict=True)},
    )


def _sums() -> dict[str, Any]:
    aggs: dict[str, Any] = {"n": Sum("n"), "comments": Sum("comments")}
    for f in (*SUM_FIELDS, *COUNT_FIELDS):
        aggs[f] = Sum(f)
    return aggs


def _period_rows(period: Period) -> QuerySet[SkmMonthly]:
    return SkmMonthly.objects.filter(month__gte=period.start, month__lte=period.end)


def totals_by(
    service_unit_ids: list[int] | QuerySet[Any], period: Period, *, by: str = "service_unit_id"
) -> dict[Any, Totals]:
    """Totals per service unit (or per product with by='product_id') in one GROUP BY."""
    rows = (
        _period_rows(period)
        .filter(service_unit_id__in=service_unit_ids)
        .values(by)
        .annotate(**_sums())
        .order_by()
    )
    return {row[by]: _totals_from_row(row) for row in rows}


def subtree_service_unit_ids(unit: OrgUnit) -> list[int]:
    return list(
        ServiceUnit.objects.filter(
            unit__pemda_id=unit.pemda_id, unit__path__startswith=unit.path
        ).values_list("id", flat=True)
    )


@dataclass(frozen=True)
class Adequacy:
    volume: int | None
    needed: int | None
    n: int

    @property
    def adequate(self) -> bool | None:
        if self.needed is None:
            return None
        return self.n >= self.needed

    @property
    def shortfall(self) -> int:
        return max(0, (self.needed or 0) - self.n)


@dataclass(frozen=True)
class UnitResult:
    unit: OrgUnit
    period: Period
    score: SkmScore
    totals: Totals
    adequacy: Adequacy
    comments_allowed: bool
    products: list[tuple[ServiceProduct, SkmScore, Adequacy]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit.code,
            "period": self.period.key,
            "n": self.score.n,
            "nrr": self.score.nrr,
            "ikm": self.score.ikm,
            "category": self.score.category,
            "label": self.score.label,
        }


def comments_allowed(n: int) -> bool:
    return n >= settings.SIKAP_MIN_COMMENT_GROUP_SIZE


def _volumes(product_ids: list[int], year: int) -> dict[int, int]:
    return dict(
        ProductVolume.objects.filter(product_id__in=product_ids, year=year).values_list(
            "product_id", "volume"
        )
    )


def _adequacy(volume: int | None, period: Period, n: int) -> Adequacy:
    if not volume:
        return Adequacy(None, None, n)
    v = prorated_volume(volume, period.months)
    return Adequacy(v, sample_needed(v), n)


def unit_result(unit: OrgUnit, period: Period, *, with_products: bool = False) -> UnitResult:
    """The pooled result of `unit` and its subtree. Callers pass a unit already in scope."""
    ids = subtree_service_unit_ids(unit)
    per_unit = totals_by(ids, period)
    totals = sum(per_unit.values(), Totals())
    product_ids = list(
        ServiceProduct.objects.filter(service_unit_id__in=ids).values_list("id", flat=True)
    )
    volumes = _volumes(product_ids, period.year)
    adequacy = _adequacy(sum(volumes.values()) if volumes else None, period, totals.n)
    products: list[tuple[ServiceProduct, SkmScore, Adequacy]] = []
    if with_products:
        own = ServiceUnit.objects.filter(unit=unit).first()
        if own is not None:
            per_product = totals_by([own.pk], period, by="product_id")
            for product in ServiceProduct.objects.filter(service_unit=own):
                t = per_product.get(product.pk, Totals())
                products.append(
                    (
                        product,
                        score_totals(t, year=period.year),
                        _adequacy(volumes.get(product.pk), period, t.n),
                    )
                )
    return UnitResult(
        unit=unit,
        period=period,
        score=score_totals(totals, year=period.year),
        totals=totals,
        adequacy=adequacy,
        comments_allowed=comments_allowed(totals.n),
        products=products,
    )


def trend(unit: OrgUnit, period: Period, *, years: int = 3) -> list[tuple[Period, SkmScore]]:
    """The unit's result in each period of the same kind this year, and in earlier years."""
    ids = subtree_service_unit_ids(unit)
    from django.core.exceptions import ValidationError

    periods: list[Period] = []
    for y in range(period.year - years + 1, period.year):
        try:
            periods.append(parse_period(str(y)))
        except ValidationError:  # a year before the SKM rulebook: nothing to show
            continue
    periods.extend(period.siblings())
    first, last = periods[0], periods[-1]
    rows = (
        SkmMonthly.objects.filter(
            service_unit_id__in=ids, month__gte=first.start, month__lte=last.end
        )
        .values("month")
        .annotate(**_sums())
        .order_by()
    )
    monthly = [(row["month"], _totals_from_row(row)) for row in rows]
    out = []
    for p in periods:
        t = sum((tot for m, tot in monthly if p.start <= m <= p.end), Totals())
        out.append((p, score_totals(t, year=p.year)))
    return out


@dataclass(frozen=True)
class OverviewRow:
    unit: OrgUnit
    score: SkmScore
    service_units: int


def overview(
    user: Any,
    capability: str,
    period: Period,
    *,
    pemda_id: int,
    per_unit: dict[Any, Totals] | None = None,
) -> list[OverviewRow]:
    """Every visible top-level unit (OPD) of a Pemda with its pooled result: three queries."""
    units = list(
        org_units(user, capability)
        .filter(pemda_id=pemda_id)
        .only("id", "pemda_id", "parent_id", "path", "name", "code")
        .order_by("path")
    )
    if not units:
        return []
    sus = list(ServiceUnit.objects.filter(pemda_id=pemda_id).values_list("id", "unit__path"))
    if per_unit is None:
        per_unit = totals_by([i for i, _ in sus], period)
    visible = {u.pk for u in units}
    tops = [u for u in units if u.parent_id not in visible]
    members: dict[str, list[int]] = defaultdict(list)
    width = len(tops[0].path) if tops else 0
    by_prefix = {t.path: t for t in tops}
    for i, path in sus:
        # Tops of a Pemda-wide reach are roots (one segment); narrower reaches fall back to a scan.
        top = by_prefix.get(path[:width])
        if top is not None and all(len(t.path) == width for t in tops):
            members[top.path].append(i)
        else:
            for t in tops:
                if path.startswith(t.path):
                    members[t.path].append(i)
    rows = []
    for top in tops:
        ids = members.get(top.path, [])
        if not ids:
            continue
        t = sum((per_unit.get(i, Totals()) for i in ids), Totals())
        rows.append(OverviewRow(top, score_totals(t, year=period.year), len(ids)))
    return rows


def service_unit_rows(
    user: Any, capability: str, period: Period, *, pemda_id: int
) -> tuple[list[tuple[ServiceUnit, SkmScore]], dict[Any, Totals]]:
    """Every visible service unit of a Pemda with its own result, and the totals per unit."""
    sus = list(
        service_units(user, capability)
        .filter(pemda_id=pemda_id)
        .only(
            "id", "pemda_id", "unit__id", "unit__code", "unit__name", "unit__path", "unit__pemda_id"
        )
        .order_by("unit__path")
    )
    per_unit = totals_by([s.pk for s in sus], period)
    rows = [(s, score_totals(per_unit.get(s.pk, Totals()), year=period.year)) for s in sus]
    return rows, per_unit


def pooled_score(per_unit: dict[Any, Totals], period: Period) -> SkmScore:
    """One score over every answer behind `per_unit` (e.g. the whole Pemda)."""
    return score_totals(sum(per_unit.values(), Totals()), year=period.year)


def recent_comments(unit: OrgUnit, period: Period, *, limit: int = 50) -> list[str]:
    """Comments of the period, newest day first; callers show them only if comments_allowed."""
    return list(
        SkmResponse.objects.filter(
            service_unit__unit__pemda_id=unit.pemda_id,
            service_unit__unit__path__startswith=unit.path,
            submitted_on__gte=period.start,
            submitted_on__lte=period.end,
        )
        .exclude(comment="")
        .order_by("-submitted_on")
        .values_list("comment", flat=True)[:limit]
    )


def computed_at(unit: OrgUnit) -> Any:
    state = SkmRecomputeState.objects.filter(service_unit__unit=unit).first()
    return state.computed_at if state else None


def profile_breakdown(unit: OrgUnit, period: Period) -> dict[str, dict[str, int]]:
    """Respondent profile counts for the Laporan SKM (age, sex, education, occupation)."""
    base = SkmResponse.objects.filter(
        service_unit__unit__pemda_id=unit.pemda_id,
        service_unit__unit__path__startswith=unit.path,
        submitted_on__gte=period.start,
        submitted_on__lte=period.end,
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for name in PROFILE_FIELDS:
        from django.db.models import Count

        for row in base.values(name).annotate(k=Count("id")).order_by(name):
            out[name][row[name] or "-"] = row["k"]
    return dict(out)


# The busiest read of the public form, kept in each web process for a few seconds; the domain
# functions that change a unit drop the entry (other processes see the change within the TTL).
PUBLIC_UNIT_TTL = 15.0
_public_units: dict[str, tuple[float, ServiceUnit]] = {}


def public_service_unit(slug: str) -> ServiceUnit | None:
    """The unit behind a public form link: the slug is the only key a citizen holds."""
    import time

    now = time.monotonic()
    hit = _public_units.get(slug)
    if hit is not None and hit[0] > now:
        return hit[1]
    su = (
        ServiceUnit.objects.select_related("unit", "pemda")
        .filter(public_slug=slug, is_active=True)
        .first()
    )
    if su is None:
        _public_units.pop(slug, None)
        return None
    if len(_public_units) > 5000:
        _public_units.clear()
    _public_units[slug] = (now + PUBLIC_UNIT_TTL, su)
    return su


def forget_public_unit(slug: str) -> None:
    _public_units.pop(slug, None)


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


# --- PEKPPP --------------------------------------------------------------------------------


def pekppp_evaluations(user: Any, capability: str) -> QuerySet[Any]:
    from sikap.publicservice.models import PekpppEvaluation

    return scope_by_unit(
        PekpppEvaluation.objects.select_related("service_unit__unit").prefetch_related("scores"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


@dataclass(frozen=True)
class PekpppProjection:
    """An evaluation's IPP so far. Until every indicator is answered (`complete`) the
    predicate is not shown: unanswered indicators count 0, so it would read "F Gagal" for
    an evaluation that has only begun. Pages show "belum lengkap answered/total" instead."""

    result: Any  # rules.pekppp.PekpppResult
    complete: bool
    accepted: int
    returned: int
    shortfalls: list[Shortfall]
    answered: int = 0
    total: int = 0

    def status(self) -> dict[str, Any]:
        """The evaluation's state as an export or the API gives it: no predicate until complete."""
        return {
            "status": "complete" if self.complete else "incomplete",
            "answered": self.answered,
            "total": self.total,
            "ipp": self.result.ipp if self.complete else None,
            "category": self.result.category if self.complete else None,
            "label": self.result.label if self.complete else None,
            "version": self.result.version,
        }


def pekppp_projection(evaluation: Any) -> PekpppProjection:
    """IPP and predicate from the unit's scores; unscored indicators count as 0."""
    from sikap.rules import pekppp

    book = pekppp.RULEBOOKS.select(evaluation.year)
    rows = {s.code: s for s in evaluation.scores.all()}
    scores = {
        i.code: (rows[i.code].score if i.code in rows and rows[i.code].score is not None else 0)
        for i in book.indicators
    }
    current = pekppp.compute(scores, year=evaluation.year)
    top = int(book.scale_max)
    shortfalls = []
    for aspect in book.aspects:
        for ind in aspect.indicators:
            if scores[ind.code] >= top:
                continue
            gain = pekppp.compute({**scores, ind.code: top}, year=evaluation.year).ipp - current.ipp
            shortfalls.append(
                Shortfall(
                    ind.code,
                    ind.name,
                    aspect.name,
                    rows[ind.code].score if ind.code in rows else None,
                    round(gain, 2),
                )
            )
    shortfalls.sort(key=lambda s: (-s.gain, s.code))
    reviews = [r.review for r in rows.values()]
    answered = sum(1 for c in scores if c in rows and rows[c].score is not None)
    return PekpppProjection(
        result=current,
        complete=answered == len(scores),
        accepted=reviews.count("accepted"),
        returned=reviews.count("returned"),
        shortfalls=shortfalls,
        answered=answered,
        total=len(scores),
    )
