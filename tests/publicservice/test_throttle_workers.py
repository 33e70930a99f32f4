"""The SKM flood limit is one limit for the city, not one per gunicorn worker.

Two gunicorn workers behind a (simulated) nginx on 127.0.0.1, sharing Redis: fifty citizens
with their own addresses all get through, and one address gets exactly its 20 answers.
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
from tests.conftest import skip_or_fail
from tests.core.test_celery_redis import redis_answers

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ANSWERS = {f"u{i}": "3" for i in range(1, 10)}
WINDOW = 600


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _workers(log: Path, statuses: str) -> set[str]:
    # gunicorn writes the worker's pid as <pid>.
    return set(re.findall(rf"worker=<(\d+)> status=(?:{statuses})", log.read_text()))


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Until both workers have answered: one still booting would leave the other to serve all."""

    def health(_: int) -> None:
        try:
            urllib.request.urlopen(base + "/health/", timeout=5)  # noqa: S310 (local http)
        except OSError:
            time.sleep(0.3)

    deadline = time.monotonic() + 60
    with ThreadPoolExecutor(max_workers=4) as pool:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {log.read_text()[-2000:]}")
            list(pool.map(health, range(8)))
            if len(_workers(log, "200")) == 2:
                return
    pytest.fail("two gunicorn workers did not answer within 60 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def gunicorn(tmp_path, personas):
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
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "sikap.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{port}",
                "--access-logfile=-",
                "--access-logformat=worker=%(p)s status=%(s)s",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, log)
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_two_workers_share_one_limit(gunicorn, personas):
    base, log = gunicorn
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    url = f"{base}/layanan/f/{su.public_slug}/"
    first = urllib.request.urlopen(url, timeout=10)  # noqa: S310 (local http)
    token = re.search(r"csrftoken=([^;]+)", first.headers["Set-Cookie"]).group(1)
    body = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token}).encode()
    opener = urllib.request.build_opener(NoRedirect)

    def post(citizen: str) -> int:
        request = urllib.request.Request(  # noqa: S310 (local http)
            url,
            data=body,
            headers={"Cookie": f"csrftoken={token}", "X-Forwarded-For": citizen},
        )
        try:
            return opener.open(request, timeout=30).status
        except urllib.error.HTTPError as exc:
            return exc.code

    # The counters count per fixed window; do not start just before one ends.
    left = WINDOW - time.time() % WINDOW
    if left < 45:
        time.sleep(left + 1)
    with ThreadPoolExecutor(max_workers=6) as pool:
        citizens = list(pool.map(post, [f"198.51.100.{i}" for i in range(1, 51)]))
        flood = list(pool.map(post, ["203.0.113.8"] * 30))
    assert citizens == [302] * 50
    assert sorted(flood) == [302] * 20 + [429] * 10
    assert SkmResponse.objects.filter(service_unit=su).count() == 70
    assert len(_workers(log, "302|429")) == 2, (
        "both workers must have answered for the check to mean anything"
    )
