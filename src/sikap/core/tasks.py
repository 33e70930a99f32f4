"""Core tasks: a worker heartbeat that proves the broker and a worker are wired up."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from sikap.core.models import TaskProgress


@shared_task(name="sikap.core.worker_heartbeat")
def worker_heartbeat(progress_id: int) -> None:
    """Mark a TaskProgress row done; idempotent, so a retried delivery changes nothing."""
    TaskProgress.objects.filter(pk=progress_id).exclude(status=TaskProgress.Status.DONE).update(
        status=TaskProgress.Status.DONE,
        done=1,
        total=1,
        message=f"heartbeat {timezone.now().isoformat()}",
    )
