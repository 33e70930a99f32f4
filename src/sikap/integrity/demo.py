"""Zona Integritas and SAKIP demo for the demo Pemda.

Disdukcapil on the way to WBK and meeting it; DPMPTSP on the way but short on Pengawasan;
RSUD Anutapura with its TPI review done; Dinas Kesehatan's SAKIP self-evaluation. Evidence
comes from one library: a few small PDFs and links attached to items.

IPAK: Disdukcapil and DPMPTSP take it from SIKAP data, the answers to their own IPAK survey
(publicservice's demo: indices 3.70 and 3.65), by the same explicit choice a unit makes on
the page ("Gunakan data SIKAP"), made by the demo's Admin Pemda and read with that person's
scoping. RSUD Anutapura keeps the external KemenPANRB figure (3.80) with its source, beside
the 3.75 its own survey gives. Loaded without those answers or without an Admin Pemda, every
unit records the external figure instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from sikap.accounts.models import User
from sikap.core.roles import Role
from sikap.evidence import domain as library
from sikap.integrity import domain
from sikap.integrity.models import Assessment, HasilFigure
from sikap.org.domain import unit_create
from sikap.org.models import OrgUnit, Pemda
from sikap.rules import zi

ACTOR = "demo"
YEAR = 2024
UNITS = {
    "dukcapil": ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    "dpmptsp": ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    "rsud": ("RSUD-ANUTAPURA", "RSUD Anutapura", "rsud"),
    "dinkes": ("DINKES", "Dinas Kesehatan", "dinas"),
}


def _pdf(title: str) -> ContentFile[bytes]:
    body = f"%PDF-1.4\n% {title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode(
        "ascii", "replace"
    )
    return ContentFile(body, name=f"{title.lower().replace(' ', '-')}.pdf")


def _unit(pemda: Pemda, key: str) -> OrgUnit:
    code, name, kind = UNITS[key]
    unit = OrgUnit.objects.filter(pemda=pemda, code=code, valid_to__isnull=True).first()
    if unit is None:
        unit = unit_create(actor=ACTOR, pemda=pemda, code=code, name=name, kind=kind)
    return unit


def _answers(assessment: Assessment, *, weak: tuple[str, ...] = (), partial: float = 1.0) -> None:
    for n, item in enumerate(zi.RULEBOOKS.select(YEAR).items):
        if item.code.startswith(weak):
            answer = {"ya/tidak": "Tidak", "persen": "40%", "abc": "C", "abcd": "C"}.get(
                item.answer_type, "D"
            )
        elif item.answer_type == "ya/tidak":
            answer = "Ya"
        elif item.answer_type == "persen":
            answer = "95%" if n % 3 else "18/20"
        else:
            answer = "A" if n % 4 else "B"
        if partial < 1.0 and n % 10 >= partial * 10:
            continue
        domain.answer_record(actor=ACTOR, assessment=assessment, code=item.code, answer=answer)


EXTERNAL_NOTE = "Survei persepsi KemenPANRB 2024 (demo)"


def _admin_pemda(pemda: Pemda) -> User | None:
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__pemda=pemda,
            role_assignments__role=Role.ADMIN_PEMDA,
            role_assignments__unit__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def _ipak_from_sikap(assessment: Assessment, reader: User | None) -> bool:
    """Take IPAK from the unit's own survey as `reader` would on the page; False when SIKAP
    holds none that `reader` may read (or there is no reader)."""
    if reader is None:
        return False
    try:
        domain.hasil_from_sikap(actor=reader, assessment=assessment, key=HasilFigure.Key.IPAK)
    except ValidationError:
        return False
    return True


def _hasil(
    assessment: Assessment,
    capaian: str,
    ipak: str,
    ipkp: str,
    *,
    ipak_reader: User | None = None,
) -> None:
    """Capaian typed, IPKP external; IPAK from SIKAP when `ipak_reader` may read the unit's
    survey, else the external `ipak`."""
    figures = [("capaian_kinerja", capaian), ("ipkp", ipkp)]
    if not _ipak_from_sikap(assessment, ipak_reader):
        figures.insert(1, ("ipak", ipak))
    for key, value in figures:
        domain.hasil_record(
            actor=ACTOR,
            assessment=assessment,
            key=key,
            value=value,
            source="eksternal" if key != "capaian_kinerja" else "manual",
            source_note=EXTERNAL_NOTE if key != "capaian_kinerja" else "",
        )


def _zi(pemda: Pemda, key: str, docs: list[Any]) -> Assessment:
    unit = _unit(pemda, key)
    sk = library.document_upload(
        actor=ACTOR,
        unit=unit,
        year=YEAR,
        doc_type="sk",
        title=f"SK Tim Pembangunan ZI {unit.code} {YEAR}",
        upload=_pdf(f"SK Tim ZI {unit.code}"),
    )
    a = domain.assessment_start(
        actor=ACTOR,
        unit=unit,
        kind="zi",
        year=YEAR,
        pencanangan_date=dt.date(YEAR, 1, 15),
        pencanangan_document=sk,
    )
    domain.team_member_add(actor=ACTOR, assessment=a, name=f"Kepala {unit.name}", role="ketua")
    domain.team_member_add(actor=ACTOR, assessment=a, name="Sekretaris", position="Sekretaris")
    for code in ("MP.P.1.a", "MP.P.1.b"):
        domain.attachment_add(actor=ACTOR, assessment=a, code=code, document=sk)
        domain.item_pic_set(actor=ACTOR, assessment=a, code=code, pic="Sekretaris")
    for doc in docs:
        domain.attachment_add(actor=ACTOR, assessment=a, code="TL.P.1.a", document=doc)
    return a


@transaction.atomic
def load(*, pemda: Pemda | None, stdout: Any) -> None:
    if pemda is None:
        return
    shared = library.document_link_add(
        actor=ACTOR,
        unit=_unit(pemda, "dukcapil"),
        year=YEAR,
        doc_type="sop",
        title="Kumpulan SOP pelayanan 2024",
        url="https://example.org/sop-2024",
    )
    reader = _admin_pemda(pemda)
    dukcapil = _zi(pemda, "dukcapil", [shared])
    _answers(dukcapil)
    _hasil(dukcapil, "B", "3.70", "3.40", ipak_reader=reader)

    dpmptsp = _zi(pemda, "dpmptsp", [])
    _answers(dpmptsp, weak=("PW.",))
    _hasil(dpmptsp, "B", "3.65", "3.30", ipak_reader=reader)

    rsud = _zi(pemda, "rsud", [])
    _answers(rsud)
    _hasil(rsud, "A", "3.80", "3.60")
    domain.assessment_submit(actor=ACTOR, assessment=rsud)
    domain.review_score(
        actor=ACTOR,
        assessment=rsud,
        code="PW.P.4.a",
        answer="C",
        note="Belum ada SK whistle-blowing system tahun berjalan",
        flag="eviden_kurang",
    )
    domain.review_score(
        actor=ACTOR, assessment=rsud, code="PP.R.1.a", answer="B", note="Inovasi belum direplikasi"
    )
    domain.review_finish(actor=ACTOR, assessment=rsud)
    domain.gates_record(actor=ACTOR, pemda=pemda, year=YEAR, wtp=True, akip="B", indeks_rb="CC")

    dinkes = _unit(pemda, "dinkes")
    sakip = domain.assessment_start(actor=ACTOR, unit=dinkes, kind="sakip", year=YEAR)
    pk = library.document_upload(
        actor=ACTOR,
        unit=dinkes,
        year=YEAR,
        doc_type="pk",
        title="Perjanjian Kinerja Dinas Kesehatan 2024",
        upload=_pdf("PK Dinkes 2024"),
    )
    grades = ["Y", "BB", "B", "AA", "A", "BB", "Y", "B", "CC", "Y", "CC", "C"]
    codes = [
        f"{c}.{p}"
        for c in ("perencanaan", "pengukuran", "pelaporan", "evaluasi")
        for p in ("pemenuhan", "kualitas", "pemanfaatan")
    ]
    for code, grade in zip(codes, grades, strict=True):
        domain.answer_record(actor=ACTOR, assessment=sakip, code=code, answer=grade)
    domain.attachment_add(actor=ACTOR, assessment=sakip, code="perencanaan.pemenuhan", document=pk)
    from_sikap = sorted(
        HasilFigure.objects.filter(
            assessment__in=(dukcapil, dpmptsp),
            key=HasilFigure.Key.IPAK,
            source=HasilFigure.Source.SIKAP,
        ).values_list("assessment__unit__code", flat=True)
    )
    stdout.write(
        f"Zona Integritas {YEAR}: {dukcapil.unit.code}, {dpmptsp.unit.code} (kurang pada "
        f"Pengawasan), {rsud.unit.code} (reviu TPI selesai); SAKIP {dinkes.code}; IPAK dari "
        f"survei SIKAP: {', '.join(from_sikap) or '-'}.\n"
    )
