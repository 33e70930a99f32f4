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
from sikap.culture.models import (
    LIKERT_COLUMNS,
    Campaign,
    CampaignUnit,
    InstrumentKind,
    Response,
    ResultGroup,
)
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


# How often each Adaptif behaviour is picked for the desired culture: most want more
# adaptability, not everyone, and not each behaviour alike.
ADAPTIF_DESIRED = (0.86, 0.71, 0.58)


def _desired(rng: random.Random, items: dict[str, list[str]], core: list[str]) -> list[str]:
    """A desired-culture ballot: Adaptif behaviours by ADAPTIF_DESIRED, the rest at random."""
    chosen = [c for c, p in zip(items["AD"], ADAPTIF_DESIRED, strict=True) if rng.random() < p]
    others = [c for c in core if c not in items["AD"]]
    return chosen + rng.sample(others, PICKS - len(chosen))


def _ballots(
    rng: random.Random,
    n: int,
    holders: dict[str, int],
    limiting: list[str],
    desired_rng: random.Random,
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
        # From its own stream, so the current-culture ballots (the article's figures) stay put.
        dc = _desired(desired_rng, items, core)
        result.append({"pv": pv, "cc": cc, "dc": dc})
    return result


# What respondents write when asked for suggestions; one sheet in ten carries one, put
# together from a concern and a wish so that most differ. They come from their own random
# stream, so the ballots (and the article's figures) do not move.
CONCERNS = (
    "Rapat koordinasi terlalu sering dan terlalu lama",
    "Usulan cara kerja baru dari staf jarang ditanggapi pimpinan",
    "Pelatihan aplikasi baru datang setelah aplikasinya dipakai",
    "Pembagian tugas antarbidang belum jelas",
    "Kesalahan kecil masih dicari siapa yang salah",
    "Persetujuan berjenjang membuat surat sederhana butuh berhari-hari",
    "Informasi kebijakan baru terlambat sampai ke pegawai di UPT",
    "Apresiasi untuk pegawai yang berinovasi masih jarang",
    "Komputer dan jaringan sering terganggu saat jam layanan",
    "Beban kerja menumpuk menjelang akhir tahun anggaran",
    "Data yang sama diminta berulang kali oleh bidang yang berbeda",
    "Jadwal piket layanan sering berubah mendadak",
)
WISHES = (
    "sebagian cukup lewat pesan singkat.",
    "mohon ada forum bulanan untuk ide perbaikan.",
    "sebaiknya pelatihan diberikan sebelum peluncuran.",
    "perlu SOP yang menyebut siapa mengerjakan apa.",
    "lebih baik diperbaiki bersama lalu dicatat pelajarannya.",
    "tanda tangan elektronik akan sangat membantu.",
    "grup informasi resmi per UPT akan mempercepat.",
    "penghargaan sederhana tiap triwulan sudah cukup memotivasi.",
    "mohon anggaran pemeliharaan sarana kerja ditambah.",
    "pekerjaan bisa dicicil sejak pertengahan tahun.",
)
SHARED_COMMENTS = (
    "Layanan sudah lebih cepat sejak antrean daring dipakai.",
    "Rekan kerja saling membantu saat beban kerja tinggi.",
)


def demo_comment(rng: random.Random) -> str:
    """One respondent's comment: mostly a concern with a wish, sometimes a common remark."""
    if rng.random() < 0.15:
        return rng.choice(SHARED_COMMENTS)
    return f"{rng.choice(CONCERNS)}; {rng.choice(WISHES)}"


def _generate_2023(campaign: Campaign, rng: random.Random) -> int:
    opds = list(
        CampaignUnit.objects.filter(campaign=campaign, depth=1, eligible__gt=0).order_by("code")
    )
    sizes = {u.pk: max(1, round(u.eligible * rng.uniform(0.55, 0.95))) for u in opds}
    counts = _holder_counts(rng, sizes)
    limiting = campaign.instrument.limiting_codes
    comment_rng = random.Random(2023)
    desired_rng = random.Random(2024)
    rows: list[Response] = []
    for unit in opds:
        for ballot in _ballots(rng, sizes[unit.pk], counts[unit.pk], limiting, desired_rng):
            rows.append(
                Response(
                    campaign=campaign,
                    campaign_unit=unit,
                    created_on=campaign.period_start + dt.timedelta(days=rng.randrange(40)),
                    employment_kind=rng.choice(("pns", "pns", "pns", "pppk")),
                    comment=demo_comment(comment_rng) if comment_rng.random() < 0.1 else "",
                    **{b: domain.ballot_mask(ballot[b], campaign.instrument) for b in ballot},
                )
            )
    rng.shuffle(rows)
    Response.objects.bulk_create(rows, batch_size=2000)
    domain.tallies_reset(campaign=campaign)
    return len(rows)


# Mean Likert answer (1–5) per value aimed at in the 2024 Likert survey: Adaptif still lowest.
LIKERT_MEANS = {"bp": 3.9, "ak": 4.1, "ko": 3.6, "ha": 3.9, "lo": 4.0, "ad": 3.0, "kl": 3.8}


def _likert_2024(pemda: Pemda, actor: str) -> tuple[Campaign, int]:
    """A closed, published Likert campaign (March 2024) over the OPDs, from its own seed."""
    rng = random.Random(SEED + 2024)
    start, end = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
    with transaction.atomic():
        campaign = domain.campaign_create(
            actor=actor,
            pemda=pemda,
            code="berakhlak-likert-2024",
            name="Survei Perilaku BerAKHLAK (Likert) 2024",
            kind=InstrumentKind.LIKERT,
            period_start=start,
            period_end=end,
            picks=3,
            today=start,
        )
        campaign = domain.campaign_launch(actor=actor, campaign=campaign, today=start)
        opds = CampaignUnit.objects.filter(campaign=campaign, depth=1, eligible__gt=0)
        rows = []
        for unit in opds.order_by("code"):
            shift = rng.uniform(-0.5, 0.4)
            for _ in range(max(1, round(unit.eligible * rng.uniform(0.4, 0.75)))):
                answers = {
                    column: max(1, min(5, round(rng.gauss(LIKERT_MEANS[column[:2]] + shift, 0.8))))
                    for column in LIKERT_COLUMNS
                }
                rows.append(
                    Response(
                        campaign=campaign,
                        campaign_unit=unit,
                        created_on=start + dt.timedelta(days=rng.randrange(31)),
                        employment_kind=rng.choice(("pns", "pns", "pppk")),
                        **answers,
                    )
                )
        Response.objects.bulk_create(rows, batch_size=2000)
        domain.tallies_reset(campaign=campaign)
        campaign = domain.campaign_close(actor=actor, campaign=campaign)
    domain.results_recompute(campaign=campaign, actor=actor)
    return campaign, len(rows)


def _overdue_plan(campaign: Campaign, actor: str) -> None:
    """A plan of Dinas Kesehatan (else the second-weakest OPD) made in January 2024, due at
    the end of June 2024 and still under way: what an overdue plan looks like."""
    groups = ResultGroup.objects.filter(
        campaign=campaign, suppressed=False, campaign_unit__depth=1
    ).select_related("campaign_unit__unit")
    group = groups.filter(campaign_unit__code="DINKES").first() or (
        groups.order_by("overall")[1:2].first()
    )
    if group is None or group.campaign_unit.unit is None:
        return
    plan = domain.action_plan_create(
        actor=actor,
        campaign=campaign,
        unit=group.campaign_unit.unit,
        value_code="KL",
        actions=(
            "Rapat lintas bidang dua mingguan untuk kasus layanan yang melibatkan lebih dari "
            "satu bidang; satu grup kerja bersama dengan Puskesmas."
        ),
        owner="Kepala " + group.campaign_unit.name,
        due_date=dt.date(2024, 6, 30),
        indicator="Indeks Kolaboratif naik 5 poin pada survei 2024",
        today=dt.date(2024, 1, 15),
    )
    domain.action_plan_report_progress(
        actor=actor,
        plan=plan,
        status="ongoing",
        progress_percent=40,
        progress_note="Rapat berjalan di dua dari lima bidang; grup kerja Puskesmas belum dibentuk.",
    )


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
    _overdue_plan(c2023, actor)
    likert, answered = _likert_2024(pemda, actor)
    top = ResultGroup.objects.get(campaign=likert, campaign_unit__parent__isnull=True)
    stdout.write(
        f"Culture Likert 2024: {answered} responses; Pemda index {top.overall:.1f} "
        f"({top.overall_band})."
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
