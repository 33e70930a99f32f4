"""The PEKPPP unit page renders its official-result form and each row's review form through the
one form style: a refused value comes back on the page next to its field, tied to it with
aria-describedby, and nothing is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import PekpppOfficialResult, PekpppScore
from tests.form_style import field_error

YEAR = 2024


@pytest.fixture
def scored(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    ev = domain.pekppp_evaluation_ensure(actor=None, service_unit=su, year=YEAR)
    domain.pekppp_score_set(actor=None, evaluation=ev, code="K1", score=5)
    return su


def stored(su):
    row = PekpppScore.objects.get(evaluation__service_unit=su, code="K1")
    return (
        (row.review, row.review_note),
        PekpppOfficialResult.objects.count(),
        AuditLog.objects.count(),
    )


def test_the_forms_are_rendered_in_the_one_style(client_for, personas, scored):
    url = reverse("publicservice:pekppp_unit", args=[scored.pk])
    html = client_for(personas.admin_pemda).get(url, {"year": YEAR}).content.decode()
    assert '<label class="form-label small" for="o-ipp">IPP (0–5)</label>' in html
    assert (
        '<input type="text" name="ipp" inputmode="decimal" class="form-control" required'
        ' id="o-ipp">'
    ) in html
    assert f'<input type="hidden" name="year" value="{YEAR}" id="o-year">' in html
    html = client_for(personas.penilai).get(url, {"year": YEAR}).content.decode()
    assert '<input type="hidden" name="code" value="K1" id="rv-K1-code">' in html
    assert '<label class="visually-hidden" for="rv-K1-review_note">Catatan penilai</label>' in html
    assert '<button name="decision" value="returned"' in html


def test_a_return_without_its_reason_is_refused_at_the_note(client_for, personas, scored):
    before = stored(scored)
    response = client_for(personas.penilai).post(
        reverse("publicservice:pekppp_review", args=[scored.pk]),
        {"code": "K1", "year": YEAR, "decision": "returned", "review_note": " "},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "rv-K1-review_note") == (
        "Tuliskan alasan pengembalian untuk unit."
    )
    assert stored(scored) == before


def test_an_unknown_decision_is_shown_in_its_row(client_for, personas, scored):
    before = stored(scored)
    response = client_for(personas.penilai).post(
        reverse("publicservice:pekppp_review", args=[scored.pk]),
        {"code": "K1", "year": YEAR, "decision": "mungkin", "review_note": "x"},
    )
    assert response.status_code == 400
    assert (
        '<div class="invalid-feedback d-block w-100" role="alert">'
        "Keputusan harus diterima atau dikembalikan.</div>"
    ) in response.content.decode()
    assert stored(scored) == before


def test_a_bad_ipp_is_shown_at_its_field_and_nothing_is_recorded(client_for, personas, scored):
    before = stored(scored)
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:pekppp_official_record", args=[scored.pk]),
        {"year": YEAR, "ipp": "empat", "note": "banding"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "o-ipp") == "IPP &#x27;empat&#x27; bukan angka."
    assert 'value="banding"' in html  # the note typed stays
    assert '<details class="mt-2" open>' in html
    assert stored(scored) == before


def test_an_ipp_out_of_range_is_shown_at_its_field(client_for, personas, scored):
    before = stored(scored)
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:pekppp_official_record", args=[scored.pk]),
        {"year": YEAR, "ipp": "7"},
    )
    assert response.status_code == 400
    assert "di luar rentang" in field_error(response.content.decode(), "o-ipp")
    assert stored(scored) == before
