"""The integrity pages as their users and outsiders use them."""

from __future__ import annotations

import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.evidence import domain as library
from sikap.evidence.models import Document
from sikap.integrity import domain
from sikap.integrity.models import AssessmentItem, ItemScore
from sikap.rules import zi
from tests.integrity.conftest import PDF, pdf


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


def test_workspace_shows_where_the_unit_stands(personas, client_for, zi_a):
    for item in zi.ITEMS:
        if not item.code.startswith("PW.R"):
            answer = {"ya/tidak": "Ya", "persen": "100%"}.get(item.answer_type, "A")
            domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code=item.code,
                                 answer=answer)  # fmt: skip
    response = client_for(personas.admin_opd).get(ws(zi_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["levels"][0]["result"].pengungkit == 52.5
    assert 'data-testid="total-self">52,50<' in html  # no hasil recorded yet: counts 0
    assert (
        'data-testid="short-self-wbk-area:PW">Penguatan Pengawasan: 7,50 &lt; 9,00 (kurang 1,50)'
        in html
    )
    # WBBM's total minimum is a low-confidence threshold: marked on the page.
    assert "ambang belum pasti (keyakinan rendah)" in html
    # Fastest: PW.R.2.a (weight 3, one item: 3 points), then PW.R.1.a (2.5, one item: 2.5);
    # PW.R.3's two items give 2 / 2 = 1 each.
    assert [c.code for c in response.context["closers"][:2]] == ["PW.R.2.a", "PW.R.1.a"]
    assert html.count("belum tercatat (dihitung 0)") == 3
    # A percentage item names the official count rows that feed it.
    counts = re.search(r'data-testid="counts-PW.R.3.a">([^<]*)<', html)
    assert counts is not None
    assert counts.group(1) == (
        "Persentase, atau jumlah bagian/seluruh (mis. 12/15), dari: Jumlah yang harus melaporkan; "
        "Kepala satuan kerja; Pejabat yang diwajibkan menyampaikan LHKPN; Lainnya; "
        "Jumlah yang sudah melaporkan"
    )
    assert 'data-testid="counts-SDM.R.3.a">Persentase penurunan' in html
    assert 'data-testid="counts-MP.P.1.a"' not in html


def test_unit_code_in_any_case_and_other_units_refused(personas, client_for, zi_a, zi_b):
    url = reverse("integrity:workspace", args=["zi", 2024, "dInKeS"])
    assert client_for(personas.admin_opd).get(url).status_code == 200
    assert client_for(personas.admin_opd).get(ws(zi_b)).status_code == 404
    assert client_for(personas.penilai).get(ws(zi_a)).status_code == 404
    assert client_for(personas.penilai).get(ws(zi_b)).status_code == 200
    assert client_for(personas.pegawai).get(reverse("integrity:index")).status_code == 403
    assert client_for(personas.admin_opd).get(
        reverse("integrity:workspace", args=["sakip", 2024, "DINKES"])).status_code == 404  # fmt: skip


def test_bad_answer_is_refused_with_its_reason_and_changes_nothing(personas, client_for, zi_a):
    client = client_for(personas.admin_opd)
    before = AuditLog.objects.count()
    response = client.post(ws(zi_a, "answer"), {"code": "MP.P.3.a", "answer": "E"}, follow=True)
    assert "MP.P.3.a" in response.content.decode()
    assert "harus salah satu dari A, B, C, D" in response.content.decode()
    assert ItemScore.objects.count() == 0
    assert AuditLog.objects.count() == before
    client.post(ws(zi_a, "answer"), {"code": "mp.p.1.b", "answer": "b", "justification": "SK"})
    assert list(ItemScore.objects.values_list("item__code", "answer")) == [("MP.P.1.b", "B")]


def test_download_is_scoped_and_never_inline(personas, client_for, zi_b):
    doc = library.document_upload(actor=personas.admin_opd, unit=personas.opd_a, year=2024,
                                 doc_type="sk", title="SK", upload=pdf("SK Tim.pdf"))  # fmt: skip
    url = reverse("evidence:download", args=[doc.pk, 1])
    response = client_for(personas.admin_opd).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert client_for(personas.penilai).get(url).status_code == 404
    assert client_for(personas.pegawai).get(url).status_code == 404
    assert client_for(personas.admin_opd).get(
        reverse("evidence:download", args=[doc.pk, 2])).status_code == 404  # fmt: skip


def test_upload_page_refuses_html_and_keeps_pdf(personas, client_for):
    client = client_for(personas.admin_opd)
    data = {"unit": personas.opd_a.pk, "year": "2024", "doc_type": "sk", "title": "Halaman"}
    bad = SimpleUploadedFile("x.html", b"<script>alert(1)</script>")
    response = client.post(reverse("evidence:upload"), {**data, "file": bad}, follow=True)
    assert "jenis tidak diterima" in response.content.decode()
    assert Document.objects.count() == 0
    client.post(reverse("evidence:upload"), {**data, "file": pdf()})
    assert Document.objects.get().title == "Halaman"
    other = {**data, "unit": personas.opd_b.pk, "file": pdf()}
    assert client.post(reverse("evidence:upload"), other).status_code == 404
    assert Document.objects.count() == 1


def test_lke_export_reimports(personas, client_for, zi_a, zi_b):
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", answer="Ya")
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="AK.R.1.a", answer="3/4")
    response = client_for(personas.admin_opd).get(ws(zi_a, "export"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb["LKE"].iter_rows(values_only=True))
    assert rows[2][:3] == ("kode", "jawaban", "tipe")
    assert rows[3][:2] == ("MP.P.1.a", "Ya")
    assert {r[0]: r[1] for r in rows[3:]}["AK.R.1.a"] == "75%"
    assert [r[0] for r in wb["Rekap"].iter_rows(values_only=True)][-1] == "Nilai total"
    # The same sheet into DUKCAPIL's ZI (by the Admin Pemda) gives the same answers.
    upload = SimpleUploadedFile("lke.xlsx", response.content)
    client_for(personas.admin_pemda).post(ws(zi_b, "import"), {"file": upload})
    got = dict(ItemScore.objects.filter(item__assessment=zi_b).values_list("item__code", "answer"))
    assert got == {"MP.P.1.a": "Ya", "AK.R.1.a": "75%"}


def test_an_lke_over_the_upload_limit_is_refused_at_its_field(personas, client_for, zi_a, settings):
    settings.SIKAP_IMPORT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("lke.csv", b"kode,jawaban\nMP.P.1.a,Ya\n" + b" " * 2000)
    response = client_for(personas.admin_opd).post(ws(zi_a, "import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Berkas terlalu besar (2025 byte; maksimal 1024 byte)." in html
    assert not ItemScore.objects.filter(item__assessment=zi_a).exclude(answer="").exists()


def test_pemda_overview_page(personas, client_for, zi_a, zi_b):
    response = client_for(personas.admin_pemda).get(reverse("integrity:overview") + "?year=2024")
    assert [r["assessment"].unit.code for r in response.context["rows"]] == ["DINKES", "DUKCAPIL"]
    response = client_for(personas.penilai).get(reverse("integrity:overview") + "?year=2024")
    assert [r["assessment"].unit.code for r in response.context["rows"]] == ["DUKCAPIL"]
    assert response.context["can_official"] is False


def test_workspace_keeps_working_with_answers_of_the_earlier_item_list(personas, client_for, zi_a):
    # Answers stored before the official LKE items: a code the LKE no longer has, and an A–D
    # item answered as a percentage. They are shown as not counted; the page still works.
    domain.answer_record(actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", answer="Ya")
    for code, answer in (("PW.R.1.b", "100%"), ("SDM.P.1.b", "80%")):
        row = AssessmentItem.objects.create(assessment=zi_a, code=code)
        ItemScore.objects.create(item=row, level="self", answer=answer)
    response = client_for(personas.admin_opd).get(ws(zi_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<div class="alert alert-warning small py-1 px-2" data-testid="stale-answers">'
        "Jawaban tersimpan yang tidak lagi sesuai butir LKE tahun ini (dari daftar butir "
        "sebelumnya), tidak dihitung: PW.R.1.b, SDM.P.1.b</div>"
    ) in html
    # Only MP.P.1.a counts: MP.P.1 weighs 0.5 over two items, so 0.25.
    assert response.context["levels"][0]["result"].pengungkit == 0.25
