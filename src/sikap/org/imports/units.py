"""Validate and apply a unit (OPD tree) import. The caller holds the transaction and audits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sikap.core.codes import code_key
from sikap.core.tables import Table
from sikap.org.imports.columns import HeaderMap
from sikap.org.imports.common import Outcome, RowReader, find_cycles, levels, report_progress
from sikap.org.imports.report import ProgressCallback
from sikap.org.imports.values import (
    date_value,
    unit_kind,
    unit_kind_accepted,
    unit_kind_from_name,
    unit_kind_is_generic,
)
from sikap.org.models import OrgUnit, Pemda

DEFAULT_VALID_FROM = dt.date(2000, 1, 1)
UPDATABLE = ("name", "short_name", "kind", "parent_id", "valid_from", "valid_to", "merged_into_id")


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    parent_code: str
    short_name: str | None  # None: column absent, keep the stored value
    valid_from: dt.date | None
    valid_to: dt.date | None
    has_valid_to: bool
    merged_into: str | None  # None: column absent, keep the stored value; "": not merged

    # Codes match in any case (sikap.core.codes): every lookup below goes through these keys.
    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def parent_key(self) -> str:
        return code_key(self.parent_code)

    @property
    def merged_key(self) -> str | None:
        return None if self.merged_into is None else code_key(self.merged_into)


def _max_len(reader: RowReader, row: int, name: str, value: str, limit: int) -> bool:
    if len(value) > limit:
        reader.error(
            row, name, value, _("terlalu panjang (maksimal %(n)s karakter)") % {"n": limit}
        )
        return False
    return True


def validate_and_apply_units(
    *, pemda: Pemda, table: Table, headers: HeaderMap, progress: ProgressCallback | None
) -> Outcome:
    outcome = Outcome(rows=len(table.rows))
    reader = RowReader(headers, outcome.errors, outcome.warnings)
    tick = report_progress(progress)
    total = len(table.rows) * 2
    existing = {code_key(u.code): u for u in OrgUnit.objects.filter(pemda=pemda)}
    existing_by_id = {u.pk: u for u in existing.values()}
    seen: dict[str, int] = {}
    rows: list[UnitRow] = []
    for number, cells in table.rows:
        row = _read_row(reader, headers, number, cells, seen, existing)
        if row is not None:
            rows.append(row)
        if number % 500 == 0:
            tick(len(rows), total, _("Memeriksa baris"))

    display = {key: unit.code for key, unit in existing.items()}
    display.update({r.key: r.code for r in rows})
    _check_parents(reader, rows, seen, existing)
    _check_merges(reader, rows, seen, existing, existing_by_id, display)
    _check_cycles(reader, rows, existing, existing_by_id, display)
    if outcome.errors:
        outcome.errors.sort(key=lambda e: e.row)
        return outcome

    tick(len(table.rows), total, _("Menyimpan unit"))
    _apply(pemda, rows, existing, outcome)
    tick(total, total, _("Menyusun ulang pohon unit"))
    return outcome


def _read_row(
    reader: RowReader,
    headers: HeaderMap,
    number: int,
    cells: Any,
    seen: dict[str, int],
    existing: dict[str, OrgUnit],
) -> UnitRow | None:
    """One row read and checked cell by cell; None when any cell is refused (each reported)."""
    code = reader.get(cells, "kode")
    name = reader.get(cells, "nama")
    ok = True
    for column in ("kode", "kode_induk", "digabung_ke"):
        if reader.refuse_number(number, cells, column, nip_like=False):
            ok = False
    ok = _check_code(reader, number, code, seen) and ok
    if not name:
        reader.error(number, "nama", name, _("nama unit wajib diisi"))
        ok = False
    else:
        ok = _max_len(reader, number, "nama", name, 255) and ok
    kind = _read_kind(reader, number, reader.get(cells, "jenis"), name)
    ok = kind is not None and ok
    short_name: str | None = None
    if headers.has("singkatan"):
        short_name = reader.get(cells, "singkatan")
        ok = _max_len(reader, number, "singkatan", short_name, 60) and ok
    dates_ok, valid_from, valid_to = _read_dates(
        reader, number, cells, existing.get(code_key(code))
    )
    ok = dates_ok and ok
    merged_into: str | None = None
    if headers.has("digabung_ke"):
        merged_into = reader.get(cells, "digabung_ke")
        stored = existing.get(code_key(code))
        if merged_into and valid_to is None and not (stored and stored.valid_to):
            reader.error(
                number,
                "digabung_ke",
                merged_into,
                _("unit yang digabung harus punya tanggal berakhir (berlaku_sampai)"),
            )
            ok = False
    if not ok:
        return None
    return UnitRow(
        row=number,
        code=code,
        name=name,
        kind=kind or "",
        parent_code=reader.get(cells, "kode_induk"),
        short_name=short_name,
        valid_from=valid_from,
        valid_to=valid_to,
        has_valid_to=headers.has("berlaku_sampai"),
        merged_into=merged_into,
    )


def _check_code(reader: RowReader, number: int, code: str, seen: dict[str, int]) -> bool:
    if not code:
        reader.error(number, "kode", code, _("kode unit wajib diisi"))
        return False
    if "/" in code:
        # A unit's results are addressed by its code (/budaya/<campaign>/unit/<code>/).
        reader.error(number, "kode", code, _("kode unit tidak boleh memuat garis miring (/)"))
        return False
    if code_key(code) in seen:
        reader.error(
            number,
            "kode",
            code,
            _("kode unit ganda; sudah dipakai di baris %(row)s") % {"row": seen[code_key(code)]},
        )
        return False
    seen[code_key(code)] = number
    return _max_len(reader, number, "kode", code, 40)


def _read_kind(reader: RowReader, number: int, kind_text: str, name: str) -> str | None:
    """The unit kind from its synonyms in any case; a generic word ("UPT") is read from the
    name, with a warning; None (reported) when missing or unknown."""
    kind = unit_kind(kind_text) if kind_text else None
    if kind is None and kind_text and unit_kind_is_generic(kind_text) and name:
        kind = unit_kind_from_name(name)
        reader.warn(
            number,
            "jenis",
            kind_text,
            _("jenis dibaca dari nama unit: %(kind)s") % {"kind": OrgUnit.Kind(kind).label},
        )
    if kind is None:
        reason = (
            _("jenis unit wajib diisi")
            if not kind_text
            else _("jenis unit tidak dikenal; gunakan salah satu: %(kinds)s")
            % {"kinds": unit_kind_accepted()}
        )
        reader.error(number, "jenis", kind_text, reason)
    return kind


def _read_dates(
    reader: RowReader, number: int, cells: Any, stored: OrgUnit | None
) -> tuple[bool, dt.date | None, dt.date | None]:
    ok = True
    valid_from = valid_to = None
    for column in ("berlaku_sejak", "berlaku_sampai"):
        text = reader.get(cells, column)
        if not text:
            continue
        day = date_value(text)
        if day is None:
            reader.error(number, column, text, _("bukan tanggal yang sah (gunakan TTTT-BB-HH)"))
            ok = False
        elif column == "berlaku_sejak":
            valid_from = day
        else:
            valid_to = day
    effective_from = valid_from or (stored.valid_from if stored else DEFAULT_VALID_FROM)
    if valid_to is not None and valid_to < effective_from:
        reader.error(
            number,
            "berlaku_sampai",
            reader.get(cells, "berlaku_sampai"),
            _("tanggal berakhir sebelum tanggal mulai berlaku (%(day)s)")
            % {"day": effective_from.isoformat()},
        )
        ok = False
    return ok, valid_from, valid_to


def _check_parents(
    reader: RowReader, rows: list[UnitRow], seen: dict[str, int], existing: dict[str, OrgUnit]
) -> None:
    for r in rows:
        if not r.parent_code:
            continue
        if r.parent_key == r.key:
            reader.error(
                r.row, "kode_induk", r.parent_code, _("unit tidak boleh menjadi induknya sendiri")
            )
        elif r.parent_key not in seen and r.parent_key not in existing:
            reader.error(
                r.row,
                "kode_induk",
                r.parent_code,
                _("kode induk tidak dikenal: tidak ada di berkas maupun di data unit pemda ini"),
            )


def _check_cycles(
    reader: RowReader,
    rows: list[UnitRow],
    existing: dict[str, OrgUnit],
    existing_by_id: dict[int, OrgUnit],
    display: dict[str, str],
) -> None:
    """The tree after the import (the file's parent links win over the stored ones) has no
    cycle; each row on one is reported with the chain."""
    parent_of: dict[str, str | None] = {}
    for key, unit in existing.items():
        parent = existing_by_id.get(unit.parent_id) if unit.parent_id else None
        parent_of[key] = code_key(parent.code) if parent else None
    for r in rows:
        parent_of[r.key] = r.parent_key or None
    cycles = find_cycles(parent_of, [r.key for r in rows])
    for r in rows:
        if r.key in cycles and r.parent_key != r.key:
            chain = " → ".join(display[k] for k in [*cycles[r.key], cycles[r.key][0]])
            reader.error(
                r.row,
                "kode_induk",
                r.parent_code,
                _("struktur induk membentuk siklus: %(chain)s") % {"chain": chain},
            )


def _check_merges(
    reader: RowReader,
    rows: list[UnitRow],
    seen: dict[str, int],
    existing: dict[str, OrgUnit],
    existing_by_id: dict[int, OrgUnit],
    display: dict[str, str],
) -> None:
    """Each `digabung_ke` names another unit of the file or the Pemda, and no merge leads back
    to where it started."""
    merged: dict[str, str | None] = {}
    for key, unit in existing.items():
        target = existing_by_id.get(unit.merged_into_id) if unit.merged_into_id else None
        merged[key] = code_key(target.code) if target else None
    for r in rows:
        if r.merged_key is None:
            continue
        merged[r.key] = r.merged_key or None
        if not r.merged_key:
            continue
        if r.merged_key == r.key:
            reader.error(
                r.row,
                "digabung_ke",
                r.merged_into,
                _("unit tidak dapat digabung ke dirinya sendiri"),
            )
        elif r.merged_key not in seen and r.merged_key not in existing:
            reader.error(
                r.row,
                "digabung_ke",
                r.merged_into,
                _("kode unit tidak dikenal: tidak ada di berkas maupun di data unit pemda ini"),
            )
    cycles = find_cycles(merged, [r.key for r in rows if r.merged_key])
    for r in rows:
        if r.merged_key and r.key in cycles and r.merged_key != r.key:
            chain = " → ".join(display[k] for k in [*cycles[r.key], cycles[r.key][0]])
            reader.error(
                r.row,
                "digabung_ke",
                r.merged_into,
                _("penggabungan membentuk siklus: %(chain)s") % {"chain": chain},
            )


def _apply(
    pemda: Pemda,
    rows: list[UnitRow],
    existing: dict[str, OrgUnit],
    outcome: Outcome,
) -> None:
    ids = {key: unit.pk for key, unit in existing.items()}
    new_rows = [r for r in rows if r.key not in existing]
    new_parent = {
        r.key: r.parent_key for r in new_rows if r.parent_key and r.parent_key not in existing
    }
    by_key = {r.key: r for r in new_rows}
    for group in levels([r.key for r in new_rows], new_parent):
        units = []
        for key in group:
            r = by_key[key]
            units.append(
                OrgUnit(
                    pemda=pemda,
                    code=r.code,
                    name=r.name,
                    short_name=r.short_name or "",
                    kind=r.kind,
                    parent_id=ids[r.parent_key] if r.parent_key else None,
                    valid_from=r.valid_from or DEFAULT_VALID_FROM,
                    valid_to=r.valid_to,
                )
            )
        for unit in OrgUnit.objects.bulk_create(units, batch_size=500):
            ids[code_key(unit.code)] = unit.pk
    outcome.created = len(new_rows)
    # Merges may point at units created above, in any order: set once every id is known.
    merged_new = [
        OrgUnit(pk=ids[r.key], merged_into_id=ids[r.merged_key]) for r in new_rows if r.merged_key
    ]
    OrgUnit.objects.bulk_update(merged_new, ["merged_into_id"], batch_size=500)

    changed: list[OrgUnit] = []
    for r in rows:
        stored = existing.get(r.key)
        if stored is None:
            continue
        wanted: dict[str, Any] = {
            "name": r.name,
            "kind": r.kind,
            "parent_id": ids[r.parent_key] if r.parent_key else None,
        }
        if r.short_name is not None:
            wanted["short_name"] = r.short_name
        if r.valid_from is not None:
            wanted["valid_from"] = r.valid_from
        if r.has_valid_to:
            wanted["valid_to"] = r.valid_to
        if r.merged_into is not None:
            wanted["merged_into_id"] = ids[r.merged_key] if r.merged_key else None
        before = {k: getattr(stored, k) for k in wanted if getattr(stored, k) != wanted[k]}
        if not before:
            outcome.unchanged += 1
            continue
        for k in before:
            setattr(stored, k, wanted[k])
        changed.append(stored)
        outcome.changes.append(
            {
                "kode": stored.code,
                "before": {k: _json(v) for k, v in before.items()},
                "after": {k: _json(wanted[k]) for k in before},
            }
        )
    OrgUnit.objects.bulk_update(changed, list(UPDATABLE), batch_size=500)
    outcome.updated = len(changed)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
