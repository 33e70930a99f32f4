"""The SKM unit settings and the Ombudsman checklist render their forms through the one form
style (partials/form_row.html): a bad value comes back next to its field, tied to it with
aria-describedby, and nothing is stored."""

from __future__ import annotations

import re

import pytest

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import (
    OmbudsmanAssessment,
    ProductVolume,
    ServiceProduct,
    VisitCode,
)

YEAR = 2024


@pytest.fixture
def pkm(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    return su


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


def test_manage_page_fields_come_from_the_forms(client_for, personas, pkm):
    product = domain.service_product_create(actor=None, service_unit=pkm, name="Rawat Jalan")
    html = client_for(personas.admin_opd).get(f"/p/palu/layanan/unit/{pkm.pk}/kelola/").content
    html = html.decode()
    # One labelled field per input, ids per product row, no error shown.
    for field_id in (f"id_v{product.pk}_year", f"id_v{product.pk}_volume", "id_name", "id_count"):
        assert f'for="{field_id}"' in html
        assert f'id="{field_id}"' in html
    assert 'name="require_visit_code"' in html and 'id="id_require_visit_code"' in html
    assert "aria-invalid" not in html


def test_a_bad_volume_is_shown_next_to_its_field_and_nothing_is_stored(client_for, personas, pkm):
    product = domain.service_product_create(actor=None, service_unit=pkm, name="Rawat Jalan")
    other = domain.service_product_create(actor=None, service_unit=pkm, name="Imunisasi")
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/volume/",
        {"product": product.pk, "year": "2024", "volume": "-3"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, f"id_v{product.pk}_volume") == (
        "Masukkan bilangan bulat dengan angka 0–9."
    )
    assert 'value="-3"' in html  # what was typed stays in its row
    # The other product's row is a fresh form, without errors.
    assert f'id="id_v{other.pk}_volume-error"' not in html
    assert ProductVolume.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_a_bad_code_count_is_shown_next_to_its_field(client_for, personas, pkm):
    response = client_for(personas.admin_opd).post(
        f"/p/palu/layanan/unit/{pkm.pk}/kode-kunjungan/", {"count": "501"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "id_count") == (
        "Pastikan nilai ini lebih kecil dari atau sama dengan 500."
    )
    assert "Jumlah kode harus 1–500." in html
    assert VisitCode.objects.count() == 0


def test_an_empty_product_name_is_shown_next_to_its_field(client_for, personas, pkm):
    response = client_for(personas.admin_opd).post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/jenis-layanan/", {"name": ""}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_name") == "Bidang ini harus diisi."
    assert ServiceProduct.objects.filter(service_unit=pkm).count() == 0


def test_a_bad_checklist_score_is_shown_in_its_row_and_nothing_is_stored(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    page = client.get(f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/?year={YEAR}").content.decode()
    # Every row's score is a select of the year's scale, with its own id.
    assert '<select name="score" class="form-select form-select-sm" id="id_score-SP01">' in page
    audits = AuditLog.objects.count()
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?year={YEAR}",
        {"code": "SP01", "score": "9", "note": "dicoba"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "id_score-SP01") == "Nilai indikator harus 0–3."
    assert 'id="id_score-SP02-error"' not in html
    assert 'value="dicoba"' in html
    assert OmbudsmanAssessment.objects.count() == 0
    assert AuditLog.objects.count() == audits


def test_bad_complaint_figures_are_shown_next_to_their_field(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    url = f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/pengaduan/"
    for data, field, message in (
        (
            {"received": "4", "resolved": "5"},
            "id_resolved",
            "Pengaduan diselesaikan tidak boleh melebihi yang diterima.",
        ),
        (
            {"received": "empat", "resolved": "3"},
            "id_received",
            "&#x27;empat&#x27; bukan bilangan bulat.",
        ),
        (
            {"received": "", "resolved": "3"},
            "id_received",
            "Isi jumlah pengaduan diterima dan diselesaikan, atau kosongkan keduanya.",
        ),
        (
            {"received": "-1", "resolved": "0"},
            "id_received",
            "Jumlah pengaduan tidak boleh negatif.",
        ),
    ):
        response = client.post(url, {"year": str(YEAR), **data})
        assert response.status_code == 200
        assert field_error(response.content.decode(), field) == message
    assert OmbudsmanAssessment.objects.count() == 0


def test_a_bad_period_is_shown_next_to_the_period_field(client_for, personas, pkm):
    client = client_for(personas.admin_pemda)
    for url in (
        "/p/palu/layanan/",
        f"/p/palu/layanan/unit/{pkm.pk}/",
        f"/p/palu/layanan/org/{personas.opd_a.pk}/",
    ):
        html = client.get(url, {"period": "2024Q7"}).content.decode()
        error = field_error(html, "period")
        assert "2024Q7" in error, (url, error)
        assert 'value="2024Q7"' in html
        # A good period is shown in the field, without an error.
        html = client.get(url, {"period": "2024S1"}).content.decode()
        assert 'value="2024S1"' in html and 'id="period-error"' not in html
