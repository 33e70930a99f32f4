"""Ombudsman readiness and PEKPPP self-evaluation: exact projections, reviews and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.core.models import AuditLog
from sikap.publicservice import domain, queries
from sikap.publicservice.models import (
    OmbudsmanFinding,
    OmbudsmanItem,
    OmbudsmanResult,
    PekpppEvaluation,
    PekpppScore,
)
from sikap.rules import ombudsman_checklist, pekppp

YEAR = 2024
ITEMS = ombudsman_checklist.checklist(YEAR).items


@pytest.fixture
def units(personas):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    dukcapil, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    for values in ([4] * 9, [3] * 9, [2, None, 2, 2, 2, 2, 2, 2, None]):
        domain.skm_submit(
            service_unit=pkm,
            product=None,
            answers={f"U{i}": v for i, v in enumerate(values, start=1)},
            today=dt.date(YEAR, 2, 1),
        )
    domain.skm_recompute(service_unit_id=pkm.pk)
    return pkm, dukcapil


def test_official_results_grade_zone_and_gap(client_for, personas, units):
    client = client_for(personas.admin_pemda)
    client.post("/p/palu/layanan/ombudsman/hasil/", {"year": 2022, "score": "79,09"})
    client.post(
        "/p/palu/layanan/ombudsman/hasil/",
        {"year": 2023, "score": "86.07", "sampled": [personas.opd_b.pk, personas.puskesmas.pk]},
    )
    r22, r23 = OmbudsmanResult.objects.order_by("year")
    assert (str(r22.score), r22.grade, r22.zone) == ("79.09", "B", "hijau")
    assert (str(r23.score), r23.grade) == ("86.07", "B")
    assert sorted(u.code for u in r23.current.sampled_units.all()) == [
        "DINKES-PKM-KAMONJI",
        "DUKCAPIL",
    ]
    html = client.get("/p/palu/layanan/ombudsman/?tahun=2024").content.decode()
    assert "1,93 poin" in html  # 88.00 − 86.07
    assert "8,91 poin" in html  # 88.00 − 79.09
    # Bad input: a clear message and nothing stored.
    client.post("/p/palu/layanan/ombudsman/hasil/", {"year": 2024, "score": "101"})
    client.post("/p/palu/layanan/ombudsman/hasil/", {"year": 2024, "score": "abc"})
    assert OmbudsmanResult.objects.count() == 2


def test_every_dimension_of_the_year_is_recorded(client_for, personas, units):
    client = client_for(personas.admin_pemda)
    page = client.get("/p/palu/layanan/ombudsman/?tahun=2025").content.decode()
    assert 'name="kepercayaan"' in page  # 2025 adds public trust
    assert [f'<option value="{c}"' in page for c in "ABCDE"] == [True] * 5  # targets: every band
    client.post(
        "/p/palu/layanan/ombudsman/hasil/",
        {"year": 2025, "score": "90", "input": "80", "kepercayaan": "75,5"},
    )
    assert OmbudsmanResult.objects.get().dimensions == {"input": 80.0, "kepercayaan": 75.5}
    response = client.post(
        "/p/palu/layanan/ombudsman/hasil/", {"year": 1990, "score": "50"}, follow=True
    )
    assert response.status_code == 400 and "1990" in response.content.decode()
    assert OmbudsmanResult.objects.count() == 1


def test_superuser_sees_and_records_the_first_pemda(client_for, personas, units):
    from sikap.accounts.models import User

    root = User.objects.create_superuser(username="operator", password="x-long-password-1")
    client = client_for(root)
    client.post("/p/palu/layanan/ombudsman/hasil/", {"year": 2023, "score": "86.07"})
    assert OmbudsmanResult.objects.get().pemda == personas.pemda
    html = client.get("/p/palu/layanan/ombudsman/?tahun=2023&target=B").content.decode()
    assert "86,07" in html
    # Official results are measured to the top band (A, 88.00), whatever readiness target.
    assert "<th>Jarak ke A</th>" in html and "<td>1,93 poin</td>" in html


def test_other_pemda_records_only_its_own(client_for, personas, units):
    domain.ombudsman_result_record(actor=None, pemda=personas.pemda, year=2023, score=86.07)
    client = client_for(personas.outsider)
    assert client.get("/p/palu/layanan/ombudsman/").status_code == 404
    assert "86,07" not in client.get("/p/donggala/layanan/ombudsman/").content.decode()
    data = {"year": 2023, "score": "50", "sampled": [personas.opd_b.pk]}
    assert client.post("/p/palu/layanan/ombudsman/hasil/", data).status_code == 404
    assert OmbudsmanResult.objects.count() == 1
    client.post("/p/donggala/layanan/ombudsman/hasil/", data)
    palu = OmbudsmanResult.objects.get(pemda=personas.pemda)
    assert (str(palu.score), list(palu.current.sampled_units.all())) == ("86.07", [])
    other = OmbudsmanResult.objects.get(pemda=personas.other_pemda)
    assert list(other.current.sampled_units.all()) == []  # a Palu unit cannot be named by Donggala


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai"])
def test_official_results_refused(client_for, personas, units, who):
    client = client_for(getattr(personas, who))
    before = AuditLog.objects.count()
    response = client.post("/p/palu/layanan/ombudsman/hasil/", {"year": 2022, "score": "79.09"})
    assert response.status_code == 403
    assert OmbudsmanResult.objects.count() == 0
    assert AuditLog.objects.count() == before


def test_findings_close_only_with_evidence(client_for, personas, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    result = domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2023, score=86.07
    )
    client = client_for(personas.admin_pemda)
    client.post(
        f"/p/palu/layanan/ombudsman/hasil/{result.pk}/temuan/",
        {"text": "Maklumat belum dipajang", "unit": personas.opd_b.pk},
    )
    finding = OmbudsmanFinding.objects.get()
    client.post(f"/p/palu/layanan/ombudsman/temuan/{finding.pk}/", {"status": "closed"})
    finding.refresh_from_db()
    assert finding.status == "open"
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\nxx", content_type="image/png")
    client.post(
        f"/p/palu/layanan/ombudsman/temuan/{finding.pk}/",
        {"status": "closed", "closure_note": "Sudah", "evidence": png},
    )
    finding.refresh_from_db()
    assert (finding.status, finding.closure_note) == ("closed", "Sudah")
    outsider = client_for(personas.outsider)
    for base in ("/p/palu", "/p/donggala"):
        response = outsider.post(
            f"{base}/layanan/ombudsman/temuan/{finding.pk}/", {"status": "open"}
        )
        assert response.status_code == 404
    finding.refresh_from_db()
    assert finding.status == "closed"
    assert (
        client_for(personas.admin_opd)
        .post(f"/p/palu/layanan/ombudsman/hasil/{result.pk}/temuan/", {"text": "x"})
        .status_code
        == 403
    )
    assert OmbudsmanFinding.objects.count() == 1


def test_projection_exact(personas, units):
    pkm, _ = units
    a = domain.ombudsman_assessment_ensure(actor=None, service_unit=pkm, year=YEAR)
    for item in ITEMS:
        domain.ombudsman_item_set(actor=None, assessment=a, code=item.code, score=3)
    proj = queries.ombudsman_projection(a)
    # input, proses, pengaduan full; output = IKM 77.78 → 21.85 + 32.37 + 21.54 + 24.24 × 0.7778
    assert proj.dimensions == {"input": 100.0, "proses": 100.0, "pengaduan": 100.0, "output": 77.78}
    assert (proj.result.score, proj.result.category) == (94.61, "A")
    assert proj.shortfalls == []
    # Complaints: 3 of 4 resolved adds an indicator worth 2.25 of 3 to pengaduan (17.25/18).
    domain.ombudsman_complaints_set(actor=None, assessment=a, received=4, resolved=3)
    proj = queries.ombudsman_projection(a)
    assert proj.dimensions["pengaduan"] == 95.8333


def test_shortfalls_ordered_by_points_gained(personas, units):
    pkm, _ = units
    a = domain.ombudsman_assessment_ensure(actor=None, service_unit=pkm, year=YEAR)
    proj = queries.ombudsman_projection(a)
    # One pengaduan item is worth 21.54/5 = 4.31, a proses item 32.37/14 = 2.31, an input item 21.85/10 = 2.19.
    assert [s.code for s in proj.shortfalls[:6]] == ["PG01", "PG02", "PG03", "PG04", "PG05", "SP01"]
    assert proj.shortfalls[0].gain == 4.31
    assert proj.shortfalls[5].gain == 2.31
    assert proj.shortfalls[-1].code.startswith("IN")


def test_unit_self_assessment_pages(client_for, personas, units):
    pkm, dukcapil = units
    client = client_for(personas.admin_opd)
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?tahun={YEAR}",
        {"code": "SP01", "score": "3", "tahun": YEAR},
    )
    assert response.status_code == 302
    assert OmbudsmanItem.objects.get().score == 3
    client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?tahun={YEAR}",
        {"code": "SP01", "score": "4", "tahun": YEAR},
    )
    assert OmbudsmanItem.objects.get().score == 3
    html = client.get(f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/?tahun={YEAR}").content.decode()
    assert (
        "Nilai indikator harus 0–3" not in html
    )  # message consumed by the redirect-less render above
    assert "PG01" in html
    # Pimpinan reads but cannot write; another OPD gets 404; nothing changes.
    assert (
        client_for(personas.pimpinan)
        .post(
            f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?tahun={YEAR}",
            {"code": "SP02", "score": "3"},
        )
        .status_code
        == 403
    )
    assert (
        client_for(personas.admin_opd)
        .post(
            f"/p/palu/layanan/unit/{dukcapil.pk}/ombudsman/indikator/?tahun={YEAR}",
            {"code": "SP02", "score": "3"},
        )
        .status_code
        == 404
    )
    assert OmbudsmanItem.objects.count() == 1
    # The Pemda view lists every unit; the one without an assessment is not ready.
    rows = queries.ombudsman_readiness(
        personas.admin_pemda, "service.results", pemda_id=personas.pemda.pk, year=YEAR, target="A"
    )
    assert [(r.service_unit.unit.code, r.below_target) for r in rows] == [
        ("DINKES-PKM-KAMONJI", True),
        ("DUKCAPIL", True),
    ]
    html = (
        client_for(personas.admin_pemda)
        .get(f"/p/palu/layanan/ombudsman/?tahun={YEAR}")
        .content.decode()
    )
    assert "2 unit belum siap" in html
    html = (
        client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/ombudsman/?tahun={YEAR}")
        .content.decode()
    )
    assert "Dinas Kependudukan" not in html


def test_pekppp_prefill_scores_and_exact_ipp(client_for, personas, units):
    pkm, _ = units
    client = client_for(personas.admin_opd)
    client.post(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/mulai/?tahun={YEAR}", {"tahun": YEAR})
    ev = PekpppEvaluation.objects.get()
    # SKM answers in one quarter → K3 = 2; no follow-up → K4 = 1.
    assert dict(ev.scores.values_list("code", "score")) == {"K3": 2, "K4": 1}
    for ind in pekppp.RULEBOOKS.select(YEAR).indicators:
        domain.pekppp_score_set(
            actor=None, evaluation=ev, code=ind.code, score=4 if ind.code == "K1" else 5
        )
    proj = queries.pekppp_projection(ev)
    # Kebijakan loses 17 × 1/5 = 3.4 of 100 → 96.6% × 24 = 23.184; IPP% 99.184 → 4.96
    assert (proj.result.ipp, proj.result.category, proj.complete) == (4.96, "A", True)
    assert [s.code for s in proj.shortfalls] == ["K1"]
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/pekppp/nilai/?tahun={YEAR}",
        {"code": "K1", "score": "6", "tahun": YEAR},
    )
    assert response.status_code == 200
    assert "Nilai indikator harus 0–5." in response.content.decode()
    assert ev.scores.get(code="K1").score == 4
    # The rulebook's scale starts at 0 ("not available"): offered on the page and accepted.
    page = client.get(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?tahun={YEAR}").content.decode()
    assert '<option value="0"' in page and '<option value="5"' in page
    domain.pekppp_score_set(actor=None, evaluation=ev, code="K1", score=0)
    assert ev.scores.get(code="K1").score == 0


def test_pekppp_review_by_penilai_only(client_for, personas, units):
    pkm, dukcapil = units
    ev = domain.pekppp_evaluation_ensure(actor=None, service_unit=dukcapil, year=YEAR)
    domain.pekppp_score_set(actor=None, evaluation=ev, code="K1", score=5)
    penilai = client_for(personas.penilai)
    url = f"/p/palu/layanan/unit/{dukcapil.pk}/pekppp/telaah/?tahun={YEAR}"
    penilai.post(url, {"code": "K1", "decision": "returned", "tahun": YEAR})
    assert (
        PekpppScore.objects.get(evaluation=ev, code="K1").review == "pending"
    )  # a return needs a reason
    penilai.post(
        url,
        {
            "code": "K1",
            "decision": "returned",
            "review_note": "Bukti SK belum ada",
            "tahun": YEAR,
        },
    )
    row = PekpppScore.objects.get(evaluation=ev, code="K1")
    assert (row.review, row.review_note, row.reviewed_by) == (
        "returned",
        "Bukti SK belum ada",
        personas.penilai,
    )
    penilai.post(url, {"code": "K1", "decision": "accepted", "tahun": YEAR})
    assert PekpppScore.objects.get(evaluation=ev, code="K1").review == "accepted"
    # The penilai may not change the unit's own score; admin Pemda has no review capability.
    score_url = f"/p/palu/layanan/unit/{dukcapil.pk}/pekppp/nilai/?tahun={YEAR}"
    assert penilai.post(score_url, {"code": "K1", "score": "1"}).status_code == 403
    assert (
        client_for(personas.admin_pemda)
        .post(url, {"code": "K1", "decision": "returned", "review_note": "x"})
        .status_code
        == 403
    )
    # A penilai of another unit sees nothing of Puskesmas Kamonji's evaluation.
    domain.pekppp_evaluation_ensure(actor=None, service_unit=pkm, year=YEAR)
    penilai = client_for(personas.penilai)
    assert penilai.get(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?tahun={YEAR}").status_code == 404
    assert PekpppScore.objects.get(evaluation=ev, code="K1").score == 5


def test_pekppp_history(client_for, personas, units):
    pkm, _ = units
    domain.pekppp_evaluation_ensure(actor=None, service_unit=pkm, year=2023)
    domain.pekppp_evaluation_ensure(actor=None, service_unit=pkm, year=2024)
    html = (
        client_for(personas.pimpinan)
        .get(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?tahun=2024")
        .content.decode()
    )
    assert "?year=2023" in html and "?year=2024" in html
    html = client_for(personas.pimpinan).get("/p/palu/layanan/pekppp/").content.decode()
    assert html.count("Puskesmas Kamonji") == 2
    assert (
        client_for(personas.outsider)
        .get("/p/donggala/layanan/pekppp/")
        .content.decode()
        .count("Puskesmas Kamonji")
        == 0
    )
    assert client_for(personas.outsider).get("/p/palu/layanan/pekppp/").status_code == 404


def test_unit_page_shows_projection_and_predicate(client_for, personas, units):
    pkm, _ = units
    a = domain.ombudsman_assessment_ensure(actor=None, service_unit=pkm, year=YEAR)
    for item in ITEMS:
        domain.ombudsman_item_set(actor=None, assessment=a, code=item.code, score=3)
    ev = domain.pekppp_evaluation_ensure(actor=None, service_unit=pkm, year=YEAR)
    for ind in pekppp.RULEBOOKS.select(YEAR).indicators:
        domain.pekppp_score_set(actor=None, evaluation=ev, code=ind.code, score=5)
    html = (
        client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/unit/{pkm.pk}/?periode={YEAR}")
        .content.decode()
    )
    assert 'data-testid="ombudsman-projection">94,61 · A' in html
    assert 'data-testid="pekppp-predicate">2024: IPP 5,00 · A' in html


def _more_units(personas, count):
    from tests.factories import make_unit

    out = []
    for i in range(count):
        unit = make_unit(
            personas.pemda, f"PKM-Y{i}", f"Puskesmas Y{i}", "puskesmas", parent=personas.opd_a
        )
        su, _ = domain.service_unit_ensure(actor=None, unit=unit)
        out.append(su)
    return out


@pytest.mark.parametrize("extra", [0, 2])
def test_readiness_and_pekppp_lists_query_count(
    client_for, personas, units, extra, django_assert_max_num_queries
):
    pkm, _ = units
    sus = [pkm, *_more_units(personas, extra)]  # 1 or 3 service units with assessments
    for su in sus:
        a = domain.ombudsman_assessment_ensure(actor=None, service_unit=su, year=YEAR)
        domain.ombudsman_item_set(actor=None, assessment=a, code="SP01", score=3)
        domain.pekppp_evaluation_ensure(actor=None, service_unit=su, year=YEAR)
    client = client_for(personas.admin_opd)
    with django_assert_max_num_queries(14):
        html = client.get(f"/p/palu/layanan/ombudsman/?tahun={YEAR}").content.decode()
    assert html.count("/ombudsman/?year=") - html.count("/p/palu/layanan/ombudsman/?year=") == len(
        sus
    )
    with django_assert_max_num_queries(10):
        html = client.get("/p/palu/layanan/pekppp/").content.decode()
    assert html.count("/pekppp/?year=") == len(sus)


def test_api_ombudsman_results_scoped(client_for, personas, units):
    domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2023, score=86.07, sampled_units=[personas.opd_b]
    )
    body = client_for(personas.admin_pemda).get("/api/layanan/ombudsman/?pemda=palu").json()
    assert [
        (r["year"], r["score"], r["grade"], r["zone"], r["sampled_units"]) for r in body["results"]
    ] == [(2023, "86.07", "B", "hijau", ["DUKCAPIL"])]
    # Pemda-level data: an OPD role does not reach it, another Pemda even less.
    assert (
        client_for(personas.admin_opd).get("/api/layanan/ombudsman/?pemda=palu").json()["results"]
        == []
    )
    outsider = client_for(personas.outsider)
    assert outsider.get("/api/layanan/ombudsman/?pemda=palu").status_code == 404
    assert outsider.get("/api/layanan/ombudsman/?pemda=donggala").json()["results"] == []
    assert client_for(None).get("/api/layanan/ombudsman/?pemda=palu").status_code in (401, 403)


def test_ties_round_half_up_like_the_rulebooks(personas, units):
    from sikap.rules.skm_publish import prorated_volume

    # A yearly volume of 10 over one quarter is 2.5 services: 3, not Python's banker's 2.
    assert (prorated_volume(10, 3), prorated_volume(6, 1), prorated_volume(0, 3)) == (3, 1, 0)
    result = domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2024, score=85.125
    )
    assert str(OmbudsmanResult.objects.get(pk=result.pk).score) == "85.13"  # as graded


def test_pekppp_k4_prefill_rounds_half_up(personas, units):
    from sikap.publicservice.models import FollowUp

    pkm, _ = units
    statuses = ["done"] + ["planned"] * 7  # 1 of 8 done: 1 + 4 x 1/8 = 1.5 -> 2
    for i, status in enumerate(statuses):
        FollowUp.objects.create(
            service_unit=pkm,
            period=f"{YEAR}Q1",
            unsur=f"U{i + 1}",
            action="aksi",
            owner="pemilik",
            deadline=dt.date(YEAR, 12, 31),
            status=status,
        )
    assert domain.pekppp_skm_prefill(service_unit=pkm, year=YEAR)["K4"] == 2
