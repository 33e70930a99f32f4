"""Reads of SKP: who sees which SKP, who may write or rate it, the calibration of a unit, the
values beside the culture survey, and the e-Kinerja export rows.

An employee sees their own SKP and their bawahan's (down the atasan chain); Pimpinan and Admin
Pemda see the SKPs of the units they reach with `skp.view`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from sikap.core.providers import CULTURE_UNIT_VALUES, ask
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach
from sikap.org.models import PATH_SEGMENT_WIDTH, Employee, OrgUnit, Pemda
from sikap.performance.models import (
    Indicator,
    OrgPredicate,
    PredicateTally,
    Skp,
    SkpBehaviour,
    SkpResult,
    UnitResult,
)
from sikap.rules import berakhlak
from sikap.rules import skp as skp_rules

MAX_DEPTH = 8


def bawahan_ids(employee_id: int) -> set[int]:
    """Every employee below `employee_id` in the atasan chain (one query per level)."""
    found: set[int] = set()
    frontier = {employee_id}
    for _depth in range(MAX_DEPTH):
        below = (
            set(Employee.objects.filter(atasan_id__in=frontier).values_list("pk", flat=True))
            - found
            - {employee_id}
        )
        if not below:
            break
        found |= below
        frontier = below
    return found


def own_employee_id(user: Any) -> int | None:
    return getattr(user, "employee_id", None) if getattr(user, "is_authenticated", False) else None


def skps_visible(user: Any, pemda: Pemda, year: int | None = None) -> QuerySet[Skp]:
    q = reach(user, Cap.SKP_VIEW).unit_q("unit")
    if reach(user, Cap.SKP_VIEW).empty:
        q = Q(pk__in=[])
    me = own_employee_id(user)
    if me is not None:
        q |= Q(employee_id=me) | Q(employee_id__in=sorted(bawahan_ids(me)))
    qs = Skp.objects.filter(pemda=pemda).filter(q)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("employee", "unit", "rater")


def skp_get(user: Any, pemda: Pemda, skp_id: Any) -> Skp:
    return get_in_scope(skps_visible(user, pemda), pk=skp_id)


def is_planner(user: Any, skp: Skp) -> bool:
    """The employee and their rater write the plan (while it is a draft: the domain checks)."""
    me = own_employee_id(user)
    return me is not None and me in (skp.employee_id, skp.rater_id)


def is_rater(user: Any, skp: Skp) -> bool:
    """The rater, or a Pimpinan/Admin Pemda calibrating the unit (never the employee alone)."""
    me = own_employee_id(user)
    if me is not None and me == skp.rater_id:
        return True
    return reach(user, Cap.SKP_CALIBRATE).covers_unit(skp.unit)


def may_plan(user: Any, skp: Skp) -> bool:
    return skp.status == Skp.Status.DRAFT and is_planner(user, skp)


def may_rate(user: Any, skp: Skp) -> bool:
    return skp.status in (Skp.Status.AGREED, Skp.Status.RATED) and is_rater(user, skp)


def may_set_org_predicate(user: Any, unit: OrgUnit) -> bool:
    """The leader one level up: a reach over the unit's parent (the whole Pemda for an OPD)."""
    r = reach(user, Cap.SKP_CALIBRATE)
    if unit.parent_id is None:
        return r.covers_pemda(unit.pemda_id)
    parent = unit.parent
    return parent is not None and r.covers_unit(parent)


def creatable_for(user: Any, pemda: Pemda, year: int) -> list[Employee]:
    """The employees whose SKP the user may start: themselves and their bawahan, without one."""
    me = own_employee_id(user)
    if me is None:
        return []
    ids = {me} | bawahan_ids(me)
    taken = set(
        Skp.objects.filter(year=year, employee_id__in=ids).values_list("employee_id", flat=True)
    )
    return list(
        Employee.objects.filter(pemda=pemda, pk__in=ids - taken, is_active=True).order_by("name")
    )


def intervenable(skp: Skp) -> list[SkpResult]:
    """Rows of the atasan chain's SKPs of the same year this SKP may intervene."""
    chain: list[int] = []
    current = skp.employee.atasan
    while current is not None and len(chain) < MAX_DEPTH and current.pk not in chain:
        chain.append(current.pk)
        current = current.atasan
    return list(
        SkpResult.objects.filter(skp__employee_id__in=chain, skp__year=skp.year)
        .select_related("skp__employee")
        .order_by("skp__employee__name", "id")
    )


def indicators_for_skp(skp: Skp) -> QuerySet[Indicator]:
    """PK indicators of the same year a SKP may intervene: of its unit's PK or one above it,
    or of a PK its holder or an atasan signed."""
    chain: list[int] = [skp.employee_id]
    current = skp.employee.atasan
    while current is not None and len(chain) <= MAX_DEPTH and current.pk not in chain:
        chain.append(current.pk)
        current = current.atasan
    ancestors = _prefixes(skp.unit.path)
    return (
        Indicator.objects.filter(pemda_id=skp.pemda_id, year=skp.year)
        .filter(
            Q(sasaran__agreement__holder_id__in=chain)
            | Q(sasaran__unit__path__in=ancestors)
            | Q(sasaran__unit__isnull=True)
        )
        .select_related("sasaran__agreement")
        .order_by("sasaran__unit__path", "code")
    )


def _prefixes(path: str) -> list[str]:
    """Every ancestor path of a unit path (one fixed-width segment per level), itself included."""
    return [path[: i * PATH_SEGMENT_WIDTH] for i in range(1, len(path) // PATH_SEGMENT_WIDTH + 1)]


# --- calibration -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    unit: OrgUnit
    year: int
    org: OrgPredicate | None
    capaian: Any
    skps: list[Skp]
    counts: dict[str, int]
    check: skp_rules.DistributionResult | None


def calibration(pemda: Pemda, unit: OrgUnit, year: int) -> Calibration:
    """A unit's rated SKPs (its subtree) and the distribution check of its predicate."""
    org = OrgPredicate.objects.filter(unit=unit, year=year).first()
    skps = list(
        Skp.objects.filter(pemda=pemda, year=year, unit__path__startswith=unit.path)
        .select_related("employee", "unit")
        .order_by("unit__path", "employee__name")
    )
    counts = dict(Counter(s.predicate for s in skps if s.predicate))
    check = None
    if org is not None and counts:
        check = skp_rules.check_distribution(org.predicate, counts, year=max(year, 2022))
    capaian = (
        UnitResult.objects.filter(agreement__unit=unit, year=year)
        .order_by("agreement__level")
        .values_list("capaian", flat=True)
        .first()
    )
    return Calibration(unit, year, org, capaian, skps, counts, check)


def distribution_counts(pemda: Pemda, unit: OrgUnit, year: int) -> dict[str, int]:
    """Employee predicates of a unit's subtree (what the check reads): the sum of the
    subtree's tally rows, a handful per unit whatever the number of employees."""
    rows = (
        PredicateTally.objects.filter(
            pemda=pemda, year=year, unit__pemda=pemda, unit__path__startswith=unit.path, n__gt=0
        )
        .order_by()
        .values("predicate")
        .annotate(total=Sum("n"))
    )
    return {r["predicate"]: r["total"] for r in rows}


def predicate_counts_by_unit(pemda: Pemda, year: int) -> dict[tuple[int, str], int]:
    """The SKP predicates of a Pemda's year per (unit, predicate), counted from the SKPs: what
    the tally rows must hold."""
    rows = (
        Skp.objects.filter(pemda=pemda, year=year)
        .exclude(predicate="")
        .order_by()
        .values("unit_id", "predicate")
        .annotate(n=Count("id"))
    )
    return {(r["unit_id"], r["predicate"]): r["n"] for r in rows}


# --- values beside the culture survey --------------------------------------------------------


@dataclass(frozen=True)
class ValueRow:
    code: str
    name: str
    rated: int
    shares: dict[str, float]  # level -> percent of rated
    culture_index: float | None


@dataclass(frozen=True)
class ValuesBeside:
    unit: OrgUnit
    year: int
    rated: int
    shown: bool
    campaign: str | None
    culture_n: int | None
    rows: list[ValueRow]


def values_beside_culture(user: Any, pemda: Pemda, unit: OrgUnit, year: int) -> ValuesBeside:
    """Per core value: the share of perilaku ratings beside the unit's published index.

    Both sides need at least k people (SIKAP_MIN_GROUP_SIZE): the SKP side counts rated
    employees of the subtree, the culture side is its published group (never a response).
    """
    k = max(3, int(getattr(settings, "SIKAP_MIN_GROUP_SIZE", 5)))
    levels: dict[str, Counter[str]] = defaultdict(Counter)
    for value, level, n in (
        SkpBehaviour.objects.filter(
            skp__pemda=pemda, skp__year=year, skp__unit__path__startswith=unit.path
        )
        .exclude(level="")
        .values_list("value", "level")
        .annotate(n=Count("id"))
    ):
        levels[value][level] += n
    rated = (
        Skp.objects.filter(pemda=pemda, year=year, unit__path__startswith=unit.path)
        .filter(behaviours__level__gt="")
        .distinct()
        .count()
    )
    culture = ask(CULTURE_UNIT_VALUES, user=user, unit=unit)
    shown = rated >= k and culture is not None and int(culture.get("n", 0)) >= k
    rows: list[ValueRow] = []
    book = berakhlak.RULEBOOKS.select(max(year, 2022))
    for value in book.values:
        c = levels.get(value.code, Counter())
        total = sum(c.values())
        shares = {
            lv: (100.0 * c[lv] / total if total else 0.0) for lv in ("diatas", "sesuai", "dibawah")
        }
        index = culture["values"].get(value.code) if shown and culture else None
        rows.append(ValueRow(value.code, value.name, total, shares if shown else {}, index))
    return ValuesBeside(
        unit=unit,
        year=year,
        rated=rated,
        shown=shown,
        campaign=culture.get("campaign") if culture else None,
        culture_n=culture.get("n") if culture else None,
        rows=rows,
    )


# --- e-Kinerja export ------------------------------------------------------------------------

# The Lampiran SKP (PermenPANRB 6/2022) of a row's SKP: each part's items, one per line, as
# stored and printed; the parts by their column and the SKP field that holds them.
ANNEX_COLUMNS = {
    "lampiran_dukungan_sumber_daya": "annex_resources",
    "lampiran_skema_pertanggungjawaban": "annex_accountability",
    "lampiran_konsekuensi": "annex_consequences",
}
EXPORT_COLUMNS = (
    "tahun",
    "nip",
    "nama",
    "unit",
    "nip_penilai",
    "jenis",
    "rencana_hasil_kerja",
    "intervensi",
    "aspek",
    "indikator",
    "target",
    "realisasi",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    *ANNEX_COLUMNS,
)
# The Lampiran SKP on its own sheet of the workbook: one row per item of each part.
ANNEX_SHEET_COLUMNS = ("tahun", "nip", "nama", "unit", "bagian", "nomor", "butir")


def export_rows(skps: QuerySet[Skp]) -> list[dict[str, Any]]:
    """One row per rencana hasil kerja, with the SKP's ratings, for keying into e-Kinerja."""
    rows: list[dict[str, Any]] = []
    results = (
        SkpResult.objects.filter(skp__in=skps)
        .select_related(
            "skp__employee", "skp__unit", "skp__rater", "intervenes", "intervenes_indicator"
        )
        .order_by("skp__unit__path", "skp__employee__name", "kind", "id")
    )
    for r in results:
        skp = r.skp
        above = (
            r.intervenes.text
            if r.intervenes
            else (
                f"{r.intervenes_indicator.code} {r.intervenes_indicator.name}"
                if r.intervenes_indicator
                else ""
            )
        )
        rows.append(
            {
                "tahun": skp.year,
                "nip": skp.employee.nip,
                "nama": skp.employee.name,
                "unit": skp.unit.code,
                "nip_penilai": skp.rater.nip if skp.rater else "",
                "jenis": r.kind,
                "rencana_hasil_kerja": r.text,
                "intervensi": above,
                "aspek": r.aspect,
                "indikator": r.indicator,
                "target": r.target,
                "realisasi": r.realisation,
                "rating_hasil_kerja": skp.get_rating_hasil_display() if skp.rating_hasil else "",
                "rating_perilaku": skp.get_rating_perilaku_display() if skp.rating_perilaku else "",
                "predikat": skp.predicate,
                **{column: getattr(skp, name) for column, name in ANNEX_COLUMNS.items()},
            }
        )
    return rows


def annex_rows(skps: QuerySet[Skp]) -> list[dict[str, Any]]:
    """One row per item of each part of every SKP's Lampiran SKP (also of an SKP without
    rencana hasil kerja yet), numbered within its part as printed on the SKP form."""
    rows: list[dict[str, Any]] = []
    ordered = skps.select_related("employee", "unit").order_by("unit__path", "employee__name", "pk")
    for skp in ordered:
        for column, name in ANNEX_COLUMNS.items():
            items = Skp.annex_items(getattr(skp, name))
            for number, item in enumerate(items, start=1):
                rows.append(
                    {
                        "tahun": skp.year,
                        "nip": skp.employee.nip,
                        "nama": skp.employee.name,
                        "unit": skp.unit.code,
                        "bagian": column.removeprefix("lampiran_"),
                        "nomor": number,
                        "butir": item,
                    }
                )
    return rows
