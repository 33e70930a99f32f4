from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from sikap.org.models import Employee, OrgUnit
from sikap.org.tenancy import in_pemda
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


def api(name: str, *args: Any) -> str:
    """The short API path (`/api/…`), whatever Pemda the test reverses in."""
    with in_pemda(None):
        return reverse(name, args=args or None)


def home(personas, who: str) -> dict[str, str]:
    """The `pemda` parameter of `who`'s own Pemda (anonymous and the token: Palu)."""
    pemda = personas.other_pemda if who == "outsider" else personas.pemda
    return {"pemda": pemda.code}


PALU = {"pemda": "palu"}


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
    response = api_client(personas, who).get(api("unit-list"), home(personas, who))
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
    response = api_client(personas, who).get(api("employee-list"), home(personas, who))
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
    response = api_client(personas, who).get(api("unit-detail", unit.pk), home(personas, who))
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
    response = api_client(personas, who).get(
        api("employee-detail", employee.pk), home(personas, who)
    )
    if who == "anonymous":
        assert response.status_code == 401
    elif target in EMPLOYEE_LIST[who]:
        assert response.status_code == 200
        assert response.json()["nip"] == employee.nip
    else:
        assert response.status_code == 404


def test_employee_filters(personas, world):
    client = api_client(personas, "admin_pemda")
    url = api("employee-list")

    def names(**params):
        response = client.get(url, {**PALU, **params})
        assert response.status_code == 200, response.json()
        return [e["name"] for e in response.json()["results"]]

    assert names(unit=personas.opd_a.pk) == ["A Dinkes", personas.employee.name]
    assert names(q="capil") == ["B Capil"]
    assert names(kind="pppk") == []
    assert names(kind="pns", unit=personas.opd_b.pk) == ["B Capil"]


def test_unit_filters(personas, world):
    client = api_client(personas, "admin_pemda")
    url = api("unit-list")
    codes = lambda **p: [u["code"] for u in client.get(url, {**PALU, **p}).json()["results"]]  # noqa: E731
    assert codes(unit=personas.opd_a.pk) == ["DINKES", "DINKES-PKM-KAMONJI"]
    assert codes(kind="puskesmas") == ["DINKES-PKM-KAMONJI"]
    assert codes(q="kependudukan") == ["DUKCAPIL"]


def test_bad_filter_is_400_naming_the_parameter(personas, world):
    client = api_client(personas, "admin_pemda")
    response = client.get(api("employee-list"), {**PALU, "kind": "honorer"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["kind"]
    for raw in ("abc", "²", "٣", "3.0", "9" * 40):
        response = client.get(api("unit-list"), {**PALU, "unit": raw})
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["unit"]


def test_unit_filter_of_other_pemda_is_404(personas, world):
    response = api_client(personas, "admin_opd").get(
        api("employee-list"), {**PALU, "unit": personas.opd_b.pk}
    )
    assert response.status_code == 404


def test_api_is_read_only(personas, world):
    client = api_client(personas, "admin_pemda")
    before = (OrgUnit.objects.count(), Employee.objects.count())
    unit_list = api("unit-list") + "?pemda=palu"
    capil = api("employee-detail", world["capil"].pk) + "?pemda=palu"
    assert client.post(unit_list, {"code": "X", "name": "X"}).status_code == 405
    assert client.delete(capil).status_code == 405
    assert (OrgUnit.objects.count(), Employee.objects.count()) == before


def test_bad_token_is_401(personas, world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(api("unit-list"), PALU).status_code == 401


@pytest.mark.parametrize("n", [1, 3])
def test_employee_api_query_count(personas, django_assert_num_queries, n):
    Employee.objects.all().delete()
    for _ in range(n):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    client = api_client(personas, "admin_pemda")
    # the Pemda by its code (the `pemda` parameter), assignments, count, page
    with django_assert_num_queries(4):
        assert len(client.get(api("employee-list"), PALU).json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_unit_api_query_count(personas, django_assert_num_queries, n):
    for i in range(n - 1):
        from tests.factories import make_unit

        make_unit(personas.pemda, f"N{i}", f"N{i}", "dinas")
    client = api_client(personas, "admin_pemda")
    # the Pemda by its code (the `pemda` parameter), assignments, count, page
    with django_assert_num_queries(4):
        assert len(client.get(api("unit-list"), PALU).json()["results"]) == n + 2


def test_schema_lists_the_paths(client, db):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/units/", "/api/units/{id}/", "/api/employees/", "/api/employees/{id}/"]:
        assert path in paths
    params = [p["name"] for p in paths["/api/employees/"]["get"]["parameters"]]
    assert {"pemda", "unit", "q", "kind", "page"} <= set(params)
    for path in ["/api/units/", "/api/units/{id}/", "/api/employees/", "/api/employees/{id}/"]:
        pemda = [p for p in paths[path]["get"]["parameters"] if p["name"] == "pemda"]
        assert len(pemda) == 1 and pemda[0]["required"] is True, path


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


@pytest.mark.parametrize("name", ["unit-list", "employee-list"])
def test_missing_pemda_is_400_naming_it(personas, world, name):
    response = api_client(personas, "admin_pemda").get(api(name))
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["pemda"]
    blank = api_client(personas, "admin_pemda").get(api(name), {"pemda": " "})
    assert blank.status_code == 400
    assert list(blank.json()["error"]["fields"]) == ["pemda"]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("admin_pemda", "donggala"),
        ("outsider", "palu"),
        ("admin_pemda", "no-such-pemda"),
        ("token", "donggala"),
    ],
)
def test_another_or_unknown_pemda_is_404(personas, world, who, code):
    client = api_client(personas, who)
    for url in (
        api("unit-list"),
        api("employee-list"),
        api("unit-detail", personas.other_unit.pk),
        api("employee-detail", world["dg"].pk),
    ):
        response = client.get(url, {"pemda": code})
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    # The same answer whether the Pemda exists or not.
    assert "results" not in response.json()


def test_pemda_code_in_any_case(personas, world):
    client = api_client(personas, "admin_pemda")
    for code in ("palu", "PALU", "Palu"):
        response = client.get(api("unit-list"), {"pemda": code})
        assert response.status_code == 200
        assert [u["code"] for u in response.json()["results"]] == [
            "DINKES",
            "DINKES-PKM-KAMONJI",
            "DUKCAPIL",
        ]


def test_superuser_sees_only_the_pemda_asked_for(personas, world):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    for pemda, units in (
        (personas.pemda, {"DINKES", "DINKES-PKM-KAMONJI", "DUKCAPIL"}),
        (personas.other_pemda, {"DG-SETDA"}),
    ):
        client = api_client(personas, "anonymous")
        client.force_authenticate(root)
        response = client.get(api("unit-list"), {"pemda": pemda.code})
        assert response.status_code == 200
        assert {u["code"] for u in response.json()["results"]} == units
