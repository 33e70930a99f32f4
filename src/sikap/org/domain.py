"""Writes on the organisation: Pemda, units, employees. Atomic and audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, snapshot
from sikap.core.codes import code_clean, get_by_code
from sikap.core.models import TaskProgress
from sikap.core.tasks_util import enqueue_on_commit
from sikap.org.imports.common import Outcome
from sikap.org.imports.report import FILE_ROW, ImportReport, ProgressCallback, RowError, failed
from sikap.org.models import OrgUnit, Pemda, path_segment
from sikap.org.signals import unit_paths_changed

logger = logging.getLogger(__name__)

UPLOAD_DIR = "imports"


def pemda_create(
    *,
    actor: object | None,
    code: str,
    name: str,
    level: str = Pemda.Level.KOTA,
    time_zone: str = "Asia/Makassar",
    is_demo: bool = False,
) -> Pemda:
    code = code_clean(code)
    clash = get_by_code(Pemda.objects.all(), code)
    if clash is not None:
        raise ValidationError(_("Pemda dengan kode %(code)s sudah ada.") % {"code": clash.code})
    pemda = Pemda(code=code, name=name.strip(), level=level, time_zone=time_zone, is_demo=is_demo)
    pemda.full_clean()
    with transaction.atomic():
        pemda.save()
        audit_record(
            actor=actor, action="pemda.create", obj=pemda, pemda_id=pemda.pk, after=snapshot(pemda)
        )
    return pemda


def unit_path_for(unit: OrgUnit, parent: OrgUnit | None) -> tuple[str, int]:
    if parent is None:
        return path_segment(unit.pk), 0
    return parent.path + path_segment(unit.pk), parent.depth + 1


def unit_create(
    *,
    actor: object | None,
    pemda: Pemda,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    valid_from: dt.date | None = None,
) -> OrgUnit:
    if parent is not None and parent.pemda_id != pemda.pk:
        raise ValidationError(_("Unit induk berasal dari pemda lain."))
    if "/" in code:
        # A unit's results are addressed by its code (/budaya/<campaign>/unit/<code>/).
        raise ValidationError({"code": _("Kode unit tidak boleh memuat garis miring (/).")})
    clash = get_by_code(OrgUnit.objects.filter(pemda=pemda), code)
    if clash is not None:
        raise ValidationError(
            {"code": _("Kode unit %(code)s sudah dipakai di pemda ini.") % {"code": clash.code}}
        )
    unit = OrgUnit(
        pemda=pemda,
        code=code_clean(code),
        name=name.strip(),
        kind=kind,
        parent=parent,
        short_name=short_name,
    )
    if valid_from is not None:
        unit.valid_from = valid_from
    unit.full_clean(exclude=["path", "depth"])
    with transaction.atomic():
        unit.save()
        unit.path, unit.depth = unit_path_for(unit, parent)
        unit.save(update_fields=["path", "depth"])
        audit_record(actor=actor, action="unit.create", obj=unit, after=snapshot(unit))
    return unit


def units_rebuild_paths(*, pemda: Pemda) -> int:
    """Recompute path/depth of every unit of `pemda` from the parent links; returns rows changed.

    Raises ValidationError on a cycle, which would otherwise hide units from every scope.
    """
    units = {
        u.pk: u
        for u in OrgUnit.objects.filter(pemda=pemda).only("id", "parent_id", "path", "depth")
    }
    resolved: dict[int, tuple[str, int]] = {}

    def resolve(unit_id: int, trail: tuple[int, ...] = ()) -> tuple[str, int]:
        if unit_id in resolved:
            return resolved[unit_id]
        if unit_id in trail:
            raise ValidationError(_("Struktur unit membentuk siklus."))
        unit = units[unit_id]
        if unit.parent_id is None or unit.parent_id not in units:
            value = (path_segment(unit_id), 0)
        else:
            parent_path, parent_depth = resolve(unit.parent_id, (*trail, unit_id))
            value = (parent_path + path_segment(unit_id), parent_depth + 1)
        resolved[unit_id] = value
        return value

    changed = []
    for unit_id, unit in units.items():
        path, depth = resolve(unit_id)
        if unit.path != path or unit.depth != depth:
            unit.path, unit.depth = path, depth
            changed.append(unit)
    OrgUnit.objects.bulk_update(changed, ["path", "depth"], batch_size=1000)
    if changed:
        unit_paths_changed.send(sender=OrgUnit, pemda_id=pemda.pk)
    return len(changed)


# --- imports -------------------------------------------------------------------------------
# Every row is validated before anything is written; on any error nothing is stored. One
# audit row records each import: file name and hash, counts, and the before/after of every
# changed field of every updated object (created objects are the file itself, identified by
# its hash). Per-object audit rows would multiply a 50,000-row import by 50,000 inserts.


def units_import(
    *,
    actor: object | None,
    pemda: Pemda,
    file_name: str,
    data: bytes,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Create or update units (by code) from a CSV/XLSX file; all or nothing."""
    return _run_import(
        kind="units",
        actor=actor,
        pemda=pemda,
        file_name=file_name,
        data=data,
        progress=progress,
    )


def employees_import(
    *,
    actor: object | None,
    pemda: Pemda,
    file_name: str,
    data: bytes,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Create or update employees (by NIP) from a CSV/XLSX file; all or nothing."""
    return _run_import(
        kind="employees",
        actor=actor,
        pemda=pemda,
        file_name=file_name,
        data=data,
        progress=progress,
    )


class _ImportRejected(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__("import rejected")
        self.outcome = outcome


def _run_import(
    *,
    kind: str,
    actor: object | None,
    pemda: Pemda,
    file_name: str,
    data: bytes,
    progress: ProgressCallback | None,
) -> ImportReport:
    from sikap.core.tables import TableError, read_table
    from sikap.org.imports.columns import EMPLOYEE_COLUMNS, UNIT_COLUMNS, locate_header
    from sikap.org.imports.employees import validate_and_apply_employees
    from sikap.org.imports.units import validate_and_apply_units

    limit = settings.SIKAP_IMPORT_MAX_BYTES
    if len(data) > limit:
        reason = _("berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte)") % {
            "size": len(data),
            "limit": limit,
        }
        return failed(kind, file_name, [RowError(FILE_ROW, "", "", reason)])
    if progress is not None:
        progress(0, 0, _("Membaca berkas"))
    try:
        table = read_table(file_name, data)
    except TableError as exc:
        return failed(kind, file_name, [exc.error])
    columns = UNIT_COLUMNS if kind == "units" else EMPLOYEE_COLUMNS
    located = locate_header(table, columns)
    if isinstance(located, list):
        return failed(kind, file_name, located, rows=len(table.rows))
    headers, table = located
    apply = validate_and_apply_units if kind == "units" else validate_and_apply_employees
    try:
        with transaction.atomic():
            outcome = apply(pemda=pemda, table=table, headers=headers, progress=progress)
            if outcome.errors:
                raise _ImportRejected(outcome)
            if kind == "units":
                units_rebuild_paths(pemda=pemda)
            audit_record(
                actor=actor,
                action=f"org.{kind}_import",
                obj=pemda,
                pemda_id=pemda.pk,
                after={
                    "file_name": file_name,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "rows": outcome.rows,
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                    "warnings": len(outcome.warnings),
                    "changes": outcome.changes,
                },
            )
    except _ImportRejected as rejected:
        return failed(
            kind,
            file_name,
            rejected.outcome.errors,
            rows=rejected.outcome.rows,
            warnings=rejected.outcome.warnings,
        )
    except IntegrityError:
        # Another import or edit of the same Pemda committed first; ours was rolled back.
        reason = _(
            "data berubah selama impor berjalan (impor lain?); tidak ada yang disimpan, ulangi impor"
        )
        return failed(kind, file_name, [RowError(FILE_ROW, "", "", reason)], rows=len(table.rows))
    except DatabaseError:
        logger.exception("%s import into pemda %s rolled back", kind, pemda.pk)
        reason = _("basis data menolak impor ini; tidak ada yang disimpan. Coba lagi nanti.")
        return failed(kind, file_name, [RowError(FILE_ROW, "", "", reason)], rows=len(table.rows))
    return ImportReport(
        ok=True,
        kind=kind,
        file_name=file_name,
        rows=outcome.rows,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        warnings=tuple(outcome.warnings),
    )


IMPORT_WHAT = ("units", "employees")
# Past the time limit a worker's hard limit has struck too; this margin covers the gap.
STALE_GRACE = dt.timedelta(seconds=60)
# A job still waiting after this long lost its queue message (or its process) for good.
STALE_PENDING = dt.timedelta(days=1)


def imports_fail_stale(
    *, now: dt.datetime | None = None, progress_ids: Iterable[int] | None = None
) -> int:
    """Mark as failed the imports no worker can still be running, and delete their uploads.

    An import is stale once it has been "running" longer than SIKAP_IMPORT_TIME_LIMIT (its
    worker or web process was killed) or "pending" for a day. Uploads no unfinished import
    refers to and older than the limit go as well: they hold personal data. Returns the
    number of imports marked failed.
    """
    from sikap.org.imports.queries import PROGRESS_KINDS

    now = now or timezone.now()
    oldest_run = now - dt.timedelta(seconds=settings.SIKAP_IMPORT_TIME_LIMIT) - STALE_GRACE
    candidates = TaskProgress.objects.filter(kind__in=PROGRESS_KINDS).filter(
        Q(status=TaskProgress.Status.RUNNING, updated_at__lt=oldest_run)
        | Q(status=TaskProgress.Status.PENDING, updated_at__lt=now - STALE_PENDING)
    )
    if progress_ids is not None:
        candidates = candidates.filter(pk__in=list(progress_ids))
    message = _(
        "Impor terputus (proses dihentikan sebelum selesai); tidak ada data yang disimpan. "
        "Unggah ulang berkasnya."
    )
    failed_count = 0
    for progress in candidates:
        with transaction.atomic():
            # Conditional on the state read above: a worker that finished meanwhile wins.
            changed = TaskProgress.objects.filter(
                pk=progress.pk, status=progress.status, updated_at=progress.updated_at
            ).update(status=TaskProgress.Status.FAILED, message=message, updated_at=now)
            if not changed:
                continue
            audit_record(
                actor="sikap",
                action="org.import_interrupted",
                obj=progress,
                pemda_id=progress.pemda_id,
                before={"status": progress.status},
                after={"status": TaskProgress.Status.FAILED},
            )
        failed_count += 1
        path = str((progress.result or {}).get("file", ""))
        if path:
            default_storage.delete(path)
    if progress_ids is None:
        _uploads_delete_orphans(oldest=oldest_run)
    return failed_count


def _uploads_delete_orphans(*, oldest: dt.datetime) -> None:
    from sikap.org.imports.queries import PROGRESS_KINDS

    try:
        _dirs, names = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    in_use = {
        str((result or {}).get("file", ""))
        for result in TaskProgress.objects.filter(
            kind__in=PROGRESS_KINDS,
            status__in=[TaskProgress.Status.PENDING, TaskProgress.Status.RUNNING],
        ).values_list("result", flat=True)
    }
    for name in names:
        path = f"{UPLOAD_DIR}/{name}"
        if path in in_use:
            continue
        try:
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def import_queue(
    *,
    actor: object | None,
    pemda: Pemda,
    what: str,
    file_name: str,
    data: bytes,
) -> TaskProgress:
    """Store an uploaded file and queue its import; the page polls the returned TaskProgress."""
    if what not in IMPORT_WHAT:
        raise ValidationError(_("Jenis impor tidak dikenal: %(what)s") % {"what": what})
    imports_fail_stale()
    suffix = Path(file_name).suffix.lower()
    suffix = suffix if suffix in {".csv", ".xlsx", ".txt"} else ".bin"
    with transaction.atomic():
        stored = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix}", ContentFile(data))
        progress = TaskProgress.objects.create(
            pemda=pemda,
            owner_id=getattr(actor, "pk", None)
            if getattr(actor, "is_authenticated", False)
            else None,
            kind=f"org.import.{what}",
            message=_("Menunggu giliran"),
            result={"file": stored, "file_name": file_name, "what": what},
        )
        audit_record(
            actor=actor,
            action=f"org.{what}_import_queue",
            obj=progress,
            object_repr=file_name,
            pemda_id=pemda.pk,
            after={"file_name": file_name, "size": len(data)},
        )
        enqueue_on_commit("sikap.org.tasks.import_run", progress.pk)
    return progress
