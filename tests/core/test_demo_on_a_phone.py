"""The demo Pemda on a phone (390×844), as each demo login follows the links of its pages.

The demo holds the volumes a real Pemda shows (99 units, 1,983 employees, two culture
campaigns, 4,070 SKM answers, Ombudsman and PEKPPP results), so long unit names, wide tables
and full heatmaps are on the pages. From the home page each login follows its links, one
address per route: no page may scroll sideways, and the main pages (see `MAIN`) must show no
WCAG 2 A/AA violation to axe-core.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sikap.accounts.demo import DEMO_LOGINS
from sikap.accounts.models import User
from sikap.org.demo import DEMO_CODE
from tests.core.browsing import (
    MAIN,
    Visit,
    axe_violations,
    crawl,
    overflow,
    sign_in,
    wide_elements,
)

pytestmark = [pytest.mark.browser, pytest.mark.layout]


def test_every_demo_login_reads_its_pages_on_a_phone(live_server, browser_context):
    call_command("demo", "load", stdout=io.StringIO())
    users = User.objects.filter(role_assignments__pemda__code=DEMO_CODE).distinct()
    assert users.count() == len(DEMO_LOGINS)
    wide: list[tuple[str, str, int, list[str]]] = []
    violations: list[str] = []
    routes: set[str] = set()
    for user in users.order_by("username"):
        browser_context.clear_cookies()
        sign_in(browser_context, live_server.url, user)
        page = browser_context.new_page()
        audited: set[str] = set()

        def check(visit: Visit, page=page, user=user, audited=audited) -> None:  # type: ignore[no-untyped-def]
            if overflow(page) > 0:
                wide.append((user.username, visit.url, overflow(page), wide_elements(page)))
            if visit.name in MAIN and visit.name not in audited:
                audited.add(visit.name)
                violations.extend(f"{user.username} {visit.url}: {v}" for v in axe_violations(page))

        routes |= {v.name for v in crawl(page, live_server.url, check)}
        page.close()
    assert wide == [], "\n".join(map(str, wide))
    assert violations == [], "\n".join(violations)
    assert {
        "culture:campaign_manage",
        "culture:results",
        "culture:group",
        "publicservice:dashboard",
        "publicservice:ombudsman_unit",
        "publicservice:pekppp_unit",
        "accounts:audit",
    } <= routes, sorted(routes)
    assert browser_context.csp_errors == []
