from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sikap.org.tenancy import pemda_url
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def card_ids(html: str) -> list[str]:
    return re.findall(r'class="card h-100" id="(card-[a-z]+)"', html)


@pytest.mark.parametrize(
    ("who", "cards"),
    [
        ("admin_pemda", ["card-org", "card-culture", "card-service", "card-roles", "card-audit"]),
        ("admin_opd", ["card-org", "card-culture", "card-service"]),
        ("pimpinan", ["card-org", "card-culture", "card-service"]),
        ("penilai", ["card-org", "card-service"]),
        ("pegawai", ["card-me"]),
        ("outsider", ["card-org", "card-culture", "card-service", "card-roles", "card-audit"]),
    ],
)
def test_home_cards_follow_capabilities(personas, client_for, who, cards):
    client = client_for(getattr(personas, who))
    if who == "outsider":
        # Palu's home does not exist for Donggala's admin; their own Pemda's home does.
        assert client.get(reverse("home:index")).status_code == 404
        home = pemda_url(personas.other_pemda, "home:index")
    else:
        home = reverse("home:index")
    html = client.get(home).content.decode()
    assert card_ids(html) == cards


def test_home_redirects_anonymous(db, client):
    response = client.get(reverse("home:index"))
    assert response.status_code == 302


def test_summary_counts_units_employees_and_issues(personas, client_for):
    p = personas
    EmployeeFactory(pemda=p.pemda, unit=p.opd_b, is_active=False)
    html = client_for(p.admin_opd).get(reverse("org:home_summary")).content.decode()
    nums = re.findall(r'<div class="fs-4 fw-bold[^"]*">(\d+)</div>', html)
    # 2 units (DINKES, Puskesmas); 1 employee; issues: employee without atasan + DINKES empty.
    assert nums == ["2", "1", "2"]
    html = client_for(p.admin_pemda).get(reverse("org:home_summary")).content.decode()
    assert re.findall(r'<div class="fs-4 fw-bold[^"]*">(\d+)</div>', html) == ["3", "1", "3"]


def test_summary_for_user_without_reach(personas, client_for):
    html = client_for(personas.pegawai).get(reverse("org:home_summary")).content.decode()
    assert "Tidak ada unit dalam jangkauan Anda." in html
    assert client_for(None).get(reverse("org:home_summary")).status_code == 302


def test_nav_links_follow_capabilities(personas, client_for):
    html = client_for(personas.admin_opd).get(reverse("home:index")).content.decode()
    assert reverse("org:unit_tree") in html
    assert reverse("accounts:roles") not in html
    assert reverse("accounts:audit") not in html
    html = client_for(personas.pegawai).get(reverse("home:index")).content.decode()
    assert reverse("org:employee_detail", args=[personas.employee.pk]) in html
    assert f'href="{reverse("org:unit_tree")}"' not in html


def test_summary_issue_count_is_cached_until_the_next_audited_change(
    personas, client_for, django_assert_max_num_queries
):
    from sikap.org.domain import unit_create

    p = personas
    client = client_for(p.admin_pemda)
    url = reverse("org:home_summary")

    def issues() -> str:
        html = client.get(url).content.decode()
        return re.findall(r'<div class="fs-4 fw-bold[^"]*">(\d+)</div>', html)[2]

    # Pegawai 0 without atasan; DINKES and DUKCAPIL without active employees.
    assert issues() == "3"
    with django_assert_max_num_queries(8):  # the report alone reads more than that
        assert issues() == "3"
    # A change made behind SIKAP's back (no audit row: one more employee without atasan) is not
    # seen before the cache expires...
    EmployeeFactory(pemda=p.pemda, unit=p.puskesmas)
    assert issues() == "3"
    # ...an audited change is, at once, with the earlier one: 3 + that employee + a new unit
    # without employees.
    unit_create(actor=p.admin_pemda, pemda=p.pemda, code="BARU", name="Bidang Baru", kind="bidang")
    assert issues() == "5"
