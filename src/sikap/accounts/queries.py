"""Reads on users, role assignments and the audit log, narrowed through the scoping gate.

Users, assignments and audit rows are Pemda-level objects: only a user who reaches the whole
Pemda for the capability (Admin Pemda) sees them.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from sikap.accounts.models import RoleAssignment, User
from sikap.core.audit import action_phrase, field_name
from sikap.core.models import AuditLog
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, scope_by_pemda, scope_by_unit
from sikap.org.models import Employee, Pemda

# --- users and roles ---------------------------------------------------------------------


def managed_pemdas(user: Any) -> QuerySet[Pemda]:
    return scope_by_pemda(Pemda.objects.all(), user, Cap.ROLES_MANAGE, pemda_field="pk")


def users_visible(user: Any) -> QuerySet[User]:
    return scope_by_pemda(User.objects.all(), user, Cap.ROLES_MANAGE, pemda_field="pemda_id")


def users_with_roles(user: Any, *, q: str = "") -> QuerySet[User]:
    qs = users_visible(user).prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("unit").order_by("role", "unit__path"),
        )
    )
    if q:
        qs = qs.filter(
            Q(username__icontains=q)
            | Q(full_name__icontains=q)
            | Q(nip__startswith=q)
            | Q(email__icontains=q)
        )
    return qs.select_related("employee").order_by("full_name", "username")


def user_get(user: Any, user_id: Any) -> User:
    return get_in_scope(users_visible(user).select_related("employee", "pemda"), pk=user_id)


def assignments_visible(user: Any) -> QuerySet[RoleAssignment]:
    return scope_by_pemda(
        RoleAssignment.objects.all(), user, Cap.ROLES_MANAGE, pemda_field="pemda_id"
    )


def assignment_get(user: Any, assignment_id: Any) -> RoleAssignment:
    return get_in_scope(assignments_visible(user).select_related("user", "unit"), pk=assignment_id)


def employees_without_account(user: Any) -> QuerySet[Employee]:
    """Active employees of the managed Pemda(s) who have no login yet."""
    return (
        scope_by_unit(Employee.objects.filter(is_active=True), user, Cap.ROLES_MANAGE)
        .filter(user__isnull=True)
        .order_by("name")
    )


def employee_for_account(user: Any, nip: str) -> Employee:
    return get_in_scope(
        scope_by_unit(Employee.objects.select_related("unit", "pemda"), user, Cap.ROLES_MANAGE),
        nip=nip,
    )


# --- audit log ---------------------------------------------------------------------------


def audit_zone(pemda: Pemda | None) -> zoneinfo.ZoneInfo:
    name = pemda.time_zone if pemda is not None else settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class AuditFilter:
    actor: int | None = None
    action: str = ""
    object_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""


def audit_visible(user: Any) -> QuerySet[AuditLog]:
    return scope_by_pemda(AuditLog.objects.all(), user, Cap.AUDIT_VIEW, pemda_field="pemda_id")


def audit_search(user: Any, filters: AuditFilter, *, zone: dt.tzinfo) -> QuerySet[AuditLog]:
    """Audit rows of the user's Pemda(s); dates are whole days in the Pemda's zone."""
    qs = audit_visible(user)
    if filters.actor is not None:
        qs = qs.filter(actor_id=filters.actor)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.date_from is not None:
        start = dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=zone)
        qs = qs.filter(at__gte=start)
    if filters.date_to is not None:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        qs = qs.filter(at__lt=end)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(
            Q(object_repr__icontains=term)
            | Q(actor_label__icontains=term)
            | Q(object_id=term)
            | Q(action__icontains=term)
        )
    return qs.order_by("-at", "-id")


def audit_facets(user: Any) -> tuple[list[str], list[str]]:
    """The distinct actions and object types present, for the filter choices."""
    visible = audit_visible(user).order_by()
    actions = sorted(set(visible.values_list("action", flat=True).distinct()))
    types = sorted(set(visible.values_list("object_type", flat=True).distinct()) - {""})
    return actions, types


@dataclass(frozen=True)
class DiffLine:
    field: str
    before: str
    after: str
    changed: bool


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def audit_diff(row: AuditLog) -> list[DiffLine]:
    """Before/after of one audit row, field by field, changed fields flagged."""
    before = row.before if isinstance(row.before, dict) else {}
    after = row.after if isinstance(row.after, dict) else {}
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return [
        DiffLine(
            field=k,
            before=_show(before.get(k)) if row.before is not None else "",
            after=_show(after.get(k)) if row.after is not None else "",
            changed=before.get(k) != after.get(k),
        )
        for k in keys
    ]


def audit_sentence(row: AuditLog, diff: list[DiffLine], *, limit: int = 4) -> str:
    """One audit row as a sentence: who did what to which object, and what changed
    ("Admin Pemda mengubah skor PEKPPP K3 · RSUD Anutapura 2026: skor 3 → 4")."""
    text = f"{row.actor_label} {action_phrase(row.action)}"
    if row.object_repr:
        text += f" {row.object_repr}"
    changes = [
        f"{field_name(d.field)} {d.before or '–'} → {d.after or '–'}"
        for d in diff
        if d.changed and row.before is not None and row.after is not None
    ]
    if changes:
        more = len(changes) - limit
        text += ": " + "; ".join(changes[:limit]) + (f"; +{more}" if more > 0 else "")
    return text


def users_visible_for_audit(user: Any) -> list[tuple[int, str]]:
    """(id, name) of the users of the Pemda(s) whose audit log `user` may read."""
    rows = scope_by_pemda(User.objects.all(), user, Cap.AUDIT_VIEW, pemda_field="pemda_id")
    return [
        (pk, full_name or username)
        for pk, full_name, username in rows.order_by("full_name", "username").values_list(
            "id", "full_name", "username"
        )
    ]
