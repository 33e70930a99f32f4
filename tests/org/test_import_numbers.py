"""Identifier cells that are numbers (Excel keeps 15 digits) are refused, never rounded."""

from __future__ import annotations

from sikap.org.domain import employees_import, units_import
from sikap.org.models import Employee, OrgUnit
from tests.org.conftest import EMPLOYEES_HEADER, KADIS, csv_bytes, xlsx_bytes

NIP = "197905122005011001"
REASON = (
    "sel berisi angka, bukan teks: Excel hanya menyimpan 15 digit angka, jadi nilainya mungkin "
    "sudah berubah; format kolom ini sebagai Teks lalu ketik ulang nilainya"
)
COLUMNS = EMPLOYEES_HEADER.split(",")


def row(nip: object, atasan: object = "", unit: object = "DINKES") -> list[object]:
    values: dict[str, object] = {
        "nip": nip,
        "nama": "Pegawai",
        "kode_unit": unit,
        "jenis_pegawai": "PNS",
        "jabatan": "Staf",
        "nip_atasan": atasan,
    }
    return [values.get(c, "") for c in COLUMNS]


def errors(report) -> list[tuple[int, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(e.row, e.column, e.value, e.reason) for e in report.errors]


def test_numeric_nip_cells_in_a_real_workbook_are_refused(personas):
    excel_nip = float(NIP)  # what Excel stores when the column is General
    assert str(int(excel_nip)) != NIP  # the digits really changed
    data = xlsx_bytes(
        [
            COLUMNS,
            row(KADIS),  # text: fine on its own
            row(excel_nip),
            row(int(NIP)),  # a script wrote an exact integer: still a number cell
            row(NIP, atasan=float(KADIS)),
        ]
    )
    before = list(Employee.objects.values_list("nip", flat=True))
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.xlsx", data=data)
    found = errors(report)
    # openpyxl itself reads an 18-digit integer back through a float.
    assert found[1][2] in {NIP, "197905122005011008"}
    assert [e for i, e in enumerate(found) if i != 1] == [
        (3, "nip", "197905122005011008", REASON),
        (5, "nip_atasan", str(int(float(KADIS))), REASON),
    ]
    assert (found[1][0], found[1][1], found[1][3]) == (4, "nip", REASON)
    assert list(Employee.objects.values_list("nip", flat=True)) == before


def test_float_text_in_a_csv_is_refused(personas):
    data = csv_bytes(
        f"{EMPLOYEES_HEADER}\n"
        "1.97905122005011E+17,A,DINKES,PNS,Staf,,,,,,\n"
        f"197905122005011000.0,B,DINKES,PNS,Staf,,,,,,\n"
        f"{NIP},C,DINKES,PNS,Staf,1.97905122005011e17,,,,,"
    )
    before = list(Employee.objects.values_list("nip", flat=True))
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert errors(report) == [
        (2, "nip", "1.97905122005011E+17", REASON),
        (3, "nip", "197905122005011000.0", REASON),
        (4, "nip_atasan", "1.97905122005011e17", REASON),
    ]
    assert list(Employee.objects.values_list("nip", flat=True)) == before


def test_text_nip_in_a_workbook_is_imported(personas):
    data = xlsx_bytes([COLUMNS, row(NIP, unit="dinkes")])
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.xlsx", data=data)
    assert (report.ok, report.created) == (True, 1)
    assert Employee.objects.get(pemda=personas.pemda, nip=NIP).unit == personas.opd_a


def test_unit_codes_that_lost_digits_are_refused_and_exact_numbers_kept(personas):
    header = ["kode", "nama", "jenis", "kode_induk", "digabung_ke"]
    data = xlsx_bytes(
        [header, [101, "Unit 101", "dinas", "", ""], [1.1, "Unit 1.10", "bidang", 101, ""]]
    )
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.xlsx", data=data)
    assert errors(report) == [(3, "kode", "1.1", REASON)]
    assert not OrgUnit.objects.filter(code__in=["101", "1.1"]).exists()
    data = xlsx_bytes(
        [header, [101, "Unit 101", "dinas", "", ""], ["1.10", "B", "bidang", 101, ""]]
    )
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.xlsx", data=data)
    assert report.ok
    assert OrgUnit.objects.get(code="1.10").parent == OrgUnit.objects.get(code="101")


def test_employee_unit_code_in_scientific_notation_is_refused(personas):
    data = csv_bytes(f"{EMPLOYEES_HEADER}\n{NIP},A,1.02E+3,PNS,Staf,,,,,,")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert errors(report) == [(2, "kode_unit", "1.02E+3", REASON)]
