"""The SKM flood limit is one limit for the city, not one per gunicorn process.

Two gunicorn processes behind a (simulated) nginx on 127.0.0.1, sharing PostgreSQL and Redis,
with the requests alternating between them: fifty citizens with their own addresses all get
through, and one address gets exactly its 20 answers in all. (Two servers rather than one with
two workers: the kernel may hand every connection to the same worker, which proves nothing.)
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from sikap.publicservice import domain
from sikap.publicservice.models import SkmResponse
from tests.conftest import redis_answers, skip_or_fail

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ANSWERS = {f"u{i}": "3" for i in range(1, 10)}
WINDOW = 600


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/health/", timeout=2)  # noqa: S310 (local http)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer within 60 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def servers(tmp_path, personas):
    redis_url = os.environ.get("REDIS_URL", "")
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL as the database (set DATABASE_URL=postgres://...)")
    if not redis_url.startswith("redis://") or not redis_answers():
        skip_or_fail("needs Redis as the cache (set REDIS_URL=redis://127.0.0.1:6379/5)")
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIKAP_", "DJANGO_"))}
    env.update(
        DATABASE_URL=(
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        REDIS_URL=redis_url,
        SIKAP_TRUSTED_PROXIES="127.0.0.1",
        # A fresh key per run: the counters of an earlier run (hashed with the key) stay apart.
        SECRET_KEY=secrets.token_urlsafe(48),
        DEBUG="false",
    )
    started: list[tuple[str, subprocess.Popen[bytes], Path]] = []
    try:
        for n in range(2):
            port = _free_port()
            log = tmp_path / f"gunicorn-{n}.log"
            with log.open("wb") as out:
                server = subprocess.Popen(
                    [
                        str(Path(sys.executable).with_name("gunicorn")),
                        "sikap.wsgi",
                        "--workers=1",
                        f"--bind=127.0.0.1:{port}",
                    ],
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            started.append((f"http://127.0.0.1:{port}", server, log))
        for base, server, log in started:
            _wait_until_up(base, server, log)
        yield [base for base, _, _ in started]
    finally:
        for _, server, _ in started:
            server.terminate()
            server.wait(timeout=30)


def test_two_processes_share_one_limit(servers, personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    path = f"/layanan/f/{su.public_slug}/"
    first = urllib.request.urlopen(servers[0] + path, timeout=10)  # noqa: S310 (local http)
    token = re.search(r"csrftoken=([^;]+)", first.headers["Set-Cookie"]).group(1)
    body = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token}).encode()
    opener = urllib.request.build_opener(NoRedirect)

    def post(numbered: tuple[int, str]) -> tuple[int, int]:
        n, citizen = numbered
        request = urllib.request.Request(  # noqa: S310 (local http)
            servers[n % 2] + path,
            data=body,
            headers={"Cookie": f"csrftoken={token}", "X-Forwarded-For": citizen},
        )
        try:
            return n % 2, opener.open(request, timeout=30).status
        except urllib.error.HTTPError as exc:
            return n % 2, exc.code

    # The counters count per fixed window; do not start just before one ends.
    left = WINDOW - time.time() % WINDOW
    if left < 45:
        time.sleep(left + 1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        citizens = list(pool.map(post, enumerate(f"198.51.100.{i}" for i in range(1, 51))))
        flood = list(pool.map(post, enumerate(["203.0.113.8"] * 30)))
    assert [status for _, status in citizens] == [302] * 50
    assert sorted(status for _, status in flood) == [302] * 20 + [429] * 10
    # Each process took part in the flood: neither kept a private allowance of 20.
    accepted_by = [
        sum(1 for s, status in flood if s == server and status == 302) for server in (0, 1)
    ]
    assert sum(accepted_by) == 20 and min(accepted_by) > 0
    assert SkmResponse.objects.filter(service_unit=su).count() == 70
