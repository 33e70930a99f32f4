"""The anonymous SKM answer: visit codes and the public form's submit.

A citizen's SKM answer is deliberately not audited one by one: an audit row carries the
exact time and the object id, which would pin an anonymous answer to a minute.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.inputs import parse_int
from sikap.publicservice.domain.skm_snapshots import (
    skm_schedule_recompute,
    snapshot_add,
    tasks_in_process,
)
from sikap.publicservice.models import (
    PROFILE_FIELDS,
    SCALE,
    SCALE_POINTS,
    ServiceProduct,
    ServiceUnit,
    SkmResponse,
    VisitCode,
)
from sikap.rules import skm

UNSUR_CODES = skm.UNSUR_CODES
FIELD_OF_CODE: dict[str, str] = {code: f"u{i}" for i, code in enumerate(UNSUR_CODES, start=1)}
SCALE_BOUNDS = {"lo": SCALE[0], "hi": SCALE[1]}
SCALE_TEXTS = frozenset(str(v) for v in SCALE_POINTS)
COMMENT_MAX = 1000
VISIT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class SkmAnswerError(ValidationError):
    """Answers that cannot be stored; `errors` maps a field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class VisitCodeError(ValidationError):
    """A visit code that is unknown or already used; the answers are kept by the caller."""


# --- visit codes ---------------------------------------------------------------------------


def _visit_hash(service_unit_id: int, code: str) -> str:
    normal = "".join(code.split()).upper()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{service_unit_id}:{normal}".encode()).hexdigest()


def visit_codes_issue(*, actor: Any, service_unit: ServiceUnit, count: int) -> list[str]:
    """New queue-ticket codes to print; only their hashes are stored."""
    if not 1 <= count <= 500:
        raise ValidationError(_("Jumlah kode harus 1–500."))
    codes = ["".join(secrets.choice(VISIT_CODE_ALPHABET) for _ in range(8)) for _ in range(count)]
    with transaction.atomic():
        VisitCode.objects.bulk_create(
            [
                VisitCode(service_unit=service_unit, code_hash=_visit_hash(service_unit.pk, c))
                for c in codes
            ]
        )
        audit_record(
            actor=actor,
            action="visit_code.issue",
            obj=service_unit,
            after={"count": count},
        )
    return codes


def _visit_code_use(service_unit: ServiceUnit, code: str) -> None:
    """Mark a code used in one conditional UPDATE, so two concurrent submits cannot both win."""
    used = VisitCode.objects.filter(
        service_unit=service_unit, code_hash=_visit_hash(service_unit.pk, code), used=False
    ).update(used=True)
    if used != 1:
        raise VisitCodeError(
            _(
                "Kode kunjungan ini sudah dipakai atau tidak dikenal. Terima kasih, setiap "
                "kunjungan cukup dinilai satu kali."
            )
        )


# --- answers -------------------------------------------------------------------------------


def _clean_answers(answers: Mapping[str, object]) -> dict[str, int | None]:
    errors: dict[str, str] = {}
    values: dict[str, int | None] = {}
    known = {c.upper(): c for c in UNSUR_CODES}
    for key in answers:
        if str(key).upper() not in known:
            errors[str(key)] = _("unsur tidak dikenal")
    for code in UNSUR_CODES:
        raw = answers.get(code, answers.get(code.lower()))
        if raw is None or raw == "":
            values[code] = None
            continue
        value = parse_int(raw)
        if value is None:
            errors[code] = _("jawaban %(v)r bukan angka %(lo)s–%(hi)s") % {"v": raw, **SCALE_BOUNDS}
            continue
        if not SCALE[0] <= value <= SCALE[1]:
            errors[code] = _("jawaban %(v)r di luar skala %(lo)s–%(hi)s") % {
                "v": raw,
                **SCALE_BOUNDS,
            }
            continue
        values[code] = value
    if not errors and all(v is None for v in values.values()):
        errors["__all__"] = _("Isi paling sedikit satu unsur penilaian.")
    if errors:
        raise SkmAnswerError(errors)
    return values


_PROFILE_CHOICES = {
    name: {
        str(value) for value, _label in getattr(SkmResponse._meta.get_field(name), "choices", ())
    }
    for name in PROFILE_FIELDS
}


def _clean_profile(profile: Mapping[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in PROFILE_FIELDS:
        value = (profile.get(name) or "").strip()
        if value and value not in _PROFILE_CHOICES[name]:
            errors[name] = _("pilihan %(v)r tidak dikenal") % {"v": value}
        clean[name] = value
    if errors:
        raise SkmAnswerError(errors)
    return clean


def skm_submit(
    *,
    service_unit: ServiceUnit,
    product: ServiceProduct | None,
    answers: Mapping[str, object],
    profile: Mapping[str, str] | None = None,
    comment: str = "",
    source: str = SkmResponse.Source.WEB,
    visit_code: str = "",
    today: dt.date | None = None,
) -> int:
    """Store one anonymous SKM answer (and consume its visit code, if any) atomically; its id."""
    if not service_unit.is_active:
        raise SkmAnswerError({"__all__": _("Unit layanan ini tidak menerima survei saat ini.")})
    if product is not None and product.service_unit_id != service_unit.pk:
        raise SkmAnswerError({"product": _("jenis layanan bukan milik unit ini")})
    values = _clean_answers(answers)
    prof = _clean_profile(profile or {})
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise SkmAnswerError(
            {"comment": _("saran paling panjang %(n)s karakter") % {"n": COMMENT_MAX}}
        )
    code = (visit_code or "").strip()
    if service_unit.require_visit_code and not code and source != SkmResponse.Source.PAPER:
        raise SkmAnswerError({"visit_code": _("masukkan kode kunjungan dari tiket antrean")})
    day = today or timezone.localdate()
    # A lone INSERT is atomic by itself; a visit code must be spent in the same transaction,
    # and so must the snapshot row of embedded mode.
    in_process = tasks_in_process()
    with transaction.atomic() if code or in_process else contextlib.nullcontext():
        if code:
            _visit_code_use(service_unit, code)
        response_id = _insert_response(
            {
                "service_unit_id": service_unit.pk,
                "product_id": None if product is None else product.pk,
                "submitted_on": connection.ops.adapt_datefield_value(day),
                "comment": text,
                "source": str(source),
                **{FIELD_OF_CODE[c]: v for c, v in values.items()},
                **prof,
            }
        )
        if in_process:
            snapshot_add(
                service_unit_id=service_unit.pk,
                product_id=None if product is None else product.pk,
                day=day,
                values=values,
                commented=bool(text),
            )
        else:
            skm_schedule_recompute(service_unit_id=service_unit.pk)
    return response_id


def _insert_response(fields: dict[str, Any]) -> int:
    """INSERT one SkmResponse row; its id. The public form's hot path, so the statement is
    built once per set of fields instead of compiled by the ORM on every answer."""
    names = tuple(fields)
    params = [fields[n] for n in names]
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(_insert_sql(names, returning=True), params)
            return int(cursor.fetchone()[0])
        cursor.execute(_insert_sql(names, returning=False), params)
        return int(cursor.lastrowid)


@functools.lru_cache(maxsize=32)
def _insert_sql(names: tuple[str, ...], *, returning: bool) -> str:
    meta = SkmResponse._meta
    # Keyed by attname: the caller passes foreign keys as ids (service_unit_id, product_id).
    column = {f.attname: str(f.column) for f in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column[n]) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {meta.db_table} ({columns}) VALUES ({marks})"  # noqa: S608
    return f"{sql} RETURNING id" if returning else sql
