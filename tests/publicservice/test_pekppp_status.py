"""A PEKPPP evaluation in progress says so ("belum lengkap 2/30"), never "F Gagal"."""

from __future__ import annotations

import pytest

from sikap.publicservice import domain
from sikap.rules import pekppp

YEAR = 2024


@pytest.fixture
def started(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    # Starting pre-fills the two SKM indicators (K3, K4): 2 of 30 answered.
    return su, domain.pekppp_evaluation_ensure(actor=None, service_unit=su, year=YEAR)


def test_rulebook_has_thirty_indicators():
    assert len(pekppp.RULEBOOKS.select(YEAR).indicators) == 30


def test_every_page_shows_an_unfinished_evaluation_as_incomplete(client_for, personas, started):
    su, _ = started
    client = client_for(personas.admin_opd)
    listing = client.get("/p/palu/layanan/pekppp/").content.decode()
    detail = client.get(f"/p/palu/layanan/unit/{su.pk}/pekppp/?tahun={YEAR}").content.decode()
    unit = client.get(f"/p/palu/layanan/unit/{su.pk}/?periode={YEAR}").content.decode()
    for html in (listing, detail, unit):
        assert 'data-testid="pekppp-incomplete">belum lengkap 2/30</span>' in html
        assert "Gagal" not in html
    assert f'<a href="?year={YEAR}">{YEAR}: belum lengkap 2/30</a>' in detail
    assert "2 dari 30 indikator dinilai" in detail
    assert 'data-testid="pekppp-predicate">2024: <span' in unit  # no IPP before it is complete


def test_api_gives_no_predicate_until_complete(client_for, personas, started):
    su, evaluation = started
    client = client_for(personas.admin_opd)
    (row,) = client.get("/api/layanan/pekppp/?pemda=palu").json()["results"]
    assert row == {
        "id": evaluation.pk,
        "unit_code": "DINKES-PKM-KAMONJI",
        "year": YEAR,
        "status": "incomplete",
        "answered": 2,
        "total": 30,
        "ipp": None,
        "category": None,
        "label": None,
        "version": "pekppp:2022",
    }
    for ind in pekppp.RULEBOOKS.select(YEAR).indicators:
        domain.pekppp_score_set(actor=None, evaluation=evaluation, code=ind.code, score=5)
    (row,) = client.get("/api/layanan/pekppp/?pemda=palu").json()["results"]
    assert (row["status"], row["answered"], row["ipp"], row["category"], row["label"]) == (
        "complete",
        30,
        5.0,
        "A",
        "Pelayanan Prima",
    )
    outsider = client_for(personas.outsider)
    assert outsider.get("/api/layanan/pekppp/?pemda=palu").status_code == 404
    assert outsider.get("/api/layanan/pekppp/?pemda=donggala").json()["results"] == []
    assert client_for(None).get("/api/layanan/pekppp/?pemda=palu").status_code in (401, 403)


def test_complete_evaluation_shows_its_predicate_and_a_zero_score(client_for, personas, started):
    su, evaluation = started
    for ind in pekppp.RULEBOOKS.select(YEAR).indicators:
        domain.pekppp_score_set(
            actor=None, evaluation=evaluation, code=ind.code, score=0 if ind.code == "K1" else 5
        )
    client = client_for(personas.admin_opd)
    detail = client.get(f"/p/palu/layanan/unit/{su.pk}/pekppp/?tahun={YEAR}").content.decode()
    # K1 weighs 17 of Kebijakan's 100: 83% × 24 = 19.92; IPP% 95.92 → 4.80, A.
    assert 'data-testid="ipp">IPP 4,80 · A Pelayanan Prima</div>' in detail
    assert "belum lengkap" not in detail
    k1_row = detail.split('<td class="w-50">K1 ')[1].split("</tr>")[0]
    assert "<td>0</td>" in k1_row
    listing = client.get("/p/palu/layanan/pekppp/").content.decode()
    assert '<td class="text-end">4,80</td><td>A Pelayanan Prima</td>' in listing
