"""Demo culture data for the demo Pemda: a finished 2023 campaign and an open 2024 one.

The 2023 responses are generated with a seeded RNG so that the Pemda-level results match the
figures the vice-mayor of Palu announced in December 2023: overall 60.3 (B, Cukup Sehat) and
Adaptif 37.1 (C, Tidak Sehat), with OPDs spread around them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from sikap.culture import domain
from sikap.culture.models import Campaign, CampaignUnit, InstrumentKind, Response, ResultGroup
from sikap.org.demo import DEMO_CODE
from sikap.org.models import Pemda
from sikap.rules import berakhlak

SEED = 20231218
PICKS = 10
# Pemda-level value indices (%) aimed at; their mean is 60.3 and Adaptif is 37.1.
TARGETS = {"BP": 58.0, "AK": 74.0, "KO": 57.0, "HA": 64.0, "LO": 66.0, "AD": 37.1, "KL": 66.0}


def _items() -> dict[str, list[str]]:
    items: dict[str, list[str]] = {v: [] for v in berakhlak.VALUE_CODES}
    for b in berakhlak.BEHAVIOURS:
        items[b.value_code].append(b.code)
    return items


def _holder_counts(rng: random.Random, sizes: dict[int, int]) -> dict[int, dict[str, int]]:
    """How many respondents of each unit hold each value, summing to the Pemda targets."""
    total = sum(sizes.values())
    shift = {u: rng.uniform(-0.12, 0.12) for u in sizes}
    counts: dict[int, dict[str, int]] = {u: {} for u in sizes}
    for value, target in TARGETS.items():
        for u, n in sizes.items():
            p = min(0.97, max(0.05, target / 100 + shift[u] + rng.uniform(-0.05, 0.05)))
            counts[u][value] = round(p * n)
        wanted = round(target / 100 * total)
        diff = wanted - sum(counts[u][value] for u in sizes)
        order = sorted(sizes, key=lambda u: rng.random())
        while diff:
            moved = False
            for u in order:
                if diff > 0 and counts[u][value] < sizes[u]:
                    counts[u][value] += 1
                    diff -= 1
                    moved = True
                elif diff < 0 and counts[u][value] > 0:
                    counts[u][value] -= 1
                    diff += 1
                    moved = True
                if not diff:
                    break
            if not moved:
                break
    return counts


def _ballots(
    rng: random.Random, n: int, holders: dict[str, int], limiting: list[str]
) -> list[dict[str, list[str]]]:
    items = _items()
    core = [c for codes in items.values() for c in codes]
    held: list[set[str]] = [set() for _ in range(n)]
    for value, count in holders.items():
        for i in rng.sample(range(n), count):
            held[i].add(value)
    result = []
    for values in held:
        cc: list[str] = [rng.choice(items[v]) for v in sorted(values)]
        pool = [c for v in sorted(values) for c in items[v] if c not in cc]
        rng.shuffle(pool)
        want_core = min(len(cc) + len(pool), max(len(cc), rng.choice((7, 8, 8, 9))))
        cc += pool[: want_core - len(cc)]
        cc += rng.sample(limiting, PICKS - len(cc))
        pv = rng.sample(core, PICKS)
        dc = [*items["AD"], *rng.sample([c for c in core if c not in items["AD"]], PICKS - 3)]
        result.append({"pv": pv, "cc": cc, "dc": dc})
    return result


# What respondents write when asked for suggestions; one sheet in ten carries one. They come
# from their own random stream, so the ballots (and the article's figures) do not move.
DEMO_COMMENTS = (
    "Rapat koordinasi terlalu sering dan terlalu lama; sebagian cukup lewat pesan singkat.",
    "Pimpinan perlu lebih terbuka terhadap usulan cara kerja baru dari staf.",
    "Pelatihan aplikasi baru diberikan setelah aplikasinya dipakai, seharusnya sebelum.",
    "Pembagian tugas antarbidang belum jelas sehingga pekerjaan sering dilempar.",
    "Layanan sudah lebih cepat sejak antrean daring dipakai.",
    "Kesalahan kecil masih dicari siapa yang salah, bukan diperbaiki bersama.",
    "Perlu ruang untuk mencoba cara baru tanpa takut disalahkan bila gagal.",
    "Rekan kerja saling membantu saat beban kerja tinggi menjelang akhir tahun.",
    "Persetujuan berjenjang membuat surat sederhana butuh waktu berhari-hari.",
    "Informasi kebijakan baru terlambat sampai ke pegawai di UPT.",
    "Apresiasi untuk pegawai yang berinovasi masih jarang.",
    "Sarana kerja (komputer, jaringan) perlu diperbarui agar layanan tidak terhambat.",
)


def _generate_2023(campaign: Campaign, rng: random.Random) -> int:
    opds = list(
        CampaignUnit.objects.filter(campaign=campaign, depth=1, eligible__gt=0).order_by("code")
    )
    sizes = {u.pk: max(1, round(u.eligible * rng.uniform(0.55, 0.95))) for u in opds}
    counts = _holder_counts(rng, sizes)
    limiting = campaign.instrument.limiting_codes
    comment_rng = random.Random(2023)
    rows: list[Response] = []
    for unit in opds:
        for ballot in _ballots(rng, sizes[unit.pk], counts[unit.pk], limiting):
            rows.append(
                Response(
                    campaign=campaign,
                    campaign_unit=unit,
                    created_on=campaign.period_start + dt.timedelta(days=rng.randrange(40)),
                    employment_kind=rng.choice(("pns", "pns", "pns", "pppk")),
                    comment=comment_rng.choice(DEMO_COMMENTS) if comment_rng.random() < 0.1 else "",
                    **{b: domain.ballot_mask(ballot[b], campaign.instrument) for b in ballot},
                )
            )
    rng.shuffle(rows)
    Response.objects.bulk_create(rows, batch_size=2000)
    domain.tallies_reset(campaign=campaign)
    return len(rows)


def load(*, pemda: Pemda | None, stdout: Any) -> None:
    pemda = pemda or Pemda.objects.filter(code=DEMO_CODE).first()
    if pemda is None:
        stdout.write("Culture demo skipped: no demo Pemda.")
        return
    if Campaign.objects.filter(pemda=pemda, code="berakhlak-2023").exists():
        stdout.write("Culture demo already loaded.")
        return
    rng = random.Random(SEED)
    actor = "demo"
    with transaction.atomic():
        c2023 = domain.campaign_create(
            actor=actor,
            pemda=pemda,
            code="berakhlak-2023",
            name="Survei Indeks BerAKHLAK 2023",
            kind=InstrumentKind.IMPLEMENTASI,
            period_start=dt.date(2023, 9, 1),
            period_end=dt.date(2023, 10, 20),
            picks=PICKS,
            today=dt.date(2023, 9, 1),
        )
        c2023 = domain.campaign_launch(actor=actor, campaign=c2023, today=dt.date(2023, 9, 1))
        count = _generate_2023(c2023, rng)
        domain.campaign_close(actor=actor, campaign=c2023)
    domain.results_recompute(campaign=c2023, actor=actor)
    root = ResultGroup.objects.get(campaign=c2023, campaign_unit__parent__isnull=True)
    stdout.write(
        f"Culture 2023: {count} responses; Pemda index {root.overall:.1f} "
        f"({root.overall_band}), Adaptif {root.values['AD']['index']:.1f}."
    )
    weakest = (
        ResultGroup.objects.filter(campaign=c2023, suppressed=False, campaign_unit__depth=1)
        .select_related("campaign_unit")
        .order_by("overall")
        .first()
    )
    if weakest is not None and weakest.campaign_unit.unit is not None:
        domain.action_plan_create(
            actor=actor,
            campaign=c2023,
            unit=weakest.campaign_unit.unit,
            value_code="AD",
            actions=(
                "Forum inovasi bulanan; setiap bidang mengusulkan satu perbaikan layanan per "
                "triwulan; pimpinan memberi umpan balik dalam dua minggu."
            ),
            owner="Sekretaris " + weakest.campaign_unit.name,
            # Due six months after it is made: a plan cannot be due before it exists.
            due_date=timezone.localdate() + dt.timedelta(days=182),
            indicator="Indeks Adaptif naik ke kategori B pada survei 2024",
        )
    with transaction.atomic():
        c2024 = domain.campaign_create(
            actor=actor,
            pemda=pemda,
            code="berakhlak-2024",
            name="Survei Indeks BerAKHLAK 2024",
            kind=InstrumentKind.IMPLEMENTASI,
            period_start=dt.date(2024, 9, 1),
            period_end=dt.date(2024, 10, 31),
            picks=PICKS,
        )
        c2024 = domain.campaign_launch(actor=actor, campaign=c2024)
        issued = domain.invitations_generate(actor=actor, campaign=c2024)
    stdout.write(f"Culture 2024: open, {len(issued)} survey links. Try one of these:")
    for token in issued[:3]:
        stdout.write(f"  {domain.survey_link(token.token, base='')}")
