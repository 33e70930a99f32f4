from __future__ import annotations

import importlib.util
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from sikap.accounts import demo
from sikap.accounts.models import RoleAssignment, User
from sikap.core.roles import Cap, Role
from sikap.core.scoping import reach
from sikap.org.models import Pemda
from sikap.org.tenancy import pemda_url
from tests.factories import EmployeeFactory, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_demo():
    """A small stand-in for the org demo: the units the demo logins look for."""
    pemda = Pemda.objects.create(code=demo.DEMO_CODE, name="Kota Palu (demo)", is_demo=True)
    setda = make_unit(pemda, "SETDA", "Sekretariat Daerah", "setda")
    dinkes = make_unit(pemda, "DINKES", "Dinas Kesehatan", "dinas")
    pkm = make_unit(pemda, "PKM-KAMONJI", "Puskesmas Kamonji", "puskesmas", parent=dinkes)
    itda = make_unit(pemda, "ITDA", "Inspektorat Daerah", "inspektorat")
    capil = make_unit(pemda, "DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas")
    people = {
        "sekda": EmployeeFactory(pemda=pemda, unit=setda, name="Sekda Demo", eselon="II.a"),
        "kadis": EmployeeFactory(pemda=pemda, unit=dinkes, name="Kadis Demo", eselon="II.b"),
        "sekdis": EmployeeFactory(pemda=pemda, unit=dinkes, name="Sekdis Demo", eselon="III.a"),
        "staf": EmployeeFactory(pemda=pemda, unit=pkm, name="Staf Demo"),
        "irban": EmployeeFactory(pemda=pemda, unit=itda, name="Irban Demo", eselon="III.b"),
    }
    return (
        pemda,
        {"setda": setda, "dinkes": dinkes, "pkm": pkm, "itda": itda, "capil": capil},
        people,
    )


def roles_of(username):
    return sorted(
        (r, u or "")
        for r, u in RoleAssignment.objects.filter(user__username=username).values_list(
            "role", "unit__code"
        )
    )


def test_load_creates_one_user_per_role(mini_demo):
    pemda, units, people = mini_demo
    demo.load(pemda=pemda, stdout=io.StringIO())
    assert roles_of("admin.pemda@palu.demo") == [(Role.ADMIN_PEMDA, "")]
    assert roles_of("admin.dinkes@palu.demo") == [(Role.ADMIN_OPD, "DINKES")]
    assert roles_of("kadis.dinkes@palu.demo") == [(Role.PIMPINAN, "DINKES")]
    assert roles_of("sekda@palu.demo") == [(Role.PIMPINAN, "")]
    assert roles_of("walikota@palu.demo") == [(Role.PIMPINAN, "")]
    # DPMPTSP is missing from this tree: the penilai gets the two OPDs that exist.
    assert roles_of("inspektorat@palu.demo") == [
        (Role.PENILAI, "DINKES"),
        (Role.PENILAI, "DUKCAPIL"),
    ]
    assert User.objects.get(username="kadis.dinkes@palu.demo").employee == people["kadis"]
    assert User.objects.get(username="sekda@palu.demo").employee == people["sekda"]
    assert User.objects.get(username="inspektorat@palu.demo").employee == people["irban"]
    pegawai = User.objects.get(nip=people["staf"].nip)
    assert pegawai.employee == people["staf"]
    assert roles_of(pegawai.username) == [(Role.PEGAWAI, "PKM-KAMONJI")]
    assert list(demo.DEMO_LOGINS)[-1] == ("Pegawai", people["staf"].nip)


def test_load_twice_changes_nothing(mini_demo):
    pemda, *_ = mini_demo
    demo.load(pemda=pemda, stdout=io.StringIO())
    before = (User.objects.count(), RoleAssignment.objects.count())
    demo.load(pemda=pemda, stdout=io.StringIO())
    assert (User.objects.count(), RoleAssignment.objects.count()) == before


def test_load_without_units_skips_cleanly(db):
    pemda = Pemda.objects.create(code=demo.DEMO_CODE, name="Kosong")
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    assert "no unit for Admin OPD (Dinas Kesehatan); skipped." in out.getvalue()
    assert sorted(User.objects.values_list("username", flat=True)) == [
        "admin.pemda@palu.demo",
        "sekda@palu.demo",
        "walikota@palu.demo",
    ]


def test_every_demo_login_works(mini_demo, client):
    pemda, *_ = mini_demo
    demo.load(pemda=pemda, stdout=io.StringIO())
    for label, login in demo.DEMO_LOGINS:
        client.logout()
        response = client.post(
            reverse("accounts:login"), {"identifier": login, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, (label, login)
        # The short home sends each login on to the home of the demo Pemda.
        home = client.get(reverse("home:index"), follow=True)
        assert home.status_code == 200, (label, login)
        assert home.redirect_chain == [(pemda_url(pemda, "home:index"), 302)], (label, login)


def test_demo_sekda_reaches_whole_pemda(mini_demo):
    pemda, units, _ = mini_demo
    demo.load(pemda=pemda, stdout=io.StringIO())
    sekda = User.objects.get(username="sekda@palu.demo")
    assert reach(sekda, Cap.ORG_VIEW).whole_pemda_ids == frozenset({pemda.pk})


@pytest.mark.skipif(
    importlib.util.find_spec("sikap.org.demo") is None, reason="org demo not written yet"
)
def test_sikap_demo_load_and_log_in_with_each_login(client):
    out = io.StringIO()
    call_command("demo", "load", stdout=out)
    assert f"Demo logins (password for all: {demo.DEMO_PASSWORD}):" in out.getvalue()
    logins = list(demo.DEMO_LOGINS)
    assert [label for label, _ in logins] == [u.label for u in demo.DEMO_USERS] + ["Pegawai"]
    assert logins[-1][1].isdigit() and len(logins[-1][1]) == 18
    for label, login in logins:
        client.logout()
        response = client.post(
            reverse("accounts:login"), {"identifier": login, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, (label, login, response.content.decode()[:500])
        home = client.get(reverse("home:index"), follow=True)
        assert home.status_code == 200, (label, login)
        assert home.wsgi_request.pemda is not None, (label, login)
    admin_opd = User.objects.get(username="admin.dinkes@palu.demo")
    assert roles_of(admin_opd.username)[0][0] == Role.ADMIN_OPD
