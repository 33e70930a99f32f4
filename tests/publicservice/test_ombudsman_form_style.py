"""The Ombudsman Pemda page renders its forms through the one form style: the official result,
each finding's follow-up, a new finding and the year/target filter. A refused value comes back
on the page next to its field, tied to it with aria-describedby, and nothing is stored."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import OmbudsmanFinding, OmbudsmanResult
from tests.form_style import field_error


@pytest.fixture
def finding(personas):
    result = domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2023, score=86.07
    )
    return domain.ombudsman_finding_add(
        actor=None, result=result, text="Maklumat belum dipajang", unit=None
    )


def stored(finding=None):
    row = None
    if finding is not None:
        finding.refresh_from_db()
        row = (finding.status, finding.closure_note, bool(finding.evidence))
    return (
        OmbudsmanResult.objects.count(),
        OmbudsmanFinding.objects.count(),
        AuditLog.objects.count(),
        row,
    )


def test_the_page_forms_are_rendered_in_the_one_style(client_for, personas, finding):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("publicservice:ombudsman_pemda"), {"year": "2025"})
        .content.decode()
    )
    # the official result: the year's dimensions and the units as fields with their labels
    assert '<label class="form-label small" for="r-kepercayaan">' in html
    assert '<input type="text" name="kepercayaan" class="form-control" id="r-kepercayaan">' in html
    sampled = re.search(r'<select name="sampled"[^>]*>.*?</select>', html, re.S)
    assert sampled is not None and "multiple" in sampled.group(0)
    assert f'<option value="{personas.opd_b.pk}">{personas.opd_b.name}</option>' in sampled.group(0)
    # a finding's follow-up and a new finding, each with its own ids
    assert (
        f'<select name="status" class="form-select form-select-sm" id="f{finding.pk}-status">'
        in html
    )
    assert f'id="nf{finding.result_id}-text"' in html
    # the filter keeps the year asked
    assert (
        '<input type="text" name="year" value="2025" class="form-control form-control-sm" size="5" id="filter-year">'
        in html
    )


def test_a_bad_score_is_shown_at_its_field_and_nothing_is_recorded(client_for, personas, finding):
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:ombudsman_record"),
        {"year": "2024", "score": "delapan", "sampled": [personas.opd_b.pk]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "r-score") == "Nilai &#x27;delapan&#x27; bukan angka."
    assert f'<option value="{personas.opd_b.pk}" selected>' in html  # the choice is kept
    assert '<details class="mb-4" open>' in html
    assert stored() == before


def test_a_bad_dimension_is_shown_at_its_field(client_for, personas, finding):
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:ombudsman_record"),
        {"year": "2025", "score": "80", "kepercayaan": "tinggi"},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "r-kepercayaan") == (
        "Nilai dimensi kepercayaan bukan angka."
    )
    assert stored() == before


def test_closing_a_finding_without_evidence_is_refused_at_the_evidence(
    client_for, personas, finding
):
    before = stored(finding)
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:ombudsman_finding_update", args=[finding.pk]),
        {"status": "closed", "closure_note": "Sudah"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, f"f{finding.pk}-evidence") == (
        "Temuan hanya dapat ditutup dengan bukti penyelesaian."
    )
    assert 'value="Sudah"' in html
    assert stored(finding) == before


def test_an_unknown_status_is_refused_at_the_status(client_for, personas, finding):
    before = stored(finding)
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\nxx", content_type="image/png")
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:ombudsman_finding_update", args=[finding.pk]),
        {"status": "hilang", "evidence": png},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), f"f{finding.pk}-status") == (
        "Status hilang tidak dikenal."
    )
    assert stored(finding) == before


def test_an_empty_finding_is_refused_at_its_text(client_for, personas, finding):
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:ombudsman_finding_add", args=[finding.result_id]), {"text": "  "}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), f"nf{finding.result_id}-text") == (
        "Isi temuan wajib diisi."
    )
    assert stored() == before


def test_a_year_without_rules_in_the_filter_is_shown_at_it(client_for, personas, finding):
    response = client_for(personas.admin_pemda).get(
        reverse("publicservice:ombudsman_pemda"), {"year": "1990", "target": "Z"}
    )
    assert response.status_code == 200  # the page still shows, for this year
    html = response.content.decode()
    assert field_error(html, "filter-year") == "Tidak ada aturan untuk tahun 1990."
    assert field_error(html, "filter-target").startswith("Masukkan pilihan yang valid.")


def test_the_filter_shows_this_year_when_none_is_asked(client_for, personas, finding):
    from django.utils import timezone

    html = (
        client_for(personas.admin_pemda)
        .get(reverse("publicservice:ombudsman_pemda"))
        .content.decode()
    )
    year = timezone.localdate().year
    assert (
        f'name="year" value="{year}" class="form-control form-control-sm" size="5" id="filter-year"'
        in html
    )
    assert '<option value="A" selected>target A</option>' in html
