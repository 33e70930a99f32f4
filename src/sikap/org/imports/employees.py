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
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.codes import code_key
from sikap.core.tables import Table
from sikap.org.imports.columns import EMPLOYEE_COLUMNS, HeaderMap, normalise_header
from sikap.org.imports.common import (
    PROGRESS_EVERY,
    Outcome,
    RowReader,
    find_cycles,
    levels,
    report_progress,
)
from sikap.org.imports.report import ProgressCallback
from sikap.org.imports.values import clean_nip, employee_kind
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
BATCH = 1000
EMPLOYEE_COLUMN = {c.name: c for c in EMPLOYEE_COLUMNS}


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


@dataclass
class _Check:
    """What one row is checked against, and where its errors go."""

    reader: RowReader
    headers: HeaderMap
    units_by_code: dict[str, tuple[int, dt.date | None]]
    units_by_name: dict[str, list[int]]
    today: dt.date
    unit_valid_to: dict[int, dt.date | None] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)  # NIP -> the row it was first on
    ok: bool = True

    def error(self, row: int, name: str, value: str, reason: str) -> None:
        self.reader.error(row, name, value, reason)
        self.ok = False

    @cached_property
    def status_column(self) -> bool:
        # SIASN's KEDUDUKAN HUKUM holds "Aktif", "CPNS", "PPPK"...: only the last two name a
        # kind; for the rest the NIP layout decides.
        label = self.headers.label.get("jenis_pegawai", "")
        return normalise_header(label).startswith("kedudukanhukum")


def validate_and_apply_employees(
    *, pemda: Pemda, table: Table, headers: HeaderMap, progress: ProgressCallback | None
) -> Outcome:
    outcome = Outcome(rows=len(table.rows))
    reader = RowReader(headers, outcome.errors, outcome.warnings)
    tick = report_progress(progress)
    total = len(table.rows) * 2
    units_by_code, units_by_name = _unit_resolver(pemda)
    check = _Check(
        reader,
        headers,
        units_by_code,
        units_by_name,
        timezone.localdate(),
        unit_valid_to=dict(units_by_code.values()),
    )

    stored: dict[str, tuple[Any, ...]] = {}
    stored_atasan_id: dict[str, int | None] = {}
    nip_of_id: dict[int, str] = {}
    for pk, nip, atasan_id, *rest in Employee.objects.filter(pemda=pemda).values_list(
        "id", "nip", "atasan_id", *FIELDS
    ):
        stored[nip] = (pk, atasan_id, *rest)
        stored_atasan_id[nip] = atasan_id
        nip_of_id[pk] = nip

    rows: list[EmployeeRow] = []
    for count, (number, cells) in enumerate(table.rows, 1):
        row = _check_row(check, number, cells)
        if row is not None:
            rows.append(row)
        if count % PROGRESS_EVERY == 0:
            tick(count, total, _("Memeriksa baris"))

    parent_of: dict[str, str | None] = {
        nip: nip_of_id.get(atasan_id) if atasan_id else None
        for nip, atasan_id in stored_atasan_id.items()
    }
    _link_atasan(reader, rows, check.seen.keys() | stored.keys(), parent_of)
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


def _check_row(check: _Check, number: int, cells: list[str]) -> EmployeeRow | None:
    """One row's values, or None when a cell is wrong (each fault is recorded)."""
    check.ok = True
    reader = check.reader
    nip, parsed = _check_nip(check, number, cells)
    kind = _check_kind(check, number, cells, nip, parsed)
    name = reader.get(cells, "nama")
    if not name:
        check.error(number, "nama", name, _("nama wajib diisi"))
    unit_id = _check_unit(check, number, cells)
    atasan_nip = _check_atasan(check, number, cells, nip)
    values: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "birth_date": parsed.birth_date if parsed else None,
        "jabatan": reader.get(cells, "jabatan"),
        "unit_id": unit_id,
        "atasan_nip": atasan_nip,
    }
    _check_declared(check, number, cells, values)
    gender_text = reader.get(cells, "jenis_kelamin")
    if gender_text and check.headers.has("jenis_kelamin"):
        values["gender"] = _read_declared(check, number, "jenis_kelamin", gender_text)
    else:
        values["gender"] = (parsed.gender or "") if parsed else ""
    return EmployeeRow(row=number, nip=nip, values=values) if check.ok else None


def _check_nip(check: _Check, number: int, cells: list[str]) -> tuple[str, Any]:
    """The NIP and its parse (None unless valid and new in the file)."""
    reader = check.reader
    nip_text = reader.get(cells, "nip")
    nip = clean_nip(nip_text)
    if not nip:
        check.error(number, "nip", nip_text, _("NIP wajib diisi"))
        return nip, None
    if reader.refuse_number(number, cells, "nip", nip_like=True):
        check.ok = False
        return nip, None
    parsed = nip_rules.parse(nip)
    if not parsed.valid:
        check.error(number, "nip", nip_text, "; ".join(parsed.errors))
        return nip, None
    if nip in check.seen:
        check.error(
            number,
            "nip",
            nip_text,
            _("NIP ganda; sudah dipakai di baris %(row)s") % {"row": check.seen[nip]},
        )
    else:
        check.seen[nip] = number
    # A duplicate NIP is still a valid one: its kind, birth date and gender are read from it.
    return nip, parsed


def _check_kind(check: _Check, number: int, cells: list[str], nip: str, parsed: Any) -> Any:
    kind_text = check.reader.get(cells, "jenis_pegawai")
    kind = employee_kind(kind_text) if kind_text else None
    if kind is None and (not kind_text or check.status_column):
        return parsed.kind if parsed else None
    if kind_text and kind is None:
        check.error(
            number,
            "jenis_pegawai",
            kind_text,
            _("jenis pegawai tidak dikenal; gunakan PNS atau PPPK"),
        )
    elif parsed is not None and kind != parsed.kind:
        check.error(
            number,
            "jenis_pegawai",
            kind_text,
            _("NIP %(nip)s berformat %(nip_kind)s, tidak cocok dengan jenis pegawai %(kind)s")
            % {"nip": nip, "nip_kind": (parsed.kind or "").upper(), "kind": (kind or "").upper()},
        )
    return kind


def _check_unit(check: _Check, number: int, cells: list[str]) -> int | None:
    """The unit by code, else by a name only one unit has; a closed unit is a warning."""
    reader = check.reader
    unit_text = reader.get(cells, "kode_unit")
    unit_id: int | None = None
    if not unit_text:
        check.error(number, "kode_unit", unit_text, _("unit kerja wajib diisi"))
        return None
    if reader.refuse_number(number, cells, "kode_unit", nip_like=False):
        check.ok = False
        return None
    if code_key(unit_text) in check.units_by_code:
        unit_id, closed = check.units_by_code[code_key(unit_text)]
    else:
        matches = check.units_by_name.get(" ".join(unit_text.lower().split()), [])
        if len(matches) > 1:
            reason = _("nama unit cocok dengan %(n)s unit; gunakan kode unit") % {"n": len(matches)}
            check.error(number, "kode_unit", unit_text, reason)
            return None
        if not matches:
            reason = _("unit tidak dikenal: tidak ada unit dengan kode atau nama ini di pemda ini")
            check.error(number, "kode_unit", unit_text, reason)
            return None
        unit_id = matches[0]
        closed = check.unit_valid_to.get(unit_id)
    if closed is not None and closed < check.today:
        reader.warn(
            number,
            "kode_unit",
            unit_text,
            _("unit sudah tidak berlaku sejak %(day)s") % {"day": closed.isoformat()},
        )
    return unit_id


def _check_atasan(check: _Check, number: int, cells: list[str], nip: str) -> str:
    reader = check.reader
    atasan_text = reader.get(cells, "nip_atasan")
    atasan_nip = clean_nip(atasan_text)
    if reader.refuse_number(number, cells, "nip_atasan", nip_like=True):
        check.ok = False
    elif atasan_nip and not (
        len(atasan_nip) == 18 and atasan_nip.isascii() and atasan_nip.isdigit()
    ):
        check.error(
            number,
            "nip_atasan",
            atasan_text,
            _("NIP atasan harus 18 digit angka; kosongkan bila tidak ada atasan"),
        )
    elif atasan_nip and nip and atasan_nip == nip:
        check.error(number, "nip_atasan", atasan_text, _("atasan tidak boleh pegawai itu sendiri"))
    return atasan_nip


def _check_declared(check: _Check, number: int, cells: list[str], values: dict[str, Any]) -> None:
    """Length limits and value readers, as columns.EMPLOYEE_COLUMNS declares them."""
    for column in EMPLOYEE_COLUMNS:
        if column.max_length:
            text = check.reader.get(cells, column.name)
            if len(text) > column.max_length:
                reason = _("terlalu panjang (maksimal %(n)s karakter)") % {"n": column.max_length}
                check.error(number, column.name, text, reason)
    for name, field_name in OPTIONAL_COLUMN_FIELD.items():
        if check.headers.has(name):
            text = check.reader.get(cells, name)
            values[field_name] = _read_declared(check, number, name, text) if text else text


def _read_declared(check: _Check, number: int, name: str, text: str) -> str:
    column = EMPLOYEE_COLUMN[name]
    if column.read is None:
        return text
    value = column.read(text)
    if value is None:
        check.error(number, name, text, str(column.invalid))
    return value or ""


def _link_atasan(
    reader: RowReader, rows: list[EmployeeRow], known: set[str], parent_of: dict[str, str | None]
) -> None:
    """Point each row at its atasan in `parent_of`; report atasan chains that loop.

    A NIP missing from the file and the stored data is only a warning: the employee is stored
    without atasan and the data-quality queue shows the NIP.
    """
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
