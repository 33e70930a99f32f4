"""Instruments: the BerAKHLAK behaviours a campaign asks about, locked once it starts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.culture.models import MAX_CODES, Instrument, InstrumentKind
from sikap.org.models import Pemda
from sikap.rules import berakhlak


def _behaviour_rows(kind: str, limiting: Sequence[tuple[str, str]] | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"code": b.code, "value": b.value_code, "text": b.text, "limiting": False}
        for b in berakhlak.BEHAVIOURS
    ]
    if kind == InstrumentKind.IMPLEMENTASI:
        chosen = (
            [(b.code, b.text) for b in berakhlak.DEFAULT_LIMITING] if limiting is None else limiting
        )
        seen = {r["code"] for r in rows}
        for code, text in chosen:
            code = code.strip().upper()
            if not code or code in seen:
                raise ValidationError(
                    _("Kode perilaku pembatas %(code)s kosong atau ganda.") % {"code": code}
                )
            seen.add(code)
            rows.append({"code": code, "value": "", "text": text.strip(), "limiting": True})
    if len(rows) > MAX_CODES:
        raise ValidationError(
            _("Paling banyak %(max)s perilaku dalam satu instrumen.") % {"max": MAX_CODES}
        )
    return rows


def instrument_create(
    *,
    actor: Any,
    pemda: Pemda,
    kind: str,
    name: str = "",
    limiting: Sequence[tuple[str, str]] | None = None,
    rulebook_year: int | None = None,
) -> Instrument:
    if kind not in InstrumentKind.values:
        raise ValidationError(_("Jenis instrumen tidak dikenal: %(kind)s") % {"kind": kind})
    with transaction.atomic():
        last = Instrument.objects.filter(pemda=pemda, kind=kind).aggregate(v=Max("version"))["v"]
        instrument = Instrument.objects.create(
            pemda=pemda,
            kind=kind,
            version=(last or 0) + 1,
            name=name or f"BerAKHLAK {InstrumentKind(kind).label}",
            behaviours=_behaviour_rows(kind, limiting),
            rulebook_year=rulebook_year,
        )
        audit_record(
            actor=actor,
            action="culture.instrument.create",
            obj=instrument,
            after=snapshot(instrument, ["kind", "version", "name"]),
        )
    return instrument


def instrument_update(
    *, actor: Any, instrument: Instrument, name: str, limiting: Sequence[tuple[str, str]]
) -> Instrument:
    with transaction.atomic():
        locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if locked.locked:
            raise ValidationError(_("Instrumen sudah dikunci karena kampanye telah dimulai."))
        return audited_save(
            locked,
            actor=actor,
            action="culture.instrument.update",
            changes={
                "name": name.strip() or locked.name,
                "behaviours": _behaviour_rows(locked.kind, limiting),
            },
        )


def _lock_instrument(instrument: Instrument) -> None:
    Instrument.objects.filter(pk=instrument.pk, locked_at__isnull=True).update(
        locked_at=timezone.now()
    )
