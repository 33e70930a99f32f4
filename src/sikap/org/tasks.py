"""Celery tasks of the organisation app. They take ids and are safe to run twice."""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.models import TaskProgress
from sikap.org.domain import employees_import, imports_fail_stale, units_import
from sikap.org.imports.queries import PROGRESS_KINDS, progress_cache_key
from sikap.org.models import Pemda

logger = logging.getLogger(__name__)

# The progress page shows at most this many error and warning rows; the counts are complete.
MAX_SHOWN_ROWS = 1000
# The hard limit leaves the soft one time to roll back, record the failure and remove the file.
HARD_LIMIT_GRACE = 30


class ImportTimeLimit(Exception):
    """Raised from the progress callback once an import has run past its time limit."""


def _save(progress_id: int, **fields: Any) -> None:
    TaskProgress.objects.filter(pk=progress_id).update(updated_at=timezone.now(), **fields)


def _time_limit_message() -> str:
    return _(
        "Impor dihentikan setelah %(seconds)s detik (SIKAP_IMPORT_TIME_LIMIT); tidak ada data "
        "yang disimpan. Bagi berkas menjadi beberapa bagian."
    ) % {"seconds": settings.SIKAP_IMPORT_TIME_LIMIT}


@shared_task(
    soft_time_limit=settings.SIKAP_IMPORT_TIME_LIMIT,
    time_limit=settings.SIKAP_IMPORT_TIME_LIMIT + HARD_LIMIT_GRACE,
)
def import_run(progress_id: int) -> None:
    """Run a queued unit/employee import. A finished one is left alone, so a retry is harmless.

    The uploaded file holds personal data: it is deleted when the import ends, however it ends.
    A worker killed outright leaves the job to `imports_fail_stale`.
    """
    progress = (
        TaskProgress.objects.filter(pk=progress_id, kind__in=PROGRESS_KINDS)
        .select_related("pemda", "owner")
        .first()
    )
    if progress is None or progress.finished or progress.pemda is None:
        return
    info = dict(progress.result or {})
    path = str(info.get("file", ""))
    try:
        _run(progress, progress.pemda, info, path)
    except SoftTimeLimitExceeded:  # struck outside the import itself (reading, saving)
        _save(progress_id, status=TaskProgress.Status.FAILED, message=_time_limit_message())
    finally:
        cache.delete(progress_cache_key(progress_id))
        if path:
            default_storage.delete(path)


def _run(progress: TaskProgress, pemda: Pemda, info: dict[str, Any], path: str) -> None:
    progress_id = progress.pk
    what = info.get("what")
    _save(progress_id, status=TaskProgress.Status.RUNNING, message=_("Membaca berkas"))
    # Embedded mode runs the task eagerly, where Celery's limits do not apply: the import
    # checks the clock itself each time it reports progress.
    deadline = time.monotonic() + settings.SIKAP_IMPORT_TIME_LIMIT

    def report_progress(done: int, total: int, message: str) -> None:
        if time.monotonic() > deadline:
            raise ImportTimeLimit
        # Inside the import transaction the row update would stay invisible until commit.
        if connection.in_atomic_block:
            cache.set(progress_cache_key(progress_id), (done, total, message), 3600)
        else:
            _save(progress_id, done=done, total=total, message=message)

    try:
        with default_storage.open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        _save(
            progress_id,
            status=TaskProgress.Status.FAILED,
            message=_("Berkas unggahan tidak ditemukan; unggah ulang."),
        )
        return
    run = units_import if what == "units" else employees_import
    try:
        report = run(
            actor=progress.owner,
            pemda=pemda,
            file_name=str(info.get("file_name", "")),
            data=data,
            progress=report_progress,
        )
    except (ImportTimeLimit, SoftTimeLimitExceeded):
        logger.warning("import %s stopped at its time limit", progress_id)
        _save(progress_id, status=TaskProgress.Status.FAILED, message=_time_limit_message())
        return
    except Exception:
        logger.exception("import %s failed", progress_id)
        _save(
            progress_id,
            status=TaskProgress.Status.FAILED,
            message=_("Terjadi kesalahan tak terduga; tidak ada data yang disimpan."),
        )
        return
    result = {"what": what, **report.to_dict(max_items=MAX_SHOWN_ROWS)}
    _save(
        progress_id,
        status=TaskProgress.Status.DONE if report.ok else TaskProgress.Status.FAILED,
        done=report.rows,
        total=report.rows,
        message=_("Impor selesai") if report.ok else _("Impor dibatalkan; tidak ada yang disimpan"),
        result=result,
    )


@shared_task(name="sikap.org.imports_fail_stale")
def imports_fail_stale_task() -> int:
    return imports_fail_stale()


@worker_ready.connect
def _fail_stale_imports_at_worker_start(**_kwargs: Any) -> None:
    """A worker that was killed mid-import left its jobs "running": close them on restart."""
    try:
        imports_fail_stale()
    except Exception:  # the worker must start even when the database is not reachable yet
        logger.exception("could not close interrupted imports")
