"""Performance demo for the demo Pemda: Palu's 2024 Perjanjian Kinerja with outcome IKU for a few
OPDs (one IKU still an output, flagged), quarterly realisasi (one indicator behind), a bidang PK
in the cascade, and SKPs for DPMPTSP whose predicates break the distribution curve of the
organisation predicate until a rater calibrates them.

Built through the domain actions a planner and the raters use. Units are found by the codes the
org demo uses; a missing unit is skipped, so the loader also runs on a reshuffled demo tree.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from sikap.core.codes import get_by_code
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.performance import domain
from sikap.performance.models import Agreement, Indicator, Skp, SkpResult

ACTOR = "demo"
YEAR = 2024
SEED = 20240105
D = Decimal


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    kind: str
    measure: str
    polarity: str
    target: str
    quarters: tuple[str, str, str, str]  # cumulative quarter targets
    realised: tuple[str, ...]  # cumulative realisasi entered so far (Q1, Q2, Q3)
    supports: str = ""  # code of the Pemda IKU it supports


PEMDA_SASARAN = (
    ("S1", "Meningkatnya derajat kesehatan masyarakat", (
        DemoIndicator("IKU-01", "Angka harapan hidup", "outcome", "tahun", "naik", "70.2",
                      ("70.2", "70.2", "70.2", "70.2"), ("69.9", "70.0", "70.1")),
    )),
    ("S2", "Meningkatnya kualitas pelayanan publik", (
        DemoIndicator("IKU-02", "Nilai kepatuhan pelayanan publik Ombudsman", "outcome", "nilai",
                      "naik", "88", ("88", "88", "88", "88"), ("86.07",)),
        DemoIndicator("IKU-03", "Indeks kepuasan masyarakat", "outcome", "indeks", "naik", "85",
                      ("85", "85", "85", "85"), ("82.1", "83.4", "84.0")),
    )),
)  # fmt: skip

OPD_PK: dict[str, tuple[tuple[str, str, tuple[DemoIndicator, ...]], ...]] = {
    "DINKES": (
        ("S1", "Meningkatnya akses dan mutu layanan kesehatan", (
            DemoIndicator("DINKES-1", "Persentase ibu hamil mendapat pelayanan sesuai standar",
                          "outcome", "%", "naik", "95", ("20", "45", "70", "95"),
                          ("22", "47", "73"), "IKU-01"),
            DemoIndicator("DINKES-2", "Prevalensi stunting pada balita", "outcome", "%", "turun",
                          "18", ("21", "20", "19", "18"), ("21.5", "20.4", "19.6"), "IKU-01"),
        )),
    ),
    "DPMPTSP": (
        ("S1", "Meningkatnya kemudahan berusaha", (
            DemoIndicator("DPMPTSP-1", "Indeks kepuasan masyarakat layanan perizinan", "outcome",
                          "indeks", "naik", "86", ("86", "86", "86", "86"), ("84.2", "85.1", "86.3"),
                          "IKU-03"),
            DemoIndicator("DPMPTSP-2", "Jumlah izin yang diterbitkan", "output", "izin", "naik",
                          "5000", ("1200", "2500", "3700", "5000"), ("1100", "2050", "2900"),
                          "IKU-02"),
        )),
    ),
    "DISDUKCAPIL": (
        ("S1", "Meningkatnya tertib administrasi kependudukan", (
            DemoIndicator("DUKCAPIL-1", "Persentase penduduk wajib KTP memiliki KTP-el",
                          "outcome", "%", "naik", "98", ("96", "96.5", "97.5", "98"),
                          ("96.2", "96.9", "97.6"), "IKU-02"),
        )),
    ),
}  # fmt: skip

# The bidang PK below DPMPTSP: eselon III carries the results of its field.
BIDANG_PK = (
    "DPMPTSP-PELAYANAN",
    "S1",
    "Meningkatnya layanan perizinan tepat waktu",
    DemoIndicator("PELAYANAN-1", "Persentase izin terbit sesuai standar waktu", "output", "%",
                  "naik", "95", ("90", "92", "94", "95"), ("88", "91", "93"), "DPMPTSP-1"),
)  # fmt: skip


def _unit(pemda: Pemda, code: str) -> OrgUnit | None:
    return get_by_code(OrgUnit.objects.filter(pemda=pemda), code)


def _head(unit: OrgUnit) -> Employee | None:
    return (
        Employee.objects.filter(unit=unit, jenis_jabatan="struktural", is_active=True)
        .exclude(eselon="")
        .order_by("eselon", "pk")
        .first()
    )


def _add(
    sasaran: Any, item: DemoIndicator, iku: dict[str, Indicator], *, is_iku: bool
) -> Indicator:
    q = [D(x) for x in item.quarters]
    indicator = domain.indicator_create(
        actor=ACTOR, sasaran=sasaran, code=item.code, name=item.name, kind=item.kind,
        is_iku=is_iku, measure=item.measure, polarity=item.polarity, target=D(item.target),
        target_q1=q[0], target_q2=q[1], target_q3=q[2], target_q4=q[3],
        data_source="Laporan triwulan OPD", smart=["S", "M", "A", "R", "T"],
        supports=iku.get(item.supports),
    )  # fmt: skip
    iku[item.code] = indicator
    return indicator


def _realise(indicator: Indicator, item: DemoIndicator) -> None:
    for quarter, value in zip(("q1", "q2", "q3"), item.realised, strict=False):
        domain.realisation_record(
            actor=ACTOR, indicator=indicator, period=quarter, value=D(value),
            evidence=f"Laporan {quarter.upper()} {YEAR}",
        )  # fmt: skip


def _agreements(pemda: Pemda) -> dict[str, Indicator]:
    domain.planning_year_set(
        actor=ACTOR, pemda=pemda, year=YEAR, dpa_approved_on=dt.date(2024, 1, 8),
        evaluation_period="quarterly",
    )  # fmt: skip
    rows: dict[str, Indicator] = {}
    pk = domain.agreement_create(
        actor=ACTOR, pemda=pemda, year=YEAR, unit=None, holder_name="Wali Kota Palu"
    )
    pending: list[tuple[Indicator, DemoIndicator]] = []
    for code, name, items in PEMDA_SASARAN:
        s = domain.sasaran_create(actor=ACTOR, agreement=pk, code=code, name=name)
        pending += [(_add(s, item, rows, is_iku=True), item) for item in items]
    domain.agreement_sign(actor=ACTOR, agreement=pk, signed_on=dt.date(2024, 1, 31))
    for unit_code, sasaran in OPD_PK.items():
        unit = _unit(pemda, unit_code)
        if unit is None:
            continue
        pk = domain.agreement_create(
            actor=ACTOR, pemda=pemda, year=YEAR, unit=unit, holder=_head(unit),
            supervisor_name="Wali Kota Palu",
        )  # fmt: skip
        for code, name, items in sasaran:
            s = domain.sasaran_create(actor=ACTOR, agreement=pk, code=code, name=name)
            pending += [(_add(s, item, rows, is_iku=True), item) for item in items]
        if unit_code != "DISDUKCAPIL":  # left unsigned: late against the DPA date
            domain.agreement_sign(actor=ACTOR, agreement=pk, signed_on=dt.date(2024, 2, 5))
    bidang = _unit(pemda, BIDANG_PK[0])
    if bidang is not None and BIDANG_PK[3].supports in rows:
        pk = domain.agreement_create(
            actor=ACTOR, pemda=pemda, year=YEAR, unit=bidang, holder=_head(bidang),
            supervisor=_head(bidang.parent) if bidang.parent else None,
        )  # fmt: skip
        s = domain.sasaran_create(actor=ACTOR, agreement=pk, code=BIDANG_PK[1], name=BIDANG_PK[2])
        pending.append((_add(s, BIDANG_PK[3], rows, is_iku=False), BIDANG_PK[3]))
        domain.agreement_sign(actor=ACTOR, agreement=pk, signed_on=dt.date(2024, 2, 7))
    for indicator, item in pending:
        _realise(indicator, item)
    return rows


# Predicates as first entered at DPMPTSP: far too many Sangat Baik for an organisation rated
# Baik (Baik must be the largest group and some must need improvement) until calibrated.
RATINGS = [("diatas", "diatas")] * 2 + [("sesuai", "sesuai")]


def _skps(pemda: Pemda, rows: dict[str, Indicator], rng: random.Random) -> int:
    opd = _unit(pemda, "DPMPTSP")
    if opd is None:
        return 0
    people = list(
        Employee.objects.filter(pemda=pemda, unit__path__startswith=opd.path, is_active=True)
        .select_related("atasan", "unit")
        .order_by("unit__depth", "pk")
    )
    skps: dict[int, Skp] = {}
    for person in people:
        skp = domain.skp_create(actor=ACTOR, employee=person, year=YEAR)
        above = skps.get(person.atasan_id or 0)
        above_row = above.results.filter(kind="utama").first() if above else None
        indicator = None if above_row else rows.get("DPMPTSP-1")
        domain.skp_result_add(
            actor=ACTOR, skp=skp, kind="utama",
            text=f"Terlaksananya layanan perizinan {person.unit.name}",
            indicator_text="Persentase permohonan selesai tepat waktu", target="95 %",
            intervenes=above_row, intervenes_indicator=indicator,
        )  # fmt: skip
        skps[person.pk] = skp
    domain.org_predicate_set(actor=ACTOR, unit=opd, year=YEAR, predicate="Baik")
    rated = 0
    for i, skp in enumerate(skps.values()):
        domain.skp_agree(actor=ACTOR, skp=skp)
        for result in SkpResult.objects.filter(skp=skp):
            domain.skp_result_assess(
                actor=ACTOR, result=result, realisation="96 %", evidence="Laporan SiCantik",
                level="diatas" if i % 3 else "sesuai",
            )  # fmt: skip
        for value in ("BP", "AK", "KO", "HA", "LO", "AD", "KL"):
            # Adaptif: nine in ten rated as expected, while the survey finds it unhealthy.
            level = (
                "sesuai"
                if value == "AD" and rng.random() < 0.9
                else rng.choice(("sesuai", "sesuai", "diatas"))
            )
            domain.skp_behaviour_rate(actor=ACTOR, skp=skp, value=value, level=level)
        hasil, perilaku = RATINGS[i % len(RATINGS)]
        if skp.is_unit_head and skp.unit_id != opd.pk:
            domain.org_predicate_set(actor=ACTOR, unit=skp.unit, year=YEAR, predicate="Baik")
        if skp.is_unit_head and skp.unit_id == opd.pk:
            continue  # the Kepala Dinas is rated by the Wali Kota, left for the demo user
        if skp.is_unit_head and domain.head_rating_of(skp)[0] is None:
            continue  # a head takes the unit's capaian: this unit has no PK capaian yet
        domain.skp_rate(actor=ACTOR, skp=skp, rating_hasil=hasil, rating_perilaku=perilaku)
        rated += 1
    return rated


def load(*, pemda: Pemda | None = None, stdout: Any = None) -> None:
    if pemda is None:
        return
    rng = random.Random(SEED)
    with transaction.atomic():
        rows = _agreements(pemda)
        rated = _skps(pemda, rows, rng)
    if stdout is not None:
        count = Agreement.objects.filter(pemda=pemda, year=YEAR).count()
        stdout.write(f"kinerja: {count} PK {YEAR}, {len(rows)} indikator, {rated} SKP dinilai.\n")
