"""The IPAK poster, its QR and the IPAK kiosk: the same links and QR code as the SKM form's,
scoped to those who may manage the service unit; the QR read back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.org.tenancy import in_pemda
from sikap.publicservice import domain
from sikap.publicservice.ipak.models import ITEM_FIELDS, IpakResponse
from tests.conftest import qr_decode_svg

ALL4 = dict.fromkeys(ITEM_FIELDS, "4")


@pytest.fixture
def su(personas):
    unit, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    return unit


def test_poster_and_qr_carry_the_public_ipak_link(client_for, personas, su, settings):
    settings.SIKAP_BASE_URL = "https://sikap.palukota.go.id/"
    client = client_for(personas.admin_opd)
    form = f"https://sikap.palukota.go.id/layanan/ipak/{su.public_slug}/"
    html = client.get(f"/p/palu/layanan/unit/{su.pk}/ipak/poster/?loket=Loket+2").content.decode()
    assert f"<code>{form}</code>" in html
    assert "Pindai kode QR dan isi Survei Persepsi Anti Korupsi." in html
    assert "Puskesmas Kamonji · Loket 2" in html
    assert f'src="/p/palu/layanan/unit/{su.pk}/ipak/qr.svg"' in html
    svg = client.get(f"/p/palu/layanan/unit/{su.pk}/ipak/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert qr_decode_svg(svg.content) == [form]


def test_qr_links_to_the_host_asked_without_a_base_url(client_for, personas, su, settings):
    settings.SIKAP_BASE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "layanan.palukota.go.id"]
    client = client_for(personas.admin_pemda)
    host = {"HTTP_HOST": "layanan.palukota.go.id"}
    (link,) = qr_decode_svg(client.get(f"/p/palu/layanan/unit/{su.pk}/ipak/qr.svg", **host).content)
    assert link == f"http://layanan.palukota.go.id/layanan/ipak/{su.public_slug}/"
    assert client_for(None).get(link.split("go.id", 1)[1], **host).status_code == 200


@pytest.mark.parametrize("who", ["pimpinan", "penilai", "pegawai", "outsider", None])
def test_poster_and_qr_only_for_managers_of_the_unit(client_for, personas, su, who):
    client = client_for(getattr(personas, who) if who else None)
    before = AuditLog.objects.count()
    for path in ("ipak/poster/", "ipak/qr.svg"):
        response = client.get(f"/p/palu/layanan/unit/{su.pk}/{path}")
        if who is None:
            assert response.status_code == 302 and "/masuk/" in response["Location"]
        else:
            assert response.status_code in (403, 404), (who, path)
    assert AuditLog.objects.count() == before


def test_poster_of_another_pemdas_unit_is_404(client_for, personas):
    other, _ = domain.service_unit_ensure(actor=None, unit=personas.other_unit)
    client = client_for(personas.admin_pemda)
    assert client.get(f"/p/palu/layanan/unit/{other.pk}/ipak/poster/").status_code == 404
    assert client.get(f"/p/palu/layanan/unit/{other.pk}/ipak/qr.svg").status_code == 404


def test_manage_and_results_pages_link_the_ipak_poster_and_kiosk(client_for, personas, su):
    client = client_for(personas.admin_opd)
    html = client.get(f"/p/palu/layanan/unit/{su.pk}/kelola/").content.decode()
    assert f"/layanan/ipak/kiosk/{su.public_slug}/?k={su.kiosk_key}" in html
    assert f'href="/p/palu/layanan/unit/{su.pk}/ipak/poster/"' in html
    html = client.get(f"/p/palu/layanan/unit/{su.pk}/ipak/").content.decode()
    assert 'data-testid="ipak-poster-link"' in html
    # A reader of the results who may not manage the unit sees no poster link.
    html = client_for(personas.pimpinan).get(f"/p/palu/layanan/unit/{su.pk}/ipak/")
    assert html.status_code == 200
    assert 'data-testid="ipak-poster-link"' not in html.content.decode()


def test_kiosk_needs_the_key_and_returns_to_an_empty_form(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (1, 600)
    with in_pemda(None):
        kiosk = reverse("publicservice:ipak_kiosk", args=[su.public_slug])
        thanks = reverse("publicservice:ipak_kiosk_thanks", args=[su.public_slug])
    assert kiosk == f"/layanan/ipak/kiosk/{su.public_slug}/"
    for wrong in ("", "?k=", "?k=wrong"):
        assert client.get(kiosk + wrong).status_code == 404
        assert client.post(kiosk + wrong, ALL4).status_code == 404
        assert client.get(thanks + wrong).status_code == 404
    assert IpakResponse.objects.count() == 0
    # One address, many visitors: not held to the per-address web limit (1 here).
    for _ in range(3):
        response = client.post(kiosk + f"?k={su.kiosk_key}", ALL4, REMOTE_ADDR="10.0.0.9")
        assert response.status_code == 302
        assert response["Location"] == f"{thanks}?k={su.kiosk_key}"
    assert IpakResponse.objects.count() == 3
    html = client.get(f"{thanks}?k={su.kiosk_key}").content.decode()
    assert f'http-equiv="refresh" content="5;url={kiosk}?k={su.kiosk_key}"' in html
    assert "Pengunjung berikutnya" in html
    # The web form keeps its own per-address limit.
    with in_pemda(None):
        web = reverse("publicservice:ipak_form", args=[su.public_slug])
    assert client.post(web, ALL4, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert client.post(web, ALL4, REMOTE_ADDR="10.0.0.9").status_code == 429


def test_kiosk_has_its_own_limit_per_unit(client, su, settings):
    settings.SIKAP_SKM_KIOSK_RATE_LIMIT = (2, 600)
    with in_pemda(None):
        kiosk = reverse("publicservice:ipak_kiosk", args=[su.public_slug]) + f"?k={su.kiosk_key}"
    assert client.post(kiosk, ALL4).status_code == 302
    assert client.post(kiosk, ALL4, REMOTE_ADDR="10.0.0.7").status_code == 302
    blocked = client.post(kiosk, ALL4, REMOTE_ADDR="10.0.0.8")
    assert blocked.status_code == 429
    assert IpakResponse.objects.count() == 2


def test_rotated_key_ends_the_old_ipak_kiosk_link(client_for, personas, su):
    old = su.kiosk_key
    client_for(personas.admin_opd).post(f"/p/palu/layanan/unit/{su.pk}/kelola/kunci-kios/")
    su.refresh_from_db()
    assert su.kiosk_key != old
    client = client_for(None)
    assert client.get(f"/layanan/ipak/kiosk/{su.public_slug}/?k={old}").status_code == 404
    assert client.get(f"/layanan/ipak/kiosk/{su.public_slug}/?k={su.kiosk_key}").status_code == 200


def test_poster_and_kiosk_in_english(client_for, personas, su):
    client = client_for(personas.admin_opd)
    client.cookies["django_language"] = "en"
    html = client.get(f"/p/palu/layanan/unit/{su.pk}/ipak/poster/").content.decode()
    assert "Is our service free of corruption?" in html
    assert "Scan the QR code and fill in the Anti-Corruption Perception Survey." in html
    assert "Pindai kode QR" not in html
    client = client_for(None)
    client.cookies["django_language"] = "en"
    kiosk = f"/layanan/ipak/kiosk/{su.public_slug}/?k={su.kiosk_key}"
    thanks = client.post(kiosk, ALL4, follow=True).content.decode()
    assert "Next visitor" in thanks
