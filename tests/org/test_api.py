from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from sikap.org.models import Employee, OrgUnit
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

WHO = [
    "admin_pemda",
    "admin_opd",
    "pimpinan",
    "penilai",
    "pegawai",
    "outsider",
    "anonymous",
    "token",
]


@pytest.fixture
def world(personas):
    p = personas
    return {
        "kamonji": p.employee,
        "dinkes": EmployeeFactory(pemda=p.pemda, unit=p.opd_a, name="A Dinkes"),
        "capil": EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="B Capil"),
        "dg": EmployeeFactory(pemda=p.other_pemda, unit=p.other_unit, name="C Donggala"),
    }


def api_client(personas, who):
    from rest_framework.test import APIClient

    client = APIClient()
    if who == "token":
        token = Token.objects.create(user=personas.admin_opd)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    elif who != "anonymous":
        client.force_authenticate(getattr(personas, who))
    return client


UNIT_LIST = {
    "admin_pemda": ["opd_a", "puskesmas", "opd_b"],
    "admin_opd": ["opd_a", "puskesmas"],
    "pimpinan": ["opd_a", "puskesmas"],
    "penilai": ["opd_b"],
    "pegawai": [],
    "outsider": ["other_unit"],
    "token": ["opd_a", "puskesmas"],
}
EMPLOYEE_LIST = {
    "admin_pemda": ["dinkes", "capil", "kamonji"],
    "admin_opd": ["dinkes", "kamonji"],
    "pimpinan": ["dinkes", "kamonji"],
    "penilai": ["capil"],
    "pegawai": ["kamonji"],
    "outsider": ["dg"],
    "token": ["dinkes", "kamonji"],
}


@pytest.mark.parametrize("who", WHO)
def test_unit_list_table(personas, world, who):
    response = api_client(personas, who).get(reverse("unit-list"))
    if who == "anonymous":
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        return
    assert response.status_code == 200
    assert [u["id"] for u in response.json()["results"]] == [
        getattr(personas, name).pk for name in UNIT_LIST[who]
    ]


@pytest.mark.parametrize("who", WHO)
def test_employee_list_table(personas, world, who):
    response = api_client(personas, who).get(reverse("employee-list"))
    if who == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert sorted(e["id"] for e in response.json()["results"]) == sorted(
        world[name].pk for name in EMPLOYEE_LIST[who]
    )


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("target", ["opd_a", "puskesmas", "opd_b", "other_unit"])
def test_unit_detail_table(personas, world, who, target):
    unit = getattr(personas, target)
    response = api_client(personas, who).get(reverse("unit-detail", args=[unit.pk]))
    if who == "anonymous":
        assert response.status_code == 401
    elif target in UNIT_LIST[who]:
        assert response.status_code == 200
        assert response.json()["id"] == unit.pk
        assert response.json()["code"] == unit.code
    else:
        assert response.status_code == 404
        assert response.json() == {
            "error": {
                "code": "not_found",
                "message": response.json()["error"]["message"],
                "fields": {},
            }
        }


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("target", ["kamonji", "dinkes", "capil", "dg"])
def test_employee_detail_table(personas, world, who, target):
    employee = world[target]
    response = api_client(personas, who).get(reverse("employee-detail", args=[employee.pk]))
    if who == "anonymous":
        assert response.status_code == 401
    elif target in EMPLOYEE_LIST[who]:
        assert response.status_code == 200
        assert response.json()["nip"] == employee.nip
    else:
        assert response.status_code == 404


def test_employee_filters(personas, world):
    client = api_client(personas, "admin_pemda")
    url = reverse("employee-list")

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200, response.json()
        return [e["name"] for e in response.json()["results"]]

    assert names(unit=personas.opd_a.pk) == ["A Dinkes", personas.employee.name]
    assert names(q="capil") == ["B Capil"]
    assert names(kind="pppk") == []
    assert names(kind="pns", unit=personas.opd_b.pk) == ["B Capil"]


def test_unit_filters(personas, world):
    client = api_client(personas, "admin_pemda")
    url = reverse("unit-list")
    codes = lambda **p: [u["code"] for u in client.get(url, p).json()["results"]]  # noqa: E731
    assert codes(unit=personas.opd_a.pk) == ["DINKES", "DINKES-PKM-KAMONJI"]
    assert codes(kind="puskesmas") == ["DINKES-PKM-KAMONJI"]
    assert codes(q="kependudukan") == ["DUKCAPIL"]


def test_bad_filter_is_400_naming_the_parameter(personas, world):
    client = api_client(personas, "admin_pemda")
    response = client.get(reverse("employee-list"), {"kind": "honorer"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["kind"]
    for raw in ("abc", "²", "٣", "3.0", "9" * 40):
        response = client.get(reverse("unit-list"), {"unit": raw})
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["unit"]


def test_unit_filter_of_other_pemda_is_404(personas, world):
    response = api_client(personas, "admin_opd").get(
        reverse("employee-list"), {"unit": personas.opd_b.pk}
    )
    assert response.status_code == 404


def test_api_is_read_only(personas, world):
    client = api_client(personas, "admin_pemda")
    before = (OrgUnit.objects.count(), Employee.objects.count())
    assert client.post(reverse("unit-list"), {"code": "X", "name": "X"}).status_code == 405
    assert client.delete(reverse("employee-detail", args=[world["capil"].pk])).status_code == 405
    assert (OrgUnit.objects.count(), Employee.objects.count()) == before


def test_bad_token_is_401(personas, world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(reverse("unit-list")).status_code == 401


@pytest.mark.parametrize("n", [1, 3])
def test_employee_api_query_count(personas, django_assert_num_queries, n):
    Employee.objects.all().delete()
    for _ in range(n):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    client = api_client(personas, "admin_pemda")
    # assignments, count, page
    with django_assert_num_queries(3):
        assert len(client.get(reverse("employee-list")).json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_unit_api_query_count(personas, django_assert_num_queries, n):
    for i in range(n - 1):
        from tests.factories import make_unit

        make_unit(personas.pemda, f"N{i}", f"N{i}", "dinas")
    client = api_client(personas, "admin_pemda")
    with django_assert_num_queries(3):
        assert len(client.get(reverse("unit-list")).json()["results"]) == n + 2


def test_schema_lists_the_paths(client, db):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/units/", "/api/units/{id}/", "/api/employees/", "/api/employees/{id}/"]:
        assert path in paths
    params = [p["name"] for p in paths["/api/employees/"]["get"]["parameters"]]
    assert {"unit", "q", "kind", "page"} <= set(params)


def test_docs_page_is_local_and_csp_safe(client, db):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    assert "cdn" not in html.lower()
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    import re

    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(
        s.startswith("/static/drf_spectacular_sidecar/") or s.startswith("/api/docs/") for s in srcs
    ), srcs
    from django.contrib.staticfiles import finders

    for s in srcs:
        if s.startswith("/static/"):
            assert finders.find(s.removeprefix("/static/")) is not None, s
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert "/api/schema/" in script.content.decode()
