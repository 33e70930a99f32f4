"""Validate and apply an employee import. The caller holds the transaction and audits.

Built for 50,000 rows: one query reads the stored employees, new rows are inserted with
`bulk_create` in atasan order (an atasan before its bawahan, so every `atasan_id` is known at
insert time and no second pass of updates is needed), and only rows that really changed are
written back. Inserts and updates are plain parameterised statements sent through
`executemany` (Django's `bulk_update` builds CASE expressions that took minutes for 50,000 rows,
and `bulk_create` spends more time compiling SQL than the database spends storing it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.db.models import DateField, DateTimeField
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.codes import code_key
from sikap.core.tables import Table
from sikap.org.imports.columns import HeaderMap, normalise_header
from sikap.org.imports.common import (
    PROGRESS_EVERY,
    Outcome,
    RowReader,
    find_cycles,
    levels,
    report_progress,
)
from sikap.org.imports.report import ProgressCallback
from sikap.org.imports.values import clean_nip, employee_kind, gender, jenis_jabatan
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.rules import nip as nip_rules

# Fields an import may change, in the order of the values tuples below.
FIELDS = (
    "name",
    "kind",
    "gender",
    "birth_date",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "golongan",
    "email",
    "unit_id",
    "atasan_nip",
)
OPTIONAL_COLUMN_FIELD = {
    "jenis_jabatan": "jenis_jabatan",
    "eselon": "eselon",
    "golongan": "golongan",
    "email": "email",
}
LIMITS = {"nama": 200, "jabatan": 255, "eselon": 20, "golongan": 10}
BATCH = 1000


@dataclass(slots=True)
class EmployeeRow:
    row: int
    nip: str
    values: dict[str, Any]  # FIELDS that the file sets (absent optional columns left out)


def _unit_resolver(
    pemda: Pemda,
) -> tuple[dict[str, tuple[int, dt.date | None]], dict[str, list[int]]]:
    by_code: dict[str, tuple[int, dt.date | None]] = {}
    by_name: dict[str, list[int]] = {}
    for pk, code, name, valid_to in OrgUnit.objects.filter(pemda=pemda).values_list(
        "id", "code", "name", "valid_to"
    ):
        by_code[code_key(code)] = (pk, valid_to)
        by_name.setdefault(" ".join(name.lower().split()), []).append(pk)
    return by_code, by_name


def validate_and_apply_employees(
    *, pemda: Pemda, table: Table, headers: HeaderMap, progress: ProgressCallback | None
) -> Outcome:
    outcome = Outcome(rows=len(table.rows))
    reader = RowReader(headers, outcome.errors, outcome.warnings)
    tick = report_progress(progress)
    total = len(table.rows) * 2
    units_by_code, units_by_name = _unit_resolver(pemda)
    unit_valid_to = dict(units_by_code.values())
    today = timezone.localdate()

    stored: dict[str, tuple[Any, ...]] = {}
    stored_atasan_id: dict[str, int | None] = {}
    nip_of_id: dict[int, str] = {}
    for pk, nip, atasan_id, *rest in Employee.objects.filter(pemda=pemda).values_list(
        "id", "nip", "atasan_id", *FIELDS
    ):
        stored[nip] = (pk, atasan_id, *rest)
        stored_atasan_id[nip] = atasan_id
        nip_of_id[pk] = nip

    seen: dict[str, int] = {}
    rows: list[EmployeeRow] = []
    optional_present = [c for c in OPTIONAL_COLUMN_FIELD if headers.has(c)]
    has_gender = headers.has("jenis_kelamin")
    # SIASN's KEDUDUKAN HUKUM holds "Aktif", "CPNS", "PPPK"...: only the last two name a kind;
    # for the rest the NIP layout decides.
    status_column = normalise_header(headers.label.get("jenis_pegawai", "")).startswith(
        "kedudukanhukum"
    )
    for count, (number, cells) in enumerate(table.rows, 1):
        ok = True
        nip_text = reader.get(cells, "nip")
        nip = clean_nip(nip_text)
        parsed = None
        if not nip:
            reader.error(number, "nip", nip_text, _("NIP wajib diisi"))
            ok = False
        elif reader.refuse_number(number, cells, "nip", nip_like=True):
            ok = False
        else:
            parsed = nip_rules.parse(nip)
            if not parsed.valid:
                reader.error(number, "nip", nip_text, "; ".join(parsed.errors))
                ok = False
            elif nip in seen:
                reader.error(
                    number,
                    "nip",
                    nip_text,
                    _("NIP ganda; sudah dipakai di baris %(row)s") % {"row": seen[nip]},
                )
                ok = False
            else:
                seen[nip] = number
        nip_valid = parsed is not None and parsed.valid

        kind_text = reader.get(cells, "jenis_pegawai")
        kind = employee_kind(kind_text) if kind_text else None
        if kind is None and (not kind_text or status_column):
            kind = parsed.kind if nip_valid and parsed else None
        elif kind_text and kind is None:
            reader.error(
                number,
                "jenis_pegawai",
                kind_text,
                _("jenis pegawai tidak dikenal; gunakan PNS atau PPPK"),
            )
            ok = False
        elif nip_valid and parsed is not None and kind != parsed.kind:
            reader.error(
                number,
                "jenis_pegawai",
                kind_text,
                _("NIP %(nip)s berformat %(nip_kind)s, tidak cocok dengan jenis pegawai %(kind)s")
                % {
                    "nip": nip,
                    "nip_kind": (parsed.kind or "").upper(),
                    "kind": (kind or "").upper(),
                },
            )
            ok = False

        name = reader.get(cells, "nama")
        if not name:
            reader.error(number, "nama", name, _("nama wajib diisi"))
            ok = False

        unit_text = reader.get(cells, "kode_unit")
        unit_id: int | None = None
        if not unit_text:
            reader.error(number, "kode_unit", unit_text, _("unit kerja wajib diisi"))
            ok = False
        elif reader.refuse_number(number, cells, "kode_unit", nip_like=False):
            ok = False
        elif code_key(unit_text) in units_by_code:
            unit_id = units_by_code[code_key(unit_text)][0]
        else:
            matches = units_by_name.get(" ".join(unit_text.lower().split()), [])
            if len(matches) == 1:
                unit_id = matches[0]
            elif matches:
                reader.error(
                    number,
                    "kode_unit",
                    unit_text,
                    _("nama unit cocok dengan %(n)s unit; gunakan kode unit") % {"n": len(matches)},
                )
                ok = False
            else:
                reader.error(
                    number,
                    "kode_unit",
                    unit_text,
                    _("unit tidak dikenal: tidak ada unit dengan kode atau nama ini di pemda ini"),
                )
                ok = False
        if unit_id is not None:
            closed = unit_valid_to.get(unit_id)
            if closed is not None and closed < today:
                reader.warn(
                    number,
                    "kode_unit",
                    unit_text,
                    _("unit sudah tidak berlaku sejak %(day)s") % {"day": closed.isoformat()},
                )

        jabatan = reader.get(cells, "jabatan")
        atasan_text = reader.get(cells, "nip_atasan")
        atasan_nip = clean_nip(atasan_text)
        if reader.refuse_number(number, cells, "nip_atasan", nip_like=True):
            ok = False
        elif atasan_nip and not (
            len(atasan_nip) == 18 and atasan_nip.isascii() and atasan_nip.isdigit()
        ):
            reader.error(
                number,
                "nip_atasan",
                atasan_text,
                _("NIP atasan harus 18 digit angka; kosongkan bila tidak ada atasan"),
            )
            ok = False
        elif atasan_nip and nip and atasan_nip == nip:
            reader.error(
                number, "nip_atasan", atasan_text, _("atasan tidak boleh pegawai itu sendiri")
            )
            ok = False
        values: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "birth_date": parsed.birth_date if nip_valid and parsed else None,
            "jabatan": jabatan,
            "unit_id": unit_id,
            "atasan_nip": atasan_nip,
        }
        for column, limit in LIMITS.items():
            text = reader.get(cells, column)
            if len(text) > limit:
                reader.error(
                    number,
                    column,
                    text,
                    _("terlalu panjang (maksimal %(n)s karakter)") % {"n": limit},
                )
                ok = False
        for column in optional_present:
            text = reader.get(cells, column)
            if column == "jenis_jabatan" and text:
                mapped = jenis_jabatan(text)
                if mapped is None:
                    reader.error(
                        number,
                        column,
                        text,
                        _(
                            "jenis jabatan tidak dikenal; gunakan Struktural, Fungsional atau Pelaksana"
                        ),
                    )
                    ok = False
                text = mapped or ""
            elif column == "email" and text:
                try:
                    if len(text) > 254:
                        raise ValidationError("too long")
                    validate_email(text)
                except ValidationError:
                    reader.error(number, column, text, _("alamat email tidak sah"))
                    ok = False
            values[OPTIONAL_COLUMN_FIELD[column]] = text
        gender_text = reader.get(cells, "jenis_kelamin") if has_gender else ""
        if gender_text:
            mapped_gender = gender(gender_text)
            if mapped_gender is None:
                reader.error(
                    number,
                    "jenis_kelamin",
                    gender_text,
                    _("jenis kelamin tidak dikenal; gunakan L atau P"),
                )
                ok = False
            values["gender"] = mapped_gender or ""
        else:
            values["gender"] = (parsed.gender or "") if nip_valid and parsed else ""
        if ok:
            rows.append(EmployeeRow(row=number, nip=nip, values=values))
        if count % PROGRESS_EVERY == 0:
            tick(count, total, _("Memeriksa baris"))

    # Atasan: a NIP missing from the file and the stored data is only a warning; the
    # employee is stored without atasan and the data-quality queue shows the NIP.
    known = seen.keys() | stored.keys()
    parent_of: dict[str, str | None] = {
        nip: nip_of_id.get(atasan_id) if atasan_id else None
        for nip, atasan_id in stored_atasan_id.items()
    }
    for r in rows:
        atasan_nip = r.values["atasan_nip"]
        if atasan_nip and atasan_nip not in known:
            reader.warn(
                r.row,
                "nip_atasan",
                atasan_nip,
                _(
                    "NIP atasan tidak ditemukan di berkas maupun di data pegawai; disimpan tanpa atasan"
                ),
            )
            parent_of[r.nip] = None
        else:
            parent_of[r.nip] = atasan_nip or None
    cycles = find_cycles(parent_of, [r.nip for r in rows])
    for r in rows:
        if r.nip in cycles:
            chain = cycles[r.nip]
            shown = " → ".join([*chain[:6], "…"] if len(chain) > 6 else [*chain, chain[0]])
            reader.error(
                r.row,
                "nip_atasan",
                r.values["atasan_nip"],
                _("rantai atasan membentuk siklus: %(chain)s") % {"chain": shown},
            )
    if outcome.errors:
        outcome.errors.sort(key=lambda e: e.row)
        outcome.warnings.sort(key=lambda e: e.row)
        return outcome
    outcome.warnings.sort(key=lambda e: e.row)
    tick(len(table.rows), total, _("Menyimpan pegawai"))
    _apply(
        pemda,
        rows,
        stored,
        parent_of,
        outcome,
        lambda done: tick(len(table.rows) + done, total, _("Menyimpan pegawai")),
    )
    return outcome


def _apply(
    pemda: Pemda,
    rows: list[EmployeeRow],
    stored: dict[str, tuple[Any, ...]],
    parent_of: dict[str, str | None],
    outcome: Outcome,
    tick: Any,
) -> None:
    ids = {nip: values[0] for nip, values in stored.items()}
    new_rows = {r.nip: r for r in rows if r.nip not in stored}
    new_parent = {
        nip: parent
        for nip in new_rows
        if (parent := parent_of.get(nip)) is not None and parent in new_rows
    }
    now = timezone.now()
    done = 0
    groups = levels(new_rows.keys(), new_parent)
    for depth, group in enumerate(groups):
        inserts = []
        for nip in group:
            parent = parent_of.get(nip)
            inserts.append(
                {
                    **new_rows[nip].values,
                    "pemda_id": pemda.pk,
                    "nip": nip,
                    "atasan_id": ids[parent] if parent else None,
                    "updated_at": now,
                }
            )
        for start in range(0, len(inserts), BATCH):
            _insert_rows(inserts[start : start + BATCH])
            done += len(inserts[start : start + BATCH])
            tick(done)
        if depth + 1 < len(groups):
            # The next level's atasan are in this one; read back the ids of just this level.
            level = list(group)
            for start in range(0, len(level), BATCH):
                chunk = level[start : start + BATCH]
                ids.update(
                    Employee.objects.filter(pemda=pemda, nip__in=chunk).values_list("nip", "id")
                )
    outcome.created = len(new_rows)

    # Rows grouped by the set of fields that changed: one UPDATE shape per group, touching only
    # those columns (and the indexes on them).
    changed: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        current = stored.get(r.nip)
        if current is None:
            continue
        pk, stored_atasan = current[0], current[1]
        before_all = dict(zip(FIELDS, current[2:], strict=True))
        parent = parent_of.get(r.nip)
        wanted = dict(before_all)
        wanted.update(r.values)
        wanted["atasan_id"] = ids[parent] if parent else None
        before_all["atasan_id"] = stored_atasan
        diff = {k for k in wanted if wanted[k] != before_all[k]}
        if not diff:
            outcome.unchanged += 1
            continue
        changed.setdefault(tuple(sorted(diff)), []).append(
            {**{k: wanted[k] for k in diff}, "id": pk, "updated_at": now}
        )
        outcome.changes.append(
            {
                "nip": r.nip,
                "before": {k: _json(before_all[k]) for k in sorted(diff)},
                "after": {k: _json(wanted[k]) for k in sorted(diff)},
            }
        )
    for field_names, batch_rows in changed.items():
        for start in range(0, len(batch_rows), BATCH):
            _update_rows(batch_rows[start : start + BATCH], [*field_names, "updated_at"])
            done += len(batch_rows[start : start + BATCH])
            tick(done)
    outcome.updated = len(outcome.changes)
    tick(len(rows))


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# Raw INSERT/UPDATE through `executemany`: the ORM's per-value SQL compilation costs more than
# the database work at this size. Values go through each field's own db preparation only where
# the backends differ (dates, times); everything else is a plain str/int/bool already.


class _Prepared:
    """Database-ready values: only dates and times differ between the backends."""

    def __init__(self, fields: list[Any]) -> None:
        ops = connection.ops
        self.adapters = [
            ops.adapt_datetimefield_value
            if isinstance(f, DateTimeField)
            else ops.adapt_datefield_value
            if isinstance(f, DateField)
            else None
            for f in fields
        ]

    def row(self, values: list[Any]) -> list[Any]:
        for i, adapt in enumerate(self.adapters):
            if adapt is not None and values[i] is not None:
                values[i] = adapt(values[i])
        return values


def _insert_rows(rows: list[dict[str, Any]]) -> None:
    meta = Employee._meta
    fields: list[Any] = [f for f in meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    qn = connection.ops.quote_name
    # Identifiers come from the model's metadata only; every value is a query parameter.
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    prepared = _Prepared(fields)
    names = [f.attname for f in fields]
    params = [prepared.row([row.get(n, defaults[n]) for n in names]) for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _update_rows(rows: list[dict[str, Any]], field_names: list[str]) -> None:
    if not rows:
        return
    meta = Employee._meta
    fields: list[Any] = [meta.get_field(name) for name in field_names]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(str(meta.pk.column))} = %s"  # noqa: S608
    prepared = _Prepared(fields)
    names = [f.attname for f in fields]
    params = [prepared.row([row[n] for n in names]) + [row["id"]] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
