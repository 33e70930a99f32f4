"""Writes on the organisation: Pemda, units, employees. Atomic and audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, snapshot
from sikap.org.models import OrgUnit, Pemda, path_segment


def pemda_create(
    *,
    actor: object | None,
    code: str,
    name: str,
    level: str = Pemda.Level.KOTA,
    time_zone: str = "Asia/Makassar",
    is_demo: bool = False,
) -> Pemda:
    code = code.strip().lower()
    if Pemda.objects.filter(code=code).exists():
        raise ValidationError(_("Pemda dengan kode %(code)s sudah ada.") % {"code": code})
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
    unit = OrgUnit(
        pemda=pemda,
        code=code.strip(),
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
    return len(changed)
