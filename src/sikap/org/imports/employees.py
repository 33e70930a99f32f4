"""Validate and apply an employee import. The caller holds the transaction and audits.

Built for 50,000 rows: one query reads the stored employees, new rows are inserted with
`bulk_create` in atasan order (an atasan before its bawahan, so every `atasan_id` is known at
insert time and no second pass of updates is needed), and only rows that really changed are
written back with `bulk_update`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.org.imports.columns import HeaderMap
from sikap.org.imports.common import (
    PROGRESS_EVERY,
    Outcome,
    RowReader,
    find_cycles,
    levels,
    report_progress,
)
from sikap.org.imports.reader import Table
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
        by_code[code] = (pk, valid_to)
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
    for pk, nip, atasan_id, *values in Employee.objects.filter(pemda=pemda).values_list(
        "id", "nip", "atasan_id", *FIELDS
    ):
        stored[nip] = (pk, atasan_id, *values)
        stored_atasan_id[nip] = atasan_id
        nip_of_id[pk] = nip

    seen: dict[str, int] = {}
    rows: list[EmployeeRow] = []
    optional_present = [c for c in OPTIONAL_COLUMN_FIELD if headers.has(c)]
    has_gender = headers.has("jenis_kelamin")
    for count, (number, cells) in enumerate(table.rows, 1):
        ok = True
        nip_text = reader.get(cells, "nip")
        nip = clean_nip(nip_text)
        parsed = None
        if not nip:
            reader.error(number, "nip", nip_text, _("NIP wajib diisi"))
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
        kind = (
            employee_kind(kind_text)
            if kind_text
            else (parsed.kind if nip_valid and parsed else None)
        )
        if kind_text and kind is None:
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
        elif unit_text in units_by_code:
            unit_id = units_by_code[unit_text][0]
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
        if atasan_nip and nip and atasan_nip == nip:
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
    done = 0
    for group in levels(new_rows.keys(), new_parent):
        for start in range(0, len(group), BATCH):
            batch = []
            for nip in group[start : start + BATCH]:
                r = new_rows[nip]
                parent = parent_of.get(nip)
                batch.append(
                    Employee(
                        pemda=pemda,
                        nip=nip,
                        atasan_id=ids[parent] if parent else None,
                        **r.values,
                    )
                )
            for employee in Employee.objects.bulk_create(batch):
                ids[employee.nip] = employee.pk
            done += len(batch)
            tick(done)
    outcome.created = len(new_rows)

    now = timezone.now()
    changed: list[Employee] = []
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
        changed.append(Employee(pk=pk, updated_at=now, **wanted))
        outcome.changes.append(
            {
                "nip": r.nip,
                "before": {k: _json(before_all[k]) for k in sorted(diff)},
                "after": {k: _json(wanted[k]) for k in sorted(diff)},
            }
        )
        done += 1
        if done % BATCH == 0:
            tick(done)
    Employee.objects.bulk_update(changed, [*FIELDS, "atasan_id", "updated_at"], batch_size=500)
    outcome.updated = len(changed)
    tick(len(rows))


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
