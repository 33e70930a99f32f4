"""The public SKM form: anonymous, exact storage, kind refusals, flood control."""

from __future__ import annotations

import ipaddress
import re

import pytest
from django.urls import reverse

from sikap.org.tenancy import in_pemda
from sikap.publicservice import domain
from sikap.publicservice.models import SkmResponse, VisitCode

FULL = {f"u{i}": str(v) for i, v in enumerate([4, 3, 4, 2, 3, 4, 4, 1, 3], start=1)}


@pytest.fixture
def su(personas):
    unit, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    # The form belongs to no Pemda: its address is the short one, outside `/p/<pemda>/`.
    with in_pemda(None):
        yield unit


@pytest.fixture
def product(su):
    return domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")


def form_url(su, **params):
    url = reverse("publicservice:form", args=[su.public_slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def test_get_form_anonymous_sets_csrf_cookie_and_shows_permen_wording(client, su, product):
    response = client.get(form_url(su, produk=product.pk))
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan" in html
    assert html.count("bi-emoji-frown") == 9
    assert html.count("bi-emoji-laughing") == 9
    assert "Sangat sesuai" in html
    assert "Rawat Jalan" in html
    assert "style=" not in html and "<script>" not in html


def test_submit_stores_exact_values_and_redirects_to_thanks(client, su, product):
    data = {
        **FULL,
        "age_band": "30-39",
        "gender": "P",
        "education": "SMA",
        "occupation": "SWASTA",
        "comment": "Antrean cepat",
    }
    response = client.post(form_url(su, produk=product.pk), data)
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("publicservice:form_thanks", args=[su.public_slug]) + f"?produk={product.pk}"
    )
    row = SkmResponse.objects.get()
    assert [row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9] == [
        4,
        3,
        4,
        2,
        3,
        4,
        4,
        1,
        3,
    ]
    assert (
        row.product_id,
        row.age_band,
        row.gender,
        row.education,
        row.occupation,
        row.comment,
        row.source,
    ) == (
        product.pk,
        "30-39",
        "P",
        "SMA",
        "SWASTA",
        "Antrean cepat",
        "web",
    )
    thanks = client.get(response["Location"])
    assert "Terima kasih!" in thanks.content.decode()
    # The thanks page reveals nothing about other answers (its text, not the random CSRF token
    # in its attributes, which may spell anything).
    assert "IKM" not in re.sub(r"<[^>]+>", "", thanks.content.decode())


def test_response_row_holds_no_identity():
    """An allow-list: a field added to an SKM answer fails here until it is judged harmless."""
    fields = {f.name: type(f).__name__ for f in SkmResponse._meta.get_fields()}
    assert fields == {
        "id": "BigAutoField",
        "service_unit": "ForeignKey",
        "product": "ForeignKey",
        "submitted_on": "DateField",  # the day only, never the moment of a visit
        **{f"u{i}": "PositiveSmallIntegerField" for i in range(1, 10)},
        "age_band": "CharField",  # a band, never the age
        "gender": "CharField",
        "education": "CharField",
        "occupation": "CharField",
        "comment": "TextField",
        "source": "CharField",
    }
    related = {
        f.name: f.related_model._meta.label for f in SkmResponse._meta.get_fields() if f.is_relation
    }
    assert related == {
        "service_unit": "publicservice.ServiceUnit",
        "product": "publicservice.ServiceProduct",
    }


def test_invalid_value_rejected_with_message_and_nothing_stored(client, su):
    response = client.post(form_url(su), {**FULL, "u3": "7"})
    assert response.status_code == 400
    assert "Pilih salah satu jawaban 1–4." in response.content.decode()
    response = client.post(form_url(su), {})
    assert response.status_code == 400
    assert "Isi paling sedikit satu unsur penilaian." in response.content.decode()
    assert SkmResponse.objects.count() == 0


def test_unknown_slug_or_product_is_404(client, su, personas):
    assert client.get("/layanan/f/tidakada/").status_code == 404
    other, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    other_product = domain.service_product_create(actor=None, service_unit=other, name="KTP")
    assert client.get(form_url(su, produk=other_product.pk)).status_code == 404
    assert client.post(form_url(su, produk=other_product.pk), FULL).status_code == 404
    assert SkmResponse.objects.count() == 0


def test_flood_from_one_address_is_throttled_while_another_gets_through(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (3, 600)
    for _ in range(3):
        assert client.post(form_url(su), FULL, REMOTE_ADDR="10.0.0.1").status_code == 302
    blocked = client.post(
        form_url(su), {**FULL, "comment": "jawaban jujur"}, REMOTE_ADDR="10.0.0.1"
    )
    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert "Jawaban Anda belum terkirim, tetapi masih tersimpan di formulir ini" in html
    # The typed answers are still in the form.
    assert 'id="id_u1_4" value="4" autocomplete="off" checked' in html
    assert "jawaban jujur" in html
    assert SkmResponse.objects.count() == 3
    assert client.post(form_url(su), FULL, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert SkmResponse.objects.count() == 4


def test_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (3, 600)
    settings.SIKAP_TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    for i in range(3):
        response = client.post(
            form_url(su), FULL, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}"
        )
        assert response.status_code == 302
    # A new made-up address on every post does not buy a new allowance.
    blocked = client.post(
        form_url(su), FULL, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.9.9.77"
    )
    assert blocked.status_code == 429
    assert SkmResponse.objects.count() == 3


def test_behind_the_trusted_proxy_two_citizens_get_separate_budgets(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (3, 600)
    settings.SIKAP_TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)

    def via_nginx(citizen: str, claimed: str = ""):
        chain = f"{claimed}, {citizen}" if claimed else citizen
        return client.post(form_url(su), FULL, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=chain)

    assert [via_nginx("198.51.100.1").status_code for _ in range(4)] == [302, 302, 302, 429]
    # The second citizen is not held back by the first one's flood...
    assert [via_nginx("198.51.100.2").status_code for _ in range(3)] == [302, 302, 302]
    # ...and the first cannot borrow another budget by writing an address into the header.
    assert via_nginx("198.51.100.1", claimed="198.51.100.99").status_code == 429
    assert SkmResponse.objects.count() == 6


def test_visit_code_one_answer_per_visit(client, su):
    [code] = domain.visit_codes_issue(actor=None, service_unit=su, count=1)
    assert VisitCode.objects.get().code_hash != code
    first = client.post(form_url(su), {**FULL, "visit_code": code.lower()})
    assert first.status_code == 302
    again = client.post(form_url(su), {**FULL, "visit_code": code, "comment": "lagi"})
    assert again.status_code == 409
    html = again.content.decode()
    assert "Kode kunjungan ini sudah dipakai atau tidak dikenal" in html
    assert "lagi" in html  # answers kept
    assert SkmResponse.objects.count() == 1
    assert VisitCode.objects.filter(used=True).count() == 1


def test_required_visit_code(client, su):
    domain.service_unit_settings_update(actor=None, service_unit=su, require_visit_code=True)
    response = client.post(form_url(su), FULL)
    assert response.status_code == 400
    assert SkmResponse.objects.count() == 0
    assert client.post(form_url(su), {**FULL, "visit_code": "NOTACODE"}).status_code == 409
    assert SkmResponse.objects.count() == 0


def test_kiosk_needs_key_and_returns_to_empty_form(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (1, 600)
    kiosk = reverse("publicservice:kiosk", args=[su.public_slug])
    assert client.get(kiosk).status_code == 404
    assert client.get(kiosk + "?k=wrong").status_code == 404
    # A kiosk is one address with many visitors: it is not held to the per-address web limit.
    for _ in range(3):
        response = client.post(kiosk + f"?k={su.kiosk_key}", FULL)
        assert response.status_code == 302
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert f'http-equiv="refresh" content="5;url={kiosk}?k={su.kiosk_key}"' in html
    assert SkmResponse.objects.filter(source="kiosk").count() == 3


def test_inactive_unit_form_is_404(client, su):
    su.is_active = False
    su.save(update_fields=["is_active"])
    assert client.get(form_url(su)).status_code == 404


def test_public_form_sends_no_menu_or_htmx_script(client, su):
    html = client.get(form_url(su)).content.decode()
    assert "bootstrap.bundle" not in html and "htmx.min.js" not in html
    assert "sikap/sikap.js" in html


def test_refused_answer_keeps_the_profile_open_and_filled(client, su, product):
    html = client.get(form_url(su)).content.decode()
    assert '<details class="mb-3">' in html  # folded while nothing is given
    data = {"u1": "9", "age_band": "30-39", "occupation": "PNS"}
    page = client.post(form_url(su, produk=product.pk), data)
    html = page.content.decode()
    assert page.status_code == 400
    assert '<details class="mb-3" open>' in html
    assert '<option value="30-39" selected>' in html
    assert [
        m for m in ("age_band", "gender", "education", "occupation") if f'name="{m}"' in html
    ] == [
        "age_band",
        "gender",
        "education",
        "occupation",
    ]
    assert SkmResponse.objects.count() == 0
