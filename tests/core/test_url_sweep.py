"""Every URL of SIKAP, asked for a real object, answers its owner and refuses everyone else.

The sweep walks the URL resolver, so a route added later fails here until the table in
tests/core/routes.py says which object it addresses and who may open it. Each route is asked for an object of the
personas' own OPD: its allowed user gets 200 (or, for an action, is let through), while the
anonymous visitor, an admin of another OPD and an admin of another Pemda are refused and the
audit log shows that nothing changed. The allowed user is then refused, in the same way, the
same kind of object of another OPD and of another Pemda. A made-up id proves nothing: a view
without `login_required` or without its scoping still answers 404 for it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sikap.core.models import AuditLog
from sikap.org.models import Pemda
from sikap.org.tenancy import in_pemda
from tests.core.conftest import Side
from tests.core.routes import OBJECTLESS_ARGS, PUBLIC, ROUTES, Route


def walk(patterns: list[Any], namespace: str = "") -> Any:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


NAMES = sorted({n for n in walk(get_resolver().url_patterns) if not n.startswith("admin:")})
SWEPT = [n for n in NAMES if n not in PUBLIC]


def test_every_route_is_in_the_table():
    assert sorted(set(SWEPT) - set(ROUTES)) == [], "add the route to ROUTES"
    assert sorted(set(ROUTES) - set(SWEPT)) == [], "a route in ROUTES no longer exists"


def is_api(url: str) -> bool:
    return url.startswith("/api/")


def refused(response: Any, url: str, anonymous: bool) -> bool:
    if is_api(url):
        return response.status_code in ({401, 403} if anonymous else {403, 404})
    if anonymous:
        return response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    return response.status_code in {403, 404}


def target(
    name: str, route: Route, side: Side, *, within: Pemda | None = None
) -> tuple[str, dict[str, Any]]:
    """The route for `side`'s object, under the URL of `within` (default: the side's Pemda);
    API routes take the Pemda as their `pemda` parameter."""
    pemda = within or side.pemda
    data = route.data(side) if route.data else {}
    with in_pemda(None):
        url = reverse(name, kwargs=route.args(side))
    if is_api(url):
        return f"{url}?pemda={pemda.code}", data
    with in_pemda(pemda):
        return reverse(name, kwargs=route.args(side)), data


def ask(client_for: Any, user: Any, method: str, url: str, data: dict[str, Any]) -> Any:
    return getattr(client_for(user), method)(url, data)


def assert_refused(
    client_for: Any, who: Any, anonymous: bool, request: tuple[str, dict[str, Any]], route: Route
) -> None:
    url, data = request
    before = AuditLog.objects.count()
    for method in route.methods:
        response = ask(client_for, who, method, url, data)
        assert refused(response, url, anonymous), (who, method, url, data, response.status_code)
    assert AuditLog.objects.count() == before, (who, url, "a refused request changed something")


def addresses_object(route: Route) -> bool:
    return route.args not in OBJECTLESS_ARGS or route.data is not None


@pytest.mark.parametrize("name", SWEPT)
def test_route_serves_its_owner_and_refuses_everyone_else(client_for, world, name):
    route = ROUTES[name]
    users = world.users
    own = target(name, route, world.own)
    assert_refused(client_for, None, True, own, route)
    if addresses_object(route):
        assert_refused(client_for, users["other_pemda"], False, own, route)
        if route.other_opd_refused:
            assert_refused(client_for, users["other_opd"], False, own, route)
        # The allowed user, asked for the same kind of object that is not its own.
        other_pemda = target(name, route, world.other_pemda)
        assert_refused(client_for, users[route.allowed], False, other_pemda, route)
        # …and under its own Pemda's address, which narrows every query to that Pemda.
        smuggled = target(name, route, world.other_pemda, within=world.own.pemda)
        assert_refused(client_for, users[route.allowed], False, smuggled, route)
        if route.unit_scoped:
            other_opd = target(name, route, world.other_opd)
            assert_refused(client_for, users[route.allowed], False, other_opd, route)
    response = ask(client_for, users[route.allowed], route.methods[0], *own)
    if route.methods[0] == "get":
        assert response.status_code == route.status, (own, response.status_code)
    else:
        # 400: the empty form was read and rejected, which only the allowed user gets to see.
        assert response.status_code in {200, 302, 400}, (own, response.status_code)
        assert not response.get("Location", "").startswith("/akun/masuk/"), own


OBJECTLESS = [n for n in SWEPT if not addresses_object(ROUTES[n]) and "get" in ROUTES[n].methods]


@pytest.mark.parametrize("name", OBJECTLESS)
def test_a_page_without_an_object_shows_nothing_of_another_pemda(client_for, world, name):
    url, _ = target(name, ROUTES[name], world.own)
    response = client_for(world.users["other_pemda"]).get(url)
    assert response.status_code in {200, 403, 404}, (url, response.status_code)
    body = response.content.decode(errors="replace")
    assert [m for m in world.own_markers if m in body] == [], url
    allowed = client_for(world.users[ROUTES[name].allowed]).get(url)
    assert allowed.status_code == ROUTES[name].status, url
