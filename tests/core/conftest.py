"""A world for the URL sweep: the same kinds of object in two OPDs of the personas' Pemda and in
the outsider's Pemda, so each route can be asked for a real object that is not the user's.

palu (personas)                          donggala (outsider)
  DINKES > DINKES-PKM-KAMONJI   "own"      DG-DINKES > DG-PKM   "other_pemda"
  DUKCAPIL                      "other_opd"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile

from sikap.accounts.models import RoleAssignment, User
from sikap.accounts.roles import Role
from sikap.core.models import TaskProgress
from sikap.culture import domain as culture
from sikap.culture.models import ActionPlan, Campaign, InstrumentKind, ResultGroup
from sikap.evidence import domain as evidence
from sikap.evidence.models import Document
from sikap.integrity import domain as integrity
from sikap.integrity.models import Assessment, Proposal
from sikap.org.domain import import_queue
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.performance import domain as performance
from sikap.performance.models import Agreement, Indicator, Sasaran, Skp, SkpResult
from sikap.publicservice import domain as service
from sikap.publicservice.domain import official
from sikap.publicservice.models import (
    FollowUp,
    OmbudsmanFinding,
    OmbudsmanResult,
    PekpppEvaluation,
    ServiceProduct,
    ServiceUnit,
)
from tests.culture.conftest import END, PKM, START, add_ballots, publish
from tests.factories import EmployeeFactory, UserFactory, make_unit

YEAR = 2023


@dataclass
class Side:
    """One OPD's objects (and its Pemda's) as the routes address them."""

    pemda: Pemda
    opd: OrgUnit
    unit: OrgUnit
    su: ServiceUnit
    product: ServiceProduct
    followup: FollowUp
    pekppp: PekpppEvaluation
    campaign: Campaign
    group: ResultGroup
    plan: ActionPlan
    employee: Employee
    user: User
    assignment: RoleAssignment
    ombudsman: OmbudsmanResult
    finding: OmbudsmanFinding
    import_job: TaskProgress
    agreement: Agreement
    sasaran: Sasaran
    indicator: Indicator
    skp: Skp
    skp_result: SkpResult
    zi: Assessment
    doc: Document


@dataclass
class World:
    own: Side
    other_opd: Side
    other_pemda: Side
    users: dict[str, User | None]
    # Text that only the personas' Pemda holds: a page of the outsider must not show it.
    own_markers: tuple[str, ...]


def _campaign(actor: User, pemda: Pemda, code: str, units: list[OrgUnit]) -> Campaign:
    campaign = culture.campaign_create(
        actor=actor,
        pemda=pemda,
        code=code,
        name=f"Survei {code}",
        kind=InstrumentKind.IMPLEMENTASI,
        period_start=START,
        period_end=END,
        picks=3,
        attribution_depth=1,
        today=START,
    )
    for unit in units:
        add_ballots(campaign, unit.code, PKM)
    return publish(campaign)


def _side(
    *,
    admin: User,
    pemda: Pemda,
    opd: OrgUnit,
    unit: OrgUnit,
    campaign: Campaign,
    ombudsman: OmbudsmanResult,
    import_job: TaskProgress,
    tag: str,
) -> Side:
    su, _ = service.service_unit_ensure(actor=admin, unit=unit)
    product = service.service_product_create(actor=admin, service_unit=su, name=f"Layanan {tag}")
    followup = service.followup_create(
        actor=admin,
        service_unit=su,
        period=str(YEAR),
        unsur="U1",
        action=f"Perbaiki persyaratan {tag}",
        owner="Kepala Unit",
        deadline=dt.date(YEAR + 10, 1, 31),
    )
    followup.evidence.save(f"bukti-{tag}.pdf", ContentFile(b"%PDF-1.4 bukti"))
    employee = EmployeeFactory(pemda=pemda, unit=unit, name=f"Pegawai {tag}")
    user = UserFactory(username=f"pegawai-{tag}", pemda=pemda, employee=employee, nip=employee.nip)
    assignment = user.role_assignments.create(pemda=pemda, role=Role.PEGAWAI, unit=unit)
    agreement = performance.agreement_create(actor=admin, pemda=pemda, year=YEAR, unit=opd)
    sasaran = performance.sasaran_create(
        actor=admin, agreement=agreement, code="S1", name=f"Sasaran {tag}"
    )
    indicator = performance.indicator_create(
        actor=admin, sasaran=sasaran, code="I-1", name=f"Indikator {tag}", kind="outcome",
        target=Decimal(80),
    )  # fmt: skip
    skp = performance.skp_create(actor=admin, employee=employee, year=YEAR)
    skp_result = performance.skp_result_add(
        actor=admin, skp=skp, kind="tambahan", text=f"Hasil {tag}", indicator_text="Jumlah",
        target="1",
    )  # fmt: skip
    return Side(
        pemda=pemda,
        opd=opd,
        unit=unit,
        su=su,
        product=product,
        followup=followup,
        pekppp=service.pekppp_evaluation_ensure(actor=admin, service_unit=su, year=YEAR),
        campaign=campaign,
        group=ResultGroup.objects.get(campaign=campaign, campaign_unit__code=unit.code),
        plan=culture.action_plan_create(
            actor=admin,
            campaign=campaign,
            unit=unit,
            value_code="AD",
            actions=f"Forum inovasi bulanan {tag}",
            owner="Kepala Unit",
            due_date=dt.date(YEAR + 10, 6, 30),
            indicator="Dua inovasi per triwulan",
        ),
        employee=employee,
        user=user,
        assignment=assignment,
        ombudsman=ombudsman,
        finding=service.ombudsman_finding_add(
            actor=admin, result=ombudsman, text=f"Standar pelayanan {tag}", unit=unit
        ),
        import_job=import_job,
        agreement=agreement,
        sasaran=sasaran,
        indicator=indicator,
        skp=skp,
        skp_result=skp_result,
        **_integrity(admin, unit, tag),
    )


def _integrity(admin: User, unit: OrgUnit, tag: str) -> dict[str, Any]:
    """A unit's Zona Integritas (with a proposal row, so its PDF exists) and a library file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    zi = integrity.assessment_start(actor=admin, unit=unit, kind="zi", year=YEAR)
    Proposal.objects.create(
        assessment=zi, target="wbk", signatory=f"Kepala {tag}", signatory_position="Kepala"
    )
    doc = evidence.document_upload(
        actor=admin,
        unit=unit,
        year=YEAR,
        doc_type="sk",
        title=f"SK Tim ZI {tag}",
        upload=SimpleUploadedFile(f"sk-{tag}.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {"zi": zi, "doc": doc}


def _pemda_objects(admin: User, pemda: Pemda, code: str, units: list[OrgUnit]) -> dict[str, Any]:
    return {
        "campaign": _campaign(admin, pemda, code, units),
        "ombudsman": official.ombudsman_result_record(
            actor=admin, pemda=pemda, year=YEAR, score=86.07, sampled_units=units
        ),
        "import_job": import_queue(
            actor=admin, pemda=pemda, what="units", file_name="unit.csv", data=b"kode,nama\n"
        ),
    }


@pytest.fixture
def world(personas, settings, tmp_path) -> World:
    settings.SIKAP_EVIDENCE_ROOT = tmp_path / "evidence"
    p = personas
    admin_opd_b = UserFactory(username="admin-opd-b", pemda=p.pemda)
    admin_opd_b.role_assignments.create(pemda=p.pemda, role=Role.ADMIN_OPD, unit=p.opd_b)
    penilai_a = UserFactory(username="penilai-a", pemda=p.pemda)
    penilai_a.role_assignments.create(pemda=p.pemda, role=Role.PENILAI, unit=p.opd_a)
    dg_dinkes = make_unit(p.other_pemda, "DG-DINKES", "Dinas Kesehatan Donggala", "dinas")
    dg_pkm = make_unit(p.other_pemda, "DG-PKM", "Puskesmas Donggala", "puskesmas", parent=dg_dinkes)
    palu = _pemda_objects(p.admin_pemda, p.pemda, "c2023", [p.puskesmas, p.opd_b])
    donggala = _pemda_objects(p.outsider, p.other_pemda, "dg2023", [dg_pkm])
    own = _side(
        admin=p.admin_pemda, pemda=p.pemda, opd=p.opd_a, unit=p.puskesmas, tag="kamonji", **palu
    )
    return World(
        own=own,
        other_opd=_side(
            admin=p.admin_pemda, pemda=p.pemda, opd=p.opd_b, unit=p.opd_b, tag="dukcapil", **palu
        ),
        other_pemda=_side(
            admin=p.outsider,
            pemda=p.other_pemda,
            opd=dg_dinkes,
            unit=dg_pkm,
            tag="donggala",
            **donggala,
        ),
        users={
            "anonymous": None,
            "admin_pemda": p.admin_pemda,
            "admin_opd": p.admin_opd,
            "pimpinan": p.pimpinan,
            "other_opd": admin_opd_b,
            "penilai": penilai_a,
            "other_pemda": p.outsider,
            # the employee of the own side, who writes their own SKP
            "pegawai": own.user,
        },
        own_markers=("Kamonji", "kamonji", "Kependudukan", "Kota Palu"),
    )
