"""The anonymous IPAK answer from the public form.

Like an SKM answer it is deliberately not audited one by one: an audit row carries the exact
time and the object id, which would pin an anonymous answer to a minute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.inputs import parse_int
from sikap.publicservice.ipak.models import ITEM_FIELDS, SCALE, IpakResponse
from sikap.publicservice.models import ServiceUnit


class IpakAnswerError(ValidationError):
    """Answers that cannot be stored; `errors` maps a form field (p1…p8, __all__) to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def clean_answers(answers: Mapping[str, object]) -> dict[str, int | None]:
    """Form values p1…p8 ("" = skipped) → integers on the scale; IpakAnswerError names each
    refused field (an unknown field, a value that is not an ASCII 1–4)."""
    errors: dict[str, str] = {}
    values: dict[str, int | None] = {}
    bounds = {"lo": SCALE[0], "hi": SCALE[1]}
    for key in answers:
        if str(key).lower() not in ITEM_FIELDS:
            errors[str(key)[:20]] = _("butir tidak dikenal")
    for name in ITEM_FIELDS:
        raw = answers.get(name)
        if raw is None or raw == "":
            values[name] = None
            continue
        value = parse_int(raw)
        if value is None:
            errors[name] = _("jawaban %(v)r bukan angka %(lo)s–%(hi)s") % {
                "v": str(raw)[:20],
                **bounds,
            }
        elif not SCALE[0] <= value <= SCALE[1]:
            errors[name] = _("jawaban %(v)r di luar skala %(lo)s–%(hi)s") % {
                "v": str(raw)[:20],
                **bounds,
            }
        else:
            values[name] = value
    if not errors and all(v is None for v in values.values()):
        errors["__all__"] = _("Isi paling sedikit satu pernyataan.")
    if errors:
        raise IpakAnswerError(errors)
    return values


def ipak_submit(
    *,
    service_unit: ServiceUnit,
    answers: Mapping[str, object],
    today: dt.date | None = None,
) -> int:
    """Store one anonymous IPAK answer of `service_unit` (a lone INSERT); its id."""
    if not service_unit.is_active:
        raise IpakAnswerError({"__all__": _("Unit layanan ini tidak menerima survei saat ini.")})
    values = clean_answers(answers)
    row = IpakResponse.objects.create(
        service_unit=service_unit, submitted_on=today or timezone.localdate(), **values
    )
    return int(row.pk)
