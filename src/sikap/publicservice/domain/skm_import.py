"""The SKM paper-form import (CSV): all or nothing, with a row-by-row error report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.codes import code_key, get_by_code
from sikap.core.inputs import parse_int
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.core.tables import TableError, read_csv
from sikap.org.models import OrgUnit, Pemda
from sikap.publicservice.domain.skm_answers import (
    COMMENT_MAX,
    FIELD_OF_CODE,
    SCALE_BOUNDS,
    SCALE_TEXTS,
    UNSUR_CODES,
)
from sikap.publicservice.domain.skm_snapshots import skm_schedule_recompute
from sikap.publicservice.domain.units import service_product_create, service_unit_ensure
from sikap.publicservice.models import (
    ServiceProduct,
    ServiceUnit,
    SkmResponse,
)


class SkmImportError(ImportRejected):
    """A rejected SKM paper-form import; nothing was stored."""


@dataclass(frozen=True)
class ImportResult:
    service_unit: ServiceUnit
    created: int
    new_products: tuple[str, ...]
    unit_created: bool


# --- paper import --------------------------------------------------------------------------

_PROFILE_COLUMNS = {
    "umur": "age_band",
    "usia": "age_band",
    "jenis_kelamin": "gender",
    "pendidikan": "education",
    "pekerjaan": "occupation",
    "saran": "comment",
    "komentar": "comment",
}


def age_band_of(value: str) -> str:
    """An age band from a band code or an age in years; '' when blank."""
    text = value.strip()
    if not text or text in SkmResponse.AgeBand.values:
        return text
    age = parse_int(text)
    if age is None:
        raise ValueError(text)  # reported by the caller
    if age < 10 or age > 120:
        raise ValueError(text)
    for limit, band in ((20, "<20"), (30, "20-29"), (40, "30-39"), (50, "40-49"), (60, "50-59")):
        if age < limit:
            return band
    return "60+"


def _read_csv(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (lower-cased) and the numbered rows, through the one table reader."""
    try:
        table = read_csv(data, require_rows=False, refuse_nul=False)
    except TableError as exc:
        raise SkmImportError([exc.error]) from exc
    return [h.lower() for h in table.headers], table.rows


_PROFILE_CHOICES = {
    "gender": SkmResponse.Gender.values,
    "education": SkmResponse.Education.values,
    "occupation": SkmResponse.Occupation.values,
}
Parsed = tuple[dt.date, str, dict[str, int | None], dict[str, str]]


def _columns(header: list[str]) -> dict[str, int]:
    """Where each known column is; every unknown, doubled or missing column is an error."""
    errors: list[RowError] = []
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.upper() if name.upper() in UNSUR_CODES else name
        if key in columns:
            errors.append(RowError(1, name, name, _("kolom ganda")))
        elif key in ("tanggal", "layanan") or key in UNSUR_CODES or key in _PROFILE_COLUMNS:
            columns[key] = i
        else:
            errors.append(RowError(1, name, name, _("kolom tidak dikenal")))
    for required in ("tanggal", "layanan", *UNSUR_CODES):
        if required not in columns:
            errors.append(RowError(1, required, "", _("kolom wajib tidak ada")))
    if errors:
        raise SkmImportError(errors)
    return columns


def _answers(rownum: int, cell: Any, errors: list[RowError]) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for code in UNSUR_CODES:
        raw = cell(code)
        if raw == "":
            answers[code] = None
        elif raw in SCALE_TEXTS:
            answers[code] = int(raw)
        else:
            reason = _("jawaban harus %(lo)s–%(hi)s atau kosong") % SCALE_BOUNDS
            errors.append(RowError(rownum, code, raw, reason))
    if all(cell(c) == "" for c in UNSUR_CODES):
        errors.append(RowError(rownum, "U1…U9", "", _("tidak ada satu pun jawaban")))
    return answers


def _profile(
    rownum: int, cell: Any, columns: dict[str, int], errors: list[RowError]
) -> dict[str, str]:
    profile: dict[str, str] = {}
    for column, field_name in _PROFILE_COLUMNS.items():
        if column not in columns:
            continue
        raw = cell(column)
        if field_name == "comment":
            if len(raw) > COMMENT_MAX:
                errors.append(RowError(rownum, column, raw[:40], _("terlalu panjang")))
            profile["comment"] = raw
            continue
        if field_name == "age_band":
            try:
                profile[field_name] = age_band_of(raw)
            except ValueError:
                errors.append(RowError(rownum, column, raw, _("umur 10–120 atau kelompok umur")))
            continue
        allowed = _PROFILE_CHOICES[field_name]
        value = raw.upper()
        if value and value not in allowed:
            reason = _("pilihan yang sah: %(allowed)s") % {"allowed": ", ".join(allowed)}
            errors.append(RowError(rownum, column, raw, reason))
        profile[field_name] = value
    return profile


def _parse_row(
    rownum: int,
    row: list[str],
    columns: dict[str, int],
    day_limit: dt.date,
    errors: list[RowError],
) -> Parsed | None:
    """One paper form; its errors are added to `errors` (None when its date is unreadable)."""

    def cell(key: str) -> str:
        i = columns.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    raw_date = cell("tanggal")
    day: dt.date | None
    try:
        day = dt.date.fromisoformat(raw_date)
        if len(raw_date) != 10:
            raise ValueError(raw_date)
    except ValueError:
        errors.append(RowError(rownum, "tanggal", raw_date, _("bukan tanggal TTTT-BB-HH")))
        day = None
    if day is not None and day > day_limit:
        errors.append(RowError(rownum, "tanggal", raw_date, _("tanggal di masa depan")))
    product_name = " ".join(cell("layanan").split())
    if not product_name:
        errors.append(RowError(rownum, "layanan", "", _("nama layanan wajib diisi")))
    elif len(product_name) > 200:
        errors.append(RowError(rownum, "layanan", product_name[:40], _("terlalu panjang")))
    answers = _answers(rownum, cell, errors)
    profile = _profile(rownum, cell, columns, errors)
    return None if day is None else (day, product_name, answers, profile)


def _check_size_and_unit(pemda: Pemda, unit_code: str, data: bytes) -> OrgUnit:
    max_bytes = settings.SIKAP_IMPORT_MAX_BYTES
    if len(data) > max_bytes:
        reason = _("berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte)") % {
            "size": len(data),
            "limit": max_bytes,
        }
        raise SkmImportError([RowError(0, "-", "", reason)])
    unit = get_by_code(OrgUnit.objects.filter(pemda=pemda), unit_code)
    if unit is None:
        reason = _("unit dengan kode ini tidak ada di %(pemda)s") % {"pemda": pemda.code}
        raise SkmImportError([RowError(0, "--unit", unit_code, reason)])
    return unit


def skm_import(
    *,
    actor: Any,
    pemda: Pemda,
    unit_code: str,
    data: bytes,
    today: dt.date | None = None,
) -> ImportResult:
    """Import paper SKM forms from CSV: all rows or none, with every row error reported."""
    unit = _check_size_and_unit(pemda, unit_code, data)
    header, rows = _read_csv(data)
    columns = _columns(header)
    day_limit = today or timezone.localdate()
    errors: list[RowError] = []
    parsed: list[Parsed] = []
    for rownum, row in rows:
        form = _parse_row(rownum, row, columns, day_limit, errors)
        if form is not None:
            parsed.append(form)
    if not rows:
        errors.append(RowError(2, "-", "", _("tidak ada baris data")))
    if errors:
        raise SkmImportError(errors)
    return _store(actor=actor, unit=unit, parsed=parsed)


def _store(*, actor: Any, unit: OrgUnit, parsed: list[Parsed]) -> ImportResult:
    with transaction.atomic():
        service_unit, unit_created = service_unit_ensure(actor=actor, unit=unit)
        products = {
            code_key(p.name): p for p in ServiceProduct.objects.filter(service_unit=service_unit)
        }
        new_products: list[str] = []
        for name in (form[1] for form in parsed):
            if code_key(name) not in products:
                products[code_key(name)] = service_product_create(
                    actor=actor, service_unit=service_unit, name=name
                )
                new_products.append(name)
        objs = [
            SkmResponse(
                service_unit=service_unit,
                product=products[code_key(name)],
                submitted_on=day,
                source=SkmResponse.Source.PAPER,
                **{FIELD_OF_CODE[c]: v for c, v in answers.items()},
                **profile,
            )
            for day, name, answers, profile in parsed
        ]
        SkmResponse.objects.bulk_create(objs, batch_size=1000)
        audit_record(
            actor=actor,
            action="skm.import",
            obj=service_unit,
            after={"rows": len(objs), "new_products": new_products},
        )
        skm_schedule_recompute(service_unit_id=service_unit.pk)
    return ImportResult(service_unit, len(objs), tuple(new_products), unit_created)
