"""Queue Celery tasks only after the surrounding transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Send `task` with ids only once the data it needs is committed.

    In embedded mode (no broker) Celery runs it eagerly, still after commit.
    """
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
