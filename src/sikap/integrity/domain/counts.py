"""The count rows ("jumlah") of a ZI percent item, per level: whole numbers ≥ 0 kept beside the
answers, audited; they make the item's percentage where the item itself is left blank."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.inputs import clean_text
from sikap.integrity.domain.assessments import _label, _open_for_unit
from sikap.integrity.domain.snapshots import snapshot_refresh
from sikap.integrity.models import Assessment, ItemCount, ItemScore
from sikap.rules import integrity as rules
from sikap.rules import zi
from sikap.rules.errors import RuleError

WHOLE = re.compile(r"[0-9]{1,9}")
COUNT_MAX = 999_999_999


def count_item(assessment: Assessment, code: str) -> zi.Item:
    """The percent item `code` (any case) of a ZI with count rows, or a ValidationError."""
    if assessment.kind != Assessment.Kind.ZI:
        raise ValidationError(_("Baris jumlah hanya ada pada LKE Zona Integritas."))
    try:
        item = rules.zi_item(code, year=assessment.year)
    except RuleError as exc:
        raise ValidationError(
            _("Butir %(code)s tidak ada pada LKE ini.") % {"code": str(code)[:40]}
        ) from exc
    if not item.counts:
        raise ValidationError(
            _("Butir %(code)s tidak memiliki baris jumlah.") % {"code": item.code}
        )
    return item


def count_value(count: zi.Count, raw: object) -> int | None:
    """A count row's value as given: blank is None; a whole number ≥ 0, else a ValidationError
    naming the row."""
    text = clean_text(str(raw) if raw is not None else "").strip()
    if not text:
        return None
    if not WHOLE.fullmatch(text):
        raise ValidationError(
            _("Jumlah %(code)s (%(text)s) harus bilangan bulat ≥ 0 tanpa desimal, bukan «%(v)s».")
            % {"code": count.code, "text": count.text, "v": text[:20]}
        )
    return int(text)


def counts_clean(item: zi.Item, values: Mapping[str, object]) -> dict[str, int | None]:
    """{count code: value or None} of the item's rows given in `values` (keys any case), or a
    ValidationError with every bad row at its code."""
    rows = {c.code.upper(): c for c in item.counts}
    errors: dict[str, list[str]] = {}
    out: dict[str, int | None] = {}
    for key, raw in values.items():
        count = rows.get(str(key).strip().upper())
        if count is None:
            raise ValidationError(
                _("Baris jumlah %(code)s bukan milik butir %(item)s.")
                % {"code": str(key)[:40], "item": item.code}
            )
        try:
            out[count.code] = count_value(count, raw)
        except ValidationError as exc:
            errors[count.code] = exc.messages
    if errors:
        raise ValidationError(errors)
    return out


def counts_write(
    *, actor: Any, assessment: Assessment, level: str, values: Mapping[str, int | None]
) -> None:
    """Write clean count values at `level` (None clears the row), each change audited."""
    found = {
        c.code: c
        for c in ItemCount.objects.select_for_update().filter(
            assessment=assessment, level=level, code__in=list(values)
        )
    }
    for code, value in values.items():
        row = found.get(code)
        if value is None:
            if row is not None:
                audit_record(
                    actor=actor,
                    action=f"integrity.count.{level}",
                    obj=row,
                    pemda_id=assessment.pemda_id,
                    before=snapshot(row, ["assessment", "code", "level", "value"]),
                )
                row.delete()
            continue
        if row is not None and row.value == value:
            continue
        audited_save(
            row or ItemCount(assessment=assessment, code=code, level=level),
            actor=actor,
            action=f"integrity.count.{level}",
            changes={"value": value, "recorded_by_label": _label(actor)},
            watched=["assessment", "code", "level", "value"],
            pemda_id=assessment.pemda_id,
        )


@transaction.atomic
def counts_record(
    *,
    actor: Any,
    assessment: Assessment,
    code: str,
    values: Mapping[str, object],
    refresh: bool = True,
) -> dict[str, int | None]:
    """The unit's own count rows of percent item `code` (level "self"): {count code: value},
    blank clears a row. All or nothing: a bad row refuses the whole and changes nothing."""
    _open_for_unit(assessment)
    item = count_item(assessment, code)
    clean = counts_clean(item, values)
    counts_write(actor=actor, assessment=assessment, level=ItemScore.Level.SELF, values=clean)
    if refresh:
        snapshot_refresh(assessment)
    return clean


@transaction.atomic
def review_counts_record(
    *, actor: Any, assessment: Assessment, code: str, values: Mapping[str, object]
) -> dict[str, int | None]:
    """The TPI's count rows of percent item `code` (level "tpi"), beside the unit's, which stay
    untouched; only in the TPI review. All or nothing, like the unit's."""
    if assessment.stage != Assessment.Stage.REVIEW:
        raise ValidationError(_("Penilaian ini sedang tidak dalam tahap reviu TPI."))
    item = count_item(assessment, code)
    clean = counts_clean(item, values)
    counts_write(actor=actor, assessment=assessment, level=ItemScore.Level.TPI, values=clean)
    snapshot_refresh(assessment)
    return clean
