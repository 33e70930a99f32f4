"""SKM results from the monthly snapshot (SkmMonthly), summed per period with SQL.

A unit's result pools the answers of its own products and of every service unit in its
subtree (OrgUnit.path prefix), so an OPD's IKM weighs each respondent equally.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum

from sikap.org.models import OrgUnit
from sikap.publicservice.ikm import (
    SkmScore,
    Totals,
    sample_needed,
    score_totals,
)
from sikap.publicservice.models import (
    COUNT_FIELDS,
    PROFILE_FIELDS,
    SUM_FIELDS,
    ProductVolume,
    ServiceProduct,
    ServiceUnit,
    SkmMonthly,
    SkmRecomputeState,
    SkmResponse,
)
from sikap.publicservice.periods import Period, parse_period
from sikap.publicservice.queries.units import org_units, service_units
from sikap.rules import skm
from sikap.rules.skm_publish import prorated_volume

UNSUR_CODES = skm.UNSUR_CODES


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
    return trend_of(subtree_service_unit_ids(unit), period, years=years)


def trend_of(
    ids: list[int], period: Period, *, years: int = 3
) -> list[tuple[Period, SkmScore]]:
    """The pooled result of service units `ids` in each period of the same kind this year,
    and in each of the `years` - 1 years before; one GROUP BY by month over the snapshot."""
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
