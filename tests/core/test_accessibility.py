"""axe-core finds no WCAG 2 A/AA violation on the main pages of each role, on a phone.

The rules run are those tagged wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa (colour
contrast, labels, landmarks, names of links and buttons, valid ARIA, language of the page…).
Best-practice rules outside WCAG (such as heading order) are not asserted.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.core.browsing import (
    AXE,
    MAIN,
    ROLES,
    axe_violations,
    get_pages,
    open_survey,
    pages_for,
    public_pages,
    role_user,
    settle,
    sign_in,
    start_survey,
)

pytestmark = [pytest.mark.browser, pytest.mark.layout]

PUBLIC = {"accounts:login", "publicservice:form", "publicservice:ipak_form", "culture:survey"}


def test_axe_core_is_installed_for_the_tests_and_not_served():
    assert AXE.is_file(), "run `make setup` (npm ci installs axe-core)"
    served = [str(path) for _, path in settings.STATICFILES_DIRS]
    assert served and not [p for p in served if "axe-core" in p]


@pytest.mark.parametrize("role", ROLES)
def test_main_pages_of_a_role_have_no_wcag_violation(
    role, world, personas, live_server, browser_context
):
    user = role_user(world, personas, role)
    visits = [v for v in pages_for(user, get_pages(world, user)) if v.name in MAIN]
    assert "home:index" in {v.name for v in visits}
    sign_in(browser_context, live_server.url, user)
    page = browser_context.new_page()
    found = []
    for visit in visits:
        page.goto(live_server.url + visit.url)
        settle(page)
        found += [f"{visit.name}: {v}" for v in axe_violations(page)]
    assert found == [], "\n".join(found)


def test_public_pages_have_no_wcag_violation(world, personas, live_server, browser_context):
    page = browser_context.new_page()
    found = []
    for visit in public_pages(world):
        if visit.name in PUBLIC:
            page.goto(live_server.url + visit.url)
            settle(page)
            found += [f"{visit.name}: {v}" for v in axe_violations(page)]
    open_survey(page, live_server.url, personas)
    found += [f"culture:survey (first screen): {v}" for v in axe_violations(page)]
    start_survey(page)
    found += [f"culture:survey (questions): {v}" for v in axe_violations(page)]
    assert found == [], "\n".join(found)


def test_states_reached_by_a_click_have_no_wcag_violation(
    world, personas, live_server, browser_context
):
    """What the crawl does not see: every later step of the survey and its refusal message,
    a form sent with errors, and the phone menu opened."""
    from sikap.culture.models import Campaign
    from sikap.org.tenancy import pemda_url

    page = browser_context.new_page()
    found: list[str] = []
    open_survey(page, live_server.url, personas)
    picks = Campaign.objects.get(code="open2024").picks
    start_survey(page)
    for part in ("pv", "cc", "dc"):
        step = page.locator(f"#step-{part}")
        step.locator("legend").wait_for()
        step.get_by_role("button", name="Lanjut").click()  # nothing chosen: refused, message
        assert step.locator(".js-limit").inner_text().strip()
        found += [f"survey step {part}, refused: {v}" for v in axe_violations(page)]
        boxes = step.locator("input[type=checkbox]")
        for i in range(picks):
            boxes.nth(i).check()
        step.get_by_role("button", name="Lanjut").click()
    page.get_by_role("button", name="Kirim jawaban").wait_for()
    found += [f"survey, last step: {v}" for v in axe_violations(page)]

    sign_in(browser_context, live_server.url, world.users["admin_pemda"])
    page.goto(live_server.url + pemda_url(personas.pemda, "culture:campaign_new"))
    settle(page)
    # The browser's own checks are set aside, as an old browser or a crafted request would.
    page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("main form button[type=submit]").first.click()
    settle(page)
    assert page.locator(".invalid-feedback, .errorlist, [aria-invalid=true]").count() > 0
    found += [f"campaign form with errors: {v}" for v in axe_violations(page)]
    page.get_by_role("button", name="Buka menu").click()
    page.locator("#mainnav.show").wait_for()
    found += [f"phone menu opened: {v}" for v in axe_violations(page)]
    assert found == [], "\n".join(found)
