"""Culture pages are addressed by what users keep: the campaign's code and the unit's code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.culture import domain
from sikap.culture.models import Campaign, ResultGroup
from sikap.org import domain as org
from tests.culture.conftest import make_campaign


def test_a_units_results_keep_their_address_across_recomputes(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    url = reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"])
    assert url == "/p/palu/budaya/c2023/unit/DINKES-PKM-KAMONJI/"
    before = ResultGroup.objects.get(campaign=computed, campaign_unit__code="DINKES-PKM-KAMONJI")
    first = client.get(url)
    ResultGroup.objects.filter(campaign=computed).delete()  # as a full recompute rebuilds rows
    domain.results_recompute(campaign=computed)
    after = ResultGroup.objects.get(campaign=computed, campaign_unit__code="DINKES-PKM-KAMONJI")
    assert after.pk != before.pk
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.context["group"].pk == after.pk


def test_codes_are_read_in_any_case(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    assert client.get("/p/palu/budaya/C2023/unit/dinkes-pkm-kamonji/").status_code == 200


def test_an_address_by_id_is_sent_on_to_the_address_by_code(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    group = ResultGroup.objects.get(campaign=computed, campaign_unit__code="DUKCAPIL")
    response = client.get(f"/p/palu/budaya/kampanye/{computed.pk}/")
    assert response.status_code == 301 and response["Location"] == "/p/palu/budaya/c2023/"
    response = client.get(f"/p/palu/budaya/kampanye/{computed.pk}/unit/{group.pk}/pdf/")
    assert response.status_code == 301
    assert response["Location"] == "/p/palu/budaya/c2023/unit/DUKCAPIL/pdf/"
    # From before the Pemda was in the URL too: two hops, both kept.
    old = client.get(f"/budaya/kampanye/{computed.pk}/kelola/")
    assert old["Location"] == f"/p/palu/budaya/kampanye/{computed.pk}/kelola/"
    assert client.get(old["Location"])["Location"] == "/p/palu/budaya/c2023/kelola/"
    # Ids that do not exist, or are not the user's, stay not found.
    assert client.get(f"/p/palu/budaya/kampanye/{computed.pk}/unit/999999/").status_code == 404
    assert client.get(f"/p/palu/budaya/kampanye/{computed.pk}/tidak-ada/").status_code == 404
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/p/donggala/budaya/kampanye/{computed.pk}/").status_code == 404


@pytest.mark.parametrize("code", ["isi", "Kampanye", "rencana-aksi", "terima-kasih"])
def test_a_campaign_cannot_take_a_word_of_the_pages_addresses(personas, code):
    with pytest.raises(ValidationError) as refused:
        make_campaign(personas, code=code)
    assert "dipakai oleh halaman SIKAP" in str(refused.value)
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("code", ["survei 2026", "a/b", "budaya²"])
def test_a_campaign_code_is_a_slug(personas, code):
    with pytest.raises(ValidationError) as refused:
        make_campaign(personas, code=code)
    assert "hanya boleh huruf, angka" in str(refused.value)
    assert not Campaign.objects.exists()


def test_a_unit_code_cannot_hold_a_slash(personas):
    with pytest.raises(ValidationError) as refused:
        org.unit_create(
            actor=personas.admin_pemda,
            pemda=personas.pemda,
            code="DINKES/2",
            name="Bidang",
            kind="bidang",
            parent=personas.opd_a,
        )
    assert "garis miring" in str(refused.value)
