"""The demo holds the article's figures ."""

from __future__ import annotations

import io

from sikap.accounts.domain import role_assign
from sikap.accounts.models import User
from sikap.core.roles import Cap, Role
from sikap.core.scoping import SYSTEM
from sikap.org.models import Pemda
from sikap.publicservice import demo, queries
from sikap.publicservice.models import OmbudsmanResult, ServiceUnit, SkmResponse
from sikap.rules import pekppp


def test_demo_loads_article_figures(db):
    pemda = Pemda.objects.create(code="palu-demo", name="Pemerintah Kota Palu (demo)", is_demo=True)
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    assert ServiceUnit.objects.filter(pemda=pemda).count() == 8
    assert SkmResponse.objects.count() == sum(u.answers for u in demo.UNITS)
    results = {r.year: r for r in OmbudsmanResult.objects.filter(pemda=pemda)}
    assert (str(results[2022].score), results[2022].grade, results[2022].zone) == (
        "79.09",
        "B",
        "hijau",
    )
    assert (str(results[2023].score), results[2023].grade) == ("86.07", "B")
    assert sorted(u.name for u in results[2023].current.sampled_units.all()) == sorted(
        [
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "Dinas Kesehatan",
            "Dinas Pendidikan dan Kebudayaan",
            "Dinas Sosial",
            "Puskesmas Kamonji",
            "Puskesmas Kawatuna",
        ]
    )
    rsud = ServiceUnit.objects.get(unit__name="RSUD Anutapura")
    ev = queries.pekppp_evaluations(SYSTEM, "service.results").get(service_unit=rsud, year=2023)
    assert queries.pekppp_projection(ev).result.category == "A"
    from sikap.publicservice.queries import pekppp_official_results

    official = pekppp_official_results(SYSTEM, "service.results").get(service_unit=rsud)
    assert (official.year, str(official.ipp), official.category) == (
        2023,
        "4.92",
        "A",
    )  # P5 and N2 at 4: IPP% 98.404
    assert [v.number for v in official.versions.all()] == [1]
    assert "RSUD Anutapura PEKPPP 2023 IPP" in out.getvalue()
    # Some units are not ready for grade A this year, some are.
    from django.utils import timezone

    rows = queries.ombudsman_readiness(
        SYSTEM,
        "service.results",
        pemda_id=pemda.pk,
        year=timezone.localdate().year,
        target="A",
    )
    assert any(r.below_target for r in rows) and not all(r.below_target for r in rows)
    # Citizens' comments mostly differ from one another.
    comments = list(SkmResponse.objects.exclude(comment="").values_list("comment", flat=True))
    assert len(set(comments)) > 40
    assert max(comments.count(c) for c in set(comments)) < 0.1 * len(comments)
    # An open SKM follow-up under Dinas Kesehatan; Dukcapil's PEKPPP waits for review.
    from sikap.publicservice.models import FollowUp, PekpppScore

    open_ups = FollowUp.objects.exclude(status=FollowUp.Status.DONE)
    assert sorted(f.service_unit.unit.name for f in open_ups) == [
        "Dinas Sosial",
        "Puskesmas Kamonji",
    ]
    waiting = PekpppScore.objects.filter(
        evaluation__service_unit__unit__name="Dinas Kependudukan dan Pencatatan Sipil",
        evaluation__year=timezone.localdate().year,
    )
    assert waiting.count() == len(pekppp.RULEBOOKS.select(timezone.localdate().year).indicators)
    assert set(waiting.values_list("review", flat=True)) == {"pending"}
    # A Penilai of Dukcapil (as the demo's Inspektorat) finds it among the units it reviews.
    penilai = User.objects.create(username="penilai-demo", pemda=pemda)
    dukcapil = ServiceUnit.objects.get(unit__name="Dinas Kependudukan dan Pencatatan Sipil")
    role_assign(actor=None, user=penilai, pemda=pemda, role=Role.PENILAI, unit=dukcapil.unit)
    mine = queries.pekppp_evaluations(penilai, Cap.ASSESSMENT_REVIEW)
    assert [(e.service_unit.unit.name, e.year) for e in mine] == [
        ("Dinas Kependudukan dan Pencatatan Sipil", timezone.localdate().year)
    ]
    # Loading twice changes nothing.
    demo.load(pemda=pemda, stdout=out)
    assert ServiceUnit.objects.filter(pemda=pemda).count() == 8


def test_demo_holds_ipak_answers_for_the_zi_units(db):
    from decimal import Decimal

    from sikap.publicservice.ipak import demo as ipak_demo
    from sikap.publicservice.ipak import queries as ipak_queries
    from sikap.publicservice.ipak.models import ITEM_FIELDS, IpakResponse
    from sikap.publicservice.periods import parse_period

    pemda = Pemda.objects.create(code="palu-demo", name="Pemerintah Kota Palu (demo)", is_demo=True)
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    assert IpakResponse.objects.count() == 180
    assert "180 IPAK answers (2024)" in out.getvalue()
    by_unit = {
        su.unit.name: su
        for su in ServiceUnit.objects.filter(pemda=pemda).select_related("unit")
        if IpakResponse.objects.filter(service_unit=su).exists()
    }
    assert set(by_unit) == {
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "RSUD Anutapura",
    }
    year = parse_period("2024")
    dukcapil = ipak_queries.result(by_unit["Dinas Kependudukan dan Pencatatan Sipil"], year)
    # P1 (48 × 4 + 12 × 3) / 60 = 228 / 60 = 3.80; P3 (36 × 4 + 22 × 3 + 2 × 2) / 60 = 214 / 60
    # index 1776 / 480 = 3.70 (see ipak/demo.py)
    assert (dukcapil.n, dukcapil.index, dukcapil.complete) == (60, Decimal("3.70"), True)
    assert dukcapil.items["P1"].mean == Decimal("3.80")
    assert dukcapil.items["P3"].total == 214
    dpmptsp = ipak_queries.result(
        by_unit["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"], year
    )
    assert (dpmptsp.n, dpmptsp.index) == (60, Decimal("3.65"))  # 1752 / 480
    rsud = ipak_queries.result(by_unit["RSUD Anutapura"], year)
    assert (rsud.n, rsud.index) == (60, Decimal("3.75"))  # 1800 / 480
    # Every answer lies in 2024, none elsewhere.
    days = IpakResponse.objects.values_list("submitted_on", flat=True)
    assert {d.year for d in days} == {ipak_demo.YEAR}
    assert ipak_queries.result(by_unit["RSUD Anutapura"], parse_period("2025")) is None
    # Fixed, not random: Disdukcapil's first respondent stands at 0, 7, 14, … 49 in the rotated
    # order of P1…P8; only P8's 49 is past its 48 fours, so it answers 3 there.
    first = IpakResponse.objects.order_by("pk").values_list(*ITEM_FIELDS).first()
    assert first == (4, 4, 4, 4, 4, 4, 4, 3)
