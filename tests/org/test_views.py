from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sikap.org.models import Employee, OrgUnit
from sikap.org.tenancy import in_pemda, pemda_url
from tests.factories import EmployeeFactory, make_unit

pytestmark = pytest.mark.django_db


def pemdas_asked(personas, who: str) -> list:
    """Where `who` asks for Palu's objects: Palu's address and, for the outsider (Donggala's
    admin), also their own Pemda's address, where Palu's objects are missing as well."""
    if who == "outsider":
        return [personas.pemda, personas.other_pemda]
    return [personas.pemda]


def rows_of(html: str, attr: str) -> list[int]:
    return [int(x) for x in re.findall(rf'data-{attr}="(\d+)"', html)]


def employee_names(html: str) -> list[str]:
    body = html.split('id="employees"', 1)[1] if 'id="employees"' in html else ""
    return re.findall(r'/organisasi/pegawai/\d+/">([^<]+)</a>', body)


# --- unit tree ---------------------------------------------------------------------------


def test_tree_admin_pemda_sees_top_units_with_counts(personas, client_for):
    p = personas
    EmployeeFactory(pemda=p.pemda, unit=p.opd_a)
    html = client_for(p.admin_pemda).get(reverse("org:unit_tree")).content.decode()
    assert rows_of(html, "unit") == [p.opd_a.pk, p.opd_b.pk]
    # 1 employee directly in DINKES, 1 more in its Puskesmas.
    assert "1 / 2" in html
    assert "(1 sub-unit)" in html


def test_tree_admin_opd_sees_its_opd_only(personas, client_for):
    html = client_for(personas.admin_opd).get(reverse("org:unit_tree")).content.decode()
    assert rows_of(html, "unit") == [personas.opd_a.pk]


def test_tree_children_partial_loads_one_level(personas, client_for):
    p = personas
    response = client_for(p.admin_opd).get(
        reverse("org:unit_children", args=[p.opd_a.pk]) + "?indent=1"
    )
    html = response.content.decode()
    assert rows_of(html, "unit") == [p.puskesmas.pk]
    assert "tree-indent-1" in html
    assert "<html" not in html


def test_tree_children_of_other_opd_is_404(personas, client_for):
    response = client_for(personas.admin_opd).get(
        reverse("org:unit_children", args=[personas.opd_b.pk])
    )
    assert response.status_code == 404


def test_tree_shows_closed_unit_with_merge_link(personas, client_for):
    p = personas
    p.opd_b.valid_to = dt.date(2020, 12, 31)
    p.opd_b.merged_into = p.opd_a
    p.opd_b.save()
    html = client_for(p.admin_pemda).get(reverse("org:unit_tree")).content.decode()
    assert "ditutup" in html
    assert (
        f'digabung ke <a href="{reverse("org:unit_detail", args=[p.opd_a.pk])}">Dinas Kesehatan</a>'
        in html
    )


def test_tree_refuses_anonymous_and_pegawai(personas, client_for):
    response = client_for(None).get(reverse("org:unit_tree"))
    assert response.status_code == 302
    with in_pemda(None):
        login = reverse("accounts:login")
    assert response["Location"] == f"{login}?next={reverse('org:unit_tree')}"
    assert client_for(personas.pegawai).get(reverse("org:unit_tree")).status_code == 403


def test_tree_query_count_does_not_grow_with_units(
    personas, client_for, django_assert_max_num_queries
):
    p = personas
    client = client_for(p.admin_pemda)
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("org:unit_tree"))
    for i in range(30):
        unit = make_unit(p.pemda, f"X{i}", f"Unit {i}", "dinas")
        make_unit(p.pemda, f"X{i}-1", f"Sub {i}", "bidang", parent=unit)
        EmployeeFactory(pemda=p.pemda, unit=unit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(reverse("org:unit_tree")).content.decode()
    assert len(rows_of(html, "unit")) == 32


# --- unit detail -------------------------------------------------------------------------


def test_unit_detail_shows_path_children_head_employees(personas, client_for):
    p = personas
    head = EmployeeFactory(
        pemda=p.pemda, unit=p.puskesmas, name="Kepala Puskesmas", eselon="IV.a", jabatan="Kepala"
    )
    sub = make_unit(p.pemda, "PKM-PUSTU", "Pustu Kamonji", "upt", parent=p.puskesmas)
    html = (
        client_for(p.admin_opd)
        .get(reverse("org:unit_detail", args=[p.puskesmas.pk]))
        .content.decode()
    )
    assert (
        f'<li class="breadcrumb-item"><a href="{reverse("org:unit_detail", args=[p.opd_a.pk])}">Dinas Kesehatan</a></li>'
        in html
    )
    assert rows_of(html, "unit") == [sub.pk]
    assert (
        f'<a href="{reverse("org:employee_detail", args=[head.pk])}">Kepala Puskesmas</a> — Kepala (IV.a)'
        in html
    )
    assert p.employee.name in html


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "outsider"])
def test_unit_detail_not_yours_is_404(personas, client_for, who):
    client = client_for(getattr(personas, who))
    for pemda in pemdas_asked(personas, who):
        url = pemda_url(pemda, "org:unit_detail", personas.opd_b.pk)
        assert client.get(url).status_code == 404, url


def test_unit_detail_anonymous_redirects(personas, client_for):
    response = client_for(None).get(reverse("org:unit_detail", args=[personas.opd_a.pk]))
    assert response.status_code == 302


# --- employee list -----------------------------------------------------------------------


@pytest.fixture
def staff(personas):
    p = personas
    Employee.objects.all().delete()
    return [
        EmployeeFactory(pemda=p.pemda, unit=p.opd_a, name="Andi Kurniawan", golongan="III/a"),
        EmployeeFactory(
            pemda=p.pemda,
            unit=p.puskesmas,
            name="Budi Santoso",
            kind=Employee.Kind.PPPK,
            jenis_jabatan=Employee.JenisJabatan.PELAKSANA,
            golongan="IX",
        ),
        EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Citra Dewi", golongan="III/a"),
        EmployeeFactory(pemda=p.other_pemda, unit=p.other_unit, name="Dodi Luar"),
    ]


def test_employee_list_scoped(personas, staff, client_for):
    url = reverse("org:employee_list")
    assert employee_names(client_for(personas.admin_pemda).get(url).content.decode()) == [
        "Andi Kurniawan",
        "Budi Santoso",
        "Citra Dewi",
    ]
    assert employee_names(client_for(personas.admin_opd).get(url).content.decode()) == [
        "Andi Kurniawan",
        "Budi Santoso",
    ]
    outsider = client_for(personas.outsider)
    assert outsider.get(url).status_code == 404
    own = pemda_url(personas.other_pemda, "org:employee_list")
    assert employee_names(outsider.get(own).content.decode()) == ["Dodi Luar"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "budi"}, ["Budi Santoso"]),
        ({"unit": "PUSKESMAS"}, ["Budi Santoso"]),
        ({"unit": "DINKES"}, ["Andi Kurniawan", "Budi Santoso"]),
        ({"kind": "pppk"}, ["Budi Santoso"]),
        ({"jenis_jabatan": "fungsional"}, ["Andi Kurniawan", "Citra Dewi"]),
        ({"golongan": "III/a"}, ["Andi Kurniawan", "Citra Dewi"]),
    ],
)
def test_employee_list_filters(personas, staff, client_for, query, expected):
    units = {"PUSKESMAS": personas.puskesmas.pk, "DINKES": personas.opd_a.pk}
    if "unit" in query:
        query = {"unit": units[query["unit"]]}
    html = (
        client_for(personas.admin_pemda).get(reverse("org:employee_list"), query).content.decode()
    )
    assert employee_names(html) == expected


def test_employee_list_search_by_nip(personas, staff, client_for):
    nip = staff[2].nip
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("org:employee_list"), {"q": nip[:14]})
        .content.decode()
    )
    assert employee_names(html) == ["Citra Dewi"]


def test_employee_list_filter_on_unit_of_other_opd_ignored(personas, staff, client_for):
    html = (
        client_for(personas.admin_opd)
        .get(reverse("org:employee_list"), {"unit": personas.opd_b.pk})
        .content.decode()
    )
    assert employee_names(html) == ["Andi Kurniawan", "Budi Santoso"]


def test_employee_list_htmx_returns_table_only(personas, staff, client_for):
    response = client_for(personas.admin_pemda).get(
        reverse("org:employee_list"), {"q": "citra"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert employee_names(html) == ["Citra Dewi"]


def test_employee_list_paginates_50(personas, client_for):
    for i in range(51):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b, name=f"Zz {i:02d}")
    client = client_for(personas.admin_pemda)
    first = employee_names(client.get(reverse("org:employee_list")).content.decode())
    second = employee_names(client.get(reverse("org:employee_list"), {"page": 2}).content.decode())
    assert len(first) == 50
    assert second == ["Zz 49", "Zz 50"]


@pytest.mark.parametrize("n", [1, 3])
def test_employee_list_query_count(personas, client_for, django_assert_num_queries, n):
    Employee.objects.all().delete()
    for i in range(n):
        EmployeeFactory(pemda=personas.pemda, unit=personas.puskesmas, golongan=f"III/{'abc'[i]}")
    client = client_for(personas.admin_pemda)
    # the Pemda by its code, session, user, role assignments, unit choices, golongan choices,
    # count, page
    with django_assert_num_queries(8):
        html = client.get(reverse("org:employee_list")).content.decode()
    assert len(employee_names(html)) == n


def test_employee_list_refuses_anonymous_and_pegawai(personas, client_for):
    assert client_for(None).get(reverse("org:employee_list")).status_code == 302
    assert client_for(personas.pegawai).get(reverse("org:employee_list")).status_code == 403


# --- employee detail ---------------------------------------------------------------------


def test_pegawai_sees_own_record_only(personas, client_for):
    p = personas
    colleague = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Rekan Kerja")
    client = client_for(p.pegawai)
    own = client.get(reverse("org:employee_detail", args=[p.employee.pk]))
    assert own.status_code == 200
    assert p.employee.nip in own.content.decode()
    assert client.get(reverse("org:employee_detail", args=[colleague.pk])).status_code == 404


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "outsider", "penilai"])
def test_employee_detail_not_yours_is_404(personas, client_for, who):
    other = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    if who == "penilai":
        other = personas.employee
    client = client_for(getattr(personas, who))
    for pemda in pemdas_asked(personas, who):
        url = pemda_url(pemda, "org:employee_detail", other.pk)
        assert client.get(url).status_code == 404, url


def test_employee_detail_shows_atasan(personas, client_for):
    p = personas
    boss = EmployeeFactory(pemda=p.pemda, unit=p.opd_a, name="Kepala Dinas")
    p.employee.atasan = boss
    p.employee.save()
    html = (
        client_for(p.admin_opd)
        .get(reverse("org:employee_detail", args=[p.employee.pk]))
        .content.decode()
    )
    assert (
        f'<a href="{reverse("org:employee_detail", args=[boss.pk])}">Kepala Dinas</a> — Dinas Kesehatan'
        in html
    )


def test_pages_render_no_inline_script_or_style(personas, client_for):
    client = client_for(personas.admin_pemda)
    for url in [
        reverse("org:unit_tree"),
        reverse("org:unit_detail", args=[personas.opd_a.pk]),
        reverse("org:employee_list"),
        reverse("org:employee_detail", args=[personas.employee.pk]),
        reverse("org:data_quality"),
    ]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert "style=" not in html, url
        assert "<style" not in html, url


def test_org_unit_counts_unchanged_by_browsing(personas, client_for):
    before = (OrgUnit.objects.count(), Employee.objects.count())
    client_for(personas.outsider).get(reverse("org:unit_detail", args=[personas.opd_a.pk]))
    assert (OrgUnit.objects.count(), Employee.objects.count()) == before


@pytest.mark.parametrize("n", [1, 3])
def test_unit_detail_query_count(personas, client_for, django_assert_num_queries, n):
    Employee.objects.all().delete()
    for i in range(n):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_a, eselon="II.b" if i == 0 else "")
        make_unit(personas.pemda, f"SUB{i}", f"Sub {i}", "bidang", parent=personas.opd_a)
    client = client_for(personas.admin_pemda)
    # the Pemda by its code, session, user, assignments, unit, ancestors none, children,
    # employee counts, grandchildren counts, head, employee count, employee page
    with django_assert_num_queries(11):
        html = client.get(reverse("org:unit_detail", args=[personas.opd_a.pk])).content.decode()
    assert html.count("data-unit=") == n + 1  # n new sub-units + the Puskesmas


def test_employee_detail_query_count(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.pegawai)
    # the Pemda by its code, session, user, assignments, employee with unit and atasan
    with django_assert_max_num_queries(5):
        client.get(reverse("org:employee_detail", args=[personas.employee.pk]))


def test_atasan_outside_reach_is_named_but_not_linked(personas, client_for):
    p = personas
    sekda = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Sekda Kota")
    p.employee.atasan = sekda
    p.employee.save()
    html = (
        client_for(p.admin_opd)
        .get(reverse("org:employee_detail", args=[p.employee.pk]))
        .content.decode()
    )
    assert "Sekda Kota — Dinas Kependudukan dan Pencatatan Sipil" in html
    assert reverse("org:employee_detail", args=[sekda.pk]) not in html
