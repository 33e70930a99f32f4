"""A NUL byte cannot be stored in PostgreSQL text: every request carrying one is refused at the
door with a 400 that names the field, and nothing is stored. Files and commands are cleaned."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.culture import domain as culture_domain
from sikap.culture.domain import ballot_box
from sikap.culture.models import Ballot, Campaign, Invitation
from sikap.org.domain import units_import
from sikap.org.models import OrgUnit
from sikap.publicservice import domain
from sikap.publicservice.models import SkmResponse
from tests.culture.conftest import make_campaign

SKM_ANSWERS = {f"u{i}": "4" for i in range(1, 10)}
MESSAGE = (
    "Isian {field} memuat karakter NUL (\\0) yang tidak dapat disimpan. Tidak ada yang "
    "disimpan: hapus karakter itu lalu kirim lagi."
)


@pytest.fixture
def su(personas):
    unit, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    return unit


def test_public_skm_comment_with_nul_is_refused_with_a_clear_page_and_stores_nothing(client, su):
    url = reverse("publicservice:form", args=[su.public_slug])
    response = client.post(url, {**SKM_ANSWERS, "comment": "Antrean\x00 cepat"})
    assert response.status_code == 400
    assert MESSAGE.format(field="comment") in response.content.decode()
    assert SkmResponse.objects.count() == 0
    # The same answer without the NUL goes through.
    assert client.post(url, {**SKM_ANSWERS, "comment": "Antrean cepat"}).status_code == 302
    assert SkmResponse.objects.get().comment == "Antrean cepat"


@pytest.mark.parametrize(
    ("data", "shown"),
    [({"u1\x00": "4"}, "u1\\0"), ({"u1": ["4", "4\x00"]}, "u1"), ({"sex": "\x00"}, "sex")],
    ids=["key", "second-value", "profile"],
)
def test_public_skm_form_refuses_nul_in_any_key_or_value(client, su, data, shown):
    url = reverse("publicservice:form", args=[su.public_slug])
    response = client.post(url, {**SKM_ANSWERS, **data})
    assert response.status_code == 400
    assert MESSAGE.format(field=shown) in response.content.decode()
    assert SkmResponse.objects.count() == 0


def test_nul_in_a_query_string_or_the_path_is_refused(client, su):
    url = reverse("publicservice:form", args=[su.public_slug])
    assert client.get(url, {"produk": "1\x00"}).status_code == 400
    response = client.get("/budaya/isi/abc\x00def/")
    assert response.status_code == 400
    assert MESSAGE.format(field="URL") in response.content.decode()


def test_survey_comment_with_nul_is_refused_and_the_token_is_not_spent(personas, client):
    campaign = make_campaign(personas, launch=True, kind="likert")
    token = culture_domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = reverse("culture:survey")
    data = {"token": token, "step": "answers", "campaign": str(campaign.pk), "BP1": "4"}
    response = client.post(url, {**data, "comment": "a\x00"})
    assert response.status_code == 400
    assert Ballot.objects.count() == 0
    assert client.post(url, data).status_code == 302
    sealed = Ballot.objects.get().sealed
    assert ballot_box.open_sealed(campaign.pk, sealed)["bp1"] == 4
    assert Invitation.objects.filter(used=True).count() == 1


def test_logged_in_form_with_nul_is_refused_and_creates_nothing(personas, client_for):
    client = client_for(personas.admin_pemda)
    before = AuditLog.objects.count()
    response = client.post(
        reverse("culture:campaign_new"),
        {
            "code": "c24",
            "name": "Survei\x00 2024",
            "kind": "implementasi",
            "picks": 10,
            "period_start": "2024-09-01",
            "period_end": "2024-10-01",
            "attribution_depth": 0,
            "sample_method": "krejcie_morgan",
        },
    )
    assert response.status_code == 400
    assert MESSAGE.format(field="name") in response.content.decode()
    assert Campaign.objects.count() == 0
    assert AuditLog.objects.count() == before
    listing = client.get(reverse("org:employee_list"), {"q": "Budi\x00"})
    assert listing.status_code == 400


def test_api_refuses_nul_in_query_and_json_body_in_its_error_shape(personas, client_for):
    client = client_for(personas.admin_pemda)
    response = client.get("/api/units/", {"pemda": "palu", "q": "dinas\x00"})
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "nul_character",
            "message": MESSAGE.format(field="q"),
            "fields": {"q": [MESSAGE.format(field="q")]},
        }
    }
    before = OrgUnit.objects.count()
    body = json.dumps({"code": "X", "name": ["ok", {"nested": "a\u0000b"}]})
    response = client.post("/api/units/?pemda=palu", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"nested": [MESSAGE.format(field="nested")]}
    raw = client.post(
        "/api/units/?pemda=palu", b'{"name": "a\x00"}', content_type="application/json"
    )
    assert raw.status_code == 400
    assert OrgUnit.objects.count() == before
    # Without a NUL the read-only API still answers as before.
    clean = client.post(
        "/api/units/?pemda=palu", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert clean.status_code == 405


def test_units_import_drops_control_characters_and_refuses_nul_naming_the_file(personas):
    data = b"kode,nama,kode_induk,jenis\r\nBKPSDM,Badan\x07 Kepegawaian\x1b,,badan\r\n"
    report = units_import(
        actor=personas.admin_pemda, pemda=personas.pemda, file_name="unit.csv", data=data
    )
    assert report.ok, report.errors
    assert OrgUnit.objects.get(code="BKPSDM").name == "Badan Kepegawaian"
    refused = units_import(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        file_name="unit.csv",
        data=b"kode,nama,kode_induk,jenis\r\nBAPPEDA,Bappeda\x00,,badan\r\n",
    )
    assert [e.reason for e in refused.errors] == [
        "berkas CSV berisi karakter biner; periksa jenis berkas"
    ]
    assert not OrgUnit.objects.filter(code="BAPPEDA").exists()


def test_skm_paper_import_drops_nul(personas):
    data = (
        b"tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\r\n"
        b"2024-07-01,Rawat Jalan,4,4,4,4,4,4,4,4,4,Bagus\x00 sekali\x1b\r\n"
    )
    result = domain.skm_import(
        actor=None, pemda=personas.pemda, unit_code=personas.puskesmas.code, data=data
    )
    assert result.created == 1
    assert SkmResponse.objects.get().comment == "Bagus sekali"


def test_nul_refusal_speaks_the_users_language(client, su):
    client.cookies["django_language"] = "en"
    url = reverse("publicservice:form", args=[su.public_slug])
    html = client.post(url, {**SKM_ANSWERS, "comment": "\x00"}).content.decode()
    assert "Field comment contains a NUL character (\\0), which cannot be stored." in html
    assert "The input contains a character that is not allowed" in html
