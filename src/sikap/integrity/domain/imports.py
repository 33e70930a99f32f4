"""A filled LKE sheet in: columns `kode, jawaban` (as `sikap rules zi-template` gives), all or
nothing, with every bad row named. The template's hasil rows (IPAK, IPKP, CAPAIAN_KINERJA) are
skipped: SIKAP records the hasil figures with their source, not from this sheet. Count rows
("jumlah", e.g. PW.R.3.a.5) are kept as the unit's counts (`ItemCount`); they make their percent
item's percentage when the item is left blank, so an exported LKE comes back exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core import tables
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.integrity.domain.assessments import answer_record
from sikap.integrity.domain.counts import COUNT_MAX, counts_write
from sikap.integrity.domain.items import item_code
from sikap.integrity.domain.snapshots import snapshot_refresh
from sikap.integrity.models import Assessment, ItemScore
from sikap.rules import integrity as rules
from sikap.rules import zi
from sikap.rules.errors import RuleError

HASIL_ROWS = {"IPAK", "IPKP", "CAPAIAN_KINERJA"}


class LkeSheet(NamedTuple):
    answers: dict[str, str]  # {item code: normalised answer}
    counts: dict[str, int]  # {count code: whole number ≥ 0}


class Imported(NamedTuple):
    answers: int
    counts: int


def lke_rows(assessment: Assessment, file_name: str, data: bytes) -> LkeSheet:
    """The answers and counts a sheet gives, or ImportRejected with every bad row."""
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
    counts: dict[str, int] = {}
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
        if count is not None:
            try:
                # a count is a whole number ≥ 0 ("6", or "6.0" as a spreadsheet may give it)
                zi.percent_from_counts(items[count.item], {code: raw_answer})
            except RuleError as exc:
                errors.append(RowError(row, answer_h, raw_answer, exc.message_id))
                continue
            value = int(Decimal(raw_answer.replace(",", ".")))
            if value > COUNT_MAX:
                errors.append(RowError(row, answer_h, raw_answer, _("jumlah terlalu besar")))
                continue
            counts[code] = value
            continue
        try:
            out[code] = rules.normalise_answer("zi", code, raw_answer, year=assessment.year)
        except RuleError as exc:
            errors.append(RowError(row, answer_h, raw_answer, exc.message_id))
    if errors:
        raise ImportRejected(errors)
    return LkeSheet(out, counts)


@transaction.atomic
def lke_import(*, actor: Any, assessment: Assessment, file_name: str, data: bytes) -> Imported:
    """Record the unit's answers and counts of a filled LKE sheet; returns how many of each
    were given (a blank row leaves what is stored)."""
    if assessment.kind != Assessment.Kind.ZI:
        raise ImportRejected([RowError(0, "", "", _("impor LKE hanya untuk Zona Integritas"))])
    answers, counts = lke_rows(assessment, file_name, data)
    for code, answer in answers.items():
        answer_record(
            actor=actor,
            assessment=assessment,
            code=item_code(assessment, code),
            answer=answer,
            refresh=False,
        )
    counts_write(actor=actor, assessment=assessment, level=ItemScore.Level.SELF, values=counts)
    snapshot_refresh(assessment)
    return Imported(len(answers), len(counts))
