"""`sikap check_worker`: send a heartbeat task through the broker and wait for a worker to run it."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.core.models import TaskProgress
from sikap.core.tasks import worker_heartbeat


class Command(BaseCommand):
    help = "Check that a Celery worker picks up tasks from the configured broker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["timeout"] <= 0:
            raise CommandError("--timeout must be positive")
        progress = TaskProgress.objects.create(kind="heartbeat", total=1)
        worker_heartbeat.delay(progress.pk)
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            progress.refresh_from_db(fields=["status"])
            if progress.status == TaskProgress.Status.DONE:
                self.stdout.write("worker ok")
                return
            time.sleep(0.2)
        raise CommandError(f"no worker ran the heartbeat within {options['timeout']} s")
