"""Blank import files to download: the header row (CSV), or header plus instructions (XLSX)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.core.spreadsheet import workbook_bytes
from sikap.org.imports.columns import EMPLOYEE_COLUMNS, UNIT_COLUMNS, Column
from sikap.org.imports.values import unit_kind_labels

KINDS = ("units", "employees")
TEXT_COLUMNS = {"kode", "kode_induk", "nip", "kode_unit", "nip_atasan"}


def columns_for(what: str) -> tuple[Column, ...]:
    return UNIT_COLUMNS if what == "units" else EMPLOYEE_COLUMNS


def file_name(what: str, fmt: str) -> str:
    return f"templat-{'unit' if what == 'units' else 'pegawai'}.{fmt}"


def template_csv(what: str) -> bytes:
    # A BOM so that Excel opens the UTF-8 file with the right encoding.
    return ("\ufeff" + ",".join(c.name for c in columns_for(what)) + "\r\n").encode()


def template_xlsx(what: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    columns = columns_for(what)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("unit") if what == "units" else _("pegawai")
    sheet.append([c.name for c in columns])
    for i, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=i)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        if column.name in TEXT_COLUMNS:
            # Excel would turn an 18-digit NIP into 1.98E+17 and lose digits.
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, 1001):
                sheet.cell(row=row, column=i).number_format = "@"
    help_sheet = workbook.create_sheet(_("petunjuk"))
    help_sheet.append([_("kolom"), _("wajib"), _("keterangan"), _("judul lain yang diterima")])
    for column in columns:
        help_sheet.append(
            [
                column.name,
                _("ya") if column.required else _("tidak"),
                str(column.description),
                ", ".join(column.aliases),
            ]
        )
    if what == "units":
        help_sheet.append([])
        help_sheet.append([_("nilai kolom jenis"), "", _("nama jenis")])
        for value, label in unit_kind_labels():
            help_sheet.append([value, "", label])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    return workbook_bytes(workbook)
