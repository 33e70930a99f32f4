"""Writes on service units and SKM: atomic; audited, except the anonymous answers themselves.

A citizen's SKM answer is deliberately not audited one by one: an audit row carries the
exact time and the object id, which would pin an anonymous answer to a minute. Imports, unit
set-up, visit codes, follow-up and assessments are audited like every other change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.codes import code_key, get_by_code
from sikap.core.inputs import parse_int
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.core.tables import TableError, read_csv
from sikap.core.tasks_util import task_named
from sikap.core.tasks_util import tasks_in_process as core_tasks_in_process
from sikap.org.models import OrgUnit, Pemda
from sikap.publicservice.models import (
    PROFILE_FIELDS,
    SCALE,
    SCALE_POINTS,
    UNSUR_FIELDS,
    ProductVolume,
    ServiceProduct,
    ServiceUnit,
    SkmMonthly,
    SkmRecomputeState,
    SkmResponse,
    VisitCode,
    new_kiosk_key,
)
from sikap.publicservice.official import (  # re-exported: the writes of official results
    ombudsman_result_record as ombudsman_result_record,
)
from sikap.publicservice.official import (
    pekppp_official_record as pekppp_official_record,
)
from sikap.rules import skm
from sikap.rules.rounding import half_up as round_half_up

UNSUR_CODES = skm.UNSUR_CODES
FIELD_OF_CODE: dict[str, str] = {code: f"u{i}" for i, code in enumerate(UNSUR_CODES, start=1)}
_SCALE = {"lo": SCALE[0], "hi": SCALE[1]}
_SCALE_TEXTS = frozenset(str(v) for v in SCALE_POINTS)
COMMENT_MAX = 1000
VISIT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class SkmAnswerError(ValidationError):
    """Answers that cannot be stored; `errors` maps a field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class VisitCodeError(ValidationError):
    """A visit code that is unknown or already used; the answers are kept by the caller."""


class SkmImportError(ImportRejected):
    """A rejected SKM paper-form import; nothing was stored."""


@dataclass(frozen=True)
class ImportResult:
    service_unit: ServiceUnit
    created: int
    new_products: tuple[str, ...]
    unit_created: bool


# --- service units -------------------------------------------------------------------------


def service_unit_ensure(*, actor: Any, unit: OrgUnit) -> tuple[ServiceUnit, bool]:
    """The service unit of `unit`, created (and audited) on first use."""
    with transaction.atomic():
        existing = ServiceUnit.objects.filter(unit=unit).first()
        if existing is not None:
            return existing, False
        su = ServiceUnit.objects.create(pemda_id=unit.pemda_id, unit=unit)
        audit_record(
            actor=actor,
            action="service_unit.create",
            obj=su,
            after=snapshot(su, ["pemda", "unit", "public_slug"]),
        )
    return su, True


def service_product_create(*, actor: Any, service_unit: ServiceUnit, name: str) -> ServiceProduct:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Nama jenis layanan wajib diisi."))
    if len(clean) > 200:
        raise ValidationError(_("Nama jenis layanan paling panjang 200 karakter."))
    with transaction.atomic():
        clash = get_by_code(
            ServiceProduct.objects.filter(service_unit=service_unit), clean, field="name"
        )
        if clash is not None:
            raise ValidationError(
                _("Jenis layanan %(name)s sudah ada di unit ini.") % {"name": clash.name}
            )
        product = ServiceProduct.objects.create(service_unit=service_unit, name=clean)
        audit_record(
            actor=actor,
            action="service_product.create",
            obj=product,
            pemda_id=service_unit.pemda_id,
            after=snapshot(product),
        )
    return product


def product_volume_set(
    *, actor: Any, product: ServiceProduct, year: int, volume: int
) -> ProductVolume:
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})
    if volume < 0:
        raise ValidationError(_("Volume layanan tidak boleh negatif."))
    with transaction.atomic():
        row = ProductVolume.objects.filter(product=product, year=year).first()
        before = None if row is None else {"volume": row.volume}
        if row is None:
            row = ProductVolume.objects.create(product=product, year=year, volume=volume)
        else:
            row.volume = volume
            row.save(update_fields=["volume"])
        audit_record(
            actor=actor,
            action="service_product.volume",
            obj=product,
            pemda_id=product.service_unit.pemda_id,
            before=before,
            after={"year": year, "volume": volume},
        )
    return row


def _forget_public_unit(service_unit: ServiceUnit) -> None:
    from sikap.publicservice.queries import forget_public_unit

    slug = service_unit.public_slug
    forget_public_unit(slug)
    # Again after commit, so a form request in between cannot keep the old row.
    transaction.on_commit(lambda: forget_public_unit(slug))


def service_unit_settings_update(
    *, actor: Any, service_unit: ServiceUnit, require_visit_code: bool
) -> ServiceUnit:
    with transaction.atomic():
        audited_save(
            service_unit,
            actor=actor,
            action="service_unit.update",
            changes={"require_visit_code": require_visit_code},
        )
        _forget_public_unit(service_unit)
    return service_unit


def kiosk_key_rotate(*, actor: Any, service_unit: ServiceUnit) -> ServiceUnit:
    with transaction.atomic():
        service_unit.kiosk_key = new_kiosk_key()
        service_unit.save(update_fields=["kiosk_key"])
        _forget_public_unit(service_unit)
        audit_record(actor=actor, action="service_unit.kiosk_key_rotate", obj=service_unit)
    return service_unit


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
            errors[code] = _("jawaban %(v)r bukan angka %(lo)s–%(hi)s") % {"v": raw, **_SCALE}
            continue
        if not SCALE[0] <= value <= SCALE[1]:
            errors[code] = _("jawaban %(v)r di luar skala %(lo)s–%(hi)s") % {"v": raw, **_SCALE}
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
            _snapshot_add(
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


# --- paper import --------------------------------------------------------------------------

_PROFILE_COLUMNS = {
    "umur": "age_band",
    "usia": "age_band",
    "jenis_kelamin": "sex",
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
    try:
        table = read_csv(data, require_rows=False, refuse_nul=False)
    except TableError as exc:
        raise SkmImportError([exc.error]) from exc
    return [h.lower() for h in table.headers], table.rows


def skm_import(
    *,
    actor: Any,
    pemda: Pemda,
    unit_code: str,
    data: bytes,
    today: dt.date | None = None,
) -> ImportResult:
    """Import paper SKM forms from CSV: all rows or none, with every row error reported."""
    max_bytes = settings.SIKAP_IMPORT_MAX_BYTES
    if len(data) > max_bytes:
        reason = _("berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte)") % {
            "size": len(data),
            "limit": max_bytes,
        }
        raise SkmImportError([RowError(0, "-", "", reason)])
    unit = get_by_code(OrgUnit.objects.filter(pemda=pemda), unit_code)
    if unit is None:
        raise SkmImportError(
            [
                RowError(
                    0,
                    "--unit",
                    unit_code,
                    _("unit dengan kode ini tidak ada di %(pemda)s") % {"pemda": pemda.code},
                )
            ]
        )
    header, rows = _read_csv(data)
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
    day_limit = today or timezone.localdate()
    parsed: list[tuple[dt.date, str, dict[str, int | None], dict[str, str]]] = []
    for rownum, row in rows:

        def cell(key: str, row: list[str] = row) -> str:
            i = columns.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        raw_date = cell("tanggal")
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
        answers: dict[str, int | None] = {}
        for code in UNSUR_CODES:
            raw = cell(code)
            if raw == "":
                answers[code] = None
            elif raw in _SCALE_TEXTS:
                answers[code] = int(raw)
            else:
                errors.append(
                    RowError(
                        rownum, code, raw, _("jawaban harus %(lo)s–%(hi)s atau kosong") % _SCALE
                    )
                )
        if all(cell(c) == "" for c in UNSUR_CODES):
            errors.append(RowError(rownum, "U1…U9", "", _("tidak ada satu pun jawaban")))
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
                    errors.append(
                        RowError(rownum, column, raw, _("umur 10–120 atau kelompok umur"))
                    )
                continue
            allowed = {
                "sex": SkmResponse.Sex.values,
                "education": SkmResponse.Education.values,
                "occupation": SkmResponse.Occupation.values,
            }[field_name]
            value = raw.upper()
            if value and value not in allowed:
                errors.append(
                    RowError(
                        rownum,
                        column,
                        raw,
                        _("pilihan yang sah: %(allowed)s") % {"allowed": ", ".join(allowed)},
                    )
                )
            profile[field_name] = value
        if day is not None:
            parsed.append((day, product_name, answers, profile))
    if not rows:
        errors.append(RowError(2, "-", "", _("tidak ada baris data")))
    if errors:
        raise SkmImportError(errors)
    with transaction.atomic():
        service_unit, unit_created = service_unit_ensure(actor=actor, unit=unit)
        products = {
            code_key(p.name): p for p in ServiceProduct.objects.filter(service_unit=service_unit)
        }
        new_products: list[str] = []
        for _day, name, _answers, _profile in parsed:
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


# --- snapshots -----------------------------------------------------------------------------


# With a broker, answers of one unit are batched: the rebuild runs RECOMPUTE_DELAY seconds
# after the first answer of a burst, and each web process skips even the cache check for
# LOCAL_SKIP seconds (shorter than the delay, so a skipped answer is always in the batch).
RECOMPUTE_DELAY = 30
LOCAL_SKIP = 20
_recently_scheduled: dict[int, float] = {}


def skm_schedule_recompute(*, service_unit_id: int) -> None:
    """Queue a snapshot rebuild after commit, at most one pending per unit.

    The cache key is dropped when the task starts, so an answer committed while it runs
    queues the next rebuild; in embedded mode (no broker) the task runs at once.
    """
    import time

    from django.core.cache import cache

    skm_recompute_unit = task_named("sikap.publicservice.skm_recompute_unit")

    eager = tasks_in_process()
    now = time.monotonic()
    if not eager and now - _recently_scheduled.get(service_unit_id, -1e9) < LOCAL_SKIP:
        return
    if cache.add(f"skm-recompute:{service_unit_id}", 1, timeout=RECOMPUTE_DELAY * 10):
        _recently_scheduled[service_unit_id] = now
        countdown = 0 if eager else RECOMPUTE_DELAY
        transaction.on_commit(
            lambda: skm_recompute_unit.apply_async(args=[service_unit_id], countdown=countdown)
        )
    elif not eager:
        _recently_scheduled[service_unit_id] = now


def tasks_in_process() -> bool:
    """Whether Celery runs tasks in this process, at once (embedded mode: no broker)."""
    return core_tasks_in_process()


def _snapshot_add(
    *,
    service_unit_id: int,
    product_id: int | None,
    day: dt.date,
    values: Mapping[str, int | None],
    commented: bool,
) -> None:
    """Add one answer to its month's snapshot row, inside the answer's own transaction.

    Embedded mode only: with a broker, answers are batched into rebuilds instead, so that
    concurrent answers of one unit do not queue on one row. The row is the one a rebuild
    would write (`_monthly_rows`): n counts answers, s/c sum and count each unsur.
    """
    month = day.replace(day=1)
    changes: dict[str, Any] = {"n": F("n") + 1, "comments": F("comments") + int(commented)}
    fresh: dict[str, int] = {"n": 1, "comments": int(commented)}
    for i, code in enumerate(UNSUR_CODES, start=1):
        value = values.get(code)
        if value is not None:
            changes[f"s{i}"] = F(f"s{i}") + value
            changes[f"c{i}"] = F(f"c{i}") + 1
            fresh[f"s{i}"], fresh[f"c{i}"] = value, 1
    row = SkmMonthly.objects.filter(
        service_unit_id=service_unit_id, product_id=product_id, month=month
    )
    if not row.update(**changes):
        SkmMonthly.objects.create(
            service_unit_id=service_unit_id, product_id=product_id, month=month, **fresh
        )
    now = timezone.now()
    if not SkmRecomputeState.objects.filter(service_unit_id=service_unit_id).update(
        computed_at=now
    ):
        SkmRecomputeState.objects.create(service_unit_id=service_unit_id, computed_at=now)


def skm_recompute(*, service_unit_id: int) -> int:
    """Rebuild a unit's monthly sums and counts with one GROUP BY; returns the rows written.

    Derived data only, so no audit row: rebuilding twice gives the same table.
    """
    return skm_recompute_many(service_unit_ids=[service_unit_id])


def _monthly_rows(ids: list[int]) -> list[SkmMonthly]:
    aggregates: dict[str, Any] = {
        "n": Count("id", filter=_any_answer()),
        "comments": Count("id", filter=~Q(comment="")),
    }
    for i, f in enumerate(UNSUR_FIELDS, start=1):
        aggregates[f"s{i}"] = Sum(f)
        aggregates[f"c{i}"] = Count(f)
    rows: Iterable[Any] = (
        SkmResponse.objects.filter(service_unit_id__in=ids)
        .annotate(m=TruncMonth("submitted_on"))
        .values("service_unit_id", "product_id", "m")
        .annotate(**aggregates)
        .order_by()
    )
    objs = []
    for row in rows:
        first = row["m"]
        if isinstance(first, dt.datetime):
            first = first.date()
        objs.append(
            SkmMonthly(
                service_unit_id=row["service_unit_id"],
                product_id=row["product_id"],
                month=first,
                n=row["n"],
                comments=row["comments"],
                **{f"s{i}": row[f"s{i}"] or 0 for i in range(1, 10)},
                **{f"c{i}": row[f"c{i}"] for i in range(1, 10)},
            )
        )
    return objs


def _any_answer() -> Q:
    q = Q()
    for f in UNSUR_FIELDS:
        q |= Q(**{f"{f}__isnull": False})
    return q


def skm_recompute_many(*, service_unit_ids: Iterable[int]) -> int:
    """Rebuild the snapshots of many units, a few hundred per GROUP BY; returns rows written."""
    ids = sorted(set(service_unit_ids))
    written = 0
    now = timezone.now()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        objs = _monthly_rows(chunk)
        with transaction.atomic():
            SkmMonthly.objects.filter(service_unit_id__in=chunk).delete()
            SkmMonthly.objects.bulk_create(objs, batch_size=2000)
            SkmRecomputeState.objects.filter(service_unit_id__in=chunk).delete()
            SkmRecomputeState.objects.bulk_create(
                [SkmRecomputeState(service_unit_id=i, computed_at=now) for i in chunk]
            )
        written += len(objs)
    return written


# --- evidence, follow-up and publication ---------------------------------------------------

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
_EVIDENCE_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}


def evidence_validate(upload: Any) -> None:
    """Evidence must be a PDF, image or Office file of at most 10 MB, by name and by content."""
    if upload is None:
        return
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in _EVIDENCE_MAGIC:
        raise ValidationError(
            _("Berkas bukti %(name)s: jenis tidak diterima (PDF, JPG, PNG, XLSX atau DOCX).")
            % {"name": name}
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Berkas bukti %(name)s lebih dari 10 MB.") % {"name": name})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(m) for m in _EVIDENCE_MAGIC[ext]):
        raise ValidationError(
            _("Isi berkas bukti %(name)s tidak sesuai dengan jenisnya (.%(ext)s).")
            % {"name": name, "ext": ext}
        )


_FOLLOWUP_FIELDS = ["period", "unsur", "action", "owner", "deadline", "status", "evidence"]


def followup_create(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    period: str,
    unsur: str,
    action: str,
    owner: str,
    deadline: dt.date,
    status: str = "planned",
    evidence: Any = None,
) -> Any:
    from sikap.publicservice.models import FollowUp
    from sikap.publicservice.periods import parse_period

    parse_period(period)
    if unsur not in UNSUR_CODES:
        raise ValidationError(_("Unsur %(u)s tidak dikenal.") % {"u": unsur})
    if status not in FollowUp.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if not action.strip() or not owner.strip():
        raise ValidationError(_("Rencana tindak lanjut dan penanggung jawab wajib diisi."))
    evidence_validate(evidence)
    with transaction.atomic():
        item = FollowUp(
            service_unit=service_unit,
            period=period.strip().upper(),
            unsur=unsur,
            action=action.strip(),
            owner=owner.strip(),
            deadline=deadline,
            status=status,
        )
        if evidence is not None:
            item.evidence = evidence
        item.save()
        audit_record(
            actor=actor,
            action="skm.followup.create",
            obj=item,
            pemda_id=service_unit.pemda_id,
            after=snapshot(item, _FOLLOWUP_FIELDS),
        )
    return item


def followup_update(
    *,
    actor: Any,
    followup: Any,
    action: str,
    owner: str,
    deadline: dt.date,
    status: str,
    evidence: Any = None,
) -> Any:
    from sikap.publicservice.models import FollowUp

    if status not in FollowUp.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if not action.strip() or not owner.strip():
        raise ValidationError(_("Rencana tindak lanjut dan penanggung jawab wajib diisi."))
    if status == FollowUp.Status.DONE and evidence is None and not followup.evidence:
        raise ValidationError(_("Tindak lanjut selesai memerlukan bukti."))
    evidence_validate(evidence)
    changes = {
        "action": action.strip(),
        "owner": owner.strip(),
        "deadline": deadline,
        "status": status,
    }
    if evidence is not None:
        changes["evidence"] = evidence
    with transaction.atomic():
        audited_save(
            followup,
            actor=actor,
            action="skm.followup.update",
            changes=changes,
            watched=_FOLLOWUP_FIELDS,
            pemda_id=followup.service_unit.pemda_id,
        )
    return followup


def publication_record(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    period: str,
    published_on: dt.date,
    channel: str,
    url: str = "",
) -> Any:
    from sikap.publicservice.models import Publication
    from sikap.publicservice.periods import parse_period

    parse_period(period)
    if not channel.strip():
        raise ValidationError(_("Media publikasi wajib diisi."))
    with transaction.atomic():
        pub = Publication.objects.create(
            service_unit=service_unit,
            period=period.strip().upper(),
            published_on=published_on,
            channel=channel.strip(),
            url=url.strip(),
        )
        audit_record(
            actor=actor,
            action="skm.publication.record",
            obj=pub,
            pemda_id=service_unit.pemda_id,
            after=snapshot(pub),
        )
    return pub


# --- Ombudsman -----------------------------------------------------------------------------


def ombudsman_finding_add(*, actor: Any, result: Any, text: str, unit: OrgUnit | None) -> Any:
    from sikap.publicservice.models import OmbudsmanFinding

    if not text.strip():
        raise ValidationError(_("Isi temuan wajib diisi."))
    if unit is not None and unit.pemda_id != result.pemda_id:
        raise ValidationError(_("Unit temuan harus milik pemda ini."))
    with transaction.atomic():
        finding = OmbudsmanFinding.objects.create(result=result, unit=unit, text=text.strip())
        audit_record(
            actor=actor,
            action="ombudsman.finding.add",
            obj=finding,
            pemda_id=result.pemda_id,
            after=snapshot(finding, ["text", "unit", "status"]),
        )
    return finding


def ombudsman_finding_update(
    *, actor: Any, finding: Any, status: str, closure_note: str = "", evidence: Any = None
) -> Any:
    from sikap.publicservice.models import OmbudsmanFinding

    if status not in OmbudsmanFinding.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if status == OmbudsmanFinding.Status.CLOSED and evidence is None and not finding.evidence:
        raise ValidationError(_("Temuan hanya dapat ditutup dengan bukti penyelesaian."))
    evidence_validate(evidence)
    changes = {
        "status": status,
        "closure_note": closure_note.strip(),
        "closed_on": timezone.localdate() if status == "closed" else None,
    }
    if evidence is not None:
        changes["evidence"] = evidence
    with transaction.atomic():
        audited_save(
            finding,
            actor=actor,
            action="ombudsman.finding.update",
            changes=changes,
            watched=["status", "closure_note", "evidence"],
            pemda_id=finding.result.pemda_id,
        )
    return finding


def ombudsman_assessment_ensure(*, actor: Any, service_unit: ServiceUnit, year: int) -> Any:
    from sikap.publicservice.models import OmbudsmanAssessment
    from sikap.rules import RuleError, ombudsman

    try:
        has_dimensions = bool(ombudsman.dimensions(year))
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    if not has_dimensions:
        raise ValidationError(
            _("Metode Ombudsman tahun %(year)s belum memakai dimensi berbobot.") % {"year": year}
        )
    with transaction.atomic():
        row = OmbudsmanAssessment.objects.filter(service_unit=service_unit, year=year).first()
        if row is not None:
            return row
        row = OmbudsmanAssessment.objects.create(service_unit=service_unit, year=year)
        audit_record(
            actor=actor,
            action="ombudsman.assessment.create",
            obj=row,
            pemda_id=service_unit.pemda_id,
            after={"year": year},
        )
    return row


def ombudsman_item_set(
    *,
    actor: Any,
    assessment: Any,
    code: str,
    score: int | None,
    note: str = "",
    evidence: Any = None,
) -> Any:
    from sikap.publicservice.checklist import ITEM_CODES, SCALE_MAX
    from sikap.publicservice.models import OmbudsmanItem

    if code not in ITEM_CODES:
        raise ValidationError(_("Indikator %(c)s tidak dikenal.") % {"c": code})
    if score is not None and not 0 <= score <= SCALE_MAX:
        raise ValidationError(_("Nilai indikator harus 0–%(m)s.") % {"m": SCALE_MAX})
    evidence_validate(evidence)
    changes: dict[str, Any] = {"score": score, "note": note.strip()}
    if evidence is not None:
        changes["evidence"] = evidence
    with transaction.atomic():
        item = OmbudsmanItem.objects.filter(assessment=assessment, code=code).first()
        return audited_save(
            item or OmbudsmanItem(assessment=assessment, code=code),
            actor=actor,
            action="ombudsman.item.set",
            changes=changes,
            watched=["score", "note", "evidence"],
            pemda_id=assessment.service_unit.pemda_id,
        )


def ombudsman_complaints_set(
    *, actor: Any, assessment: Any, received: int | None, resolved: int | None
) -> Any:
    if (received is None) != (resolved is None):
        raise ValidationError(
            _("Isi jumlah pengaduan diterima dan diselesaikan, atau kosongkan keduanya.")
        )
    if received is not None and resolved is not None:
        if received < 0 or resolved < 0:
            raise ValidationError(_("Jumlah pengaduan tidak boleh negatif."))
        if resolved > received:
            raise ValidationError(_("Pengaduan diselesaikan tidak boleh melebihi yang diterima."))
    with transaction.atomic():
        return audited_save(
            assessment,
            actor=actor,
            action="ombudsman.complaints.set",
            changes={"complaints_received": received, "complaints_resolved": resolved},
            pemda_id=assessment.service_unit.pemda_id,
        )


# --- PEKPPP --------------------------------------------------------------------------------

# Indicators SKM answers, pre-filled when an evaluation starts (the unit may overwrite them):
# K3 "SKM dilaksanakan berkala" from the quarters of the year that have answers, and
# K4 "hasil SKM ditindaklanjuti" from the follow-up ledger and the publication record.
PEKPPP_SKM_INDICATORS = ("K3", "K4")


def pekppp_skm_prefill(*, service_unit: ServiceUnit, year: int) -> dict[str, int]:
    from sikap.publicservice.models import FollowUp, Publication

    quarters = {
        (m.month - 1) // 3
        for m in SkmMonthly.objects.filter(
            service_unit=service_unit, month__year=year, n__gt=0
        ).values_list("month", flat=True)
    }
    k3 = 1 + len(quarters)  # 0 quarters → 1 … all 4 → 5
    items = list(
        FollowUp.objects.filter(
            service_unit=service_unit, period__startswith=str(year)
        ).values_list("status", flat=True)
    )
    published = Publication.objects.filter(
        service_unit=service_unit, period__startswith=str(year)
    ).exists()
    if not items:
        k4 = 1
    else:
        done = sum(1 for s in items if s == FollowUp.Status.DONE)
        k4 = 1 + int(round_half_up(Fraction(4 * done, len(items)), 0))
        if not published:
            k4 = min(k4, 3)
    return {"K3": k3, "K4": k4}


def pekppp_evaluation_ensure(*, actor: Any, service_unit: ServiceUnit, year: int) -> Any:
    from sikap.publicservice.models import PekpppEvaluation, PekpppScore
    from sikap.rules import RuleError, pekppp

    try:
        pekppp.RULEBOOKS.select(year)
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    with transaction.atomic():
        row = PekpppEvaluation.objects.filter(service_unit=service_unit, year=year).first()
        if row is not None:
            return row
        row = PekpppEvaluation.objects.create(service_unit=service_unit, year=year)
        codes = {i.code for i in pekppp.RULEBOOKS.select(year).indicators}
        prefill = pekppp_skm_prefill(service_unit=service_unit, year=year)
        PekpppScore.objects.bulk_create(
            [
                PekpppScore(evaluation=row, code=code, score=value, prefilled=True)
                for code, value in prefill.items()
                if code in codes
            ]
        )
        audit_record(
            actor=actor,
            action="pekppp.evaluation.create",
            obj=row,
            pemda_id=service_unit.pemda_id,
            after={"year": year, "prefilled": prefill},
        )
    return row


def pekppp_score_set(
    *,
    actor: Any,
    evaluation: Any,
    code: str,
    score: int | None,
    note: str = "",
    evidence: Any = None,
) -> Any:
    from sikap.publicservice.models import PekpppScore
    from sikap.rules import pekppp

    book = pekppp.RULEBOOKS.select(evaluation.year)
    if code not in {i.code for i in book.indicators}:
        raise ValidationError(_("Indikator %(c)s tidak dikenal.") % {"c": code})
    if score is not None and not book.scale_min <= score <= book.scale_max:
        raise ValidationError(
            _("Nilai indikator harus %(lo)s–%(hi)s.")
            % {"lo": int(book.scale_min), "hi": int(book.scale_max)}
        )
    evidence_validate(evidence)
    changes: dict[str, Any] = {
        "score": score,
        "note": note.strip(),
        "prefilled": False,
        # A changed answer needs the evaluator's eyes again.
        "review": PekpppScore.Review.PENDING,
        "review_note": "",
        "reviewed_by": None,
    }
    if evidence is not None:
        changes["evidence"] = evidence
    with transaction.atomic():
        row = PekpppScore.objects.filter(evaluation=evaluation, code=code).first()
        return audited_save(
            row or PekpppScore(evaluation=evaluation, code=code),
            actor=actor,
            action="pekppp.score.set",
            changes=changes,
            watched=["score", "note", "evidence", "review"],
            pemda_id=evaluation.service_unit.pemda_id,
        )


def pekppp_review(*, actor: Any, score_row: Any, decision: str, note: str = "") -> Any:
    from sikap.publicservice.models import PekpppScore

    if decision not in (PekpppScore.Review.ACCEPTED, PekpppScore.Review.RETURNED):
        raise ValidationError(_("Keputusan harus diterima atau dikembalikan."))
    if decision == PekpppScore.Review.RETURNED and not note.strip():
        raise ValidationError(_("Tuliskan alasan pengembalian untuk unit."))
    if score_row.score is None:
        raise ValidationError(_("Indikator belum dinilai oleh unit."))
    with transaction.atomic():
        return audited_save(
            score_row,
            actor=actor,
            action="pekppp.score.review",
            changes={
                "review": decision,
                "review_note": note.strip(),
                "reviewed_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
            watched=["review", "review_note"],
            pemda_id=score_row.evaluation.service_unit.pemda_id,
        )
