"""Reads on the organisation, always narrowed through the scoping gate.

Units are scoped by `Cap.ORG_VIEW`. Employees are scoped the same way, plus one rule that needs
no capability: a user linked to an employee record always sees that record (a Pegawai sees
their own data and nothing else).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from sikap.core.codes import get_by_code
from sikap.core.roles import Cap
from sikap.core.scoping import (
    get_in_scope,
    reach,
    scope_by_pemda,
    scope_by_unit,
    scope_units,
)
from sikap.org.models import PATH_SEGMENT_WIDTH, Employee, OrgUnit, Pemda
from sikap.org.quality import QualityReport, quality_report
from sikap.rules import nip

MAX_TREE_INDENT = 5


def pemda_by_code(user: Any, code: str, capability: str = Cap.ORG_VIEW) -> Pemda | None:
    """A Pemda the user reaches as a whole, named by its code in any case."""
    return get_by_code(
        scope_by_pemda(Pemda.objects.all(), user, capability, pemda_field="pk"), code
    )


# --- units -------------------------------------------------------------------------------


def units_visible(user: Any, capability: str = Cap.ORG_VIEW) -> QuerySet[OrgUnit]:
    return scope_units(OrgUnit.objects.all(), user, capability)


def unit_get(user: Any, unit_id: Any) -> OrgUnit:
    return get_in_scope(units_visible(user).select_related("merged_into", "parent"), pk=unit_id)


def path_ancestor_prefixes(path: str) -> list[str]:
    """The paths of every ancestor of a unit with `path`, root first, excluding itself."""
    w = PATH_SEGMENT_WIDTH
    return [path[: i * w] for i in range(1, len(path) // w)]


def path_ids(path: str) -> list[int]:
    """The unit ids encoded in a materialised path, root first."""
    return [int(seg, 16) for seg in path.split("/") if seg]


@dataclass(frozen=True)
class UnitRow:
    """One unit as shown in a tree or list, with what the row needs precomputed."""

    unit: OrgUnit
    indent: int
    child_count: int
    employees_direct: int
    employees_total: int

    @property
    def indent_class(self) -> str:
        return f"tree-indent-{self.indent}" if self.indent else ""


def _employee_counts(units: QuerySet[OrgUnit]) -> tuple[dict[int, int], dict[str, int]]:
    """Active employees per unit id, and per subtree path, in one GROUP BY.

    Subtree totals add each unit's count to every ancestor path in Python, so a tree of any
    size costs one query.
    """
    rows = (
        Employee.objects.filter(is_active=True, unit__in=units)
        .values_list("unit_id", "unit__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    direct: dict[int, int] = {}
    totals: dict[str, int] = defaultdict(int)
    for unit_id, path, n in rows:
        direct[unit_id] = n
        totals[path] += n
        for prefix in path_ancestor_prefixes(path):
            totals[prefix] += n
    return direct, totals


def _child_counts(parent_ids: Iterable[int], visible: QuerySet[OrgUnit]) -> dict[int, int]:
    ids = list(parent_ids)
    if not ids:
        return {}
    return dict(
        visible.filter(parent_id__in=ids)
        .values_list("parent_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("parent_id", "n")
    )


def _rows(
    units: list[OrgUnit], user: Any, indent: int, within: OrgUnit | None = None
) -> list[UnitRow]:
    if not units:
        return []
    visible = units_visible(user)
    counted = visible
    if within is not None:
        counted = visible.filter(pemda_id=within.pemda_id, path__startswith=within.path)
    direct, totals = _employee_counts(counted)
    children = _child_counts((u.pk for u in units), visible)
    return [
        UnitRow(
            unit=u,
            indent=min(max(indent, 0), MAX_TREE_INDENT),
            child_count=children.get(u.pk, 0),
            employees_direct=direct.get(u.pk, 0),
            employees_total=totals.get(u.path, 0),
        )
        for u in units
    ]


def unit_tree_roots(user: Any) -> list[UnitRow]:
    """The top of the user's reach: visible units whose parent is not visible.

    A Pemda-wide user gets the Pemda's top units; an Admin OPD gets its OPD. Only the roots are
    loaded; children come on demand (`unit_children_rows`), so 5,000 units cost nothing here.
    """
    r = reach(user, Cap.ORG_VIEW)
    if r.empty:
        return []
    cond = Q(depth=0) if r.everything else Q(depth=0, pemda_id__in=sorted(r.whole_pemda_ids))
    for pemda_id, path in r.subtrees:
        cond |= Q(pemda_id=pemda_id, path=path)
    candidates = list(
        units_visible(user).filter(cond).select_related("merged_into").order_by("pemda_id", "path")
    )
    roots: list[OrgUnit] = []
    for u in candidates:
        # Sorted by path, a nested assignment directly follows the root that contains it.
        if roots and roots[-1].pemda_id == u.pemda_id and u.path.startswith(roots[-1].path):
            continue
        roots.append(u)
    return _rows(roots, user, indent=0)


def unit_children_rows(user: Any, unit: OrgUnit, *, indent: int = 0) -> list[UnitRow]:
    children = list(
        units_visible(user).filter(parent=unit).select_related("merged_into").order_by("code")
    )
    return _rows(children, user, indent=indent, within=unit)


def unit_ancestors(user: Any, unit: OrgUnit) -> list[OrgUnit]:
    """The visible ancestors of `unit`, root first (for breadcrumbs)."""
    ids = path_ids(unit.path)[:-1]
    if not ids:
        return []
    by_id = {u.pk: u for u in units_visible(user).filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def unit_choices(user: Any, capability: str = Cap.ORG_VIEW) -> list[tuple[int, str]]:
    """(id, indented label) of every unit in reach, for a select box; one query."""
    rows = (
        scope_units(OrgUnit.objects.all(), user, capability)
        .order_by("pemda_id", "path")
        .values_list("id", "code", "name", "depth")
    )
    return [(pk, f"{'— ' * depth}{code} · {name}") for pk, code, name, depth in rows]


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def eselon_rank(eselon: str) -> int:
    """Lower is more senior: JPT first, then eselon I.a … V.b; no eselon last."""
    text = eselon.strip().upper()
    if not text:
        return 1000
    if text.startswith("JPT"):
        return 0
    match = re.match(r"^(IV|V|I{1,3})(?:[.\s/-]*([AB]))?", text)
    if match is None:
        return 999
    return _ROMAN[match.group(1)] * 10 + (2 if match.group(2) == "B" else 1)


def unit_head(unit: OrgUnit) -> Employee | None:
    """The head of a unit: its active employee with the most senior eselon/JPT."""
    candidates = list(
        Employee.objects.filter(unit=unit, is_active=True).exclude(eselon="").order_by("name")
    )
    if not candidates:
        return None
    return min(candidates, key=lambda e: eselon_rank(e.eselon))


# --- employees ---------------------------------------------------------------------------


def employees_visible(user: Any) -> QuerySet[Employee]:
    scoped = scope_by_unit(Employee.objects.all(), user, Cap.ORG_VIEW)
    own_id = (
        getattr(user, "employee_id", None) if getattr(user, "is_authenticated", False) else None
    )
    if own_id is not None and getattr(user, "is_active", False):
        return Employee.objects.filter(Q(pk__in=scoped.values("pk")) | Q(pk=own_id))
    return scoped


def employee_get(user: Any, employee_id: Any) -> Employee:
    return get_in_scope(
        employees_visible(user).select_related("unit", "atasan", "atasan__unit", "pemda"),
        pk=employee_id,
    )


@dataclass(frozen=True)
class EmployeeFilter:
    q: str = ""
    unit: OrgUnit | None = None
    kind: str = ""
    jenis_jabatan: str = ""
    golongan: str = ""


def employee_search(user: Any, filters: EmployeeFilter) -> QuerySet[Employee]:
    """Scoped employees matching `filters`; the unit filter includes the unit's subtree."""
    qs = employees_visible(user).select_related("unit")
    if filters.q:
        term = filters.q.strip()
        compact = nip.normalise(term)
        cond = Q(name__icontains=term)
        if compact.isascii() and compact.isdigit():
            cond |= Q(nip__startswith=compact)
        qs = qs.filter(cond)
    if filters.unit is not None:
        qs = qs.filter(
            unit__pemda_id=filters.unit.pemda_id, unit__path__startswith=filters.unit.path
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.jenis_jabatan:
        qs = qs.filter(jenis_jabatan=filters.jenis_jabatan)
    if filters.golongan:
        qs = qs.filter(golongan=filters.golongan)
    return qs.order_by("name", "nip")


def golongan_choices(user: Any) -> list[str]:
    return list(
        employees_visible(user)
        .exclude(golongan="")
        .order_by("golongan")
        .values_list("golongan", flat=True)
        .distinct()
    )


def unit_employees(user: Any, unit: OrgUnit) -> QuerySet[Employee]:
    return employees_visible(user).filter(unit=unit).order_by("name", "nip")


@dataclass(frozen=True)
class OrgSummary:
    units: int
    employees: int


def org_summary(user: Any) -> OrgSummary:
    units = units_visible(user)
    return OrgSummary(
        units=units.count(),
        employees=scope_by_unit(
            Employee.objects.filter(is_active=True), user, Cap.ORG_VIEW
        ).count(),
    )


def employees_in_reach(user: Any) -> QuerySet[Employee]:
    """Employees the user reaches through a role (without the own-record rule)."""
    return scope_by_unit(Employee.objects.all(), user, Cap.ORG_VIEW)


def data_quality(user: Any, *, today: dt.date) -> QualityReport:
    return quality_report(
        employees=employees_in_reach(user), units=units_visible(user), today=today
    )


# Every change to units, employees or roles writes an audit row in its transaction, so the
# newest audit id tells whether a cached count may still be right; the timeout covers writes
# made behind SIKAP's back.
QUALITY_TOTAL_SECONDS = 600


def data_quality_total(user: Any, *, today: dt.date) -> int:
    """The number of data-quality issues in the user's reach (the home page's figure).

    The full report reads every employee in reach (0.6 s for 50,000 on SQLite), so its total is
    cached per user and day until the next audited change.
    """
    from django.core.cache import cache

    from sikap.core.models import AuditLog

    latest = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    key = f"org-quality-total:{user.pk}:{today.isoformat()}:{latest}"
    total: int | None = cache.get(key)
    if total is None:
        total = data_quality(user, today=today).total
        cache.set(key, total, QUALITY_TOTAL_SECONDS)
    return total
