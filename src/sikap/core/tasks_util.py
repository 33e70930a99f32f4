"""Queue Celery tasks only after the surrounding transaction commits.

Domain code names a task by its registered name rather than importing the app's `tasks`
module: tasks call domain functions, never the reverse, so the import graph stays one-way.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.db import transaction
from django.urls import get_script_prefix, set_script_prefix


def task_named(name: str) -> Any:
    """The registered Celery task `name` (the apps' `tasks` modules are loaded on first use)."""
    if name not in current_app.tasks:
        # Celery's Django fixup runs django.setup() here, which resets the URL script prefix;
        # inside a Pemda page that prefix carries the Pemda, so it is kept.
        prefix = get_script_prefix()
        try:
            current_app.loader.import_default_modules()
        finally:
            set_script_prefix(prefix)
    return current_app.tasks[name]


def tasks_in_process() -> bool:
    """Whether Celery runs tasks in this process, at once (embedded mode: no broker)."""
    return bool(current_app.conf.task_always_eager)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Send `task` (a task or its registered name) with ids once the data it needs is committed.

    In embedded mode (no broker) Celery runs it eagerly, still after commit.
    """
    resolved = task_named(task) if isinstance(task, str) else task
    transaction.on_commit(lambda: resolved.delay(*args, **kwargs))
