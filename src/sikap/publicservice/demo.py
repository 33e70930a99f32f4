"""Public-service demo for the demo Pemda: the article's service units, a year of SKM answers,
the Ombudsman results of 2022 (79.09) and 2023 (86.07) with the 2023 sample, self-assessments
that show which units are not ready, and RSUD Anutapura's PEKPPP predicate A.

Units are found by the codes the org demo uses, with a fallback on kind and name; a unit the
org demo does not have is created, so this loader also runs on a bare demo Pemda.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sikap.org.demo import DEMO_CODE
from sikap.org.domain import unit_create
from sikap.org.models import OrgUnit, Pemda
from sikap.publicservice import domain
from sikap.publicservice.ipak import demo as ipak_demo
from sikap.publicservice.models import FollowUp, PekpppScore, ServiceUnit, SkmResponse
from sikap.rules import ombudsman_checklist, pekppp

SEED = 20231215
ACTOR = "demo"


@dataclass(frozen=True)
class DemoUnit:
    key: str
    codes: tuple[str, ...]
    name: str
    kind: str
    name_contains: str
    parent: str | None
    products: tuple[tuple[str, int], ...]  # (jenis layanan, yearly volume)
    mean: float  # typical answer on the 1–4 scale
    weak: tuple[int, ...]  # 0-based unsur indexes that score lower
    answers: int


UNITS: tuple[DemoUnit, ...] = (
    DemoUnit(
        "dpmptsp",
        ("DPMPTSP",),
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "dinas",
        "Penanaman Modal",
        None,
        (("Perizinan Berusaha (OSS)", 4200), ("Persetujuan Bangunan Gedung", 900)),
        3.35,
        (2,),
        520,
    ),
    DemoUnit(
        "dukcapil",
        ("DUKCAPIL", "DISDUKCAPIL"),
        "Dinas Kependudukan dan Pencatatan Sipil",
        "dinas",
        "Kependudukan",
        None,
        (("KTP-el", 9000), ("Kartu Keluarga", 7000), ("Akta Kelahiran", 5000)),
        3.2,
        (2, 7),
        700,
    ),
    DemoUnit(
        "dinkes",
        ("DINKES",),
        "Dinas Kesehatan",
        "dinas",
        "Kesehatan",
        None,
        (("Izin Praktik Tenaga Kesehatan", 600),),
        3.1,
        (7,),
        220,
    ),
    DemoUnit(
        "disdikbud",
        ("DISDIKBUD", "DIKBUD"),
        "Dinas Pendidikan dan Kebudayaan",
        "dinas",
        "Pendidikan",
        None,
        (("Legalisir Ijazah", 1500), ("Mutasi Siswa", 800)),
        3.0,
        (1, 2),
        260,
    ),
    DemoUnit(
        "dinsos",
        ("DINSOS",),
        "Dinas Sosial",
        "dinas",
        "Sosial",
        None,
        (("Rekomendasi Bantuan Sosial", 2500),),
        2.75,
        (2, 7, 8),
        330,
    ),
    DemoUnit(
        "kamonji",
        ("DINKES-PKM-KAMONJI", "PKM-KAMONJI"),
        "Puskesmas Kamonji",
        "puskesmas",
        "Kamonji",
        "dinkes",
        (("Rawat Jalan", 14000), ("Imunisasi", 2600)),
        3.4,
        (8,),
        760,
    ),
    DemoUnit(
        "kawatuna",
        ("DINKES-PKM-KAWATUNA", "PKM-KAWATUNA"),
        "Puskesmas Kawatuna",
        "puskesmas",
        "Kawatuna",
        "dinkes",
        (("Rawat Jalan", 9000),),
        2.9,
        (2, 8),
        380,
    ),
    DemoUnit(
        "rsud",
        ("RSUD-ANUTAPURA", "RSUD"),
        "RSUD Anutapura",
        "rsud",
        "Anutapura",
        None,
        (("Rawat Jalan", 60000), ("Rawat Inap", 12000), ("IGD", 15000)),
        3.55,
        (2,),
        900,
    ),
)
# The 2023 Ombudsman sample named in the article.
SAMPLE_2023 = ("dpmptsp", "dukcapil", "dinkes", "disdikbud", "dinsos", "kamonji", "kawatuna")
# Self-assessment levels (0–3 on every checklist item) giving a spread of projected grades.
READINESS = {
    "dpmptsp": 3,
    "dukcapil": 3,
    "rsud": 3,
    "kamonji": 2,
    "dinkes": 2,
    "disdikbud": 2,
    "dinsos": 1,
}


def _pdf(name: str) -> ContentFile[bytes]:
    """A small PDF the evidence library accepts."""
    body = f"%PDF-1.4\n% SIKAP demo {name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return ContentFile(body.encode("ascii", "replace"), name=name)


def _find(pemda: Pemda, spec: DemoUnit) -> OrgUnit | None:
    units = OrgUnit.objects.filter(pemda=pemda)
    found = units.filter(code__in=spec.codes).first()
    if found is None:
        found = units.filter(kind=spec.kind, name__icontains=spec.name_contains).first()
    return found


def _units(pemda: Pemda) -> dict[str, OrgUnit]:
    out: dict[str, OrgUnit] = {}
    for spec in UNITS:
        unit = _find(pemda, spec)
        if unit is None:
            unit = unit_create(
                actor=ACTOR,
                pemda=pemda,
                code=spec.codes[0],
                name=spec.name,
                kind=spec.kind,
                parent=out.get(spec.parent) if spec.parent else None,
            )
        out[spec.key] = unit
    return out


def _answer(rng: random.Random, mean: float) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.6))))


# What makes one citizen's comment differ from the next: drawn from their own random stream,
# so the answers (and the IKM of every unit) stay those of the main stream.
COMMENT_DETAILS = (
    "Saya datang pukul 08.00 dan selesai menjelang siang.",
    "Ini kunjungan kedua saya bulan ini.",
    "Mohon dipertahankan.",
    "Informasi di situs web berbeda dengan di loket.",
    "Loket pengaduan sulit ditemukan.",
    "Petugas menjelaskan persyaratan satu per satu.",
    "Parkir kendaraan sempit.",
    "Nomor antrean daring sangat membantu.",
    "Tolong sediakan kursi roda di pintu masuk.",
    "Jam buka di hari Jumat terlalu singkat.",
)


def _responses(
    spec: DemoUnit, su: ServiceUnit, products: list[Any], rng: random.Random, today: dt.date
) -> list[SkmResponse]:
    start = today - dt.timedelta(days=364)
    comments = (
        "Pelayanan ramah dan cepat.",
        "Antrean terlalu lama, mohon ditambah loket.",
        "Informasi persyaratan belum jelas di papan pengumuman.",
        "Ruang tunggu panas, kipas angin rusak.",
        "Petugas membantu dengan sabar.",
        "",
    )
    details = random.Random(f"{SEED}-{spec.key}")
    rows = []
    for _ in range(spec.answers):
        values = []
        for i in range(9):
            if rng.random() < 0.03:
                values.append(None)  # a skipped question
                continue
            values.append(_answer(rng, spec.mean - (0.6 if i in spec.weak else 0)))
        rows.append(
            SkmResponse(
                service_unit=su,
                product=rng.choice(products),
                submitted_on=start + dt.timedelta(days=rng.randrange(365)),
                source=rng.choice(("web", "web", "kiosk", "paper")),
                age_band=rng.choice(SkmResponse.AgeBand.values + [""]),
                gender=rng.choice(("L", "P", "")),
                education=rng.choice(SkmResponse.Education.values),
                occupation=rng.choice(SkmResponse.Occupation.values),
                comment=_comment(rng.choice(comments), details) if rng.random() < 0.15 else "",
                **{f"u{i + 1}": v for i, v in enumerate(values)},
            )
        )
    return rows


def _pekppp_to_review(su: ServiceUnit, year: int) -> None:
    """This year's PEKPPP self-assessment of Dukcapil, every indicator scored and waiting for
    the demo Penilai (Inspektorat), whose units include Dukcapil."""
    ev = domain.pekppp_evaluation_ensure(actor=ACTOR, service_unit=su, year=year)
    for n, ind in enumerate(pekppp.RULEBOOKS.select(year).indicators):
        domain.pekppp_score_set(
            actor=ACTOR,
            evaluation=ev,
            code=ind.code,
            score=(5, 4, 4, 3)[n % 4],
            note="Penilaian mandiri Dinas Kependudukan dan Pencatatan Sipil.",
        )
        if n < 3:
            domain.library_evidence_upload(
                actor=ACTOR,
                service_unit=su,
                scheme=domain.PEKPPP,
                year=year,
                code=ind.code,
                doc_type="laporan",
                title=f"Bukti PEKPPP {ind.code} {year}",
                upload=_pdf(f"pekppp-{ind.code.lower()}.pdf"),
            )


def _comment(base: str, details: random.Random) -> str:
    """A base remark with a detail of its own (most of the time), so comments differ."""
    if not base or details.random() < 0.2:
        return base
    return f"{base} {details.choice(COMMENT_DETAILS)}"


def load(*, pemda: Pemda | None, stdout: Any) -> None:
    pemda = pemda or Pemda.objects.filter(code=DEMO_CODE).first()
    if pemda is None:
        stdout.write("Public-service demo skipped: no demo Pemda.")
        return
    if ServiceUnit.objects.filter(pemda=pemda).exists():
        stdout.write("Public-service demo already loaded.")
        return
    rng = random.Random(SEED)
    today = timezone.localdate()
    year = today.year
    with transaction.atomic():
        units = _units(pemda)
        services: dict[str, ServiceUnit] = {}
        rows: list[SkmResponse] = []
        for spec in UNITS:
            su, _ = domain.service_unit_ensure(actor=ACTOR, unit=units[spec.key])
            services[spec.key] = su
            products = []
            for name, volume in spec.products:
                product = domain.service_product_create(actor=ACTOR, service_unit=su, name=name)
                for y in (year - 1, year):
                    domain.product_volume_set(actor=ACTOR, product=product, year=y, volume=volume)
                products.append(product)
            rows.extend(_responses(spec, su, products, rng, today))
        SkmResponse.objects.bulk_create(rows, batch_size=2000)
        domain.skm_recompute_many(service_unit_ids=[s.pk for s in services.values()])
        ipak_answers = ipak_demo.load(services)

        # Follow-up on Dinas Sosial's weakest unsur, and a publication of the results.
        dinsos = services["dinsos"]
        domain.followup_create(
            actor=ACTOR,
            service_unit=dinsos,
            period=str(year),
            unsur="U3",
            action="Menetapkan janji waktu layanan 3 hari kerja dan memantau di papan antrean",
            owner="Sekretaris Dinas Sosial",
            deadline=dt.date(year, 12, 31),
            status="in_progress",
        )
        done = domain.followup_create(
            actor=ACTOR,
            service_unit=dinsos,
            period=str(year),
            unsur="U8",
            action="Menyediakan kanal pengaduan WhatsApp dan SP4N-LAPOR! di loket",
            owner="Kepala Bidang Pemberdayaan",
            deadline=dt.date(year, 6, 30),
            status="planned",
        )
        domain.followup_evidence_upload(
            actor=ACTOR,
            followup=done,
            doc_type="sk",
            title="SK kanal pengaduan",
            upload=_pdf("sk-kanal-pengaduan.pdf"),
        )
        domain.followup_update(
            actor=ACTOR,
            followup=done,
            action=done.action,
            owner=done.owner,
            deadline=done.deadline,
            status=FollowUp.Status.DONE,
        )
        # An open follow-up in the Dinas Kesehatan subtree, where a demo Kepala OPD reads.
        domain.followup_create(
            actor=ACTOR,
            service_unit=services["kamonji"],
            period=str(year),
            unsur="U9",
            action="Kotak saran dan nomor WhatsApp pengaduan di ruang tunggu; jawaban dalam 3 hari",
            owner="Kepala Puskesmas Kamonji",
            deadline=today + dt.timedelta(days=30),
            status="planned",
        )
        domain.publication_record(
            actor=ACTOR,
            service_unit=dinsos,
            period=f"{year}S1",
            published_on=dt.date(year, 7, 15),
            channel="Situs web dan papan pengumuman",
        )

        # Ombudsman official results (article): 2022 = 79.09, 2023 = 86.07 with its sample.
        domain.ombudsman_result_record(
            actor=ACTOR,
            pemda=pemda,
            year=2022,
            score=79.09,
            note="Zona hijau (Kualitas Tinggi).",
        )
        r2023 = domain.ombudsman_result_record(
            actor=ACTOR,
            pemda=pemda,
            year=2023,
            score=86.07,
            sampled_units=[units[k] for k in SAMPLE_2023],
            note="Target 2024: opini A dan 10 besar nasional.",
        )
        f1 = domain.ombudsman_finding_add(
            actor=ACTOR,
            result=r2023,
            unit=units["dinsos"],
            text="Standar pelayanan belum memuat jangka waktu penyelesaian.",
        )
        domain.ombudsman_finding_update(
            actor=ACTOR,
            finding=f1,
            status="closed",
            closure_note="SK standar pelayanan direvisi.",
            evidence=_pdf("sk-standar-pelayanan.pdf"),
        )
        domain.ombudsman_finding_add(
            actor=ACTOR,
            result=r2023,
            unit=units["kawatuna"],
            text="Sarana bagi pengguna berkebutuhan khusus belum tersedia.",
        )

        # This year's self-assessments: some units ready for A, some not.
        for key, level in READINESS.items():
            a = domain.ombudsman_assessment_ensure(
                actor=ACTOR, service_unit=services[key], year=year
            )
            for n, item in enumerate(ombudsman_checklist.checklist(year).items):
                score = level if n % 4 else max(0, level - 1)
                domain.ombudsman_item_set(
                    actor=ACTOR,
                    assessment=a,
                    code=item.code,
                    score=score,
                )
                if n < 2:
                    domain.library_evidence_upload(
                        actor=ACTOR,
                        service_unit=services[key],
                        scheme=domain.OMBUDSMAN,
                        year=year,
                        code=item.code,
                        doc_type="lainnya",
                        title=f"Bukti Ombudsman {item.code} {year}",
                        upload=_pdf(f"{item.code.lower()}.pdf"),
                    )
            domain.ombudsman_complaints_set(
                actor=ACTOR, assessment=a, received=40, resolved=40 - 4 * (3 - level)
            )

        # PEKPPP 2023: RSUD Anutapura, predicate A (article); reviewed by the evaluator.
        ev = domain.pekppp_evaluation_ensure(actor=ACTOR, service_unit=services["rsud"], year=2023)
        for ind in pekppp.RULEBOOKS.select(2023).indicators:
            domain.pekppp_score_set(
                actor=ACTOR,
                evaluation=ev,
                code=ind.code,
                score=4 if ind.code in ("P5", "N2") else 5,
                note="Bukti pada dokumen evaluasi KemenPAN-RB.",
            )
        for row in PekpppScore.objects.filter(evaluation=ev):
            domain.pekppp_review(actor=ACTOR, score_row=row, decision="accepted")
        # KemenPAN-RB's own result of that evaluation, recorded as the official one.
        domain.pekppp_official_record(
            actor=ACTOR,
            service_unit=services["rsud"],
            year=2023,
            ipp=pekppp.compute(
                {s.code: s.score for s in PekpppScore.objects.filter(evaluation=ev)}, year=2023
            ).ipp,
            note="Evaluasi KemenPAN-RB 2023.",
        )
        domain.pekppp_evaluation_ensure(actor=ACTOR, service_unit=services["rsud"], year=year)
        _pekppp_to_review(services["dukcapil"], year)
    from sikap.accounts.scoping import SYSTEM
    from sikap.publicservice.queries import pekppp_evaluations, pekppp_projection

    rsud = pekppp_projection(pekppp_evaluations(SYSTEM, "service.results").get(pk=ev.pk))
    stdout.write(
        f"Public service: {len(services)} service units, {len(rows)} SKM answers, "
        f"{ipak_answers} IPAK answers ({ipak_demo.YEAR}); "
        f"Ombudsman 2022 79.09 and 2023 86.07; RSUD Anutapura PEKPPP 2023 IPP "
        f"{rsud.result.ipp:.2f} ({rsud.result.category})."
    )
