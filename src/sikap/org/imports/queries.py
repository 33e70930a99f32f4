"""Reads for the import pages, narrowed through the scoping gate.

Only a user with `Cap.ORG_MANAGE` over a whole Pemda (Admin Pemda) may import into it, and an
import's progress is visible to the user who started it only; anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from sikap.core.models import TaskProgress
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_by_pemda
from sikap.org.models import Pemda

PROGRESS_KINDS = ("org.import.units", "org.import.employees")


def progress_cache_key(progress_id: int) -> str:
    return f"sikap:org-import-progress:{progress_id}"


def may_import(user: Any, pemda: Pemda) -> bool:
    """Imports replace a Pemda's tree and staff: only for whole-Pemda organisation managers."""
    return reach(user, Cap.ORG_MANAGE).covers_pemda(pemda.pk)


def import_progress_get(user: Any, progress_id: Any) -> TaskProgress:
    """The user's own import progress; counts written inside the import transaction are
    invisible to other connections, so the task also leaves them in the cache."""
    visible = scope_by_pemda(
        TaskProgress.objects.filter(owner_id=user.pk, kind__in=PROGRESS_KINDS),
        user,
        Cap.ORG_MANAGE,
    )
    progress = get_in_scope(visible.select_related("pemda"), pk=progress_id)
    if not progress.finished:
        live = cache.get(progress_cache_key(progress.pk))
        if live:
            progress.status = TaskProgress.Status.RUNNING
            progress.done, progress.total, progress.message = live
    return progress
