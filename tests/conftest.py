"""Shared personas: one Pemda with two OPDs and a user per role, plus an outsider Pemda.

palu (Kota Palu)
  DINKES  Dinas Kesehatan            <- admin_opd, pimpinan (OPD A)
    DINKES-PKM-KAMONJI  Puskesmas Kamonji
  DUKCAPIL  Disdukcapil              <- penilai (OPD B)
donggala (other Pemda)
  DG-SETDA                           <- outsider (admin_pemda of donggala)
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET  # noqa: N817

import pytest

from sikap.accounts.models import User
from sikap.core.roles import Role
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.org.tenancy import in_pemda
from tests.factories import EmployeeFactory, UserFactory, make_unit

REQUIRE_SERVICES = os.environ.get("SIKAP_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose service is missing, but fail when CI promised every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pdf_text(data: bytes) -> str:
    """The text a reader of the PDF sees, page after page, whitespace collapsed."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def qr_decode(image: Any) -> list[str]:
    """What the QR codes in a PIL image or a numpy array encode, as a phone reads them."""
    import zxingcpp

    return [code.text for code in zxingcpp.read_barcodes(image)]


def qr_decode_svg(svg: bytes, scale: int = 8) -> list[str]:
    """Decode the module squares of a qrcode SvgPathImage ("Mx,yH..V..H..z" per module)."""
    import numpy as np

    root = ET.fromstring(svg)  # noqa: S314 - the SVG comes from SIKAP's own response
    x0, y0, width, height = (int(float(v)) for v in root.attrib["viewBox"].split())
    pixels = np.full((height * scale, width * scale), 255, dtype=np.uint8)
    for path in root.iter("{http://www.w3.org/2000/svg}path"):
        for x, y in re.findall(r"M(\d+),(\d+)", path.attrib["d"]):
            col, row = (int(x) - x0) * scale, (int(y) - y0) * scale
            pixels[row : row + scale, col : col + scale] = 0
    return qr_decode(pixels)


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_context(live_server, transactional_db):  # type: ignore[no-untyped-def]
    """A headless Debian Chromium context at phone size, against the live test server.

    `context.csp_errors` collects Content-Security-Policy violations reported on the console.
    """
    path = chromium_path()
    if path is None:
        skip_or_fail("needs Debian Chromium (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=BROWSER_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.csp_errors = []
        context.on(
            "console",
            lambda msg: (
                context.csp_errors.append(msg.text)
                if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
                else None
            ),
        )
        try:
            yield context
        finally:
            browser.close()
            # Inside Playwright's context the test's queries went through database
            # connections of their own (Django keeps them per context, and Playwright runs the
            # test in a context of its own): closed here, or PostgreSQL still counts them as
            # users of the test database when it is dropped.
            connections.close_all()


@pytest.fixture
def page(browser_context):  # type: ignore[no-untyped-def]
    """A page of `browser_context`; `page.csp_errors` lists the CSP violations seen so far."""
    pg = browser_context.new_page()
    pg.csp_errors = browser_context.csp_errors
    return pg


def browser_login(page, base_url: str, identifier: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/akun/masuk/")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    # Signing in lands on the home of the user's Pemda, /p/<code>/.
    page.wait_for_url(re.compile(re.escape(base_url) + r"/p/[^/]+/$"))


# A small valid PDF and PNG for evidence uploads (the library checks type by content).
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVIDENCE_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def evidence_pdf(name: str = "sk-tim.pdf", body: bytes = EVIDENCE_PDF) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def evidence_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Evidence files of the test kept in its own temporary directory."""
    settings.SIKAP_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.SIKAP_EVIDENCE_ROOT


@pytest.fixture(autouse=True)
def _clear_cache():  # type: ignore[no-untyped-def]
    """Rate-limit counters, debounce keys and cached figures must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _restore_language():  # type: ignore[no-untyped-def]
    """A request in English leaves English active in the thread; the next test starts afresh."""
    from django.utils import translation

    with translation.override(translation.get_language()):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):  # type: ignore[no-untyped-def]
    """Argon2 is the production hasher; tests that do not check hashing use a fast one."""
    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Personas:
    pemda: Pemda
    opd_a: OrgUnit
    puskesmas: OrgUnit
    opd_b: OrgUnit
    other_pemda: Pemda
    other_unit: OrgUnit
    admin_pemda: User
    admin_opd: User
    pimpinan: User
    penilai: User
    pegawai: User
    outsider: User
    employee: Employee


@pytest.fixture
def personas(db: None) -> Iterator[Personas]:
    pemda = Pemda.objects.create(code="palu", name="Pemerintah Kota Palu")
    opd_a = make_unit(pemda, "DINKES", "Dinas Kesehatan", "dinas")
    puskesmas = make_unit(
        pemda, "DINKES-PKM-KAMONJI", "Puskesmas Kamonji", "puskesmas", parent=opd_a
    )
    opd_b = make_unit(pemda, "DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas")
    other = Pemda.objects.create(code="donggala", name="Pemerintah Kabupaten Donggala")
    other_unit = make_unit(other, "DG-SETDA", "Sekretariat Daerah Donggala", "setda")
    employee = EmployeeFactory(pemda=pemda, unit=puskesmas)

    def user(username: str, pemda_obj: Pemda, role: str, unit: OrgUnit | None) -> User:
        u = UserFactory(username=username, pemda=pemda_obj)
        u.role_assignments.create(pemda=pemda_obj, role=role, unit=unit)
        return u

    pegawai = UserFactory(username="pegawai", pemda=pemda, employee=employee, nip=employee.nip)
    pegawai.role_assignments.create(pemda=pemda, role=Role.PEGAWAI, unit=puskesmas)
    # Every URL the test reverses is a page of Palu: /p/palu/… (another Pemda: `in_pemda`).
    with in_pemda(pemda):
        yield Personas(
            pemda=pemda,
            opd_a=opd_a,
            puskesmas=puskesmas,
            opd_b=opd_b,
            other_pemda=other,
            other_unit=other_unit,
            admin_pemda=user("admin-pemda", pemda, Role.ADMIN_PEMDA, None),
            admin_opd=user("admin-opd", pemda, Role.ADMIN_OPD, opd_a),
            pimpinan=user("pimpinan", pemda, Role.PIMPINAN, opd_a),
            penilai=user("penilai", pemda, Role.PENILAI, opd_b),
            pegawai=pegawai,
            outsider=user("outsider", other, Role.ADMIN_PEMDA, None),
            employee=employee,
        )


@pytest.fixture
def client_for(client):  # type: ignore[no-untyped-def]
    """`client_for(user)` logs the test client in as `user` (None: anonymous)."""

    def login(user: User | None):  # type: ignore[no-untyped-def]
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


def pytest_configure(config):  # type: ignore[no-untyped-def]
    # A property test fails on a wrong answer, not on a slow example: CI machines are shared and
    # their timing is noise (every example still runs; none is cut short).
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("sikap", deadline=None)
    hypothesis_settings.load_profile("sikap")
    # Tests run Celery tasks in-process even when a broker is configured; the Redis test
    # (tests/core/test_celery_redis.py) switches this off to go through a real worker.
    from sikap.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
