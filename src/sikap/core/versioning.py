"""Official records that keep their history: a change adds a version, never overwrites one.

An official result (the Ombudsman's yearly score, KemenPAN-RB's PEKPPP predicate, later the
Zona Integritas verdict) is a *head* row, unique per subject and year, and its *versions*
(a concrete `sikap.core.models.RecordVersion`). The head mirrors the latest version so lists
read one row; only `version_append` writes either. Recording a value that differs from the
current one is refused unless it comes with a reason, and, when the caller says which version
the person saw (`confirmed_number`), unless that is still the current one, so nobody confirms
over a change they have not seen. Earlier versions, with their relations (sampled units …),
stay as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.models import RecordVersion

V = TypeVar("V", bound=RecordVersion)

REASON_MAX = 1000


class ChangeNeedsReason(ValidationError):
    """A different value for a recorded official result, without a reason: nothing written.

    `before` and `after` are the current and the proposed state (JSON-safe), so a page can
    show both and ask for the reason.
    """

    def __init__(self, *, number: int, before: Mapping[str, Any], after: Mapping[str, Any]):
        super().__init__(
            _(
                "Hasil resmi ini sudah tercatat (versi %(n)s). Mengubahnya memerlukan "
                "konfirmasi dan alasan perubahan."
            )
            % {"n": number}
        )
        self.number = number
        self.before = dict(before)
        self.after = dict(after)


class StaleVersion(ValidationError):
    """The person confirmed a change against a version that is no longer the current one."""

    def __init__(self, *, confirmed: int, current: int):
        super().__init__(
            _(
                "Hasil resmi ini telah diubah menjadi versi %(c)s sejak Anda mengonfirmasi "
                "versi %(v)s. Periksa nilai terbaru lalu ulangi."
            )
            % {"c": current, "v": confirmed}
        )
        self.confirmed = confirmed
        self.current = current


def plain(value: Any) -> Any:
    """A JSON-safe form of a recorded value, equal for equal values (Decimal('90.00') → '90')."""
    if isinstance(value, Decimal):
        # A decimal field reads back with its column's places; compare the number, not them.
        return format(value.normalize(), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _related_key(obj: models.Model) -> Any:
    return getattr(obj, "code", None) or obj.pk


def reason_clean(reason: str) -> str:
    reason = (reason or "").strip()
    if "\x00" in reason:
        raise ValidationError(_("Alasan perubahan memuat karakter NUL; ketik ulang alasannya."))
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("Alasan perubahan terlalu panjang (%(n)s karakter, paling banyak %(m)s).")
            % {"n": len(reason), "m": REASON_MAX}
        )
    return reason


def version_state(
    version: RecordVersion, *, fields: Sequence[str], relations: Sequence[str] = ()
) -> dict[str, Any]:
    """The recorded values of `version` as `version_append` compares and audits them."""
    state = {name: plain(getattr(version, name)) for name in fields}
    for name in relations:
        state[name] = sorted(_related_key(o) for o in getattr(version, name).all())
    return state


def version_append(
    *,
    actor: Any,
    head: models.Model,
    version_model: type[V],
    values: Mapping[str, Any],
    relations: Mapping[str, Sequence[models.Model]] | None = None,
    reason: str = "",
    confirmed_number: int | None = None,
    action: str,
    pemda_id: int | None = None,
) -> tuple[V, bool]:
    """Make `values` (and `relations`) the current version of `head`; (version, created).

    The caller runs this inside its transaction and has locked `head` (select_for_update) if
    it exists. The same values as the current version change nothing and return it with
    created=False. A different value needs `reason` (else ChangeNeedsReason) and, if given,
    `confirmed_number` equal to the current version (else StaleVersion); both leave every
    row untouched.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_append must run inside the transaction of the change")
    relations = relations or {}
    reason = reason_clean(reason)
    fields = list(values)
    after = {
        **{k: plain(v) for k, v in values.items()},
        **{k: sorted(_related_key(o) for o in objs) for k, objs in relations.items()},
    }
    latest = None
    if not head._state.adding:
        latest = version_model.objects.filter(head=head).order_by("-number").first()  # type: ignore[attr-defined]
    before: dict[str, Any] | None = None
    if latest is not None:
        before = version_state(latest, fields=fields, relations=list(relations))
        if before == after:
            return latest, False
        if confirmed_number is not None and confirmed_number != latest.number:
            raise StaleVersion(confirmed=confirmed_number, current=latest.number)
        if not reason:
            raise ChangeNeedsReason(number=latest.number, before=before, after=after)
    number = 1 if latest is None else latest.number + 1
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    label = "system"
    if actor_obj is not None:
        label = getattr(actor_obj, "display_name", None) or str(actor_obj)
    if isinstance(actor, str):
        label = actor
    mirrored = [f.name for f in head._meta.concrete_fields if f.name in values]
    for name in mirrored:
        setattr(head, name, values[name])
    if head._state.adding:
        head.save()
    else:
        head.save(update_fields=mirrored)
    version = version_model.objects.create(  # type: ignore[attr-defined]
        head=head,
        number=number,
        reason=reason,
        recorded_by=actor_obj,
        recorded_by_label=label[:200],
        **values,
    )
    for name, objs in relations.items():
        getattr(version, name).set(objs)
    audit_record(
        actor=actor,
        action=action,
        obj=head,
        pemda_id=pemda_id,
        # "revision" is the version number: a record's own values may hold a "version" key.
        before=None if before is None or latest is None else {**before, "revision": latest.number},
        after={**after, "revision": number, "reason": reason},
    )
    return version, True


def _shown(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def change_rows(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, Any]
) -> list[tuple[str, str, str, bool]]:
    """(label, old, new, changed) per labelled value, for a page that asks to confirm a change."""
    return [
        (
            str(label),
            _shown(before.get(key)),
            _shown(after.get(key)),
            before.get(key) != after.get(key),
        )
        for key, label in labels.items()
    ]
