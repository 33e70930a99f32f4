"""Official results from outside (Ombudsman, KemenPAN-RB's PEKPPP): versioned, never overwritten.

Every path that records one (page, command line, demo) calls these functions, so each follows
the rule of `sikap.core.versioning`: a different value for a recorded year needs a reason,
earlier versions stay with their sampled units, and the audit row holds before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.versioning import version_append
from sikap.org.models import OrgUnit, Pemda
from sikap.publicservice.models import (
    OmbudsmanResult,
    OmbudsmanResultVersion,
    PekpppOfficialResult,
    PekpppOfficialResultVersion,
    ServiceUnit,
)
from sikap.rules import RuleError, ombudsman, pekppp

NOTE_MAX = 2000
CENT = Decimal("0.01")


def _note_clean(note: str) -> str:
    note = (note or "").strip()
    if "\x00" in note:
        raise ValidationError(_("Catatan memuat karakter NUL; ketik ulang catatannya."))
    if len(note) > NOTE_MAX:
        raise ValidationError(
            _("Catatan terlalu panjang (%(n)s karakter, paling banyak %(m)s).")
            % {"n": len(note), "m": NOTE_MAX}
        )
    return note


def ombudsman_result_record(
    *,
    actor: Any,
    pemda: Pemda,
    year: int,
    score: float,
    dimensions: Mapping[str, float] | None = None,
    sampled_units: Iterable[OrgUnit] = (),
    note: str = "",
    reason: str = "",
    confirmed_number: int | None = None,
) -> OmbudsmanResult:
    """Record the Ombudsman's official result of a year, or a corrected version of it.

    Grade and zone come from the year's rulebook. A year already recorded with other values
    is changed only with a `reason` (ChangeNeedsReason otherwise, nothing written).
    """
    try:
        g = ombudsman.grade(score, year=year)
        dims = {k.lower(): float(v) for k, v in (dimensions or {}).items()}
        known = {d.code for d in ombudsman.dimensions(year)}
        unknown = sorted(set(dims) - known)
        if unknown:
            raise ValidationError(
                _("Dimensi tidak dikenal: %(d)s (yang sah: %(k)s).")
                % {"d": ", ".join(unknown), "k": ", ".join(sorted(known))}
            )
        if any(not 0 <= v <= 100 for v in dims.values()):
            raise ValidationError(_("Nilai dimensi harus 0–100."))
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    units = list(sampled_units)
    if any(u.pemda_id != pemda.pk for u in units):
        raise ValidationError(_("Unit sampel harus milik pemda ini."))
    note = _note_clean(note)
    with transaction.atomic():
        head = OmbudsmanResult.objects.select_for_update().filter(
            pemda=pemda, year=year
        ).first() or OmbudsmanResult(pemda=pemda, year=year)
        version_append(
            actor=actor,
            head=head,
            version_model=OmbudsmanResultVersion,
            values={
                # The score as graded (half up to 2 decimals), with the column's 2 places.
                "score": Decimal(repr(g.score)).quantize(CENT),
                "grade": g.category,
                "zone": g.zone or "",
                "version": g.version,
                "dimensions": dims,
                "note": note,
            },
            relations={"sampled_units": units},
            reason=reason,
            confirmed_number=confirmed_number,
            action="ombudsman.result.record",
            pemda_id=pemda.pk,
        )
    return head


def pekppp_official_record(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    year: int,
    ipp: float,
    note: str = "",
    reason: str = "",
    confirmed_number: int | None = None,
) -> PekpppOfficialResult:
    """Record KemenPAN-RB's official IPP of a unit and year (predicate from the rulebook)."""
    try:
        g = pekppp.grade(ipp, year=year)
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    note = _note_clean(note)
    with transaction.atomic():
        head = PekpppOfficialResult.objects.select_for_update().filter(
            service_unit=service_unit, year=year
        ).first() or PekpppOfficialResult(service_unit=service_unit, year=year)
        version_append(
            actor=actor,
            head=head,
            version_model=PekpppOfficialResultVersion,
            values={
                "ipp": Decimal(repr(g.score)).quantize(CENT),
                "category": g.category,
                "version": g.version,
                "note": note,
            },
            reason=reason,
            confirmed_number=confirmed_number,
            action="pekppp.official.record",
            pemda_id=service_unit.pemda_id,
        )
    return head
