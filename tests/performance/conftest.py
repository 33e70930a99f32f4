"""A small performance chain on the personas' Pemda (Palu).

palu                      Pemda PK: S1 / IKU-1 "Angka harapan hidup" (outcome)
  DINKES (Kepala Dinas, II.b)          OPD PK: S1 / I-1 supports IKU-1
    DINKES-YANKES (Kepala Bidang, III.b)
      DINKES-YANKES-S1 (Kepala Seksi, IV.a)
        staff ×2 (pelaksana)
    DINKES-PKM-KAMONJI (personas' employee)
  DUKCAPIL
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from sikap.accounts.models import User
from sikap.core.roles import Role
from sikap.org.models import Employee, OrgUnit
from sikap.performance import domain
from sikap.performance.models import Agreement, Indicator, Sasaran
from tests.factories import EmployeeFactory, UserFactory, make_unit


@dataclass
class Chain:
    bidang: OrgUnit
    seksi: OrgUnit
    kadis: Employee
    kabid: Employee
    kasi: Employee
    staff1: Employee
    staff2: Employee
    kabid_user: User
    staff_user: User
    pemda_pk: Agreement
    iku: Indicator
    opd_pk: Agreement
    opd_sasaran: Sasaran
    opd_indicator: Indicator


def employee(pemda, unit, name, eselon, atasan=None) -> Employee:
    return EmployeeFactory(
        pemda=pemda, unit=unit, name=name, eselon=eselon, atasan=atasan,
        jenis_jabatan="struktural" if eselon else "pelaksana",
    )  # fmt: skip


@pytest.fixture
def chain(personas) -> Chain:
    p = personas
    bidang = make_unit(p.pemda, "DINKES-YANKES", "Bidang Pelayanan Kesehatan", "bidang", p.opd_a)
    seksi = make_unit(p.pemda, "DINKES-YANKES-S1", "Seksi Rujukan", "seksi", bidang)
    kadis = employee(p.pemda, p.opd_a, "Kepala Dinas", "II.b")
    kabid = employee(p.pemda, bidang, "Kepala Bidang", "III.b", kadis)
    kasi = employee(p.pemda, seksi, "Kepala Seksi", "IV.a", kabid)
    staff1 = employee(p.pemda, seksi, "Staf Satu", "", kasi)
    staff2 = employee(p.pemda, seksi, "Staf Dua", "", kasi)
    kabid_user = UserFactory(username="kabid", pemda=p.pemda, employee=kabid, nip=kabid.nip)
    kabid_user.role_assignments.create(pemda=p.pemda, role=Role.PEGAWAI, unit=bidang)
    staff_user = UserFactory(username="staf", pemda=p.pemda, employee=staff1, nip=staff1.nip)
    staff_user.role_assignments.create(pemda=p.pemda, role=Role.PEGAWAI, unit=seksi)

    pemda_pk = domain.agreement_create(
        actor=None, pemda=p.pemda, year=2024, unit=None, holder_name="Wali Kota Palu"
    )
    s = domain.sasaran_create(
        actor=None, agreement=pemda_pk, code="S1", name="Meningkatnya derajat kesehatan"
    )
    iku = domain.indicator_create(
        actor=None, sasaran=s, code="IKU-1", name="Angka harapan hidup", kind="outcome",
        is_iku=True, measure="tahun", target=Decimal("70"),
    )  # fmt: skip
    opd_pk = domain.agreement_create(
        actor=None, pemda=p.pemda, year=2024, unit=p.opd_a, holder=kadis,
        supervisor_name="Wali Kota Palu",
    )  # fmt: skip
    os_ = domain.sasaran_create(
        actor=None, agreement=opd_pk, code="S1", name="Meningkatnya akses layanan kesehatan"
    )
    oi = domain.indicator_create(
        actor=None, sasaran=os_, code="I-1", name="Persentase ibu hamil mendapat layanan",
        kind="outcome", is_iku=True, measure="%", target=Decimal("80"), supports=iku,
        target_q1=Decimal("20"), target_q2=Decimal("40"),
    )  # fmt: skip
    return Chain(
        bidang, seksi, kadis, kabid, kasi, staff1, staff2, kabid_user, staff_user,
        pemda_pk, iku, opd_pk, os_, oi,
    )  # fmt: skip
