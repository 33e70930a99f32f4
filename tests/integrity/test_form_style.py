"""The workspace renders every form through the one form style (partials/form_row.html): a bad
value comes back on the workspace next to its field, tied to it with aria-describedby, and
nothing is stored or audited."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.evidence import domain as library
from sikap.evidence.models import Document
from sikap.integrity import domain
from sikap.integrity.models import (
    Assessment,
    Attachment,
    HasilFigure,
    ItemScore,
    PemdaGates,
    TeamMember,
    TpnResult,
)

ITEM = "MP.P.3.a"  # an A–D item
OTHER = "MP.P.1.a"


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


def field_error(html: str, field_id: str) -> str:
    """The error text shown for the field `field_id`, which must point at it."""
    widget = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert widget is not None, f"no field {field_id}"
    tag = widget.group(0)
    assert f'aria-describedby="{field_id}-error"' in tag, tag
    assert 'aria-invalid="true"' in tag and "is-invalid" in tag, tag
    error = re.search(rf'<div[^>]*id="{re.escape(field_id)}-error"[^>]*>([^<]*)</div>', html)
    assert error is not None, f"no error for {field_id}"
    return error.group(1)


def test_workspace_fields_come_from_the_forms(personas, client_for, zi_a):
    html = client_for(personas.admin_opd).get(ws(zi_a)).content.decode()
    for field_id in (
        f"ans-answer-{ITEM}",
        f"ans-justification-{ITEM}",
        f"pic-pic-{ITEM}",
        "h-key",
        "h-value",
        "h-source",
        "h-source_note",
        "st-target",
        "st-pencanangan_date",
        "st-pencanangan_document",
        "tm-name",
        "tm-position",
        "tm-role",
        "imp-file",
    ):
        assert f'for="{field_id}"' in html, field_id
        assert html.count(f'id="{field_id}"') == 1, field_id
    assert f'data-testid="answer-{ITEM}"' in html
    assert 'placeholder="dd/mm/yyyy"' in html  # the date is typed day first
    assert 'name="sakip_inclusive"' not in html  # a SAKIP setting only
    assert "aria-invalid" not in html


def test_a_bad_answer_is_shown_in_its_row_and_nothing_is_stored(personas, client_for, zi_a):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        ws(zi_a, "answer"), {"code": ITEM, "answer": "E", "justification": "SK tim"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "harus salah satu dari A, B, C, D" in field_error(html, f"ans-answer-{ITEM}")
    assert 'value="E"' in html and 'value="SK tim"' in html  # what was typed stays
    assert f'id="ans-answer-{OTHER}-error"' not in html  # the other rows are fresh forms
    assert ItemScore.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_good_answer_still_goes_back_to_its_row(personas, client_for, zi_a):
    response = client_for(personas.admin_opd).post(
        ws(zi_a, "answer"), {"code": ITEM, "answer": "B"}
    )
    assert response.status_code == 302
    assert response["Location"] == ws(zi_a) + f"#item-{ITEM}"
    assert list(ItemScore.objects.values_list("item__code", "answer")) == [(ITEM, "B")]


def test_a_bad_hasil_value_and_a_missing_source_are_shown_at_their_fields(
    personas, client_for, zi_a
):
    client = client_for(personas.admin_opd)
    audits = AuditLog.objects.count()
    html = client.post(
        ws(zi_a, "hasil"), {"key": "ipak", "value": "9", "source": "manual"}
    ).content.decode()
    assert field_error(html, "h-value")
    html = client.post(
        ws(zi_a, "hasil"), {"key": "ipak", "value": "3,5", "source": "eksternal"}
    ).content.decode()
    assert field_error(html, "h-source_note") == "Nilai eksternal wajib menyebut sumbernya."
    assert HasilFigure.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_bad_pencanangan_date_is_shown_at_its_field(personas, client_for, zi_a):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        ws(zi_a, "settings"), {"target": "wbbm", "pencanangan_date": "31/02/2024"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "st-pencanangan_date") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    assert '<details class="mb-3" open>' in html  # the settings are opened at the error
    zi_a.refresh_from_db()
    assert (zi_a.target, zi_a.pencanangan_date) == ("wbk", None)
    assert AuditLog.objects.count() == audits


def test_a_day_first_pencanangan_date_is_stored(personas, client_for, zi_a):
    client_for(personas.admin_opd).post(
        ws(zi_a, "settings"), {"target": "wbbm", "pencanangan_date": "04/03/2024"}
    )
    zi_a.refresh_from_db()
    assert (zi_a.target, zi_a.pencanangan_date.isoformat()) == ("wbbm", "2024-03-04")


def test_a_team_member_without_name_is_shown_at_the_name(personas, client_for, zi_a):
    audits = AuditLog.objects.count()
    html = (
        client_for(personas.admin_opd)
        .post(ws(zi_a, "team_add"), {"name": "", "position": "Sekretaris", "role": "ketua"})
        .content.decode()
    )
    assert field_error(html, "tm-name") == "Bidang ini harus diisi."
    assert 'value="Sekretaris"' in html
    assert TeamMember.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_bad_library_document_is_shown_in_its_row(personas, client_for, zi_a, make_pdf):
    library.document_upload(actor=personas.admin_opd, unit=personas.opd_a, year=2024,
                           doc_type="laporan", title="Rekap", upload=make_pdf())  # fmt: skip
    html = (
        client_for(personas.admin_opd)
        .post(ws(zi_a, "attach"), {"code": ITEM, "document": "dua"})
        .content.decode()
    )
    assert field_error(html, f"doc-document-{ITEM}") == "Masukkan bilangan bulat dengan angka 0–9."
    assert Attachment.objects.count() == 0


def test_a_bad_tpi_score_is_shown_in_its_row(personas, client_for, zi_b):
    domain.assessment_submit(actor=personas.admin_pemda, assessment=zi_b)
    audits = AuditLog.objects.count()
    html = (
        client_for(personas.penilai)
        .post(ws(zi_b, "review"), {"code": ITEM, "answer": "Z", "flag": "lainnya", "note": "cek"})
        .content.decode()
    )
    assert "harus salah satu dari A, B, C, D" in field_error(html, f"tpi-answer-{ITEM}")
    assert 'value="cek"' in html
    assert ItemScore.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_proposal_without_signatory_is_shown_at_its_field(personas, client_for, zi_a):
    domain.assessment_submit(actor=personas.admin_opd, assessment=zi_a)
    domain.review_finish(actor=personas.admin_pemda, assessment=zi_a)
    audits = AuditLog.objects.count()
    html = (
        client_for(personas.admin_pemda)
        .post(
            ws(zi_a, "propose"),
            {"target": "wbk", "number": "800/1", "signatory_position": "Bupati"},
        )
        .content.decode()
    )
    assert field_error(html, "p-signatory") == "Bidang ini harus diisi."
    zi_a.refresh_from_db()
    assert zi_a.stage == Assessment.Stage.REVIEWED
    assert AuditLog.objects.count() == audits


def test_another_units_workspace_form_is_still_refused(personas, client_for, zi_b):
    response = client_for(personas.admin_opd).post(
        ws(zi_b, "answer"), {"code": ITEM, "answer": "Z"}
    )
    assert response.status_code == 404
    assert ItemScore.objects.count() == 0


def test_library_fields_come_from_the_forms(personas, client_for):
    html = client_for(personas.admin_opd).get(reverse("evidence:library")).content.decode()
    for field_id in ("u-unit", "u-year", "u-doc_type", "u-title", "u-valid_until", "u-file"):
        assert f'for="{field_id}"' in html and html.count(f'id="{field_id}"') == 1, field_id
    for field_id in ("l-unit", "l-title", "l-url"):
        assert f'for="{field_id}"' in html and html.count(f'id="{field_id}"') == 1, field_id
    assert 'data-searchable="Cari unit…"' in html  # the searchable unit picker
    assert "aria-invalid" not in html


def test_a_refused_upload_is_shown_at_the_file_and_stores_nothing(personas, client_for):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        reverse("evidence:upload"),
        {
            "unit": personas.opd_a.pk,
            "year": "2024",
            "doc_type": "sk",
            "title": "Halaman",
            "valid_until": "2025-13-01",
            "file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "u-valid_until") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    assert 'value="Halaman"' in html
    response = client_for(personas.admin_opd).post(
        reverse("evidence:upload"),
        {
            "unit": personas.opd_a.pk,
            "year": "2024",
            "doc_type": "sk",
            "title": "Halaman",
            "file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>"),
        },
    )
    assert "jenis tidak diterima" in field_error(response.content.decode(), "u-file")
    assert Document.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_link_without_http_is_shown_at_the_url(personas, client_for):
    html = (
        client_for(personas.admin_opd)
        .post(
            reverse("evidence:link"),
            {
                "unit": personas.opd_a.pk,
                "year": "2024",
                "doc_type": "sk",
                "title": "SK",
                "url": "ftp://x",
            },  # fmt: skip
        )
        .content.decode()
    )
    assert field_error(html, "l-url") == "Tautan harus diawali http:// atau https://."
    assert Document.objects.count() == 0


def test_a_bad_replacement_is_shown_at_the_file(personas, client_for, make_pdf):
    doc = library.document_upload(actor=personas.admin_opd, unit=personas.opd_a, year=2024,
                                 doc_type="laporan", title="Rekap", upload=make_pdf())  # fmt: skip
    response = client_for(personas.admin_opd).post(
        reverse("evidence:replace", args=[doc.pk]),
        {"file": SimpleUploadedFile("x.html", b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert "jenis tidak diterima" in field_error(response.content.decode(), "r-file")
    assert doc.versions.count() == 1


def test_a_bad_start_year_is_shown_at_its_field_and_nothing_starts(personas, client_for):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        reverse("integrity:start"),
        {"unit": personas.opd_a.pk, "kind": "zi", "year": "1999", "pencanangan_date": "1/2/24"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        field_error(html, "s-year") == "Pastikan nilai ini lebih besar dari atau sama dengan 2000."
    )
    assert field_error(html, "s-pencanangan_date") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    assert 'data-searchable="Cari unit…"' in html
    assert Assessment.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_day_first_start_is_stored(personas, client_for):
    client_for(personas.admin_opd).post(
        reverse("integrity:start"),
        {"unit": personas.opd_a.pk, "kind": "zi", "year": "2025", "pencanangan_date": "02/01/2025"},
    )
    a = Assessment.objects.get()
    assert (a.unit, a.year, a.pencanangan_date.isoformat()) == (
        personas.opd_a,
        2025,
        "2025-01-02",
    )


def test_a_bad_year_in_the_picker_is_shown_at_it(personas, client_for):
    html = client_for(personas.admin_opd).get(reverse("integrity:index") + "?year=20x4")
    assert field_error(html.content.decode(), "year-year") == (
        "Masukkan bilangan bulat dengan angka 0–9."
    )


def test_a_half_window_is_shown_at_the_gates_and_nothing_is_stored(personas, client_for):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_pemda).post(
        reverse("integrity:gates"),
        {"year": "2024", "wtp": "true", "akip": "BB", "window_start": "01/03/2024"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "g-window_end") == (
        "Isi awal dan akhir masa usulan, awal tidak setelah akhir."
    )
    assert '<option value="BB" selected>' in html  # what was chosen stays
    assert PemdaGates.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_gates_are_stored_from_day_first_dates(personas, client_for):
    client_for(personas.admin_pemda).post(
        reverse("integrity:gates"),
        {
            "year": "2024",
            "wtp": "false",
            "akip": "A",
            "indeks_rb": "B",
            "window_start": "01/03/2024",
            "window_end": "30/04/2024",
        },  # fmt: skip
    )
    g = PemdaGates.objects.get()
    assert (g.wtp, g.akip, g.indeks_rb, str(g.window_start), str(g.window_end)) == (
        False,
        "A",
        "B",
        "2024-03-01",
        "2024-04-30",
    )
    html = client_for(personas.admin_pemda).get(reverse("integrity:overview") + "?year=2024")
    assert '<option value="false" selected>' in html.content.decode()


def _proposed(a: Assessment) -> Assessment:
    Assessment.objects.filter(pk=a.pk).update(stage=Assessment.Stage.PROPOSED)
    a.refresh_from_db()
    return a


def test_a_bad_tpn_item_score_is_shown_in_its_row_whatever_the_code_case(
    personas, client_for, zi_b
):
    _proposed(zi_b)
    audits = AuditLog.objects.count()
    html = (
        client_for(personas.admin_pemda)
        .post(ws(zi_b, "tpn_score"), {"code": ITEM.lower(), "answer": "E", "note": "SK lama"})
        .content.decode()
    )
    assert "harus salah satu dari A, B, C, D" in field_error(html, f"tpn-answer-{ITEM.lower()}")
    assert 'value="SK lama"' in html
    assert f'id="tpn-answer-{ITEM}"' not in html  # the refused form took its row's place
    assert ItemScore.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_bad_tpn_result_score_is_shown_at_its_field(personas, client_for, zi_b):
    _proposed(zi_b)
    audits = AuditLog.objects.count()
    html = (
        client_for(personas.admin_pemda)
        .post(
            ws(zi_b, "tpn"), {"selection": "lulus", "verdict": "WBK", "score": "101", "note": "x"}
        )
        .content.decode()
    )
    assert field_error(html, "t-score") == "Nilai TPN harus angka 0–100."
    assert 'name="reason"' not in html  # asked only on the confirm page
    assert TpnResult.objects.count() == 0
    assert AuditLog.objects.count() == audits
