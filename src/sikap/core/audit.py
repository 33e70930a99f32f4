"""The audit trail: every state change calls `audit_record` inside its transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction

from sikap.core.models import AuditLog

M = TypeVar("M", bound=models.Model)

# What each action reads as in the log ("mengisi skor PEKPPP"), and the names of the fields it
# records: each app describes its own actions when it loads (`describe_actions`).
_ACTION_PHRASES: dict[str, Any] = {}
_FIELD_NAMES: dict[str, Any] = {}


def describe_actions(phrases: Mapping[str, Any], fields: Mapping[str, Any] | None = None) -> None:
    """Register how `action` codes and recorded field names read (lazy translations)."""
    _ACTION_PHRASES.update(phrases)
    _FIELD_NAMES.update(fields or {})


def action_phrase(action: str) -> str:
    """The verb phrase of an action, in the active language; the code when none is known."""
    phrase = _ACTION_PHRASES.get(action)
    return str(phrase) if phrase is not None else action


def field_name(field: str) -> str:
    name = _FIELD_NAMES.get(field)
    return str(name) if name is not None else field.replace("_id", "").replace("_", " ")


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model's concrete fields (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        if value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        data[field.attname] = value
    return data


def audit_record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str | None = None,
    pemda_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditLog:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id if object_id is not None else obj.pk
        object_repr = object_repr or str(obj)[:300]
        if pemda_id is None:
            pemda_id = getattr(obj, "pemda_id", None)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    label = "system"
    if actor_obj is not None:
        label = getattr(actor_obj, "display_name", None) or str(actor_obj)
    elif isinstance(actor, str):
        label = actor
    return AuditLog.objects.create(
        pemda_id=pemda_id,
        actor=actor_obj,
        actor_label=label[:200],
        action=action,
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        object_repr=(object_repr or "")[:300],
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )


def audited_save(
    obj: M,
    *,
    actor: Any | None,
    action: str,
    changes: Mapping[str, Any],
    watched: Sequence[str] | None = None,
    pemda_id: int | None = None,
) -> M:
    """Apply `changes` to `obj`, write them, and audit the `watched` fields before and after.

    A new object is inserted whole; an existing one writes only the changed fields (and its
    auto_now fields). Like audit_record it refuses to run outside the caller's transaction,
    before anything is written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audited_save must run inside the transaction of the change")
    fields = list(watched if watched is not None else changes)
    adding = obj._state.adding
    before = None if adding else snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    if adding:
        obj.save()
    else:
        auto_now = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[*changes, *auto_now])
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        pemda_id=pemda_id,
        before=before,
        after=snapshot(obj, fields),
    )
    return obj
