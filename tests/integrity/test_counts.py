"""The LKE's count rows ("jumlah"): kept per level, shown and taken in the workspace, exported
under their item and imported back."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.integrity import domain, scoring
from sikap.integrity.domain.counts import counts_write
from sikap.integrity.models import ItemCount, ItemScore


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


def _fractions(a, level="self"):  # type: ignore[no-untyped-def]
    r = scoring.zi_status(a, level).result
    return {c: f for s in r.subcomponents.values() for c, f in s.items.items()}


def _counts(a, level="self"):  # type: ignore[no-untyped-def]
    return dict(ItemCount.objects.filter(assessment=a, level=level).values_list("code", "value"))


LHKPN = {"code": "PW.R.3.a", "PW.R.3.a.1": "", "PW.R.3.a.2": "1", "PW.R.3.a.3": "6",
         "PW.R.3.a.4": "1", "PW.R.3.a.5": "6"}  # fmt: skip


def test_workspace_takes_the_count_rows_and_shows_their_percentage(personas, client_for, zi_a):
    client = client_for(personas.admin_opd)
    page = client.get(ws(zi_a)).content.decode()
    assert 'data-testid="count-PW.R.3.a.5"' in page
    assert 'data-testid="count-percent-PW.R.3.a">Jumlah mandiri belum memberi persentase.' in page
    response = client.post(ws(zi_a, "counts"), LHKPN)
    assert response.status_code == 302
    assert _counts(zi_a) == {"PW.R.3.a.2": 1, "PW.R.3.a.3": 6, "PW.R.3.a.4": 1, "PW.R.3.a.5": 6}
    assert AuditLog.objects.filter(action="integrity.count.self").count() == 4
    # the item itself is left blank: whole = 1 + 6 + 1 = 8, reported 6, 6 / 8 = 75 %
    assert not ItemScore.objects.filter(item__code="PW.R.3.a").exists()
    assert _fractions(zi_a)["PW.R.3.a"] == 0.75
    page = client.get(ws(zi_a)).content.decode()
    assert 'data-testid="count-percent-PW.R.3.a">Persentase dari jumlah mandiri: 75%' in page
    assert 'data-testid="count-self-PW.R.3.a.3">6<' in page
    # the snapshot the Pemda view reads moved with it: PW.R.3 (weight 2, two items) 0.75 / 2 × 2
    snap = zi_a.snapshots.get(level="self")
    assert str(snap.pengungkit) == "0.75"
    # a blank row clears it (audited); 1 + 6 = 7 required now, 6 / 7
    client.post(ws(zi_a, "counts"), {**LHKPN, "PW.R.3.a.4": ""})
    assert "PW.R.3.a.4" not in _counts(zi_a)
    assert AuditLog.objects.filter(action="integrity.count.self").count() == 5
    assert round(_fractions(zi_a)["PW.R.3.a"], 6) == round(6 / 7, 6)
    # a direct answer wins over the counts
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="PW.R.3.a", answer="40%")
    assert _fractions(zi_a)["PW.R.3.a"] == 0.4


def test_a_bad_count_is_refused_at_its_row_and_changes_nothing(personas, client_for, zi_a):
    client = client_for(personas.admin_opd)
    client.post(ws(zi_a, "counts"), LHKPN)
    stored, logs = _counts(zi_a), AuditLog.objects.count()
    bad = {**LHKPN, "PW.R.3.a.1": "-1", "PW.R.3.a.2": "2.5", "PW.R.3.a.3": "enam",
           "PW.R.3.a.5": "7"}  # fmt: skip
    response = client.post(ws(zi_a, "counts"), bad)
    html = response.content.decode()
    assert response.status_code == 200
    for code, value in (("PW.R.3.a.1", "-1"), ("PW.R.3.a.2", "2.5"), ("PW.R.3.a.3", "enam")):
        assert f"Jumlah {code} (" in html
        assert f"harus bilangan bulat ≥ 0 tanpa desimal, bukan «{value}»" in html
    # each error at its field: the field is marked invalid and described by its error
    assert response.context["items"]  # the workspace came back
    form = next(r["forms"]["counts"] for r in response.context["items"] if r["code"] == "PW.R.3.a")
    assert sorted(form.errors) == ["PW.R.3.a.1", "PW.R.3.a.2", "PW.R.3.a.3"]
    assert _counts(zi_a) == stored  # the good row (PW.R.3.a.5 = 7) was not taken either
    assert AuditLog.objects.count() == logs


def test_counts_of_another_item_or_a_proposed_unit_are_refused(personas, zi_a):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="tidak memiliki baris jumlah"):
        domain.counts_record(actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a",
                             values={"MP.P.1.a.1": "1"})  # fmt: skip
    with pytest.raises(ValidationError, match="bukan milik butir"):
        domain.counts_record(actor=personas.admin_opd, assessment=zi_a, code="PW.R.3.a",
                             values={"PW.R.3.b.1": "1"})  # fmt: skip
    zi_a.stage = "diusulkan"
    zi_a.save()
    with pytest.raises(ValidationError, match="sudah diusulkan"):
        domain.counts_record(actor=personas.admin_opd, assessment=zi_a, code="PW.R.3.a",
                             values={"PW.R.3.a.1": "1"})  # fmt: skip
    assert ItemCount.objects.count() == 0


def test_a_higher_level_gives_an_items_counts_whole(personas, zi_a):
    from django.db import transaction

    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="PW.R.3.a", answer="50%")
    domain.counts_record(actor=personas.admin_opd, assessment=zi_a, code="AK.R.1.a",
                         values={"AK.R.1.a.1": "4", "AK.R.1.a.2": "1"})  # fmt: skip
    with transaction.atomic():
        # the TPI's counts of PW.R.3.a set the unit's direct 50 % aside: 3 of 4 = 0.75;
        # its AK.R.1.a.2 alone makes AK.R.1.a blank at the TPI level (no whole of its own)
        counts_write(actor=personas.penilai, assessment=zi_a, level="tpi",
                     values={"PW.R.3.a.1": 4, "PW.R.3.a.5": 3, "AK.R.1.a.2": 2})  # fmt: skip
    assert _fractions(zi_a, "self")["PW.R.3.a"] == 0.5
    assert _fractions(zi_a, "self")["AK.R.1.a"] == 0.25  # 1 / 4
    assert _fractions(zi_a, "tpi")["PW.R.3.a"] == 0.75
    assert _fractions(zi_a, "tpi")["AK.R.1.a"] is None
    assert _fractions(zi_a, "tpn")["PW.R.3.a"] == 0.75


def test_export_writes_the_count_rows_and_imports_back_exactly(personas, client_for, zi_a, zi_b):
    actor = personas.admin_opd
    domain.answer_record(actor=actor, assessment=zi_a, code="MP.P.1.a", answer="Ya")
    domain.answer_record(actor=actor, assessment=zi_a, code="PW.R.3.b", answer="90%")
    domain.counts_record(actor=actor, assessment=zi_a, code="PW.R.3.b",
                         values={"PW.R.3.b.1": "10", "PW.R.3.b.5": "5"})  # fmt: skip
    domain.counts_record(actor=actor, assessment=zi_a, code="PW.R.3.a",
                         values={k: v for k, v in LHKPN.items() if k != "code"})  # fmt: skip
    # SDM.R.3.a: breaches 8 last year, 6 this year: (8 − 6) / 8 = 0.25; 0 sanctioned
    domain.counts_record(actor=actor, assessment=zi_a, code="SDM.R.3.a",
                         values={"SDM.R.3.a.1": "8", "SDM.R.3.a.2": "6", "SDM.R.3.a.3": "0"})  # fmt: skip
    response = client_for(actor).get(ws(zi_a, "export"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb["LKE"].iter_rows(values_only=True))
    codes = [r[0] for r in rows[3:]]
    # the count rows follow their item: kode, jawaban (the count), "jumlah", ..., its text
    at = codes.index("PW.R.3.a")
    assert codes[at : at + 6] == ["PW.R.3.a", "PW.R.3.a.1", "PW.R.3.a.2", "PW.R.3.a.3",
                                  "PW.R.3.a.4", "PW.R.3.a.5"]  # fmt: skip
    line = rows[3 + at + 5]
    assert (line[0], line[1], line[2], line[5]) == (
        "PW.R.3.a.5",
        6,
        "jumlah",
        "Jumlah yang sudah melaporkan",
    )
    assert rows[3 + at + 1][1] in (None, "")  # the blank whole stays blank
    assert len(codes) == 110 + 24
    # into DUKCAPIL's ZI (by the Admin Pemda): the same answers, counts and scores
    upload = SimpleUploadedFile("lke.xlsx", response.content)
    assert (
        client_for(personas.admin_pemda).post(ws(zi_b, "import"), {"file": upload}).status_code
        == 302
    )
    answers = lambda a: dict(  # noqa: E731
        ItemScore.objects.filter(item__assessment=a).values_list("item__code", "answer")
    )
    assert answers(zi_b) == answers(zi_a) == {"MP.P.1.a": "Ya", "PW.R.3.b": "90%"}
    assert _counts(zi_b) == _counts(zi_a) == {
        "PW.R.3.a.2": 1, "PW.R.3.a.3": 6, "PW.R.3.a.4": 1, "PW.R.3.a.5": 6,
        "PW.R.3.b.1": 10, "PW.R.3.b.5": 5, "SDM.R.3.a.1": 8, "SDM.R.3.a.2": 6, "SDM.R.3.a.3": 0}  # fmt: skip
    assert _fractions(zi_b) == _fractions(zi_a)
    assert _fractions(zi_b)["SDM.R.3.a"] == 0.25
    assert _fractions(zi_b)["PW.R.3.a"] == 0.75
    a_snap, b_snap = zi_a.snapshots.get(level="self"), zi_b.snapshots.get(level="self")
    assert (b_snap.total, b_snap.pengungkit) == (a_snap.total, a_snap.pengungkit)


def test_the_tpi_gives_its_own_counts_beside_the_units(personas, client_for, zi_b):
    unit = personas.admin_pemda
    domain.counts_record(actor=unit, assessment=zi_b, code="AK.R.1.a",
                         values={"AK.R.1.a.1": "4", "AK.R.1.a.2": "3"})  # fmt: skip
    tpi = client_for(personas.penilai)
    post = {"code": "AK.R.1.a", "AK.R.1.a.1": "4", "AK.R.1.a.2": "1"}
    # not in review yet: refused, nothing stored
    logs = AuditLog.objects.count()
    assert tpi.post(ws(zi_b, "review_counts"), post).status_code == 200
    assert _counts(zi_b, "tpi") == {}
    assert AuditLog.objects.count() == logs
    domain.assessment_submit(actor=unit, assessment=zi_b)
    page = tpi.get(ws(zi_b)).content.decode()
    assert 'data-testid="tpi-count-AK.R.1.a.2"' in page
    assert tpi.post(ws(zi_b, "review_counts"), post).status_code == 302
    assert _counts(zi_b, "tpi") == {"AK.R.1.a.1": 4, "AK.R.1.a.2": 1}
    assert _counts(zi_b, "self") == {"AK.R.1.a.1": 4, "AK.R.1.a.2": 3}  # the unit's untouched
    assert AuditLog.objects.filter(action="integrity.count.tpi").count() == 2
    assert _fractions(zi_b, "self")["AK.R.1.a"] == 0.75  # 3 / 4
    assert _fractions(zi_b, "tpi")["AK.R.1.a"] == 0.25  # 1 / 4
    # a bad TPI count: at its field, nothing changes
    response = tpi.post(ws(zi_b, "review_counts"), {**post, "AK.R.1.a.2": "1,5"})
    assert response.status_code == 200
    assert "Jumlah AK.R.1.a.2 (" in response.content.decode()
    assert _counts(zi_b, "tpi") == {"AK.R.1.a.1": 4, "AK.R.1.a.2": 1}
