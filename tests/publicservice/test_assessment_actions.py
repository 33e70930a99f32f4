"""Ombudsman and PEKPPP writes: one URL, one form and one domain action per POST."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.assessments import forms
from sikap.publicservice.models import (
    OmbudsmanAssessment,
    OmbudsmanResult,
    PekpppEvaluation,
    PekpppOfficialResult,
)
from tests.form_style import field_error

YEAR = 2024


@pytest.fixture
def pkm(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    return su


def test_decimal_comma_and_point_parse_the_same_and_other_digits_are_refused():
    assert forms.PekpppOfficialForm({"ipp": "4,6", "year": "2023"}).is_valid()
    for typed in ("4,6", "4.6", " 4,6 "):
        form = forms.PekpppOfficialForm({"ipp": typed, "year": "2023"})
        assert form.is_valid() and form.cleaned_data["ipp"] == 4.6
    for typed in ("٤,٦", "4,6,1", "abc", ""):
        form = forms.PekpppOfficialForm({"ipp": typed, "year": "2023"})
        assert not form.is_valid()
        assert form.errors["ipp"] == [f"IPP {typed.strip()!r} bukan angka."]


def test_year_must_be_known_to_the_rulebooks():
    assert forms.PekpppYearForm({"year": "2023"}).is_valid()
    form = forms.PekpppYearForm({"year": "1999"})
    assert form.errors == {"year": ["Tidak ada aturan untuk tahun 1999."]}
    form = forms.PekpppYearForm({"year": "２０２３"})
    assert form.errors == {"year": ["'２０２３' bukan bilangan bulat."]}


def test_ombudsman_result_form_reads_the_dimensions_of_the_year():
    data = QueryDict(mutable=True)
    data.update({"year": "2024", "score": "79,09", "input": "80,5", "proses": ""})
    data.setlist("sampled", ["7", "x"])
    form = forms.OmbudsmanResultForm(data)
    assert form.is_valid()
    assert form.cleaned_data["dimensions"] == {"input": 80.5}
    assert form.cleaned_data["sampled"] == [7]
    form = forms.OmbudsmanResultForm(QueryDict("year=2024&score=70&output=tinggi"))
    assert form.errors == {"__all__": ["Nilai dimensi output bukan angka."]}
    form = forms.OmbudsmanResultForm(QueryDict("score=70"))
    assert form.errors == {"year": ["Tahun wajib diisi."]}


def test_a_refused_checklist_answer_leaves_no_assessment(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    url = f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?year={YEAR}"
    audits = AuditLog.objects.count()
    response = client.post(url, {"code": "SP01", "score": "9"})
    assert response.status_code == 200
    assert "Nilai indikator harus 0–3." in response.content.decode()
    assert OmbudsmanAssessment.objects.count() == 0
    assert AuditLog.objects.count() == audits
    response = client.post(url, {"code": "SP01", "score": "2"})
    assert response.status_code == 302
    assert response["Location"] == f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/?year={YEAR}"
    (assessment,) = OmbudsmanAssessment.objects.all()
    assert [(i.code, i.score) for i in assessment.items.all()] == [("SP01", 2)]


def test_complaints_are_recorded_in_one_action(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    url = f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/pengaduan/"
    response = client.post(url, {"year": str(YEAR), "received": "4", "resolved": "5"})
    assert response.status_code == 200
    assert "Pengaduan diselesaikan tidak boleh melebihi yang diterima." in (
        response.content.decode()
    )
    assert OmbudsmanAssessment.objects.count() == 0
    response = client.post(url, {"year": str(YEAR), "received": "4", "resolved": "3"})
    assert response.status_code == 302
    row = OmbudsmanAssessment.objects.get()
    assert (row.year, row.complaints_received, row.complaints_resolved) == (YEAR, 4, 3)


def test_a_garbled_number_names_the_field_and_writes_nothing(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/pengaduan/",
        {"year": str(YEAR), "received": "empat", "resolved": "3"},
        follow=True,
    )
    assert "Pengaduan diterima: &#x27;empat&#x27; bukan bilangan bulat." in (
        response.content.decode()
    )
    assert OmbudsmanAssessment.objects.count() == 0


def test_unit_pages_take_no_posts_any_more(client_for, personas, pkm):
    client = client_for(personas.admin_opd)
    for page in ("ombudsman", "pekppp"):
        response = client.post(f"/p/palu/layanan/unit/{pkm.pk}/{page}/", {"year": str(YEAR)})
        assert response.status_code == 405
    assert OmbudsmanAssessment.objects.count() == 0
    assert PekpppEvaluation.objects.count() == 0


def test_an_unknown_year_writes_nothing(client_for, personas, pkm):
    client = client_for(personas.admin_pemda)
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/pekppp/hasil-resmi/",
        {"year": "1990", "ipp": "4"},
        follow=True,
    )
    assert "Tidak ada aturan untuk tahun 1990." in response.content.decode()
    assert PekpppOfficialResult.objects.count() == 0
    response = client.post("/p/palu/layanan/ombudsman/hasil/", {"year": "1990", "score": "50"})
    assert response.status_code == 400  # the page again, the refusal at the year
    assert "1990" in field_error(response.content.decode(), "r-year")
    assert OmbudsmanResult.objects.count() == 0


def test_pages_read_year_and_period_and_still_the_older_indonesian_names(client_for, personas, pkm):
    client = client_for(personas.admin_pemda)
    for query in ("year", "tahun"):
        page = client.get(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?{query}=2023")
        assert page.context["year"] == 2023
        assert 'name="year" value="2023"' in page.content.decode()
    for query in ("period", "periode"):
        page = client.get(f"/p/palu/layanan/unit/{pkm.pk}/?{query}=2023S1")
        assert page.context["period"].key == "2023S1"
    # The older hidden field name still records into the year it names.
    response = client.post(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/mulai/", {"tahun": "2023"})
    assert response["Location"] == f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?year=2023"
    assert list(PekpppEvaluation.objects.values_list("year", flat=True)) == [2023]
