"""Data-quality checks on the organisation: what blocks later work (SKP chains, surveys).

Every check takes already scoped querysets (see `sikap.org.queries`) and returns frozen
dataclasses, so it can be tested without a view and rendered by any interface. Each check costs
a fixed number of queries, whatever the size of the Pemda.

Rules worth knowing:

* **Top official.** An active employee without an atasan is expected, not a problem, when their
  unit is a top unit of the Pemda (no parent unit) and they hold an eselon or JPT: the Sekda or
  the head of an OPD placed at the top of the tree, whose atasan is the Kepala Daerah (not an
  ASN, so not in the employee table). Everyone else without an atasan is reported.
* **Atasan outside the branch.** A warning when the atasan's unit lies in another top-level
  branch (OPD) than the employee's unit and is not one of its ancestor units. The same top
  official (head of a top unit with an eselon) is exempt: they report across branches by design.
* **Cycles** follow the atasan links over the whole Pemda (a chain can leave the user's reach)
  and are reported when at least one member is in reach.
* Only active employees are checked; closed units do not count as "unit without employees".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.org.models import PATH_SEGMENT_WIDTH, Employee, OrgUnit


class Category:
    NO_ATASAN = "no_atasan"
    UNKNOWN_ATASAN_NIP = "unknown_atasan_nip"
    CYCLE = "cycle"
    ATASAN_OTHER_BRANCH = "atasan_other_branch"
    CLOSED_UNIT = "closed_unit"
    DUPLICATE_PERSON = "duplicate_person"
    EMPTY_UNIT = "empty_unit"


CATEGORY_LABELS = {
    Category.NO_ATASAN: gettext_lazy("Pegawai tanpa atasan"),
    Category.UNKNOWN_ATASAN_NIP: gettext_lazy("NIP atasan tidak dikenal"),
    Category.CYCLE: gettext_lazy("Rantai atasan melingkar"),
    Category.ATASAN_OTHER_BRANCH: gettext_lazy("Atasan di cabang OPD lain"),
    Category.CLOSED_UNIT: gettext_lazy("Pegawai di unit yang sudah ditutup"),
    Category.DUPLICATE_PERSON: gettext_lazy("Kemungkinan orang yang sama dengan NIP berbeda"),
    Category.EMPTY_UNIT: gettext_lazy("Unit tanpa pegawai"),
}
CATEGORY_ORDER = tuple(CATEGORY_LABELS)
WARNING_CATEGORIES = frozenset({Category.ATASAN_OTHER_BRANCH, Category.EMPTY_UNIT})


@dataclass(frozen=True)
class Ref:
    """A record an issue points to: an employee or a unit."""

    kind: str  # "employee" | "unit"
    id: int
    label: str


@dataclass(frozen=True)
class Issue:
    category: str
    message: str
    subject: Ref
    related: tuple[Ref, ...] = ()

    @property
    def is_warning(self) -> bool:
        return self.category in WARNING_CATEGORIES

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS[self.category])


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    count: int
    is_warning: bool


@dataclass(frozen=True)
class QualityReport:
    issues: tuple[Issue, ...]
    counts: tuple[CategoryCount, ...] = field(default=())

    @property
    def total(self) -> int:
        return len(self.issues)

    def of(self, category: str) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.category == category)

    def by_category(self) -> dict[str, list[Issue]]:
        groups: dict[str, list[Issue]] = {c: [] for c in CATEGORY_ORDER}
        for issue in self.issues:
            groups[issue.category].append(issue)
        return groups


def _emp(e: Employee) -> Ref:
    return Ref("employee", e.pk, f"{e.name} ({e.nip})")


def _branch(path: str) -> str:
    return path[:PATH_SEGMENT_WIDTH]


def is_top_official(*, eselon: str, unit_parent_id: int | None) -> bool:
    """Head of a top unit (a unit without parent) holding an eselon or JPT."""
    return unit_parent_id is None and bool(eselon.strip())


# Checks read plain tuples (values_list), not model instances: a Pemda has thousands of rows.
_EMP_FIELDS = (
    "id",
    "name",
    "nip",
    "eselon",
    "unit_id",
    "unit__code",
    "unit__name",
    "unit__parent_id",
)


def _emp_ref(row: tuple) -> Ref:  # type: ignore[type-arg]
    return Ref("employee", row[0], f"{row[1]} ({row[2]})")


def _emp_unit_ref(row: tuple) -> Ref:  # type: ignore[type-arg]
    return Ref("unit", row[4], f"{row[5]} · {row[6]}")


def missing_atasan(employees: QuerySet[Employee]) -> list[Issue]:
    rows = (
        employees.filter(is_active=True, atasan__isnull=True, atasan_nip="")
        .order_by("name", "nip")
        .values_list(*_EMP_FIELDS)
    )
    template = _("%(name)s tidak memiliki atasan; SKP dan penilaian berjenjang tidak dapat dibuat.")
    return [
        Issue(Category.NO_ATASAN, template % {"name": r[1]}, _emp_ref(r), (_emp_unit_ref(r),))
        for r in rows
        if not is_top_official(eselon=r[3], unit_parent_id=r[7])
    ]


def unknown_atasan_nip(employees: QuerySet[Employee]) -> list[Issue]:
    rows = (
        employees.filter(is_active=True, atasan__isnull=True)
        .exclude(atasan_nip="")
        .order_by("name", "nip")
        .values_list(*_EMP_FIELDS, "atasan_nip")
    )
    template = _("NIP atasan %(nip)s milik %(name)s tidak cocok dengan pegawai mana pun.")
    return [
        Issue(
            Category.UNKNOWN_ATASAN_NIP,
            template % {"nip": r[8], "name": r[1]},
            _emp_ref(r),
            (_emp_unit_ref(r),),
        )
        for r in rows
    ]


def find_cycles(pairs: Iterable[tuple[int, int | None]]) -> list[list[int]]:
    """Every cycle in a functional graph given as (id, atasan_id) pairs, each listed once.

    Linear time: each node is walked once; a walk that meets its own trail has found a cycle.
    Each cycle starts at its smallest id, so the output is deterministic.
    """
    succ = dict(pairs)
    state: dict[int, int] = {}  # 1 = on the current trail, 2 = done
    cycles: list[list[int]] = []
    for start in succ:
        if start in state:
            continue
        trail: list[int] = []
        node: int | None = start
        while node is not None and node in succ and node not in state:
            state[node] = 1
            trail.append(node)
            node = succ[node]
        if node is not None and state.get(node) == 1:
            cycle = trail[trail.index(node) :]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
        for n in trail:
            state[n] = 2
    return sorted(cycles)


def reporting_cycles(employees: QuerySet[Employee]) -> list[Issue]:
    pemda_ids = list(employees.values_list("pemda_id", flat=True).distinct().order_by())
    if not pemda_ids:
        return []
    pairs = list(
        Employee.objects.filter(pemda_id__in=pemda_ids, atasan__isnull=False).values_list(
            "id", "atasan_id"
        )
    )
    cycles = find_cycles(pairs)
    if not cycles:
        return []
    members = {i for c in cycles for i in c}
    in_reach = set(employees.filter(pk__in=members).values_list("pk", flat=True))
    people = {e.pk: e for e in Employee.objects.filter(pk__in=members).only("id", "name", "nip")}
    issues = []
    for cycle in cycles:
        if not in_reach.intersection(cycle):
            continue
        chain = " → ".join(people[i].name for i in [*cycle, cycle[0]])
        visible = [people[i] for i in cycle if i in in_reach]
        issues.append(
            Issue(
                Category.CYCLE,
                _("Rantai atasan melingkar (%(n)d orang): %(chain)s")
                % {"n": len(cycle), "chain": chain},
                _emp(visible[0]),
                tuple(_emp(e) for e in visible[1:]),
            )
        )
    return issues


def atasan_other_branch(employees: QuerySet[Employee]) -> list[Issue]:
    rows = (
        employees.filter(is_active=True, atasan__isnull=False)
        .order_by("name", "nip")
        .values_list(
            *_EMP_FIELDS,
            "unit__path",
            "atasan_id",
            "atasan__name",
            "atasan__nip",
            "atasan__unit_id",
            "atasan__unit__code",
            "atasan__unit__name",
            "atasan__unit__path",
        )
    )
    template = _("Atasan %(name)s berada di %(unit)s, di luar cabang OPD dan unit induknya.")
    issues = []
    for r in rows:
        path, boss_path = r[8], r[15]
        if _branch(boss_path) == _branch(path) or path.startswith(boss_path):
            continue
        if is_top_official(eselon=r[3], unit_parent_id=r[7]):
            continue
        issues.append(
            Issue(
                Category.ATASAN_OTHER_BRANCH,
                template % {"name": r[1], "unit": r[14]},
                _emp_ref(r),
                (
                    Ref("employee", r[9], f"{r[10]} ({r[11]})"),
                    Ref("unit", r[12], f"{r[13]} · {r[14]}"),
                ),
            )
        )
    return issues


def employees_in_closed_units(employees: QuerySet[Employee], *, today: dt.date) -> list[Issue]:
    rows = (
        employees.filter(is_active=True, unit__valid_to__lt=today)
        .order_by("name", "nip")
        .values_list(
            *_EMP_FIELDS,
            "unit__valid_to",
            "unit__merged_into_id",
            "unit__merged_into__code",
            "unit__merged_into__name",
        )
    )
    template = _("%(name)s masih tercatat di %(unit)s yang ditutup sejak %(date)s.")
    issues = []
    for r in rows:
        related = [_emp_unit_ref(r)]
        if r[9] is not None:
            related.append(Ref("unit", r[9], f"{r[10]} · {r[11]}"))
        issues.append(
            Issue(
                Category.CLOSED_UNIT,
                template % {"name": r[1], "unit": r[6], "date": r[8].isoformat()},
                _emp_ref(r),
                tuple(related),
            )
        )
    return issues


def _normal_name(name: str) -> str:
    return " ".join(name.casefold().split())


def duplicate_people(employees: QuerySet[Employee]) -> list[Issue]:
    rows = (
        employees.filter(is_active=True, birth_date__isnull=False)
        .order_by("nip")
        .values_list("id", "name", "nip", "birth_date", "pemda_id")
    )
    Row = tuple[int, str, str, dt.date | None, int]
    groups: dict[tuple[int, str, dt.date | None], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r[4], _normal_name(r[1]), r[3])].append(r)
    template = _("%(name)s, lahir %(date)s, tercatat dengan %(n)d NIP: %(nips)s.")
    issues = []
    for people in sorted(groups.values(), key=lambda g: (g[0][1], g[0][2])):
        if len({p[2] for p in people}) < 2:
            continue
        issues.append(
            Issue(
                Category.DUPLICATE_PERSON,
                template
                % {
                    "name": people[0][1],
                    "date": people[0][3].isoformat() if people[0][3] else "",
                    "n": len(people),
                    "nips": ", ".join(p[2] for p in people),
                },
                _emp_ref(people[0]),
                tuple(_emp_ref(p) for p in people[1:]),
            )
        )
    return issues


def empty_units(units: QuerySet[OrgUnit], *, today: dt.date) -> list[Issue]:
    has_staff = Employee.objects.filter(unit_id=OuterRef("pk"), is_active=True)
    rows = (
        units.exclude(valid_to__lt=today)
        .filter(~Exists(has_staff))
        .order_by("pemda_id", "path")
        .values_list("id", "code", "name")
    )
    template = _("Unit %(unit)s tidak memiliki pegawai aktif.")
    return [
        Issue(Category.EMPTY_UNIT, template % {"unit": name}, Ref("unit", pk, f"{code} · {name}"))
        for pk, code, name in rows
    ]


def quality_report(
    *, employees: QuerySet[Employee], units: QuerySet[OrgUnit], today: dt.date
) -> QualityReport:
    """Run every check over scoped querysets and count the issues per category."""
    issues = [
        *missing_atasan(employees),
        *unknown_atasan_nip(employees),
        *reporting_cycles(employees),
        *atasan_other_branch(employees),
        *employees_in_closed_units(employees, today=today),
        *duplicate_people(employees),
        *empty_units(units, today=today),
    ]
    counts = tuple(
        CategoryCount(
            category=c,
            label=str(CATEGORY_LABELS[c]),
            count=sum(1 for i in issues if i.category == c),
            is_warning=c in WARNING_CATEGORIES,
        )
        for c in CATEGORY_ORDER
    )
    return QualityReport(issues=tuple(issues), counts=counts)
