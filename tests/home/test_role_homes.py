"""Every role lands on a home that lists what waits for it in the Pemda of the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.culture import domain as culture
from sikap.culture.models import ActionPlan
from sikap.publicservice import domain as service
from sikap.publicservice.domain import official
from sikap.publicservice.models import PekpppScore
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish

pytestmark = pytest.mark.django_db


def todo(html: str) -> list[str]:
    return re.findall(r'data-todo="([a-z-]+)"', html)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def section(html: str) -> str:
    return text(html.split('id="todo"')[1].split("</section>")[0])


def home(client_for, user) -> str:
    response = client_for(user).get(reverse("home:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_waiting_says_so(personas, client_for):
    html = home(client_for, personas.penilai)
    assert todo(html) == []
    assert "Tidak ada yang menunggu Anda saat ini." in html


def test_a_pegawai_sees_the_open_survey_of_its_unit_and_nothing_about_answering(
    personas, client_for
):
    today = timezone.localdate()
    open_one = make_campaign(
        personas, code="open", start=today, end=today + dt.timedelta(days=10), launch=True
    )
    make_campaign(personas, code="draft", start=today, end=today + dt.timedelta(days=10))
    html = home(client_for, personas.pegawai)
    assert todo(html) == ["survey"]
    body = text(html)
    end = open_one.period_end.strftime("%d/%m/%Y")
    assert f"Survei open: survei budaya kerja dibuka sampai {end}, ± 5 menit." in body
    assert "jawaban Anda anonim" in body
    # Answering changes nothing on the home: it never knows who answered.
    issued = culture.invitations_generate(actor=None, campaign=open_one)
    mine = next(t for t in issued if t.unit_code == "DINKES-PKM-KAMONJI")
    culture.response_submit(token=mine.token, answers=PKM[0])
    assert section(home(client_for, personas.pegawai)) == section(html)


def test_a_kepala_opd_sees_its_results_plans_due_and_follow_ups(personas, client_for):
    today = timezone.localdate()
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    for due in (today + dt.timedelta(days=3), today + dt.timedelta(days=60)):
        culture.action_plan_create(
            actor=personas.admin_pemda,
            campaign=campaign,
            unit=personas.opd_a,
            value_code="AD",
            actions="Forum inovasi bulanan",
            owner="Sekretaris Dinas",
            due_date=due,
            indicator="12 forum",
        )
    late = ActionPlan.objects.order_by("due_date").first()
    ActionPlan.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=2))
    su, _ = service.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    service.followup_create(
        actor=personas.admin_pemda,
        service_unit=su,
        period=str(today.year),
        unsur="U3",
        action="Antrian daring",
        owner="Kepala Puskesmas",
        deadline=today + dt.timedelta(days=5),
    )
    html = home(client_for, personas.pimpinan)
    assert todo(html) == ["culture-results", "plans", "followups"]
    body = text(html)
    assert "Survei c2023:" in body
    assert "Dinas Kesehatan" in body and "Kependudukan" not in body  # its own OPD only
    assert "1 terlambat" in body
    assert "Tindak lanjut SKM: 1 belum selesai" in body
    # The Admin Pemda reads the whole Pemda in the same places.
    admin = text(home(client_for, personas.admin_pemda))
    assert "Pemerintah Kota Palu" in admin


def test_a_penilai_sees_the_evaluations_waiting_for_its_review(personas, client_for):
    su, _ = service.service_unit_ensure(actor=personas.admin_pemda, unit=personas.opd_b)
    year = timezone.localdate().year
    evaluation = service.pekppp_evaluation_ensure(
        actor=personas.admin_pemda, service_unit=su, year=year
    )
    # K3 and K4 come pre-filled from the SKM and wait for review like a typed score.
    filled = PekpppScore.objects.filter(evaluation=evaluation, score__isnull=False)
    assert sorted(filled.values_list("code", flat=True)) == ["K3", "K4"]
    service.pekppp_score_set(actor=personas.admin_pemda, evaluation=evaluation, code="K3", score=3)
    html = home(client_for, personas.penilai)
    assert todo(html) == ["review"]
    assert f"PEKPPP {year} · Dinas Kependudukan" in text(html)
    assert "2 nilai menunggu telaah Anda" in text(html)
    # Another OPD's Kepala does not review it; reviewed scores leave the count.
    assert "review" not in todo(home(client_for, personas.pimpinan))
    for code in ("K3", "K4"):
        row = PekpppScore.objects.get(evaluation=evaluation, code=code)
        service.pekppp_review(actor=personas.penilai, score_row=row, decision="accepted")
        if code == "K3":
            assert "1 nilai menunggu telaah Anda" in text(home(client_for, personas.penilai))
    assert todo(home(client_for, personas.penilai)) == []


def test_the_pemda_leaders_see_the_ombudsman_trend(personas, client_for):
    official.ombudsman_result_record(
        actor=personas.admin_pemda, pemda=personas.pemda, year=2023, score=79.09
    )
    official.ombudsman_result_record(
        actor=personas.admin_pemda, pemda=personas.pemda, year=2024, score=86.07
    )
    body = text(home(client_for, personas.admin_pemda))
    assert "Kepatuhan Ombudsman 2024: 86,07" in body
    assert "(+6,98 dari 2023)" in body
    # Another Pemda's leader sees its own Pemda, without Palu's figures.
    other = client_for(personas.outsider).get("/p/donggala/").content.decode()
    assert "86,07" not in other and "Ombudsman" not in text(other).split("Yang perlu")[1][:200]
