"""The PK import: sasaran, indicators, targets and the year's realisasi from CSV/XLSX.

Columns: kode_unit, kode_sasaran, sasaran, kode_indikator, indikator, jenis, satuan,
polaritas, target, target_maks, realisasi. A blank kode_unit (or the Pemda's own code) is the
Pemda's PK. All or nothing: every bad cell is reported and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.codes import code_key, get_by_code
from sikap.core.inputs import clean_text
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.core.tables import TableError, read_table
from sikap.org.models import OrgUnit, Pemda
from sikap.performance.domain.agreements import check_year, level_of_unit
from sikap.performance.domain.capaian import recompute_agreements
from sikap.performance.models import Agreement, Indicator, Realisation, Sasaran
from sikap.rules import performance as rules
from sikap.rules.errors import RuleError

COLUMNS = (
    "kode_unit",
    "kode_sasaran",
    "sasaran",
    "kode_indikator",
    "indikator",
    "jenis",
    "satuan",
    "polaritas",
    "target",
    "target_maks",
    "realisasi",
)
REQUIRED = ("kode_sasaran", "sasaran", "kode_indikator", "indikator", "jenis", "target")
_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?", re.ASCII)


class PkImportError(ImportRejected):
    """A rejected PK import; nothing was stored."""


@dataclass(frozen=True)
class PkImportResult:
    agreements_created: int
    sasaran_created: int
    indicators_created: int
    indicators_updated: int
    realisations: int


@dataclass
class _Row:
    number: int
    unit: OrgUnit | None
    sasaran_code: str
    sasaran_name: str
    code: str
    name: str
    kind: str
    measure: str
    polarity: str
    target: Decimal
    target_max: Decimal | None
    realisation: Decimal | None


def parse_number(text: str) -> Decimal | None:
    """A number as typed in Indonesia or by Excel: 86,07 or 86.07; None when not a number."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def _number(row: int, column: str, raw: str, errors: list[RowError]) -> Decimal | None:
    value = parse_number(raw)
    if value is None:
        errors.append(RowError(row, column, raw, _("harus berupa angka, mis. 86,07")))
    elif abs(value) >= Decimal(10) ** 14:
        errors.append(RowError(row, column, raw, _("angka terlalu besar")))
        return None
    return value


def _parse_row(
    number: int, rec: dict[str, str], units: dict[str, OrgUnit], pemda: Pemda, year: int
) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []
    cell = {k: clean_text(rec.get(k, "")).strip() for k in COLUMNS}
    for column in REQUIRED:
        if not cell[column]:
            errors.append(RowError(number, column, "", _("wajib diisi")))
    unit: OrgUnit | None = None
    if cell["kode_unit"] and code_key(cell["kode_unit"]) != code_key(pemda.code):
        found = units.get(code_key(cell["kode_unit"]))
        if found is None:
            errors.append(RowError(number, "kode_unit", cell["kode_unit"], _("unit tidak dikenal")))
        unit = found
    for column, limit in (("kode_sasaran", 40), ("kode_indikator", 40), ("satuan", 60)):
        if len(cell[column]) > limit:
            errors.append(RowError(number, column, cell[column][:40], _("terlalu panjang")))
    for column in ("sasaran", "indikator"):
        if len(cell[column]) > 500:
            errors.append(RowError(number, column, cell[column][:40], _("terlalu panjang")))
    kind = polarity = ""
    if cell["jenis"]:
        try:
            kind = rules.normalise_kind(cell["jenis"], year=year)
        except RuleError:
            errors.append(
                RowError(number, "jenis", cell["jenis"], _("harus outcome, output atau kegiatan"))
            )
    try:
        polarity = rules.normalise_polarity(cell["polaritas"] or rules.HIGHER)
    except RuleError:
        errors.append(RowError(number, "polaritas", cell["polaritas"], _("harus naik atau turun")))
    target = _number(number, "target", cell["target"], errors) if cell["target"] else None
    if target is not None and target <= 0:
        errors.append(RowError(number, "target", cell["target"], _("harus lebih dari 0")))
    target_max = None
    if cell["target_maks"]:
        target_max = _number(number, "target_maks", cell["target_maks"], errors)
        if target_max is not None and target is not None and target_max < target:
            errors.append(
                RowError(number, "target_maks", cell["target_maks"], _("lebih kecil dari target"))
            )
    real = None
    if cell["realisasi"]:
        real = _number(number, "realisasi", cell["realisasi"], errors)
    if errors or target is None:
        return None, errors
    return _Row(
        number=number,
        unit=unit,
        sasaran_code=cell["kode_sasaran"],
        sasaran_name=" ".join(cell["sasaran"].split()),
        code=cell["kode_indikator"],
        name=" ".join(cell["indikator"].split()),
        kind=kind,
        measure=cell["satuan"],
        polarity=polarity,
        target=target,
        target_max=target_max,
        realisation=real,
    ), []


def _read(file_name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        table = read_table(file_name, data, header_names=COLUMNS)
    except TableError as exc:
        raise PkImportError([exc.error]) from exc
    headers = [h.strip().lower() for h in table.headers]
    errors = [
        RowError(table.header_row, c, "", _("kolom wajib tidak ada"))
        for c in REQUIRED
        if c not in headers
    ]
    seen: set[str] = set()
    for h in headers:
        if h and h not in COLUMNS:
            errors.append(RowError(table.header_row, h, h, _("kolom tidak dikenal")))
        elif h in seen:
            errors.append(RowError(table.header_row, h, h, _("kolom ganda")))
        seen.add(h)
    if errors:
        raise PkImportError(errors)
    return [
        (number, {k.strip().lower(): v for k, v in rec.items()}) for number, rec in table.records()
    ]


def _existing(pemda: Pemda, year: int) -> dict[tuple[int | None, str, str], Indicator]:
    rows = Indicator.objects.filter(pemda=pemda, year=year).select_related(
        "sasaran", "sasaran__agreement"
    )
    return {(i.sasaran.unit_id, code_key(i.sasaran.code), code_key(i.code)): i for i in rows}


def pk_import(
    *, actor: Any, pemda: Pemda, year: int, file_name: str, data: bytes
) -> PkImportResult:
    """Create or update a year's PK rows from a file; all or nothing."""
    check_year(year)
    records = _read(file_name, data)
    units = {code_key(u.code): u for u in OrgUnit.objects.filter(pemda=pemda)}
    errors: list[RowError] = []
    rows: list[_Row] = []
    seen: dict[tuple[int | None, str, str], int] = {}
    for number, rec in records:
        row, row_errors = _parse_row(number, rec, units, pemda, year)
        errors.extend(row_errors)
        if row is None:
            continue
        key = (row.unit.pk if row.unit else None, code_key(row.sasaran_code), code_key(row.code))
        if key in seen:
            errors.append(
                RowError(number, "kode_indikator", row.code, _("sudah ada di baris %(row)s")
                         % {"row": seen[key]})
            )  # fmt: skip
        seen[key] = number
        rows.append(row)
    if not records:
        errors.append(RowError(0, "", "", _("tidak ada baris data")))
    with transaction.atomic():
        existing = _existing(pemda, year)
        agreements = {
            a.unit_id: a
            for a in Agreement.objects.filter(pemda=pemda, year=year)
            if a.level == level_of_unit(a.unit)
        }
        for row in rows:
            agreement = agreements.get(row.unit.pk if row.unit else None)
            key = (
                row.unit.pk if row.unit else None,
                code_key(row.sasaran_code),
                code_key(row.code),
            )
            current = existing.get(key)
            if agreement is not None and agreement.status == Agreement.Status.SIGNED:
                changed = current is None or (current.target, current.target_max) != (
                    row.target,
                    row.target_max,
                )
                if changed:
                    errors.append(
                        RowError(row.number, "target", str(row.target),
                                 _("PK unit ini sudah ditandatangani; ubah lewat revisi"))
                    )  # fmt: skip
        if errors:
            raise PkImportError(errors)
        result = _write(actor, pemda, year, rows, agreements, existing)
    return result


def _write(
    actor: Any,
    pemda: Pemda,
    year: int,
    rows: list[_Row],
    agreements: dict[int | None, Agreement],
    existing: dict[tuple[int | None, str, str], Indicator],
) -> PkImportResult:
    counts = {"agreements": 0, "sasaran": 0, "created": 0, "updated": 0, "real": 0}
    sasaran_cache: dict[tuple[int | None, str], Sasaran] = {
        (i.sasaran.unit_id, code_key(i.sasaran.code)): i.sasaran for i in existing.values()
    }
    touched: dict[int, Agreement] = {}
    for row in rows:
        unit_id = row.unit.pk if row.unit else None
        agreement = agreements.get(unit_id)
        if agreement is None:
            agreement = Agreement.objects.create(
                pemda=pemda, year=year, unit=row.unit, level=level_of_unit(row.unit)
            )
            agreements[unit_id] = agreement
            counts["agreements"] += 1
        touched[agreement.pk] = agreement
        skey = (unit_id, code_key(row.sasaran_code))
        sasaran = sasaran_cache.get(skey) or get_by_code(agreement.sasaran.all(), row.sasaran_code)
        if sasaran is None:
            sasaran = Sasaran.objects.create(
                pemda=pemda, agreement=agreement, unit=row.unit, year=year,
                code=row.sasaran_code, name=row.sasaran_name,
            )  # fmt: skip
            counts["sasaran"] += 1
        sasaran_cache[skey] = sasaran
        fields = {
            "name": row.name,
            "kind": row.kind,
            "measure": row.measure,
            "polarity": row.polarity,
            "target": row.target,
            "target_max": row.target_max,
        }
        indicator = existing.get((unit_id, skey[1], code_key(row.code)))
        if indicator is None:
            indicator = Indicator.objects.create(
                pemda=pemda, sasaran=sasaran, year=year, code=row.code, **fields
            )
            counts["created"] += 1
        elif any(getattr(indicator, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(indicator, k, v)
            indicator.save(update_fields=list(fields))
            counts["updated"] += 1
        if row.realisation is not None:
            Realisation.objects.update_or_create(
                indicator=indicator, period="year", defaults={"value": row.realisation}
            )
            counts["real"] += 1
    recompute_agreements(list(touched.values()))
    result = PkImportResult(
        counts["agreements"],
        counts["sasaran"],
        counts["created"],
        counts["updated"],
        counts["real"],
    )
    audit_record(
        actor=actor,
        action="pk.import",
        object_type="performance.year",
        object_id=f"{pemda.code}:{year}",
        object_repr=f"{pemda.name} {year}",
        pemda_id=pemda.pk,
        after={
            "agreements_created": result.agreements_created,
            "sasaran_created": result.sasaran_created,
            "indicators_created": result.indicators_created,
            "indicators_updated": result.indicators_updated,
            "realisations": result.realisations,
        },
    )
    return result
