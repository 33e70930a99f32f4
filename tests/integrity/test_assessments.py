"""ZI and SAKIP self-assessments: answers, hasil, review levels side by side, gates, proposal,
TPN versions. Every refused action leaves the rows as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sikap.core.models import AuditLog
from sikap.core.versioning import ChangeNeedsReason
from sikap.integrity import domain, queries, scoring
from sikap.integrity.models import Assessment, HasilFigure, ItemScore, TpnResultVersion
from sikap.rules import zi


def _full(assessment, actor, *, skip=()):  # type: ignore[no-untyped-def]
    for item in zi.ITEMS:
        if item.code.startswith(skip):
            continue
        answer = {"ya/tidak": "ya", "persen": "100%"}.get(item.answer_type, "a")
        domain.answer_record(actor=actor, assessment=assessment, code=item.code, answer=answer)


def _hasil(assessment, actor, capaian="B", ipak="3.70", ipkp="3.40"):  # type: ignore[no-untyped-def]
    for key, value in (("capaian_kinerja", capaian), ("ipak", ipak), ("ipkp", ipkp)):
        domain.hasil_record(actor=actor, assessment=assessment, key=key, value=value,
                            source="eksternal", source_note="Survei KemenPANRB 2024")  # fmt: skip


def test_start_once_per_unit_kind_year(personas, zi_a):
    assert (zi_a.stage, zi_a.target, zi_a.pemda_id) == ("isian", "wbk", personas.pemda.pk)
    with pytest.raises(ValidationError, match="sudah dimulai"):
        domain.assessment_start(actor=personas.admin_opd, unit=personas.opd_a, kind="zi", year=2024)
    sakip = domain.assessment_start(
        actor=personas.admin_opd, unit=personas.opd_a, kind="sakip", year=2024
    )
    assert sakip.kind == "sakip"
    with pytest.raises(ValidationError, match="2019"):
        domain.assessment_start(actor=personas.admin_opd, unit=personas.opd_a, kind="zi", year=2019)
    assert Assessment.objects.count() == 2


def test_answers_normalised_and_bad_ones_change_nothing(personas, zi_a):
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="mp.p.1.a", answer=" y ",
                         justification="SK Kepala Dinas 2024")  # fmt: skip
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="AK.R.1.a", answer="12/15")
    got = dict(ItemScore.objects.values_list("item__code", "answer"))
    assert got == {"MP.P.1.a": "Ya", "AK.R.1.a": "80%"}
    logs = AuditLog.objects.count()
    for code, answer in (("MP.P.1.b", "E"), ("MP.P.1.a", "mungkin"), ("XX.9", "Ya"),
                         ("AK.R.1.a", "5/0"), ("AK.R.1.a", "abc%")):  # fmt: skip
        with pytest.raises(ValidationError):
            domain.answer_record(
                actor=personas.admin_opd, assessment=zi_a, code=code, answer=answer
            )
    assert dict(ItemScore.objects.values_list("item__code", "answer")) == got
    assert AuditLog.objects.count() == logs
    assert AuditLog.objects.filter(action="integrity.answer.self").count() == 2


def test_hasil_from_index_option_and_source(personas, zi_a):
    _hasil(zi_a, personas.admin_opd)
    pts = dict(HasilFigure.objects.values_list("key", "points"))
    assert pts == {"capaian_kinerja": Decimal("3.7500"), "ipak": Decimal("16.1875"),
                   "ipkp": Decimal("14.8750")}  # fmt: skip
    with pytest.raises(ValidationError, match="sumber"):
        domain.hasil_record(actor=personas.admin_opd, assessment=zi_a, key="ipak", value="3.9",
                            source="eksternal")  # fmt: skip
    with pytest.raises(ValidationError):
        domain.hasil_record(actor=personas.admin_opd, assessment=zi_a, key="ipak", value="4,5",
                            source="manual")  # fmt: skip
    with pytest.raises(ValidationError):  # only SIKAP itself records a figure as its own
        domain.hasil_record(actor=personas.admin_opd, assessment=zi_a, key="ipak", value="3.9",
                            source="sikap")  # fmt: skip
    assert HasilFigure.objects.get(key="ipak").points == Decimal("16.1875")


def test_full_marks_except_pengawasan_reform_is_short_on_pengawasan(personas, zi_a):
    _full(zi_a, personas.admin_opd, skip=("PW.R",))
    _hasil(zi_a, personas.admin_opd)
    data = queries.zi_status_dict(zi_a, user=personas.admin_opd)
    assert (data["pengungkit"], data["hasil"], data["total"]) == (52.5, 34.81, 87.31)
    assert data["areas"]["PW"] == {"score": 7.5, "percent": 50.0}
    assert data["wbk"]["eligible"] is False
    assert data["wbk"]["shortfalls"] == [{"rule": "area:PW", "actual": 7.5, "required": 9.0,
                                          "short": 1.5, "confidence": "medium"}]  # fmt: skip
    status = scoring.zi_status(zi_a)
    assert status.closers[0].code == "PW.R.2.a"


def test_tpi_scores_beside_the_unit_and_levels_overlay(personas, zi_a):
    _full(zi_a, personas.admin_opd)
    _hasil(zi_a, personas.admin_opd)
    with pytest.raises(ValidationError, match="reviu"):
        domain.review_score(actor=personas.penilai, assessment=zi_a, code="PW.R.2.a", answer="0%")
    domain.assessment_submit(actor=personas.admin_opd, assessment=zi_a)
    domain.review_score(actor=personas.penilai, assessment=zi_a, code="pw.r.2.a", answer="50%",
                        note="Bukti tindak lanjut pengaduan belum ada", flag="eviden_kurang")  # fmt: skip
    scores = {(s.item.code, s.level): s for s in ItemScore.objects.filter(item__code="PW.R.2.a")}
    assert scores[("PW.R.2.a", "self")].answer == "100%"
    tpi = scores[("PW.R.2.a", "tpi")]
    assert (tpi.answer, tpi.flag, tpi.note) == (
        "50%",
        "eviden_kurang",
        "Bukti tindak lanjut pengaduan belum ada",
    )
    self_total = scoring.zi_status(zi_a, "self").result.total
    tpi_total = scoring.zi_status(zi_a, "tpi").result.total
    assert round(self_total - tpi_total, 2) == 1.5  # half of a 3-point item
    domain.review_reply(actor=personas.admin_opd, assessment=zi_a, code="PW.R.2.a",
                        reply="Rekap pengaduan dilampirkan")  # fmt: skip
    with pytest.raises(ValidationError):
        domain.review_score(
            actor=personas.penilai, assessment=zi_a, code="PW.R.2.a", answer="x", flag=""
        )
    with pytest.raises(ValidationError):
        domain.review_score(
            actor=personas.penilai, assessment=zi_a, code="PW.R.2.a", answer="", flag="bogus"
        )
    domain.review_finish(actor=personas.penilai, assessment=zi_a)
    assert Assessment.objects.get(pk=zi_a.pk).stage == "direviu"
    with pytest.raises(ValidationError):
        domain.assessment_submit(actor=personas.admin_opd, assessment=zi_a)


def _reviewed(personas, assessment):  # type: ignore[no-untyped-def]
    _full(assessment, personas.admin_opd)
    _hasil(assessment, personas.admin_opd)
    domain.assessment_submit(actor=personas.admin_opd, assessment=assessment)
    domain.review_finish(actor=personas.penilai, assessment=assessment)


def _propose(personas, assessment, **kw):  # type: ignore[no-untyped-def]
    args = {"actor": personas.admin_pemda, "assessment": assessment, "target": "wbk",
            "signatory": "Hadianto Rasyid", "signatory_position": "Wali Kota Palu",
            "on": dt.date(2024, 7, 20)}  # fmt: skip
    args.update(kw)
    return domain.proposal_make(**args)


def test_proposal_checks_gates_and_window(personas, zi_a):
    _reviewed(personas, zi_a)
    with pytest.raises(ValidationError, match="wtp, akip, indeks_rb"):
        _propose(personas, zi_a)
    domain.gates_record(actor=personas.admin_pemda, pemda=personas.pemda, year=2024,
                        wtp=True, akip="b", indeks_rb="CC")  # fmt: skip
    with pytest.raises(ValidationError, match="window"):
        _propose(personas, zi_a, on=dt.date(2024, 8, 1))
    with pytest.raises(ValidationError, match="akip, indeks_rb, pelayanan_prima"):
        _propose(personas, zi_a, target="wbbm")
    assert Assessment.objects.get(pk=zi_a.pk).stage == "direviu"
    proposal = _propose(personas, zi_a)
    assert proposal.snapshot["ok"] is True
    assert proposal.snapshot["total"] == 94.81
    assert Assessment.objects.get(pk=zi_a.pk).stage == "diusulkan"
    with pytest.raises(ValidationError, match="diusulkan"):
        domain.answer_record(
            actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", answer="Tidak"
        )


def test_tpn_result_is_versioned(personas, zi_a):
    _reviewed(personas, zi_a)
    domain.gates_record(actor=personas.admin_pemda, pemda=personas.pemda, year=2024,
                        wtp=True, akip="BB", indeks_rb="B")  # fmt: skip
    _propose(personas, zi_a)
    head = domain.tpn_result_record(actor=personas.admin_pemda, assessment=zi_a, selection="lulus",
                                    verdict="-", score="80,5")  # fmt: skip
    with pytest.raises(ChangeNeedsReason):
        domain.tpn_result_record(actor=personas.admin_pemda, assessment=zi_a, selection="lulus",
                                 verdict="WBK", score="80.5")  # fmt: skip
    domain.tpn_result_record(actor=personas.admin_pemda, assessment=zi_a, selection="lulus",
                             verdict="WBK", score="80.5", reason="Penetapan Menteri")  # fmt: skip
    versions = list(TpnResultVersion.objects.filter(head=head).order_by("number")
                    .values_list("number", "verdict", "score"))  # fmt: skip
    assert versions == [(1, "-", Decimal("80.50")), (2, "WBK", Decimal("80.50"))]


def test_sakip_workspace_scores_the_worked_case(personas):
    a = domain.assessment_start(
        actor=personas.admin_opd, unit=personas.opd_a, kind="sakip", year=2024
    )
    grades = ["A", "BB", "B", "AA", "A", "BB", "A", "B", "CC", "B", "CC", "C"]
    codes = [r["code"] for r in queries.instrument_rows(a)]
    for code, g in zip(codes, grades, strict=True):
        domain.answer_record(
            actor=personas.admin_opd, assessment=a, code=code.upper(), answer=g.lower()
        )
    ws = queries.workspace(a)
    r = ws["status"]["self"].result
    assert (r.score, r.category) == (73.8, "BB")
    with pytest.raises(ValidationError):
        domain.hasil_record(
            actor=personas.admin_opd, assessment=a, key="ipak", value="3", source="manual"
        )


def test_scoping_of_assessments(personas, zi_a, zi_b):
    def seen(user):  # type: ignore[no-untyped-def]
        return sorted(a.unit.code for a in queries.assessments_visible(user, personas.pemda))

    assert seen(personas.admin_pemda) == ["DINKES", "DUKCAPIL"]
    assert seen(personas.admin_opd) == ["DINKES"]
    assert seen(personas.penilai) == ["DUKCAPIL"]  # the TPI sees the units assigned to it
    assert seen(personas.pegawai) == []
    assert seen(personas.outsider) == []
    from django.http import Http404

    with pytest.raises(Http404):
        queries.assessment_get(personas.admin_opd, personas.pemda, zi_b.pk)
    with pytest.raises(Http404):
        queries.assessment_get(
            personas.penilai, personas.pemda, zi_a.pk, capability="integrity.review"
        )
    assert (
        queries.assessment_get(
            personas.penilai, personas.pemda, zi_b.pk, capability="integrity.review"
        )
        == zi_b
    )


def test_pemda_overview_reads_snapshots(personas, zi_a, zi_b, django_assert_max_num_queries):
    _full(zi_a, personas.admin_opd, skip=("PW.R",))
    _hasil(zi_a, personas.admin_opd)
    data = queries.pemda_overview(personas.admin_pemda, personas.pemda, 2024)
    rows = {r["assessment"].unit.code: r for r in data["rows"]}
    assert set(rows) == {"DINKES", "DUKCAPIL"}
    a = rows["DINKES"]
    assert (a["self"].total, a["self"].pengungkit, a["self"].hasil) == (
        Decimal("87.31"), Decimal("52.50"), Decimal("34.81"))  # fmt: skip
    assert a["wbk_short"] == [{"rule": "area:PW", "short": 1.5, "confidence": "medium"}]
    assert rows["DUKCAPIL"]["hasil_missing"] == ["capaian_kinerja", "ipak", "ipkp"]
    assert a["tpi"] is None  # not under review yet
    only_b = queries.pemda_overview(personas.penilai, personas.pemda, 2024)
    assert [r["assessment"].unit.code for r in only_b["rows"]] == ["DUKCAPIL"]
    with django_assert_max_num_queries(8):
        queries.pemda_overview(personas.admin_pemda, personas.pemda, 2024)


def test_overview_queries_do_not_grow_with_units(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_unit

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            queries.pemda_overview(personas.admin_pemda, personas.pemda, 2024)
        return len(ctx.captured_queries)

    domain.assessment_start(actor=personas.admin_pemda, unit=personas.opd_a, kind="zi", year=2024)
    count()  # the user's reach is read once, then cached on the user
    one = count()
    for i in range(3):
        unit = make_unit(personas.pemda, f"U{i}", f"Unit {i}", "dinas")
        domain.assessment_start(actor=personas.admin_pemda, unit=unit, kind="zi", year=2024)
    assert count() == one


def test_sakip_review_and_inclusive_setting_move_the_snapshot(personas):
    from sikap.integrity.models import ScoreSnapshot

    a = domain.assessment_start(
        actor=personas.admin_opd, unit=personas.opd_a, kind="sakip", year=2024
    )
    # 30 + 30 + 15 (all AA) + evaluasi pemenuhan AA (5) = 80.00: the A/BB boundary.
    for code in [r["code"] for r in queries.instrument_rows(a)]:
        full = not code.startswith("evaluasi") or code == "evaluasi.pemenuhan"
        domain.answer_record(
            actor=personas.admin_opd, assessment=a, code=code, answer="AA" if full else "E"
        )
    snap = ScoreSnapshot.objects.get(assessment=a, level="self")
    assert (snap.total, snap.category) == (Decimal("80.00"), "BB")
    domain.assessment_settings_set(actor=personas.admin_opd, assessment=a, target="wbk",
                                   pencanangan_date=None, pencanangan_document=None,
                                   sakip_inclusive=True)  # fmt: skip
    assert ScoreSnapshot.objects.get(assessment=a, level="self").category == "A"
    domain.assessment_submit(actor=personas.admin_opd, assessment=a)
    domain.review_score(actor="TPI Inspektorat", assessment=a, code="EVALUASI.PEMENUHAN",
                        answer="e", note="LHE AKIP internal belum ada", flag="eviden_kurang")  # fmt: skip
    tpi = ScoreSnapshot.objects.get(assessment=a, level="tpi")
    own = ScoreSnapshot.objects.get(assessment=a, level="self")
    assert (tpi.total, tpi.category, own.total) == (Decimal("75.00"), "BB", Decimal("80.00"))
