"""Numbers from requests are ASCII digits: "²" passes str.isdigit() but int() refuses it.

Every case answered 500 before; now each is a clear refusal (404 or 400 or a form error),
and a refused write stores nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.culture import domain as culture_domain
from sikap.culture.domain import ballot_box
from sikap.culture.models import Ballot
from sikap.org.tenancy import public_reverse
from sikap.publicservice import domain
from sikap.publicservice.models import OmbudsmanFinding, OmbudsmanResult, ServiceUnit, SkmResponse
from tests.culture.conftest import make_campaign
from tests.form_style import field_error

SKM_ANSWERS = {f"u{i}": "4" for i in range(1, 10)}
HOSTILE = ["²", "①", "٣", "1²", "9" * 40]


@pytest.fixture
def su(personas):
    unit, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    return unit


@pytest.fixture
def product(su):
    return domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")


# --- public, no login ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", HOSTILE)
def test_public_skm_form_with_a_non_ascii_product_is_not_found(client, su, product, raw):
    url = reverse("publicservice:form", args=[su.public_slug])
    assert client.get(url, {"produk": raw}).status_code == 404
    assert client.post(url + "?produk=" + raw, SKM_ANSWERS).status_code == 404
    assert SkmResponse.objects.count() == 0


@pytest.mark.parametrize("raw", HOSTILE)
def test_public_skm_post_with_a_non_ascii_product_is_refused_and_stores_nothing(
    client, su, product, raw
):
    url = reverse("publicservice:form", args=[su.public_slug])
    response = client.post(url, {**SKM_ANSWERS, "product": raw})
    assert response.status_code == 400
    assert "product" in response.context["form"].errors
    assert SkmResponse.objects.count() == 0


def test_public_thanks_page_does_not_carry_a_non_ascii_product_back_to_the_form(client, su):
    url = reverse("publicservice:form_thanks", args=[su.public_slug])
    response = client.get(url, {"produk": "²"})
    assert response.status_code == 200
    assert response.context["again"] == public_reverse("publicservice:form", su.public_slug)


def _survey(personas, kind):
    """A launched campaign and a post function that answers its survey with one token."""
    campaign = make_campaign(personas, launch=True, kind=kind)
    token = culture_domain.invitations_generate(actor=None, campaign=campaign)[0].token

    def post(client, data):  # type: ignore[no-untyped-def]
        return client.post(reverse("culture:survey"), {"token": token, "step": "answers", **data})

    return campaign, post


def _sheet(campaign):  # type: ignore[no-untyped-def]
    return ballot_box.open_sealed(campaign.pk, Ballot.objects.get(campaign=campaign).sealed)


@pytest.mark.parametrize("raw", HOSTILE)
def test_likert_answer_in_non_ascii_digits_is_a_form_error_and_spends_nothing(
    personas, client, raw
):
    campaign, post = _survey(personas, "likert")
    response = post(client, {"campaign": str(campaign.pk), "BP1": raw, "AK2": "3"})
    assert response.status_code == 200
    assert response.context["errors"] == {"BP1": ["jawaban harus 1–5"]}
    assert Ballot.objects.count() == 0
    # The token was not spent: a good answer still goes through.
    assert post(client, {"campaign": str(campaign.pk), "BP1": "5"}).status_code == 302
    assert _sheet(campaign)["bp1"] == 5


def test_survey_post_naming_a_non_ascii_campaign_falls_back_to_the_token(personas, client):
    campaign, post = _survey(personas, "implementasi")
    ballots = {
        "pv": ["BP1", "AK1", "KO1"],
        "cc": ["BP1", "AK1", "L01"],
        "dc": ["AD1", "AD2", "AD3"],
    }
    assert post(client, {**ballots, "campaign": "²"}).status_code == 302
    assert Ballot.objects.get().campaign_id == campaign.pk


# --- staff pages and the API -------------------------------------------------------------


@pytest.mark.parametrize("raw", HOSTILE)
def test_org_results_api_with_a_non_ascii_id_is_not_found(client_for, personas, raw):
    response = client_for(personas.admin_pemda).get(
        f"/api/layanan/org-results/{raw}/", {"pemda": "palu"}
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("raw", HOSTILE)
def test_qr_and_poster_ignore_a_non_ascii_product(client_for, personas, su, product, raw):
    client = client_for(personas.admin_pemda)
    form_path = public_reverse("publicservice:form", su.public_slug)
    qr = client.get(reverse("publicservice:qr", args=[su.pk]), {"produk": raw})
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    poster = client.get(reverse("publicservice:poster", args=[su.pk]), {"produk": raw})
    assert poster.status_code == 200
    assert poster.context["product"] is None
    assert poster.context["url"].endswith(form_path)


@pytest.mark.parametrize("raw", HOSTILE)
def test_ombudsman_page_with_a_non_ascii_year_shows_this_year(client_for, personas, raw):
    from django.utils import timezone

    response = client_for(personas.admin_pemda).get(
        reverse("publicservice:ombudsman_pemda"), {"tahun": raw}
    )
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize("raw", HOSTILE)
def test_activating_a_non_ascii_unit_is_not_found_and_changes_nothing(client_for, personas, raw):
    before = AuditLog.objects.count()
    response = client_for(personas.admin_pemda).post(
        reverse("publicservice:activate"), {"unit": raw}
    )
    assert response.status_code == 404
    assert ServiceUnit.objects.count() == 0
    assert AuditLog.objects.count() == before


def test_ombudsman_record_with_non_ascii_numbers_is_refused_and_stores_nothing(
    client_for, personas
):
    client = client_for(personas.admin_pemda)
    url = reverse("publicservice:ombudsman_record")
    response = client.post(url, {"year": "٢٠٢٣", "score": "86.07"}, follow=True)
    assert response.status_code == 400  # the page again, the refusal at the year
    assert "bukan bilangan bulat" in field_error(response.content.decode(), "r-year")
    assert OmbudsmanResult.objects.count() == 0
    response = client.post(
        url, {"year": "2023", "score": "86.07", "sampled": ["²", str(personas.opd_a.pk)]}
    )
    assert response.status_code == 302
    result = OmbudsmanResult.objects.get()
    assert list(result.current.sampled_units.values_list("pk", flat=True)) == [personas.opd_a.pk]
    finding = client.post(
        reverse("publicservice:ombudsman_finding_add", args=[result.pk]),
        {"text": "Maklumat belum dipasang", "unit": "²"},
    )
    assert finding.status_code == 404
    assert OmbudsmanFinding.objects.count() == 0


def test_unit_tree_rows_with_a_non_ascii_indent_use_the_default(client_for, personas):
    client = client_for(personas.admin_pemda)
    url = reverse("org:unit_children", args=[personas.opd_a.pk])
    plain = client.get(url, {"indent": "1"})
    for raw in ("²", "٣", "-5"):
        response = client.get(url, {"indent": raw})
        assert response.status_code == 200
        assert response.content == plain.content
