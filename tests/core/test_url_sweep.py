"""Every URL of SIKAP refuses an anonymous visitor unless it is public by design.

The sweep walks the URL resolver, so a page added later is covered without touching this file.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Public by design: login, password reset, health, language switch, the rulebook page, the API schema/docs,
# and the citizen/respondent forms reached by link or QR.
PUBLIC_PREFIXES = (
    "akun/masuk/",
    "akun/sandi/",
    "health/",
    "i18n/",
    "aturan/",
    "api/schema/",
    "api/docs/",
    "layanan/f/",
    "layanan/kiosk/",
    "layanan/poster/",
    "budaya/isi/",
    "budaya/terima-kasih/",
    "static/",
    "media/",
    "django-admin/",
)

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def walk(patterns, prefix=""):
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def concrete(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (admin, static) are not SIKAP's own pages

    def fill(match: re.Match[str]) -> str:
        conv = match.group("conv") or "str"
        return {"int": "999999", "uuid": "00000000-0000-0000-0000-000000000000"}.get(conv, "x")

    return "/" + PARAM.sub(fill, route)


ROUTES = sorted(
    {
        url
        for route in walk(get_resolver().url_patterns)
        if (url := concrete(route)) is not None and not url.lstrip("/").startswith(PUBLIC_PREFIXES)
    }
)


def test_sweep_covers_the_apps():
    prefixes = {r.split("/")[1] for r in ROUTES}
    assert {"organisasi", "akun", "api"} <= prefixes


@pytest.mark.parametrize("url", ROUTES)
def test_anonymous_is_refused(db, client, url):
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code in {401, 403, 404, 405}, (method, url, response.status_code)
        else:
            assert response.status_code in {302, 403, 404, 405}, (method, url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/akun/masuk/"), (method, url)
