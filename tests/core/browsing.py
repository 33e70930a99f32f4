"""What the phone-layout and accessibility checks share: who signs in, which pages each role may
open (the GET routes of the route table, asked for the objects of the personas' own OPD), how a
browser is signed in without the login form, and how axe-core is run on a page.

axe-core is a development dependency in package.json (`make setup` installs it); it is injected
into the page under test from node_modules and never served by SIKAP.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from sikap.accounts.models import User
from sikap.culture import domain as culture
from sikap.org.domain import import_queue
from sikap.org.tenancy import in_pemda, public_reverse
from tests.core.conftest import World
from tests.core.routes import ROUTES
from tests.culture.conftest import make_campaign

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The rule sets of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The main pages of each role, which the accessibility checks run axe-core on.
MAIN = {
    "home:index",
    "culture:index",
    "culture:results",
    "culture:group",
    "culture:plans",
    "publicservice:dashboard",
    "publicservice:unit",
    "publicservice:ipak_results",
    "publicservice:ombudsman_pemda",
    "publicservice:ombudsman_unit",
    "publicservice:pekppp_list",
    "publicservice:pekppp_unit",
    "org:unit_tree",
    "org:employee_list",
    "org:employee_detail (own)",
    "accounts:roles",
    "accounts:audit",
}

ROLES = ("admin_pemda", "admin_opd", "pimpinan", "penilai", "pegawai")

# A value as people paste it into a spreadsheet cell: one long word with no place to break.
LONG_VALUE = "DINAS-KESEHATAN-" + "X" * 60 + "-UPTD-PUSKESMAS-KAMONJI-KECAMATAN-PALU-BARAT"


def role_user(world: World, personas: Any, role: str) -> User:
    user = personas.pegawai if role == "pegawai" else world.users[role]
    assert user is not None
    return user


@dataclass(frozen=True)
class Visit:
    name: str
    url: str


def failed_import(world: World, personas: Any) -> Visit:
    """An import of units that failed on rows with long values: its page lists them."""
    rows = [
        "kode,nama,kode_induk,jenis",
        f"{LONG_VALUE},Unit dengan kode panjang,{LONG_VALUE}-INDUK,{LONG_VALUE.lower()}",
        f"PKM-2,{'Nama unit yang sangat panjang sekali ' * 6},DINKES,puskesmas",
    ]
    job = import_queue(
        actor=personas.admin_pemda,
        pemda=world.own.pemda,
        what="units",
        file_name=f"{LONG_VALUE}.csv",
        data="\r\n".join(rows).encode(),
    )
    job.refresh_from_db()
    assert job.finished and job.result.get("error_count"), job.result
    with in_pemda(world.own.pemda):
        return Visit("org_import:progress (failed)", reverse("org_import:progress", args=[job.pk]))


def get_pages(world: World, user: User) -> list[Visit]:
    """Every GET route of the table, asked for the objects of the personas' own OPD, and the
    user's own record."""
    visits = []
    if user.employee_id:
        with in_pemda(world.own.pemda):
            url = reverse("org:employee_detail", args=[user.employee_id])
        visits.append(Visit("org:employee_detail (own)", url))
    for name, route in sorted(ROUTES.items()):
        if "get" not in route.methods:
            continue
        with in_pemda(None):
            if reverse(name, kwargs=route.args(world.own)).startswith("/api/"):
                continue
        with in_pemda(world.own.pemda):
            visits.append(Visit(name, reverse(name, kwargs=route.args(world.own))))
    return visits


def pages_for(user: User, visits: list[Visit]) -> list[Visit]:
    """The pages among `visits` that `user` may open: a whole HTML document with status 200
    (fragments loaded into a page, downloads and refused addresses are left out)."""
    client = Client()
    client.force_login(user)
    found = []
    for visit in visits:
        response = client.get(visit.url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if b"<!doctype html" in response.content[:200].lower():
            found.append(visit)
    return found


def public_pages(world: World) -> list[Visit]:
    su = world.own.su
    return [
        Visit("accounts:login", public_reverse("accounts:login")),
        Visit("accounts:password_reset", public_reverse("accounts:password_reset")),
        Visit("scoring:index", public_reverse("scoring:index")),
        Visit("publicservice:form", public_reverse("publicservice:form", slug=su.public_slug)),
        Visit(
            "publicservice:ipak_form",
            public_reverse("publicservice:ipak_form", slug=su.public_slug),
        ),
        Visit("culture:survey", public_reverse("culture:survey")),
    ]


def sign_in(context: Any, base_url: str, user: User) -> None:
    """Give the browser the session of `user` signed in (the login form has its own test)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def open_survey(page: Any, base_url: str, personas: Any) -> None:
    """A respondent's first screen, reached by the link of a fresh invitation."""
    campaign = make_campaign(personas, code="open2024", launch=True)
    token = culture.invitations_generate(actor=None, campaign=campaign)[0].token
    page.goto("about:blank")  # from /budaya/isi/ itself, a link to #token would not reload
    page.goto(culture.survey_link(token, base_url))
    page.locator("#step-intro").get_by_role("button", name="Mulai").wait_for(timeout=10000)


def start_survey(page: Any) -> None:
    """From the survey's first screen to its first step of questions."""
    page.locator("#step-intro").get_by_role("button", name="Mulai").click()
    page.locator("#step-pv legend").wait_for(timeout=10000)


def settle(page: Any) -> None:
    """Wait until the page and what HTMX loads into it have arrived."""
    page.wait_for_load_state("networkidle")


def overflow(page: Any) -> int:
    """How many CSS pixels the page reaches past the right edge of the viewport."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


WIDE_ELEMENTS = """() => {
  const edge = document.documentElement.clientWidth;
  const past = el => el.getBoundingClientRect().right > edge + 0.5;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string'
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  // The outermost elements that are too wide, and text that spills out of its box.
  const wide = [...document.body.querySelectorAll('*')].filter(
    el => past(el) && !past(el.parentElement));
  const spill = [...document.body.querySelectorAll('*')].filter(
    el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible'
      && el.clientWidth > 0);
  return [...wide, ...spill].slice(0, 6).map(
    el => name(el) + ' in ' + name(el.parentElement) + ' "' + el.textContent.trim().slice(0, 30) + '"');
}"""


def wide_elements(page: Any) -> list[str]:
    """The innermost elements that reach past the right edge: where to look when a page is wide."""
    return list(page.evaluate(WIDE_ELEMENTS))


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2 A/AA violations on the page, one line per rule with its first nodes."""
    # Evaluated rather than added as a <script>: SIKAP's Content-Security-Policy refuses inline
    # scripts, and the check must see the page under its real policy.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): "
        + " | ".join(
            f"{' '.join(n['target'])}: {n.get('failureSummary', '').splitlines()[-1:]}"
            for n in v["nodes"][:4]
        )
        for v in result["violations"]
    ]


# Routes that answer a file, end the session or change the language: a crawl does not follow
# them.
NOT_PAGES = {
    "accounts:logout",
    "set_language",
    "culture:export_xlsx",
    "culture:export_raw",
    "culture:group_pdf",
    "publicservice:units_excel",
    "publicservice:excel",
    "publicservice:pdf",
    "publicservice:qr",
    "org_import:template",
}
LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


def route_name(path: str) -> str | None:
    """The route a path of this site names (a Pemda page with or without its prefix)."""
    match = re.match(r"^/p/[^/]+(/.*)$", path)
    try:
        return resolve(match.group(1) if match else path).view_name
    except Resolver404:
        return None


def crawl(
    page: Any,
    base_url: str,
    check: Callable[[Visit], None],
    *,
    per_route: int = 1,
    limit: int = 80,
) -> list[Visit]:
    """Follow the site's links from the home page, breadth first, at most `per_route`
    addresses of each route; `check` each page while it is open. Returns the pages seen."""
    seen: list[Visit] = []
    queued = {"/"}
    queue = ["/"]
    per: dict[str, int] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        try:
            response = page.goto(base_url + path)
        except Exception as exc:  # a link that answers a file starts a download, not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        settle(page)
        seen.append(Visit(route_name(urlsplit(page.url).path) or "?", urlsplit(page.url).path))
        check(seen[-1])
        for href in page.evaluate(LINKS):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != base_url:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            name = route_name(parts.path)
            if target in queued or name is None or name in NOT_PAGES or name.startswith("admin:"):
                continue
            if per.get(name, 0) >= per_route:
                continue
            per[name] = per.get(name, 0) + 1
            queued.add(target)
            queue.append(target)
    return seen
