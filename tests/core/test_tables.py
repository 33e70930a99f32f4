"""The one table reader: real CSV and XLSX files as people save them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from sikap.core.rowerrors import FILE_ROW, RowError
from sikap.core.tables import NumberCell, TableError, read_csv, read_path, read_table


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(file_name: str, data: bytes, **options) -> RowError:
    with pytest.raises(TableError) as err:
        read_table(file_name, data, **options)
    return err.value.error


def test_utf8_csv_with_and_without_bom_reads_the_same():
    text = "nama,kota\r\nBudi Santoso,Palu\r\nSiti Aisyah,Donggala\r\n"
    plain = read_table("a.csv", text.encode("utf-8"))
    bom = read_table("a.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    for table in (plain, bom):
        assert table.headers == ["nama", "kota"]
        assert table.header_row == 1
        assert table.rows == [(2, ["Budi Santoso", "Palu"]), (3, ["Siti Aisyah", "Donggala"])]
        assert table.encoding == "utf-8"


def test_cp1252_csv_saved_by_excel_on_windows_is_read_with_its_accents():
    data = "nama;jabatan\r\nJosé Müller;Kepala Seksi – Umum\r\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table("pegawai.csv", data)
    assert table.encoding == "cp1252"
    assert table.headers == ["nama", "jabatan"]
    assert table.rows == [(2, ["José Müller", "Kepala Seksi – Umum"])]


def test_latin1_text_reads_the_same_as_cp1252():
    table = read_table("a.csv", "kota\nSão Tomé\n".encode("latin-1"))
    assert table.rows == [(2, ["São Tomé"])]


def test_bytes_neither_utf8_nor_cp1252_are_refused_with_the_line():
    error = refused("a.csv", b"kode,nama\n1,ok\n2,\x81\x8d\n")
    assert error == RowError(
        FILE_ROW,
        "",
        "",
        "berkas CSV bukan teks UTF-8 maupun Windows-1252 (byte tidak sah di baris 3); "
        'simpan sebagai "CSV UTF-8"',
    )


def test_utf16_text_export_is_refused_with_what_to_do():
    data = "kode\tnama\r\n1\tA\r\n".encode("utf-16")
    assert refused("a.txt", data).reason == (
        'berkas ini teks UTF-16 ("Unicode Text" Excel); simpan sebagai "CSV UTF-8" atau .xlsx'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kode;nama\nA;Unit, satu\n", ["A", "Unit, satu"]),
        ("kode\tnama\nA\tUnit; dua\n", ["A", "Unit; dua"]),
        ('kode,nama\nA,"Unit; tiga"\n', ["A", "Unit; tiga"]),
    ],
)
def test_the_delimiter_is_sniffed_from_the_header(text, expected):
    table = read_table("a.csv", text.encode())
    assert table.headers == ["kode", "nama"]
    assert table.rows == [(2, expected)]


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers():
    data = (
        b"DAFTAR UNIT PEMERINTAH KOTA PALU\n"
        b"Keadaan 1 Januari 2025\n"
        b"\n"
        b"kode;nama;jenis\n"
        b"DINKES;Dinas Kesehatan;dinas\n"
        b"\n"
        b"SETDA;Sekretariat Daerah;setda\n"
    )
    table = read_table("u.csv", data, header_names=("kode", "kode unit"))
    assert table.header_row == 4
    assert table.headers == ["kode", "nama", "jenis"]
    assert table.rows == [
        (5, ["DINKES", "Dinas Kesehatan", "dinas"]),
        (7, ["SETDA", "Sekretariat Daerah", "setda"]),
    ]
    # Without the names the first line is the header, and the import reports what is missing.
    assert read_table("u.csv", data).headers == ["DAFTAR UNIT PEMERINTAH KOTA PALU"]


def test_xlsx_title_row_numbers_and_excel_number_cells():
    data = xlsx(
        [
            ["Daftar Pegawai 2025"],
            [],
            ["NIP", "Nama", "Lahir", "Nilai"],
            [198301012010011001, "Budi", dt.datetime(1983, 1, 1), 88.5],
            ["198301012010011002", "  Siti ", dt.date(1990, 5, 17), 90],
            [123456789012345, "Ani", None, True],
        ]
    )
    table = read_table("p.xlsx", data, header_names=["nip"])
    assert table.header_row == 3
    assert table.headers == ["NIP", "Nama", "Lahir", "Nilai"]
    assert table.encoding == ""
    (r4, first), (r5, second), (r6, third) = table.rows
    assert (r4, r5, r6) == (4, 5, 6)
    # 18 digits stored as a number: Excel kept 15 of them, so the text is not what was typed.
    assert first == [str(int(float(198301012010011001))), "Budi", "1983-01-01", "88.5"]
    assert first[0] == "198301012010011008"
    assert isinstance(first[0], NumberCell) and first[0].exact is False
    assert isinstance(first[3], NumberCell) and first[3].exact is False
    assert second == ["198301012010011002", "Siti", "1990-05-17", "90"]
    assert not isinstance(second[0], NumberCell)
    assert second[3].exact is True
    assert third == ["123456789012345", "Ani", "", "TRUE"]
    assert third[0].exact is True


def test_nul_bytes_refuse_a_csv_or_are_dropped_when_asked():
    data = b"kode,nama\nA,Bap\x00peda\x1b\n"
    assert refused("a.csv", data).reason == "berkas CSV berisi karakter biner; periksa jenis berkas"
    assert read_table("a.csv", data, refuse_nul=False).rows == [(2, ["A", "Bappeda"])]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.csv", b"  \r\n", "berkas kosong"),
        ("a.csv", b",,,\r\n,,\r\n", "berkas kosong"),
        ("a.csv", b"kode,nama\r\n", "berkas hanya berisi baris judul, tanpa baris data"),
        ("a.pdf", b"%PDF-1.4", "jenis berkas tidak didukung (a.pdf); gunakan .csv atau .xlsx"),
        (
            "a.xls",
            b"\xd0\xcf\x11\xe0abc",
            "format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv",
        ),
        ("a.xlsx", b"kode,nama", "berkas .xlsx ini bukan buku kerja Excel yang sah"),
        ("a.xlsx", b"PK\x03\x04garbage", "berkas XLSX rusak atau tidak dapat dibaca"),
        ("a.csv", b"PK\x03\x04garbage", "berkas ini buku kerja Excel; beri nama berakhiran .xlsx"),
    ],
)
def test_unreadable_files_are_one_file_level_error(name, data, reason):
    assert refused(name, data) == RowError(FILE_ROW, "", "", reason)


def test_header_only_is_accepted_when_the_import_allows_it():
    table = read_table("a.csv", b"kode,nama\n", require_rows=False)
    assert (table.headers, table.rows) == (["kode", "nama"], [])


def test_row_cap_counts_while_reading(settings):
    settings.SIKAP_IMPORT_MAX_ROWS = 3
    ok = "kode\n" + "".join(f"U{i}\n" for i in range(3))
    assert len(read_table("a.csv", ok.encode()).rows) == 3
    over = "kode\n" + "".join(f"U{i}\n" for i in range(4))
    assert "SIKAP_IMPORT_MAX_ROWS" in refused("a.csv", over.encode()).reason
    assert (
        "SIKAP_IMPORT_MAX_ROWS"
        in refused("a.xlsx", xlsx([["kode"]] + [[i] for i in range(4)])).reason
    )


def test_records_column_and_short_rows():
    table = read_csv("Unit,BP1,komentar\nDINKES,4\nSETDA,5,bagus,extra\n", require_rows=False)
    assert table.column(" unit ") == 0
    assert table.column("KOMENTAR") == 2
    assert table.column("pv") is None
    assert list(table.records()) == [
        (2, {"Unit": "DINKES", "BP1": "4", "komentar": ""}),
        (3, {"Unit": "SETDA", "BP1": "5", "komentar": "bagus"}),
    ]


def test_read_path_checks_existence_and_size(tmp_path, settings):
    missing = tmp_path / "nothing.csv"
    with pytest.raises(TableError, match="tidak ditemukan"):
        read_path(missing)
    big = tmp_path / "big.csv"
    big.write_bytes(b"kode\n" + b"A\n" * 100)
    settings.SIKAP_IMPORT_MAX_BYTES = 50
    with pytest.raises(TableError) as err:
        read_path(big)
    assert err.value.reason == "berkas terlalu besar (205 byte; maksimal 50 byte)"
    settings.SIKAP_IMPORT_MAX_BYTES = 10_000
    assert len(read_path(big).rows) == 100


def test_a_csv_error_names_the_line(settings):
    # A NUL-free CSV the csv module cannot parse: a quote left open past the field limit.
    import csv

    limit = csv.field_size_limit()
    csv.field_size_limit(10)
    try:
        reason = refused("a.csv", b'kode\n"abcdefghijklmnop"\n').reason
    finally:
        csv.field_size_limit(limit)
    assert reason.startswith("CSV tidak dapat dibaca di baris 2: ")
