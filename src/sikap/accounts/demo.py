"""Demo logins: one user per role in the demo Pemda, linked to demo employees where sensible.

Runs after `sikap.org.demo` (see `sikap demo load`). Units are found by the codes the org demo
uses, with a fallback on kind and name, so a reshuffled demo tree degrades to fewer links
rather than a crash.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import DatabaseError, transaction
from django.db.models import Q

from sikap.accounts.domain import role_assign, user_create
from sikap.accounts.models import User
from sikap.core.roles import Role
from sikap.org.demo import DEMO_CODE
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.org.queries import eselon_rank

# Public on purpose: demo data only, printed by `sikap demo load` for every demo login.
DEMO_PASSWORD = "demo-sikap-2024"  # noqa: S105
PEGAWAI_USERNAME = "pegawai@palu.demo"


@dataclass(frozen=True)
class UnitHint:
    codes: tuple[str, ...]
    kind: str = ""
    name_contains: str = ""


DINKES = UnitHint(("DINKES",), OrgUnit.Kind.DINAS, "Kesehatan")
SETDA = UnitHint(("SETDA",), OrgUnit.Kind.SETDA, "Sekretariat Daerah")
INSPEKTORAT = UnitHint(("INSPEKTORAT", "ITDA"), OrgUnit.Kind.INSPEKTORAT, "Inspektorat")
DUKCAPIL = UnitHint(("DUKCAPIL", "DISDUKCAPIL"), OrgUnit.Kind.DINAS, "Kependudukan")
DPMPTSP = UnitHint(("DPMPTSP",), "", "Penanaman Modal")


@dataclass(frozen=True)
class DemoUser:
    label: str
    username: str
    full_name: str
    role: str
    unit: UnitHint | None  # None: the whole Pemda
    extra_units: tuple[UnitHint, ...] = ()
    employee_of: UnitHint | None = None  # link to the head of this unit


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("Admin Pemda", "admin.pemda@palu.demo", "Admin Pemda (demo)", Role.ADMIN_PEMDA, None),
    DemoUser(
        "Admin OPD (Dinas Kesehatan)",
        "admin.dinkes@palu.demo",
        "Admin Dinas Kesehatan (demo)",
        Role.ADMIN_OPD,
        DINKES,
    ),
    DemoUser(
        "Pimpinan (Kepala Dinkes)",
        "kadis.dinkes@palu.demo",
        "Kepala Dinas Kesehatan (demo)",
        Role.PIMPINAN,
        DINKES,
        employee_of=DINKES,
    ),
    DemoUser(
        "Pimpinan (Sekda)",
        "sekda@palu.demo",
        "Sekretaris Daerah (demo)",
        Role.PIMPINAN,
        None,
        employee_of=SETDA,
    ),
    DemoUser("Pimpinan (Wali Kota)", "walikota@palu.demo", "Wali Kota (demo)", Role.PIMPINAN, None),
    DemoUser(
        "Penilai (Inspektorat)",
        "inspektorat@palu.demo",
        "Penilai Inspektorat (demo)",
        Role.PENILAI,
        DINKES,
        extra_units=(DUKCAPIL, DPMPTSP),
        employee_of=INSPEKTORAT,
    ),
)


def find_unit(pemda: Pemda, hint: UnitHint) -> OrgUnit | None:
    units = OrgUnit.objects.filter(pemda=pemda, valid_to__isnull=True)
    found = units.filter(code__in=hint.codes).order_by("depth", "code").first()
    if found is None and hint.name_contains:
        cond = Q(name__icontains=hint.name_contains)
        if hint.kind:
            cond &= Q(kind=hint.kind)
        found = units.filter(cond).order_by("depth", "code").first()
    return found


def head_of(unit: OrgUnit) -> Employee | None:
    people = list(
        Employee.objects.filter(unit=unit, is_active=True, user__isnull=True).exclude(eselon="")
    )
    return min(people, key=lambda e: (eselon_rank(e.eselon), e.nip)) if people else None


def pick_pegawai(pemda: Pemda) -> Employee | None:
    """A staff member (no eselon) of a Puskesmas under Dinas Kesehatan, else of any unit."""
    dinkes = find_unit(pemda, DINKES)
    staff = Employee.objects.filter(
        pemda=pemda, is_active=True, eselon="", user__isnull=True
    ).order_by("nip")
    if dinkes is not None:
        in_dinkes = staff.filter(unit__path__startswith=dinkes.path)
        return (
            in_dinkes.filter(unit__kind=OrgUnit.Kind.PUSKESMAS).first()
            or in_dinkes.first()
            or staff.first()
        )
    return staff.first()


def _pegawai_login() -> str:
    nip = (
        User.objects.filter(username=PEGAWAI_USERNAME, pemda__code=DEMO_CODE)
        .values_list("nip", flat=True)
        .first()
    )
    return nip or PEGAWAI_USERNAME


class _Logins(Sequence[tuple[str, str]]):
    """(role label, login identifier); the Pegawai logs in by the NIP the demo gave them."""

    def _items(self) -> list[tuple[str, str]]:
        items = [(u.label, u.username) for u in DEMO_USERS]
        try:
            items.append(("Pegawai", _pegawai_login()))
        except DatabaseError:  # no tables yet (before migrate): show the e-mail login
            items.append(("Pegawai", PEGAWAI_USERNAME))
        return items

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, index: Any) -> Any:
        return self._items()[index]

    def __len__(self) -> int:
        return len(DEMO_USERS) + 1

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._items())


DEMO_LOGINS: Sequence[tuple[str, str]] = _Logins()


def _ensure_user(pemda: Pemda, spec: DemoUser, stdout: Any) -> User:
    existing = User.objects.filter(username=spec.username).first()
    if existing is not None:
        return existing
    employee = None
    if spec.employee_of is not None:
        unit = find_unit(pemda, spec.employee_of)
        employee = head_of(unit) if unit is not None else None
    return user_create(
        actor="demo",
        username=spec.username,
        password=DEMO_PASSWORD,
        pemda=pemda,
        email=spec.username,
        full_name=employee.name if employee is not None else spec.full_name,
        employee=employee,
    )


def _assign(user: User, pemda: Pemda, role: str, unit: OrgUnit | None) -> None:
    if not user.role_assignments.filter(role=role, unit=unit).exists():
        role_assign(actor=None, user=user, pemda=pemda, role=role, unit=unit)


def load(*, pemda: Pemda | None, stdout: Any) -> None:
    pemda = pemda or Pemda.objects.filter(code=DEMO_CODE).first()
    if pemda is None:
        stdout.write("accounts demo: no demo Pemda; skipped.")
        return
    with transaction.atomic():
        for spec in DEMO_USERS:
            units: list[OrgUnit | None] = [None]
            if spec.unit is not None:
                hints = (spec.unit, *spec.extra_units)
                units = [u for u in (find_unit(pemda, h) for h in hints) if u is not None]
                if not units:
                    stdout.write(f"accounts demo: no unit for {spec.label}; skipped.")
                    continue
            user = _ensure_user(pemda, spec, stdout)
            for unit in units:
                _assign(user, pemda, spec.role, unit)
        employee = pick_pegawai(pemda)
        if employee is None:
            stdout.write("accounts demo: no employee for the Pegawai login; skipped.")
        else:
            user = User.objects.filter(username=PEGAWAI_USERNAME).first() or user_create(
                actor="demo",
                username=PEGAWAI_USERNAME,
                password=DEMO_PASSWORD,
                pemda=pemda,
                email=PEGAWAI_USERNAME,
                employee=employee,
            )
            _assign(user, pemda, Role.PEGAWAI, employee.unit)
    stdout.write(f"accounts demo: {len(DEMO_LOGINS)} logins ready.")


def describe(*, stdout: Any) -> None:
    """The demo logins, printed by `sikap demo load`."""
    stdout.write("")
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, login in DEMO_LOGINS:
        stdout.write(f"  {role:<28} {login}")
    stdout.write("")
