from __future__ import annotations

import pytest


def test_campaign_list_and_results_for_admin_pemda(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    listing = client.get("/api/culture/campaigns/?pemda=palu").json()
    assert [c["code"] for c in listing["results"]] == ["c2023"]
    assert listing["results"][0]["instrument"] == "implementasi"
    data = client.get(f"/api/culture/campaigns/{computed.pk}/results/?pemda=palu").json()
    assert data["campaign"] == "c2023"
    by_unit = {g["unit"]: g for g in data["groups"]}
    assert set(by_unit) == {"palu", "DINKES", "DINKES-PKM-KAMONJI", "DUKCAPIL"}
    assert by_unit["DINKES-PKM-KAMONJI"]["overall"] == {"index": 28.6, "band": "C"}
    assert by_unit["DINKES-PKM-KAMONJI"]["entropy"] == 33.3
    for code in ("DINKES", "DUKCAPIL"):
        g = by_unit[code]
        assert g["suppressed"] is True and g["entropy"] is None
        assert g["overall"] == {"index": None, "band": None}
        assert {v["index"] for v in g["values"].values()} == {None}


def test_admin_opd_gets_own_subtree(personas, client_for, computed):
    data = (
        client_for(personas.admin_opd)
        .get(f"/api/culture/campaigns/{computed.pk}/results/?pemda=palu")
        .json()
    )
    assert [g["unit"] for g in data["groups"]] == ["DINKES", "DINKES-PKM-KAMONJI"]


@pytest.mark.parametrize("who", ["penilai", "pegawai"])
def test_refused_without_reach(personas, client_for, computed, who):
    client = client_for(getattr(personas, who))
    assert client.get("/api/culture/campaigns/?pemda=palu").json()["results"] == []
    resp = client.get(f"/api/culture/campaigns/{computed.pk}/results/?pemda=palu")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "not_found"


def test_another_pemda_is_refused_whatever_its_parameter_says(personas, client_for, computed):
    client = client_for(personas.outsider)
    for pemda in ("palu", "PALU", "donggala"):
        resp = client.get(f"/api/culture/campaigns/{computed.pk}/results/?pemda={pemda}")
        assert resp.status_code == 404, pemda
        assert resp.json()["error"]["code"] == "not_found"
    assert client.get("/api/culture/campaigns/?pemda=palu").status_code == 404
    assert client.get("/api/culture/campaigns/?pemda=donggala").json()["results"] == []


def test_the_pemda_parameter_is_required_and_named(personas, client_for, computed):
    resp = client_for(personas.admin_pemda).get("/api/culture/campaigns/")
    assert resp.status_code == 400
    assert list(resp.json()["error"]["fields"]) == ["pemda"]
    resp = client_for(personas.admin_pemda).get("/api/culture/campaigns/?pemda=PaLu")
    assert [c["code"] for c in resp.json()["results"]] == ["c2023"]


def test_anonymous_refused(client, computed):
    resp = client.get(f"/api/culture/campaigns/{computed.pk}/results/?pemda=palu")
    assert resp.status_code in (401, 403)
    assert "error" in resp.json()


def test_api_list_query_count(personas, client_for, computed, django_assert_max_num_queries):
    from tests.culture.conftest import make_campaign

    client = client_for(personas.admin_pemda)
    with django_assert_max_num_queries(6):
        client.get("/api/culture/campaigns/?pemda=palu")
    make_campaign(personas, code="x1")
    make_campaign(personas, code="x2")
    with django_assert_max_num_queries(6):
        assert client.get("/api/culture/campaigns/?pemda=palu").json()["count"] == 3
