from __future__ import annotations

import datetime as dt

import factory

from sikap.accounts.models import User
from sikap.org.domain import unit_create
from sikap.org.models import Employee, OrgUnit, Pemda

TEST_PASSWORD = "sikap-test-password-9"


def make_unit(
    pemda: Pemda, code: str, name: str, kind: str, parent: OrgUnit | None = None
) -> OrgUnit:
    """Create a unit the way SIKAP does (validated, with its path, audited as a system change)."""
    return unit_create(actor=None, pemda=pemda, code=code, name=name, kind=kind, parent=parent)


def pns_nip(
    seq: int, birth: dt.date = dt.date(1985, 3, 14), tmt: str = "201001", gender: int = 1
) -> str:
    return f"{birth:%Y%m%d}{tmt}{gender}{seq % 999 + 1:03d}"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    code = factory.Sequence(lambda n: f"pemda-{n}")
    name = factory.Sequence(lambda n: f"Pemerintah Kota Contoh {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    pemda = factory.SubFactory(PemdaFactory)
    nip = factory.Sequence(
        lambda n: pns_nip(n, birth=dt.date(1980 + n % 15, 1 + n % 12, 1 + n % 28))
    )
    name = factory.Sequence(lambda n: f"Pegawai {n}")
    kind = Employee.Kind.PNS
    jabatan = "Analis Kebijakan"
    jenis_jabatan = Employee.JenisJabatan.FUNGSIONAL
    unit = factory.LazyAttribute(lambda o: make_unit(o.pemda, f"U{o.nip[-6:]}", "Unit", "dinas"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: o.username.replace("-", " ").title())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()
