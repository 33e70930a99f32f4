from __future__ import annotations

import datetime as dt

import pytest

from sikap.core.models import AuditLog
from sikap.org.domain import units_import
from sikap.org.models import OrgUnit, path_segment
from tests.org.conftest import UNITS_GOOD, csv_bytes, xlsx_bytes


def tree(pemda) -> list[tuple[str, str | None, int, str]]:
    return [
        (u.code, u.parent.code if u.parent else None, u.depth, u.kind)
        for u in OrgUnit.objects.filter(pemda=pemda).select_related("parent").order_by("code")
    ]


def test_units_import_creates_tree_with_parents_later_in_file(personas):
    report = units_import(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        file_name="unit.csv",
        data=csv_bytes(UNITS_GOOD),
    )
    assert report.ok, report.errors
    assert (report.rows, report.created, report.updated, report.unchanged) == (5, 5, 0, 0)
    assert tree(personas.pemda) == [
        ("BKPSDM", None, 0, "badan"),
        ("BKPSDM-BID-1", "BKPSDM", 1, "bidang"),
        ("DINKES", None, 0, "dinas"),
        ("DINKES-PKM-KAMONJI", "DINKES", 1, "puskesmas"),
        ("DUKCAPIL", None, 0, "dinas"),
        ("PKM-KAWATUNA", "DINKES", 1, "puskesmas"),
        ("SETDA", None, 0, "setda"),
        ("SETDA-ORG", "SETDA", 1, "bagian"),
    ]
    bkpsdm = OrgUnit.objects.get(pemda=personas.pemda, code="BKPSDM")
    child = OrgUnit.objects.get(pemda=personas.pemda, code="BKPSDM-BID-1")
    assert (bkpsdm.short_name, bkpsdm.valid_from, bkpsdm.valid_to) == (
        "BKPSDM",
        dt.date(2017, 1, 1),
        None,
    )
    assert child.path == path_segment(bkpsdm.pk) + path_segment(child.pk)
    log = AuditLog.objects.get(action="org.units_import")
    assert (log.pemda_id, log.actor_id) == (personas.pemda.pk, personas.admin_pemda.pk)
    assert {k: log.after[k] for k in ("file_name", "created", "updated", "unchanged")} == {
        "file_name": "unit.csv",
        "created": 5,
        "updated": 0,
        "unchanged": 0,
    }


def test_units_reimport_updates_by_code(personas):
    units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=csv_bytes(UNITS_GOOD))
    changed = UNITS_GOOD.replace("Bidang Pengadaan,BKPSDM", "Bidang Mutasi,SETDA")
    report = units_import(
        actor=None, pemda=personas.pemda, file_name="u2.csv", data=csv_bytes(changed, bom=True)
    )
    assert (report.ok, report.created, report.updated, report.unchanged) == (True, 0, 1, 4)
    unit = OrgUnit.objects.get(pemda=personas.pemda, code="BKPSDM-BID-1")
    bkpsdm_id = OrgUnit.objects.get(pemda=personas.pemda, code="BKPSDM").pk
    assert (unit.name, unit.parent.code, unit.depth) == ("Bidang Mutasi", "SETDA", 1)
    assert OrgUnit.objects.filter(pemda=personas.pemda).count() == 8
    log = AuditLog.objects.filter(action="org.units_import").first()
    assert log.after["changes"] == [
        {
            "kode": "BKPSDM-BID-1",
            "before": {"name": "Bidang Pengadaan", "parent_id": bkpsdm_id},
            "after": {"name": "Bidang Mutasi", "parent_id": unit.parent_id},
        }
    ]


def test_units_import_semicolon_xlsx_and_labels(personas):
    data = xlsx_bytes(
        [
            ["KODE", "Nama", "Kode Induk", "JENIS"],
            ["KEC-PB", "Kecamatan Palu Barat", None, "kecamatan"],
            ["KEL-1", "Kelurahan Lere", "KEC-PB", "Kelurahan / Desa"],
            ["KEL-2", "Kelurahan Baru", "KEC-PB", "desa"],
            ["UPT-1", "UPT Parkir", "KEC-PB", "UPTD"],
            ["SUB-1", "Subbagian Umum", "KEC-PB", "sub bagian"],
        ]
    )
    report = units_import(actor=None, pemda=personas.pemda, file_name="unit.xlsx", data=data)
    assert report.ok, report.errors
    assert [
        (c, p, k) for c, p, _, k in tree(personas.pemda) if c.startswith(("KE", "UPT", "SUB"))
    ] == [
        ("KEC-PB", None, "kecamatan"),
        ("KEL-1", "KEC-PB", "kelurahan"),
        ("KEL-2", "KEC-PB", "kelurahan"),
        ("SUB-1", "KEC-PB", "subbagian"),
        ("UPT-1", "KEC-PB", "upt"),
    ]
    semicolon = csv_bytes("kode;nama;kode_induk;jenis\nX1;Kantor X;;kantor")
    report = units_import(actor=None, pemda=personas.pemda, file_name="x.csv", data=semicolon)
    assert (report.ok, report.created) == (True, 1)


def test_units_import_reports_every_bad_row_and_stores_nothing(personas):
    before = OrgUnit.objects.count()
    bad = """
kode,nama,kode_induk,jenis,berlaku_sejak,berlaku_sampai
A,Unit A,B,dinas,,
B,Unit B,A,dinas,,
C,,,dinas,,
D,Unit D,NOPE,dinas,,
E,Unit E,E,dinas,,
A,Unit A lagi,,dinas,,
F,Unit F,,planet,,
G,Unit G,,dinas,2020-13-01,
H,Unit H,,dinas,2020-01-01,2019-01-01
OK,Unit OK,DINKES,bidang,,
"""
    report = units_import(
        actor=None, pemda=personas.pemda, file_name="bad.csv", data=csv_bytes(bad)
    )
    assert report.ok is False
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "kode_induk", "B"),
        (3, "kode_induk", "A"),
        (4, "nama", ""),
        (5, "kode_induk", "NOPE"),
        (6, "kode_induk", "E"),
        (7, "kode", "A"),
        (8, "jenis", "planet"),
        (9, "berlaku_sejak", "2020-13-01"),
        (10, "berlaku_sampai", "2019-01-01"),
    ]
    assert report.errors[0].reason == "struktur induk membentuk siklus: A → B → A"
    assert report.errors[5].reason == "kode unit ganda; sudah dipakai di baris 2"
    assert OrgUnit.objects.count() == before
    assert not AuditLog.objects.filter(action="org.units_import").exists()


def test_units_import_cycle_through_stored_units(personas):
    # DINKES is stored as the parent of the puskesmas; making DINKES its child closes a loop.
    data = csv_bytes("kode,nama,kode_induk,jenis\nDINKES,Dinas Kesehatan,DINKES-PKM-KAMONJI,dinas")
    report = units_import(actor=None, pemda=personas.pemda, file_name="c.csv", data=data)
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "kode_induk", "DINKES-PKM-KAMONJI")
    ]
    assert OrgUnit.objects.get(code="DINKES").parent_id is None


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("u.csv", b"", "berkas kosong"),
        (
            "u.csv",
            b"kode,nama,kode_induk,jenis\r\n",
            "berkas hanya berisi baris judul, tanpa baris data",
        ),
        ("u.pdf", b"%PDF-1.4", "jenis berkas tidak didukung (u.pdf); gunakan .csv atau .xlsx"),
        (
            "u.xls",
            b"\xd0\xcf\x11\xe0abc",
            "format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv",
        ),
        ("u.xlsx", b"kode,nama", "berkas .xlsx ini bukan buku kerja Excel yang sah"),
        ("u.xlsx", b"PK\x03\x04garbage", "berkas XLSX rusak atau tidak dapat dibaca"),
        (
            "u.csv",
            b"kode,nama\r\n\x81\x8d,x",
            "berkas CSV bukan teks UTF-8 maupun Windows-1252 (byte tidak sah di baris 2); "
            'simpan sebagai "CSV UTF-8"',
        ),
    ],
)
def test_units_import_bad_files(personas, name, data, reason):
    before = OrgUnit.objects.count()
    report = units_import(actor=None, pemda=personas.pemda, file_name=name, data=data)
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [(0, "", "", reason)]
    assert OrgUnit.objects.count() == before


def test_units_import_missing_columns_named_once(personas):
    report = units_import(
        actor=None,
        pemda=personas.pemda,
        file_name="u.csv",
        data=csv_bytes("kode,nama\nA,Unit A\nB,Unit B"),
    )
    assert [(e.row, e.column, e.reason) for e in report.errors] == [
        (1, "kode_induk", "kolom wajib 'kode_induk' tidak ada di baris judul"),
        (1, "jenis", "kolom wajib 'jenis' tidak ada di baris judul"),
    ]


def test_units_import_too_large(personas, settings):
    settings.SIKAP_IMPORT_MAX_BYTES = 1024
    data = csv_bytes(UNITS_GOOD) + b" " * 2000
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=data)
    assert [(e.row, e.reason) for e in report.errors] == [
        (0, f"berkas terlalu besar ({len(data)} byte; maksimal 1024 byte)")
    ]
    assert not OrgUnit.objects.filter(code="BKPSDM").exists()


def test_units_import_records_merges_and_keeps_them_unless_the_column_says(personas):
    data = csv_bytes(
        """
kode,nama,kode_induk,jenis,berlaku_sampai,digabung_ke
DUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,,dinas,2025-12-31,DISPENDUK
DISPENDUK,Dinas Kependudukan,,dinas,,
LAMA,Kantor Lama,,kantor,2024-06-30,DISPENDUK
"""
    )
    report = units_import(actor=None, pemda=personas.pemda, file_name="m.csv", data=data)
    assert report.ok, report.errors
    assert (report.created, report.updated) == (2, 1)
    merged = dict(
        OrgUnit.objects.filter(pemda=personas.pemda, merged_into__isnull=False).values_list(
            "code", "merged_into__code"
        )
    )
    assert merged == {"DUKCAPIL": "DISPENDUK", "LAMA": "DISPENDUK"}
    # Without the column a re-import keeps the merges; with it blank, it clears them.
    data = csv_bytes("kode,nama,kode_induk,jenis\nLAMA,Kantor Lama,,kantor")
    assert units_import(actor=None, pemda=personas.pemda, file_name="k.csv", data=data).ok
    assert OrgUnit.objects.get(code="LAMA").merged_into.code == "DISPENDUK"
    data = csv_bytes("kode,nama,kode_induk,jenis,digabung_ke\nLAMA,Kantor Lama,,kantor,")
    report = units_import(actor=None, pemda=personas.pemda, file_name="c.csv", data=data)
    assert (report.ok, report.updated) == (True, 1)
    assert OrgUnit.objects.get(code="LAMA").merged_into is None


def test_units_import_refuses_bad_merges_and_stores_nothing(personas):
    before = list(OrgUnit.objects.values_list("code", "merged_into_id", "valid_to"))
    bad = """
kode,nama,kode_induk,jenis,berlaku_sampai,digabung_ke
A,Unit A,,dinas,2025-01-01,B
B,Unit B,,dinas,2025-01-01,A
C,Unit C,,dinas,2025-01-01,C
D,Unit D,,dinas,2025-01-01,NOPE
DUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,,dinas,,DINKES
"""
    report = units_import(
        actor=None, pemda=personas.pemda, file_name="bad.csv", data=csv_bytes(bad)
    )
    assert report.ok is False
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (2, "digabung_ke", "B", "penggabungan membentuk siklus: A → B → A"),
        (3, "digabung_ke", "A", "penggabungan membentuk siklus: A → B → A"),
        (4, "digabung_ke", "C", "unit tidak dapat digabung ke dirinya sendiri"),
        (
            5,
            "digabung_ke",
            "NOPE",
            "kode unit tidak dikenal: tidak ada di berkas maupun di data unit pemda ini",
        ),
        (
            6,
            "digabung_ke",
            "DINKES",
            "unit yang digabung harus punya tanggal berakhir (berlaku_sampai)",
        ),
    ]
    assert list(OrgUnit.objects.values_list("code", "merged_into_id", "valid_to")) == before


def test_units_import_refuses_a_slash_in_a_code_and_stores_nothing(personas):
    """A unit's results are addressed by its code, so a code cannot hold "/"."""
    before = OrgUnit.objects.count()
    data = (
        "kode,nama,kode_induk,jenis\nDINKES/BID-1,Bidang P2P,DINKES,bidang\nOK-2,Unit OK,,dinas\n"
    )
    report = units_import(
        actor=None, pemda=personas.pemda, file_name="unit.csv", data=csv_bytes(data)
    )
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (2, "kode", "DINKES/BID-1", "kode unit tidak boleh memuat garis miring (/)")
    ]
    assert OrgUnit.objects.count() == before
