"""A filled LKE sheet in: columns `kode, jawaban` (as `sikap rules zi-template` gives), all or
nothing, with every bad row named. The template's hasil rows (IPAK, IPKP, CAPAIAN_KINERJA) are
skipped: SIKAP records the hasil figures with their source, not from this sheet. Count rows
("jumlah", e.g. PW.R.3.a.5) make their percent item's answer when the item is left blank."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core import tables
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.integrity.domain.assessments import answer_record
from sikap.integrity.domain.items import item_code
from sikap.integrity.domain.snapshots import snapshot_refresh
from sikap.integrity.models import Assessment
from sikap.rules import integrity as rules
from sikap.rules import zi
from sikap.rules.errors import RuleError

HASIL_ROWS = {"IPAK", "IPKP", "CAPAIAN_KINERJA"}


def lke_rows(assessment: Assessment, file_name: str, data: bytes) -> dict[str, str]:
    """{code: normalised answer} of a sheet, or ImportRejected with every bad row."""
    try:
        table = tables.read_table(file_name, data, header_names=("kode", "jawaban"))
    except tables.TableError as exc:
        raise ImportRejected([exc.error]) from exc
    code_col, answer_col = table.column("kode"), table.column("jawaban")
    if code_col is None or answer_col is None:
        raise ImportRejected(
            [RowError(0, "", "", _("baris judul harus memuat kolom kode dan jawaban"))]
        )
    code_h, answer_h = table.headers[code_col], table.headers[answer_col]
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    book = zi.RULEBOOKS.select(assessment.year)
    items = {i.code: i for i in book.items}
    count_rows = {c.code.upper(): c for c in book.counts}
    counted: dict[str, dict[str, str]] = {}
    for row, cells in table.rows:
        raw_code = tables.Table.cell(cells, code_col).strip()
        raw_answer = tables.Table.cell(cells, answer_col).strip()
        if not raw_code:
            if raw_answer:
                errors.append(RowError(row, code_h, "", _("kode kosong")))
            continue
        if raw_code.upper() in HASIL_ROWS:
            continue
        count = count_rows.get(raw_code.upper())
        if count is not None:
            code = count.code
        else:
            try:
                code = rules.zi_item(raw_code, year=assessment.year).code
            except RuleError:
                errors.append(RowError(row, code_h, raw_code, _("kode butir LKE tidak dikenal")))
                continue
        if code in seen:
            errors.append(
                RowError(
                    row, code_h, raw_code, _("kode sudah ada di baris %(r)s") % {"r": seen[code]}
                )
            )
            continue
        seen[code] = row
        if not raw_answer:
            continue
        try:
            if count is None:
                out[code] = rules.normalise_answer("zi", code, raw_answer, year=assessment.year)
                continue
            # a count alone is refused here when it is no whole number ≥ 0
            zi.percent_from_counts(items[count.item], {code: raw_answer})
            counted.setdefault(count.item, {})[code] = raw_answer
        except RuleError as exc:
            errors.append(RowError(row, answer_h, raw_answer, exc.message_id))
    for code, counts in counted.items():
        fraction = zi.percent_from_counts(items[code], counts)
        if code not in out and fraction is not None:
            out[code] = rules.normalise_answer(
                "zi", code, f"{fraction * 100}%", year=assessment.year
            )
    if errors:
        raise ImportRejected(errors)
    return out


@transaction.atomic
def lke_import(*, actor: Any, assessment: Assessment, file_name: str, data: bytes) -> int:
    """Record the unit's answers of a filled LKE sheet; returns how many were given."""
    if assessment.kind != Assessment.Kind.ZI:
        raise ImportRejected([RowError(0, "", "", _("impor LKE hanya untuk Zona Integritas"))])
    answers = lke_rows(assessment, file_name, data)
    for code, answer in answers.items():
        answer_record(
            actor=actor,
            assessment=assessment,
            code=item_code(assessment, code),
            answer=answer,
            refresh=False,
        )
    snapshot_refresh(assessment)
    return len(answers)
