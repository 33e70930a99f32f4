"""SKM results from the snapshots: per unit and period (SkmPeriodTotals) for units and trends,
monthly (SkmMonthly) summed per period with SQL for products.

A unit's result pools the answers of its own products and of every service unit in its
subtree (OrgUnit.path prefix), so an OPD's IKM weighs each respondent equally.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.accounts.scoping import reach
from sikap.org.models import OrgUnit, path_root_id
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
    SkmPeriodTotals,
    SkmRecomputeState,
    SkmResponse,
    SkmRollupTotals,
)
from sikap.publicservice.periods import Period, parse_period
from sikap.publicservice.queries.units import service_units
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


def _units_filter(service_unit_ids: Any, pemda_id: int | None) -> dict[str, Any]:
    # A whole Pemda is one join on an indexed column rather than hundreds of ids to parse.
    if pemda_id is not None:
        return {"service_unit__pemda_id": pemda_id}
    return {"service_unit_id__in": service_unit_ids}


def totals_by(
    service_unit_ids: list[int] | QuerySet[Any],
    period: Period,
    *,
    by: str = "service_unit_id",
    pemda_id: int | None = None,
) -> dict[Any, Totals]:
    """Totals per service unit (or per product with by='product_id'); with `pemda_id`, of every
    service unit of that Pemda (callers pass it only for a whole-Pemda reach).

    Per service unit they are read ready-made from the period snapshot (SkmPeriodTotals, one
    row per unit); per product they are summed over the period's monthly rows."""
    if by == "service_unit_id":
        ready = SkmPeriodTotals.objects.filter(
            period=period.key, **_units_filter(service_unit_ids, pemda_id)
        ).values("service_unit_id", "n", "comments", *SUM_FIELDS, *COUNT_FIELDS)
        return {row["service_unit_id"]: _totals_from_row(row) for row in ready}
    rows = (
        _period_rows(period)
        .filter(**_units_filter(service_unit_ids, pemda_id))
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
    totals = Totals.total(per_unit.values())
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
    ids: list[int], period: Period, *, years: int = 3, pemda_id: int | None = None
) -> list[tuple[Period, SkmScore]]:
    """The pooled result of service units `ids` in each period of the same kind this year,
    and in each of the `years` - 1 years before; one GROUP BY by period over the period
    snapshot (a few rows per unit)."""
    periods = _trend_periods(period, years)
    rows = (
        SkmPeriodTotals.objects.filter(
            period__in=[p.key for p in periods], **_units_filter(ids, pemda_id)
        )
        .values("period")
        .annotate(**_sums())
        .order_by()
    )
    by_key = {row["period"]: _totals_from_row(row) for row in rows}
    return [(p, score_totals(by_key.get(p.key, Totals()), year=p.year)) for p in periods]


def _trend_periods(period: Period, years: int) -> list[Period]:
    from django.core.exceptions import ValidationError

    periods: list[Period] = []
    for y in range(period.year - years + 1, period.year):
        try:
            periods.append(parse_period(str(y)))
        except ValidationError:  # a year before the SKM rulebook: nothing to show
            continue
    periods.extend(period.siblings())
    return periods


_ROLLUP_COLUMNS = ("n", "comments", *SUM_FIELDS, *COUNT_FIELDS)


def rollup_totals(
    pemda_id: int, period: Period, *, years: int = 3
) -> tuple[dict[int, Totals], list[tuple[Period, SkmScore]]]:
    """The totals of every OPD (root unit, by id) of a Pemda in `period`, and the whole
    Pemda's trend (as `trend_of` over all its service units gives it, `period` included),
    read ready-made from the roll-up snapshot (SkmRollupTotals) in one query: no sums.
    Only for a reader who sees the whole Pemda."""
    periods = _trend_periods(period, years)
    rows = (
        SkmRollupTotals.objects.filter(pemda_id=pemda_id, period__in=[p.key for p in periods])
        .filter(Q(unit__isnull=True) | Q(period=period.key))
        .values("unit_id", "period", *_ROLLUP_COLUMNS)
    )
    opds: dict[int, Totals] = {}
    whole: dict[str, Totals] = {}
    for row in rows:
        if row["unit_id"] is None:
            whole[row["period"]] = _totals_from_row(row)
        else:
            opds[row["unit_id"]] = _totals_from_row(row)
    trend = [(p, score_totals(whole.get(p.key, Totals()), year=p.year)) for p in periods]
    return opds, trend


@dataclass(frozen=True)
class OverviewRow:
    unit: OrgUnit
    score: SkmScore
    service_units: int


def _tops(user: Any, capability: str, pemda_id: int) -> list[OrgUnit]:
    """The highest visible units of a Pemda: its roots for a Pemda-wide reach, else the roots
    of the user's subtrees. Reads those few rows only, never the whole tree."""
    r = reach(user, capability)
    units = OrgUnit.objects.filter(pemda_id=pemda_id).only(
        "id", "pemda_id", "parent_id", "path", "name", "code"
    )
    if r.covers_pemda(pemda_id):
        return list(units.filter(parent__isnull=True).order_by("path"))
    paths = sorted({path for p, path in r.subtrees if p == pemda_id})
    roots = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(units.filter(path__in=roots).order_by("path"))


def overview(
    user: Any,
    capability: str,
    period: Period,
    *,
    pemda_id: int,
    per_unit: dict[Any, Totals] | None = None,
    unit_paths: list[tuple[int, str]] | None = None,
    opd_totals: dict[int, Totals] | None = None,
) -> list[OverviewRow]:
    """Every visible top-level unit (OPD) of a Pemda with its pooled result.

    `unit_paths` are the (service unit id, unit path) pairs of the visible service units
    and `per_unit` their totals, when the caller already read them. `opd_totals` are the
    OPDs' prepared totals (`rollup_totals`), for a reader who sees the whole Pemda, whose
    tops are its roots: then no unit's totals are needed or summed.
    """
    tops = _tops(user, capability, pemda_id)
    if not tops:
        return []
    if unit_paths is None:
        unit_paths = service_unit_paths(user, capability, pemda_id=pemda_id)
    if opd_totals is not None:
        return _overview_prepared(tops, unit_paths, opd_totals, period)
    if per_unit is None:
        per_unit = totals_by([i for i, _ in unit_paths], period)
    members: dict[str, list[int]] = defaultdict(list)
    width = len(tops[0].path)
    by_prefix = {t.path: t for t in tops}
    same_width = all(len(t.path) == width for t in tops)
    for i, path in unit_paths:
        # Tops of a Pemda-wide reach are roots (one segment); narrower reaches fall back to a scan.
        top = by_prefix.get(path[:width]) if same_width else None
        if top is not None:
            members[top.path].append(i)
        elif not same_width:
            for t in tops:
                if path.startswith(t.path):
                    members[t.path].append(i)
    rows = []
    empty = Totals()
    for top in tops:
        ids = members.get(top.path, [])
        if not ids:
            continue
        t = Totals.total(per_unit.get(i, empty) for i in ids)
        rows.append(OverviewRow(top, score_totals(t, year=period.year), len(ids)))
    return rows


def _overview_prepared(
    tops: list[OrgUnit],
    unit_paths: list[tuple[int, str]],
    opd_totals: dict[int, Totals],
    period: Period,
) -> list[OverviewRow]:
    counts: dict[int, int] = defaultdict(int)
    for _i, path in unit_paths:
        counts[path_root_id(path)] += 1
    empty = Totals()
    return [
        OverviewRow(
            top, score_totals(opd_totals.get(top.pk, empty), year=period.year), counts[top.pk]
        )
        for top in tops
        if counts.get(top.pk)
    ]


def service_unit_paths(user: Any, capability: str, *, pemda_id: int) -> list[tuple[int, str]]:
    """(id, unit path) of every visible service unit of a Pemda, in tree order: plain tuples."""
    if reach(user, capability).covers_pemda(pemda_id):
        # The reader sees the whole Pemda: no subtree condition on the units, which also keeps
        # the planner on the service units' Pemda index (with the condition on both tables
        # and no statistics yet, PostgreSQL chose a nested loop over every pair).
        rows = ServiceUnit.objects.filter(pemda_id=pemda_id)
    else:
        rows = service_units(user, capability).filter(pemda_id=pemda_id)
    return list(rows.order_by("unit__path").values_list("id", "unit__path"))


def service_unit_page(
    ids: list[int], period: Period, per_unit: dict[Any, Totals]
) -> list[tuple[ServiceUnit, SkmScore]]:
    """The service units `ids` (one page of a list, already in scope) with their results."""
    found = {
        s.pk: s
        for s in ServiceUnit.objects.filter(pk__in=ids)
        .select_related("unit")
        .only("id", "pemda_id", "unit__id", "unit__code", "unit__name", "unit__path")
    }
    empty = Totals()
    return [
        (found[i], score_totals(per_unit.get(i, empty), year=period.year))
        for i in ids
        if i in found
    ]


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
    return score_totals(Totals.total(per_unit.values()), year=period.year)


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


PROFILE_LABELS = {
    "age_band": gettext_lazy("Usia"),
    "gender": gettext_lazy("Jenis kelamin"),
    "education": gettext_lazy("Pendidikan"),
    "occupation": gettext_lazy("Pekerjaan"),
}


@dataclass(frozen=True)
class ProfileRow:
    """One question of the respondent profile: its name and (answer label, count) pairs in the
    form's order, answers nobody gave left out, "tidak diisi" (left blank) last."""

    name: str
    counts: list[tuple[str, int]]


def profile_breakdown(unit: OrgUnit, period: Period) -> list[ProfileRow]:
    """Respondent profile counts for the Laporan SKM (age, gender, education, occupation)."""
    from django.db.models import Count

    base = SkmResponse.objects.filter(
        service_unit__unit__pemda_id=unit.pemda_id,
        service_unit__unit__path__startswith=unit.path,
        submitted_on__gte=period.start,
        submitted_on__lte=period.end,
    )
    out = []
    for name in PROFILE_FIELDS:
        found = {
            row[name]: row["k"] for row in base.values(name).annotate(k=Count("id")).order_by()
        }
        field_choices = SkmResponse._meta.get_field(name).choices or []
        counts = [(str(label), found[value]) for value, label in field_choices if value in found]
        blank = sum(k for value, k in found.items() if not value)
        known = {value for value, _label in field_choices}
        counts += [(str(v), k) for v, k in sorted(found.items()) if v and v not in known]
        if blank:
            counts.append((str(_("tidak diisi")), blank))
        out.append(ProfileRow(str(PROFILE_LABELS[name]), counts))
    return out
