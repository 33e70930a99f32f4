"""No page scrolls sideways on a phone: every page each role may open, at 390×844.

The pages are the GET routes of the route table (tests/core/routes.py), asked for real objects
of the personas' own OPD, plus the public pages and an import that failed on long values. A
page passes when the document is no wider than the viewport; a wide table scrolls inside its
own box instead.
"""

from __future__ import annotations

import pytest

from tests.core.browsing import (
    ROLES,
    failed_import,
    get_pages,
    open_survey,
    overflow,
    pages_for,
    public_pages,
    role_user,
    settle,
    sign_in,
    start_survey,
    wide_elements,
)

pytestmark = [pytest.mark.browser, pytest.mark.layout]

# Pages the issue named as scrolling sideways on a phone: each must be among those visited.
NAMED = {
    "admin_pemda": {
        "culture:campaign_manage",
        "culture:group",
        "publicservice:ombudsman_unit",
        "org_import:progress (failed)",
    },
    "admin_opd": {"culture:group", "publicservice:ombudsman_unit"},
}


@pytest.mark.parametrize("role", ROLES)
def test_no_page_of_a_role_scrolls_sideways_on_a_phone(
    role, world, personas, live_server, browser_context
):
    user = role_user(world, personas, role)
    visits = pages_for(user, get_pages(world, user))
    if role == "admin_pemda":
        visits.append(failed_import(world, personas))
    assert NAMED.get(role, set()) <= {v.name for v in visits}
    assert len(visits) >= (3 if role == "pegawai" else 8), visits
    sign_in(browser_context, live_server.url, user)
    page = browser_context.new_page()
    wide = []
    for visit in visits:
        response = page.goto(live_server.url + visit.url)
        assert response is not None and response.status == 200, visit
        settle(page)
        if overflow(page) > 0:
            wide.append((visit.name, visit.url, overflow(page), wide_elements(page)))
    assert wide == [], "\n".join(map(str, wide))
    assert browser_context.csp_errors == []


def test_no_public_page_scrolls_sideways_on_a_phone(world, personas, live_server, browser_context):
    page = browser_context.new_page()
    wide = []
    for visit in public_pages(world):
        response = page.goto(live_server.url + visit.url)
        assert response is not None and response.status == 200, visit
        settle(page)
        if overflow(page) > 0:
            wide.append((visit.name, overflow(page), wide_elements(page)))
    open_survey(page, live_server.url, personas)
    if overflow(page) > 0:
        wide.append(("culture:survey (first screen)", overflow(page), wide_elements(page)))
    start_survey(page)
    if overflow(page) > 0:
        wide.append(("culture:survey (questions)", overflow(page), wide_elements(page)))
    assert wide == [], "\n".join(map(str, wide))
