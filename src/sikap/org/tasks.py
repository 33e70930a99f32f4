"""Celery tasks of the organisation app. They take ids and are safe to run twice."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.models import TaskProgress
from sikap.org.domain import employees_import, units_import
from sikap.org.imports.queries import PROGRESS_KINDS, progress_cache_key

logger = logging.getLogger(__name__)

# The progress page shows at most this many error and warning rows; the counts are complete.
MAX_SHOWN_ROWS = 1000


def _save(progress_id: int, **fields: Any) -> None:
    TaskProgress.objects.filter(pk=progress_id).update(updated_at=timezone.now(), **fields)


@shared_task
def import_run(progress_id: int) -> None:
    """Run a queued unit/employee import. A finished one is left alone, so a retry is harmless."""
    progress = (
        TaskProgress.objects.filter(pk=progress_id, kind__in=PROGRESS_KINDS)
        .select_related("pemda", "owner")
        .first()
    )
    if progress is None or progress.finished or progress.pemda is None:
        return
    info = dict(progress.result or {})
    what = info.get("what")
    path = str(info.get("file", ""))
    _save(progress_id, status=TaskProgress.Status.RUNNING, message=_("Membaca berkas"))

    def report_progress(done: int, total: int, message: str) -> None:
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
            pemda=progress.pemda,
            file_name=str(info.get("file_name", "")),
            data=data,
            progress=report_progress,
        )
    except Exception:
        logger.exception("import %s failed", progress_id)
        default_storage.delete(path)  # personal data: keep no upload that no one will use
        _save(
            progress_id,
            status=TaskProgress.Status.FAILED,
            message=_("Terjadi kesalahan tak terduga; tidak ada data yang disimpan."),
        )
        return
    finally:
        cache.delete(progress_cache_key(progress_id))
    result = {"what": what, **report.to_dict(max_items=MAX_SHOWN_ROWS)}
    _save(
        progress_id,
        status=TaskProgress.Status.DONE if report.ok else TaskProgress.Status.FAILED,
        done=report.rows,
        total=report.rows,
        message=_("Impor selesai") if report.ok else _("Impor dibatalkan; tidak ada yang disimpan"),
        result=result,
    )
    default_storage.delete(path)
