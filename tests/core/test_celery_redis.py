"""The production path: a task goes through Redis to a real Celery worker process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from sikap.celery import app
from sikap.core.models import TaskProgress
from sikap.core.tasks import worker_heartbeat
from tests.conftest import redis_answers, skip_or_fail

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def real_broker():
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL as the database (set DATABASE_URL=postgres://...)")
    if not broker.startswith("redis://") or not redis_answers():
        skip_or_fail("needs Redis as the broker (set CELERY_BROKER_URL=redis://127.0.0.1:6379/0)")
    app.conf.task_always_eager = False
    try:
        yield broker
    finally:
        app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_task_runs_in_a_worker_through_redis(real_broker):
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["CELERY_BROKER_URL"] = real_broker
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sikap",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        progress = TaskProgress.objects.create(kind="heartbeat", total=1)
        worker_heartbeat.delay(progress.pk)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            progress.refresh_from_db()
            if progress.status == TaskProgress.Status.DONE:
                break
            time.sleep(0.2)
        assert progress.status == TaskProgress.Status.DONE
        assert progress.done == 1
        assert progress.message.startswith("heartbeat ")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
