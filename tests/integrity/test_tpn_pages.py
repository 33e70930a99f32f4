"""The pages for the TPN's item scores, the TPI's return to the unit and removing a team
member: who may use each, what is audited, and that a refused request changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.core.roles import Role
from sikap.integrity import domain
from sikap.integrity.models import Assessment, AssessmentItem, ItemScore, TeamMember
from tests.factories import UserFactory


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


def proposed(a: Assessment) -> Assessment:
    Assessment.objects.filter(pk=a.pk).update(stage=Assessment.Stage.PROPOSED)
    a.refresh_from_db()
    return a


def scores(a: Assessment) -> dict[tuple[str, str], str]:
    rows = ItemScore.objects.filter(item__assessment=a)
    return {(code, lv): ans for code, lv, ans in rows.values_list("item__code", "level", "answer")}


# --- TPN item scores ---------------------------------------------------------------------------


def test_tpn_scores_an_item_beside_self_and_tpi(personas, client_for, zi_b):
    domain.answer_record(actor=personas.admin_pemda, assessment=zi_b, code="MP.P.1.b", answer="A")
    domain.assessment_submit(actor=personas.admin_pemda, assessment=zi_b)
    domain.review_score(actor=personas.penilai, assessment=zi_b, code="MP.P.1.b", answer="B")
    domain.review_finish(actor=personas.penilai, assessment=zi_b)
    proposed(zi_b)
    client = client_for(personas.admin_pemda)
    page = client.get(ws(zi_b)).content.decode()
    assert 'data-testid="tpn-answer-MP.P.1.b"' in page
    client.post(ws(zi_b, "tpn_score"), {"code": "mp.p.1.b", "answer": "c", "note": "SK lama"})
    assert scores(zi_b) == {
        ("MP.P.1.b", "self"): "A", ("MP.P.1.b", "tpi"): "B", ("MP.P.1.b", "tpn"): "C",
    }  # fmt: skip
    tpn = ItemScore.objects.get(level="tpn")
    assert tpn.note == "SK lama"
    assert AuditLog.objects.filter(action="integrity.answer.tpn").count() == 1
    page = client.get(ws(zi_b)).content.decode()
    assert 'data-testid="tpn-note-MP.P.1.b">Catatan TPN: SK lama<' in page
    # The TPN level of the score overlays the TPI's: MP.P.1.b C instead of B.
    assert [lv["key"] for lv in client.get(ws(zi_b)).context["levels"]] == ["self", "tpi", "tpn"]


def test_tpn_score_refused_before_proposal_and_to_others(personas, client_for, zi_a, zi_b):
    before = AuditLog.objects.count()
    data = {"code": "MP.P.1.b", "answer": "C"}
    response = client_for(personas.admin_pemda).post(ws(zi_a, "tpn_score"), data, follow=True)
    assert "Nilai TPN dicatat untuk unit yang sudah diusulkan." in response.content.decode()
    proposed(zi_b)
    for user in (personas.admin_opd, personas.penilai, personas.pimpinan, personas.outsider):
        assert client_for(user).post(ws(zi_b, "tpn_score"), data).status_code in (403, 404)
    # A bad answer is refused with its reason.
    response = client_for(personas.admin_pemda).post(
        ws(zi_b, "tpn_score"), {"code": "MP.P.3.a", "answer": "E"}, follow=True
    )
    assert "harus salah satu dari A, B, C, D" in response.content.decode()
    assert not ItemScore.objects.exists()
    assert AuditLog.objects.count() == before


# --- return to the unit ------------------------------------------------------------------------


def test_tpi_returns_to_the_unit_and_its_scores_stay(personas, client_for, zi_b):
    domain.assessment_submit(actor=personas.admin_pemda, assessment=zi_b)
    domain.review_score(actor=personas.penilai, assessment=zi_b, code="MP.P.1.a", answer="Tidak",
                        note="SK belum ada", flag="eviden_kurang")  # fmt: skip
    client = client_for(personas.penilai)
    assert 'data-testid="return"' in client.get(ws(zi_b)).content.decode()
    client.post(ws(zi_b, "review_return"))
    zi_b.refresh_from_db()
    assert zi_b.stage == "isian"
    assert scores(zi_b) == {("MP.P.1.a", "tpi"): "Tidak"}
    assert ItemScore.objects.get().flag == "eviden_kurang"
    log = AuditLog.objects.filter(action="integrity.stage.isian").get()
    assert log.actor_id == personas.penilai.pk
    # The unit completes its answers again.
    domain.answer_record(actor=personas.admin_pemda, assessment=zi_b, code="MP.P.1.a", answer="Ya")


def test_return_refused_out_of_stage_and_to_others(personas, client_for, zi_a, zi_b):
    before = AuditLog.objects.count()
    response = client_for(personas.penilai).post(ws(zi_b, "review_return"), follow=True)
    assert "tidak dapat dilakukan" in response.content.decode()  # still in the unit's hands
    domain.assessment_submit(actor=personas.admin_opd, assessment=zi_a)
    before = AuditLog.objects.count()
    # The TPI of DUKCAPIL does not review DINKES; the unit cannot return its own submission.
    for user in (personas.penilai, personas.admin_opd, personas.pimpinan, personas.outsider):
        assert client_for(user).post(ws(zi_a, "review_return")).status_code in (403, 404)
    zi_a.refresh_from_db()
    assert zi_a.stage == "reviu"
    assert AuditLog.objects.count() == before


# --- team member removal -----------------------------------------------------------------------


def test_unit_removes_a_team_member(personas, client_for, zi_a):
    keep = domain.team_member_add(actor=personas.admin_opd, assessment=zi_a, name="Ketua Tim",
                                  role="ketua")  # fmt: skip
    gone = domain.team_member_add(actor=personas.admin_opd, assessment=zi_a, name="Anggota Satu")
    client = client_for(personas.admin_opd)
    assert f'data-testid="member-{gone.pk}"' in client.get(ws(zi_a)).content.decode()
    client.post(ws(zi_a, "team_remove"), {"member": gone.pk})
    assert list(TeamMember.objects.values_list("name", flat=True)) == [keep.name]
    log = AuditLog.objects.filter(action="integrity.team.remove").get()
    assert log.before["name"] == "Anggota Satu"


def test_team_removal_refused_for_others_and_after_proposal(personas, client_for, zi_a, zi_b):
    mine = domain.team_member_add(actor=personas.admin_opd, assessment=zi_a, name="Anggota A")
    theirs = domain.team_member_add(actor=personas.admin_pemda, assessment=zi_b, name="Anggota B")
    before = AuditLog.objects.count()
    client = client_for(personas.admin_opd)
    # Another unit's member through my own ZI's URL, and through theirs.
    assert client.post(ws(zi_a, "team_remove"), {"member": theirs.pk}).status_code == 404
    assert client.post(ws(zi_b, "team_remove"), {"member": theirs.pk}).status_code == 404
    for user in (personas.penilai, personas.pimpinan, personas.outsider):
        assert client_for(user).post(ws(zi_a, "team_remove"), {"member": mine.pk}).status_code in (
            403, 404,
        )  # fmt: skip
    client = client_for(personas.admin_opd)
    response = client.post(ws(zi_a, "team_remove"), {"member": "x"}, follow=True)
    assert "Anggota tim: Masukkan bilangan bulat" in response.content.decode()
    proposed(zi_a)
    response = client.post(ws(zi_a, "team_remove"), {"member": mine.pk}, follow=True)
    assert "sudah diusulkan" in response.content.decode()
    assert sorted(TeamMember.objects.values_list("name", flat=True)) == ["Anggota A", "Anggota B"]
    assert AuditLog.objects.count() == before


# --- team changes once proposed ----------------------------------------------------------------


def test_team_add_refused_after_proposal_changes_nothing(personas, client_for, zi_a):
    domain.team_member_add(actor=personas.admin_opd, assessment=zi_a, name="Anggota A")
    client = client_for(personas.admin_opd)
    assert 'action="{}"'.format(ws(zi_a, "team_add")) in client.get(ws(zi_a)).content.decode()
    proposed(zi_a)
    before = AuditLog.objects.count()
    page = client.get(ws(zi_a)).content.decode()
    # The add form is gone from the page once the unit is proposed ...
    assert ws(zi_a, "team_add") not in page
    # ... and a POST made anyway is refused with the reason, storing nothing.
    response = client.post(
        ws(zi_a, "team_add"), {"name": "Anggota Baru", "position": "", "role": "anggota"}
    )
    assert response.status_code == 200
    assert (
        "Penilaian ini sudah diusulkan; tim penilaian tidak dapat diubah lagi."
        in response.content.decode()
    )
    assert list(TeamMember.objects.values_list("name", flat=True)) == ["Anggota A"]
    assert AuditLog.objects.count() == before
    with pytest.raises(ValidationError) as exc:
        domain.team_member_add(actor=personas.admin_opd, assessment=zi_a, name="Anggota Baru")
    assert exc.value.messages == [
        "Penilaian ini sudah diusulkan; tim penilaian tidak dapat diubah lagi."
    ]
    assert TeamMember.objects.count() == 1
    assert AuditLog.objects.count() == before


def test_item_pic_refused_after_proposal_changes_nothing(personas, client_for, zi_a):
    domain.item_pic_set(
        actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.b", pic="Sekretaris"
    )
    proposed(zi_a)
    before = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        ws(zi_a, "pic"), {"code": "MP.P.1.b", "pic": "Kepala Seksi"}
    )
    assert "tim penilaian tidak dapat diubah lagi" in response.content.decode()
    assert list(AssessmentItem.objects.filter(assessment=zi_a, code="MP.P.1.b").values_list(
        "pic", flat=True)) == ["Sekretaris"]  # fmt: skip
    assert AuditLog.objects.count() == before


# --- the official actions need the whole Pemda -------------------------------------------------


def test_official_actions_refused_to_an_admin_pemda_of_one_unit(personas, client_for, zi_a):
    # An Admin Pemda role given over DINKES alone: it manages DINKES's ZI, but proposing it
    # and recording the TPN's scores and result are the instansi's, as the page shows.
    narrow = UserFactory(username="admin-dinkes", pemda=personas.pemda)
    narrow.role_assignments.create(pemda=personas.pemda, role=Role.ADMIN_PEMDA, unit=personas.opd_a)
    client = client_for(narrow)
    page = client.get(ws(zi_a)).content.decode()
    assert ws(zi_a, "team_add") in page
    reviewed = Assessment.objects.filter(pk=zi_a.pk)
    reviewed.update(stage=Assessment.Stage.REVIEWED)
    before = AuditLog.objects.count()
    proposal = {"target": "wbk", "signatory": "Wali Kota", "signatory_position": "Wali Kota"}
    assert client.post(ws(zi_a, "propose"), proposal).status_code == 403
    assert reviewed.get().stage == "direviu"
    proposed(zi_a)
    assert client.post(ws(zi_a, "tpn_score"), {"code": "MP.P.1.b", "answer": "C"}).status_code == (
        403
    )
    tpn = {"selection": "lulus", "verdict": "wbk", "score": "80", "note": ""}
    assert client.post(ws(zi_a, "tpn"), tpn).status_code == 403
    assert not ItemScore.objects.filter(level="tpn").exists()
    assert AuditLog.objects.count() == before
