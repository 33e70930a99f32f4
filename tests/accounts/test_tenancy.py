"""The Pemda in the URL: one middleware decides which Pemda a page is about."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.core.roles import Role
from sikap.org.models import OrgUnit
from sikap.org.tenancy import SESSION_KEY, in_pemda, pemda_url, public_reverse
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_pemda_page_is_under_its_pemda(personas):
    assert reverse("org:unit_tree") == "/p/palu/organisasi/"
    assert pemda_url(personas.other_pemda, "org:unit_tree") == "/p/donggala/organisasi/"
    with in_pemda(None):
        assert reverse("org:unit_tree") == "/organisasi/"
    # Public links stay short whatever page makes them.
    assert public_reverse("culture:survey") == "/budaya/isi/"
    assert public_reverse("publicservice:form", "abc") == "/layanan/f/abc/"


def test_the_page_knows_its_pemda_and_its_links_stay_inside(personas, client_for):
    response = client_for(personas.admin_pemda).get("/p/palu/organisasi/")
    assert response.status_code == 200
    assert response.wsgi_request.pemda == personas.pemda
    html = response.content.decode()
    assert 'href="/p/palu/organisasi/pegawai/"' in html  # the navigation
    assert 'action="/akun/keluar/"' in html  # a page of no Pemda keeps its short address


def test_a_missing_pemda_and_another_users_pemda_answer_alike(personas, client_for):
    client = client_for(personas.admin_pemda)
    missing = client.get("/p/tidak-ada/organisasi/")
    theirs = client.get("/p/donggala/organisasi/")
    assert missing.status_code == theirs.status_code == 404
    assert "Halaman tidak ditemukan" in missing.content.decode()
    assert "Halaman tidak ditemukan" in theirs.content.decode()
    assert "Donggala" not in theirs.content.decode()


def test_the_code_is_read_in_any_case_and_one_address_kept(personas, client_for):
    response = client_for(personas.admin_pemda).get("/p/PALU/organisasi/?q=x")
    assert response.status_code == 301
    assert response["Location"] == "/p/palu/organisasi/?q=x"


def test_anonymous_visitors_sign_in_first_whatever_the_pemda(client, personas):
    for path in ("/p/palu/organisasi/", "/p/tidak-ada/organisasi/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/akun/masuk/?next={path}"


def test_an_old_address_goes_to_the_same_page_in_the_users_pemda(personas, client_for):
    client = client_for(personas.admin_opd)
    response = client.get("/organisasi/pegawai/?q=budi")
    assert response.status_code == 302
    assert response["Location"] == "/p/palu/organisasi/pegawai/?q=budi"
    before = OrgUnit.objects.count(), AuditLog.objects.count()
    # A form posted to an old address keeps its method and body (307), and nothing is done
    # before it reaches its Pemda.
    posted = client.post("/layanan/aktifkan/", {"unit": personas.puskesmas.pk})
    assert posted.status_code == 307
    assert posted["Location"] == "/p/palu/layanan/aktifkan/"
    assert (OrgUnit.objects.count(), AuditLog.objects.count()) == before


def test_home_without_a_pemda_opens_the_users_pemda(personas, client_for):
    response = client_for(personas.pegawai).get("/")
    assert response.status_code == 302 and response["Location"] == "/p/palu/"


@pytest.fixture
def two_pemdas(personas):
    """An Inspektorat auditor of the province who holds roles in Palu and in Donggala."""
    user = UserFactory(username="auditor", pemda=None)
    user.role_assignments.create(pemda=personas.pemda, role=Role.ADMIN_PEMDA, unit=None)
    user.role_assignments.create(pemda=personas.other_pemda, role=Role.ADMIN_PEMDA, unit=None)
    return user


def test_a_user_of_two_pemdas_chooses_then_switches_from_the_header(
    personas, client_for, two_pemdas
):
    client = client_for(two_pemdas)
    first = client.get("/organisasi/")
    assert first.status_code == 302 and first["Location"] == "/akun/pemda/"
    choose = client.get("/akun/pemda/").content.decode()
    assert 'href="/p/donggala/"' in choose and 'href="/p/palu/"' in choose
    palu = client.get("/p/palu/organisasi/")
    header = palu.content.decode()
    assert 'data-pemda="donggala" href' not in header  # the attribute order is fixed below
    assert 'href="/p/donggala/" data-pemda="donggala"' in header
    assert "Dinas Kesehatan" in header and "Dinas Kesehatan Donggala" not in header
    # The Pemda last used is where old addresses go now.
    assert client.session[SESSION_KEY] == "palu"
    assert client.get("/organisasi/")["Location"] == "/p/palu/organisasi/"
    donggala = client.get("/p/donggala/organisasi/").content.decode()
    assert "Sekretariat Daerah Donggala" in donggala and "Dinas Kesehatan<" not in donggala
    assert client.get("/organisasi/")["Location"] == "/p/donggala/organisasi/"


def test_objects_of_one_pemda_are_not_found_under_the_other(personas, client_for, two_pemdas):
    client = client_for(two_pemdas)
    unit = personas.other_unit  # Donggala's
    assert client.get(f"/p/donggala/organisasi/unit/{unit.pk}/").status_code == 200
    assert client.get(f"/p/palu/organisasi/unit/{unit.pk}/").status_code == 404


def test_a_superuser_chooses_a_pemda_instead_of_landing_on_one(personas, client_for):
    root = UserFactory(username="root", pemda=None, is_superuser=True, is_staff=True)
    client = client_for(root)
    assert client.get("/layanan/")["Location"] == "/akun/pemda/"
    listing = client.get("/akun/pemda/").content.decode()
    assert "Pemerintah Kota Palu" in listing and "Pemerintah Kabupaten Donggala" in listing
    assert client.get("/p/donggala/layanan/").status_code == 200


def test_public_links_use_the_address_the_request_came_to(personas, client_for, settings):
    from sikap.publicservice import domain as service

    settings.SIKAP_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["sikap.palukota.go.id"]
    su, _ = service.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    page = client_for(personas.admin_pemda).get(
        reverse("publicservice:unit_manage", args=[su.pk]), HTTP_HOST="sikap.palukota.go.id"
    )
    html = page.content.decode()
    assert f"http://sikap.palukota.go.id/layanan/f/{su.public_slug}/" in html
    assert "127.0.0.1:8000" not in html
    settings.SIKAP_BASE_URL = "https://survei.palukota.go.id"
    page = client_for(personas.admin_pemda).get(
        reverse("publicservice:unit_manage", args=[su.pk]), HTTP_HOST="sikap.palukota.go.id"
    )
    assert f"https://survei.palukota.go.id/layanan/f/{su.public_slug}/" in page.content.decode()
