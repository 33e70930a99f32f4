"""A PEKPPP evaluation page is saved with one button: every changed indicator, or none."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import PekpppScore
from sikap.rules import pekppp

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(personas):
    su, _ = domain.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    return domain.pekppp_evaluation_ensure(
        actor=personas.admin_pemda, service_unit=su, year=timezone.localdate().year
    )


def rows(evaluation):
    return {
        r.code: (r.score, r.note, r.review)
        for r in PekpppScore.objects.filter(evaluation=evaluation)
    }


def save(client, evaluation, data, files=None):
    url = reverse("publicservice:pekppp_page_save", args=[evaluation.service_unit_id])
    return client.post(url, {"year": evaluation.year, **data, **(files or {})})


def test_the_page_has_one_save_button(personas, client_for, evaluation):
    url = reverse("publicservice:pekppp_unit", args=[evaluation.service_unit_id])
    html = client_for(personas.admin_opd).get(url, {"year": evaluation.year}).content.decode()
    codes = [i.code for i in pekppp.RULEBOOKS.select(evaluation.year).indicators]
    assert html.count('form="pekppp-page"') == 2 * len(codes)  # a score and a note each
    assert 'name="evidence-' not in html  # evidence comes from the library only
    assert html.count("Simpan semua perubahan") == 1
    assert "pekppp/nilai/" not in html  # no per-indicator save left on the page


def test_changed_rows_are_saved_and_unchanged_keep_their_review(personas, client_for, evaluation):
    k3 = PekpppScore.objects.get(evaluation=evaluation, code="K3")
    domain.pekppp_review(actor=personas.admin_pemda, score_row=k3, decision="accepted")
    before = rows(evaluation)
    client = client_for(personas.admin_opd)
    response = save(
        client,
        evaluation,
        {
            "score-K3": str(before["K3"][0]),  # as it was: keeps "accepted"
            "note-K3": "",
            "score-K1": "3",
            "note-K1": "SOP terbit 2024",
            "score-K2": "2",
        },
    )
    assert response.status_code == 302
    after = rows(evaluation)
    assert after["K3"] == before["K3"] and after["K3"][2] == "accepted"
    assert after["K1"] == (3, "SOP terbit 2024", "pending")
    assert after["K2"] == (2, "", "pending")
    assert AuditLog.objects.filter(action="pekppp.score.set").count() == 2
    follow = client.get(response["Location"]).content.decode()
    assert "2 indikator disimpan." in follow


def test_one_bad_row_saves_nothing_and_names_the_indicator(personas, client_for, evaluation):
    before, audits = rows(evaluation), AuditLog.objects.count()
    response = save(
        client_for(personas.admin_opd),
        evaluation,
        {"score-K1": "3", "score-K2": "9", "score-K4": "6"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "K2: nilai indikator harus 0–5." in html
    assert "K4: nilai indikator harus 0–5." in html
    assert rows(evaluation) == before and AuditLog.objects.count() == audits


@pytest.mark.parametrize("value", ["٣", "3.0", "tiga", "²"])
def test_a_score_that_is_not_a_whole_number_is_refused(personas, client_for, evaluation, value):
    before = rows(evaluation)
    response = save(client_for(personas.admin_opd), evaluation, {"score-K1": value})
    assert response.status_code == 302
    assert rows(evaluation) == before


def test_only_the_units_managers_save(personas, client_for, evaluation):
    before, audits = rows(evaluation), AuditLog.objects.count()
    for who in ("pimpinan", "penilai", "pegawai"):
        response = save(client_for(getattr(personas, who)), evaluation, {"score-K1": "3"})
        assert response.status_code in (403, 404), who
    assert rows(evaluation) == before and AuditLog.objects.count() == audits


def test_each_refused_row_is_shown_next_to_its_field(personas, client_for, evaluation):
    """The page's fields come from its form: a refused save comes back with every error next
    to the field it concerns (aria-describedby), what was typed kept, nothing stored."""
    client = client_for(personas.admin_opd)
    page = client.get(
        reverse("publicservice:pekppp_unit", args=[evaluation.service_unit_id])
        + f"?year={evaluation.year}"
    ).content.decode()
    assert (
        '<select name="score-K1" form="pekppp-page" class="form-select form-select-sm"'
        ' id="id_score-K1">'
    ) in page
    assert '<label class="visually-hidden" for="id_note-K1">K1 · Catatan</label>' in page
    before, audits = rows(evaluation), AuditLog.objects.count()
    response = save(
        client,
        evaluation,
        {"score-K1": "3", "note-K1": "SOP terbit", "score-K2": "9", "score-K4": "6"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    for field_id, start in (
        ("id_score-K2", "K2: nilai indikator harus"),
        ("id_score-K4", "K4: nilai indikator harus"),
    ):
        tag = re.search(rf'<(?:input|select)[^>]*\bid="{field_id}"[^>]*>', html)
        assert tag is not None
        assert f'aria-describedby="{field_id}-error"' in tag.group(0)
        assert 'aria-invalid="true"' in tag.group(0)
        error = re.search(rf'<div[^>]*id="{field_id}-error"[^>]*>([^<]*)</div>', html)
        assert error is not None and error.group(1).startswith(start), error
    assert 'id="id_score-K1-error"' not in html
    assert 'value="SOP terbit"' in html
    assert '<option value="3" selected>3</option>' in html
    assert rows(evaluation) == before and AuditLog.objects.count() == audits
