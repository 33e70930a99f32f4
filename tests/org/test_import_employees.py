from __future__ import annotations

import datetime as dt

from sikap.core.models import AuditLog
from sikap.org.domain import employees_import
from sikap.org.models import Employee, OrgUnit
from sikap.rules.nip import make_pns_nip
from tests.factories import make_unit
from tests.org.conftest import (
    DUKCAPIL_STAF,
    EMPLOYEES_GOOD,
    EMPLOYEES_HEADER,
    GHOST,
    KADIS,
    KAPUS,
    STAF,
    csv_bytes,
    xlsx_bytes,
)


def rows(pemda, skip):
    return [
        (
            e.nip,
            e.name,
            e.kind,
            e.gender,
            e.birth_date,
            e.unit.code,
            e.jabatan,
            e.jenis_jabatan,
            e.eselon,
            e.golongan,
            e.email,
            e.atasan.nip if e.atasan else None,
            e.atasan_nip,
        )
        for e in Employee.objects.filter(pemda=pemda)
        .select_related("unit", "atasan")
        .exclude(pk=skip.pk)
        .order_by("nip")
    ]


def test_employees_import_creates_with_atasan_chain(personas):
    before = Employee.objects.count()
    report = employees_import(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        file_name="pegawai.csv",
        data=csv_bytes(EMPLOYEES_GOOD),
    )
    assert report.ok, report.errors
    assert (report.rows, report.created, report.updated, report.unchanged) == (4, 4, 0, 0)
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(5, "nip_atasan", GHOST)]
    assert Employee.objects.count() == before + 4
    assert rows(personas.pemda, personas.employee) == sorted(
        [
            (
                STAF,
                "Nur Aisyah",
                "pppk",
                "P",
                dt.date(1995, 8, 9),
                "DINKES-PKM-KAMONJI",
                "Perawat Ahli Pertama",
                "fungsional",
                "",
                "IX",
                "nur@palukota.go.id",
                KAPUS,
                KAPUS,
            ),
            (
                KAPUS,
                "dr. Siti Rahma, M.Kes",
                "pns",
                "P",
                dt.date(1980, 2, 29),
                "DINKES-PKM-KAMONJI",
                "Kepala Puskesmas",
                "struktural",
                "IV.a",
                "III/d",
                "",
                KADIS,
                KADIS,
            ),
            (
                KADIS,
                "Dr. Andi Mappaware, S.KM",
                "pns",
                "L",
                dt.date(1972, 5, 17),
                "DINKES",
                "Kepala Dinas Kesehatan",
                "struktural",
                "II.b",
                "IV/c",
                "",
                None,
                "",
            ),
            (
                DUKCAPIL_STAF,
                "Moh. Rizal",
                "pns",
                "L",
                dt.date(1990, 12, 1),
                "DUKCAPIL",
                "Pengelola Data",
                "pelaksana",
                "",
                "II/c",
                "",
                None,
                GHOST,
            ),
        ]
    )
    log = AuditLog.objects.get(action="org.employees_import")
    assert (log.after["created"], log.after["updated"], log.after["warnings"]) == (4, 0, 1)


def test_employees_reimport_updates_without_duplicates(personas):
    employees_import(
        actor=None, pemda=personas.pemda, file_name="p.csv", data=csv_bytes(EMPLOYEES_GOOD)
    )
    count = Employee.objects.count()
    changed = EMPLOYEES_GOOD.replace("Kepala Puskesmas", "Kepala Puskesmas Kamonji").replace(
        f"Moh. Rizal,Dinas Kependudukan dan Pencatatan Sipil,PNS,Pengelola Data,{GHOST}",
        f"Moh. Rizal,DUKCAPIL,PNS,Pengelola Data,{KADIS}",
    )
    report = employees_import(
        actor=None, pemda=personas.pemda, file_name="p2.csv", data=csv_bytes(changed)
    )
    assert (report.ok, report.created, report.updated, report.unchanged) == (True, 0, 2, 2)
    assert report.warnings == ()
    assert Employee.objects.count() == count
    kapus = Employee.objects.get(pemda=personas.pemda, nip=KAPUS)
    rizal = Employee.objects.get(pemda=personas.pemda, nip=DUKCAPIL_STAF)
    assert kapus.jabatan == "Kepala Puskesmas Kamonji"
    assert (rizal.atasan.nip, rizal.atasan_nip) == (KADIS, KADIS)
    log = AuditLog.objects.filter(action="org.employees_import").first()
    assert log.after["changes"] == [
        {
            "nip": KAPUS,
            "before": {"jabatan": "Kepala Puskesmas"},
            "after": {"jabatan": "Kepala Puskesmas Kamonji"},
        },
        {
            "nip": DUKCAPIL_STAF,
            "before": {"atasan_id": None, "atasan_nip": GHOST},
            "after": {"atasan_id": kapus.atasan_id, "atasan_nip": KADIS},
        },
    ]


def test_employees_import_siasn_headers_xlsx(personas):
    data = xlsx_bytes(
        [
            [
                "NIP BARU",
                "NAMA",
                "JABATAN NAMA",
                "UNOR ID",
                "KEDUDUKAN HUKUM",
                "GOL AKHIR NAMA",
                "JENIS JABATAN NAMA",
                "ESELON NAMA",
                "NIP ATASAN",
                "EMAIL",
                "JENIS KELAMIN",
            ],
            [
                f"'{KADIS[:8]} {KADIS[8:14]} {KADIS[14]} {KADIS[15:]}",
                "Andi",
                "Kepala Dinas",
                "DINKES",
                "PNS",
                "IV/c",
                "Jabatan Struktural",
                "II.b",
                None,
                "andi@palukota.go.id",
                "Laki-laki",
            ],
            [
                STAF,
                "Nur",
                "Pengadministrasi Umum",
                "DINKES-PKM-KAMONJI",
                "PPPK",
                "V",
                "Jabatan Fungsional Umum",
                None,
                KADIS,
                None,
                "Wanita",
            ],
        ]
    )
    report = employees_import(actor=None, pemda=personas.pemda, file_name="siasn.xlsx", data=data)
    assert report.ok, report.errors
    assert report.created == 2
    staf = Employee.objects.get(pemda=personas.pemda, nip=STAF)
    assert (staf.kind, staf.jenis_jabatan, staf.golongan, staf.gender, staf.atasan.nip) == (
        "pppk",
        "pelaksana",
        "V",
        "P",
        KADIS,
    )
    andi = Employee.objects.get(pemda=personas.pemda, nip=KADIS)
    assert (andi.unit.code, andi.eselon, andi.email, andi.gender) == (
        "DINKES",
        "II.b",
        "andi@palukota.go.id",
        "L",
    )


def test_employees_import_semicolon_csv_with_unit_names(personas):
    data = csv_bytes(
        "NIP;Nama;Unor Nama;Jenis Pegawai;Nama Jabatan;NIP_ATASAN\n"
        f"{KADIS};Andi;dinas  kesehatan;PNS;Kepala Dinas;\n",
        bom=True,
    )
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.CSV", data=data)
    assert (report.ok, report.created) == (True, 1)
    assert Employee.objects.get(nip=KADIS).unit == personas.opd_a


def test_employees_import_reports_every_bad_row_and_stores_nothing(personas):
    make_unit(personas.pemda, "DUP1", "Unit Kembar", "seksi")
    make_unit(personas.pemda, "DUP2", "Unit Kembar", "seksi")
    before = (Employee.objects.count(), OrgUnit.objects.count(), AuditLog.objects.count())
    cycle_a = make_pns_nip(dt.date(1970, 1, 1), dt.date(1995, 1, 1), "L", 11)
    cycle_b = make_pns_nip(dt.date(1970, 1, 1), dt.date(1995, 1, 1), "L", 12)
    bad = f"""
{EMPLOYEES_HEADER}
123,Pendek,DINKES,PNS,Staf,,,,,,
{KADIS},Andi,DINKES,PPPK,Kepala,,,,,,
{STAF},Nur,NOWHERE,PPPK,Staf,,,,,,
{KAPUS},,DINKES,PNS,Staf,,,,,,
{KADIS},Andi Lagi,DINKES,,Kepala,,,,,,
{DUKCAPIL_STAF},Rizal,DUKCAPIL,PNS,Staf,{DUKCAPIL_STAF},,,,,
{cycle_a},A,DINKES,PNS,Staf,{cycle_b},,,,,
{cycle_b},B,DINKES,PNS,Staf,{cycle_a},,,,,
{GHOST},Ghost,Unit Kembar,Honorer,Staf,,Juru,,,bukan-email,X
{make_pns_nip(dt.date(1970, 1, 1), dt.date(1995, 1, 1), "L", 13)},C,DINKES,PNS,Staf,Pak Wali,,,,,
"""
    report = employees_import(
        actor=None, pemda=personas.pemda, file_name="bad.csv", data=csv_bytes(bad)
    )
    assert report.ok is False
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "nip", "123"),
        (3, "jenis_pegawai", "PPPK"),
        (4, "kode_unit", "NOWHERE"),
        (5, "nama", ""),
        (6, "nip", KADIS),
        (7, "nip_atasan", DUKCAPIL_STAF),
        (8, "nip_atasan", cycle_b),
        (9, "nip_atasan", cycle_a),
        (10, "jenis_pegawai", "Honorer"),
        (10, "kode_unit", "Unit Kembar"),
        (10, "jenis_jabatan", "Juru"),
        (10, "email", "bukan-email"),
        (10, "jenis_kelamin", "X"),
        (11, "nip_atasan", "Pak Wali"),
    ]
    reasons = [e.reason for e in report.errors]
    assert reasons[0] == "NIP harus 18 digit, bukan 3"
    assert reasons[1] == f"NIP {KADIS} berformat PNS, tidak cocok dengan jenis pegawai PPPK"
    assert reasons[4] == "NIP ganda; sudah dipakai di baris 3"
    assert reasons[5] == "atasan tidak boleh pegawai itu sendiri"
    assert reasons[6] == f"rantai atasan membentuk siklus: {cycle_a} → {cycle_b} → {cycle_a}"
    assert reasons[9] == "nama unit cocok dengan 2 unit; gunakan kode unit"
    assert (Employee.objects.count(), OrgUnit.objects.count(), AuditLog.objects.count()) == before


def test_employees_import_bad_nip_reason_from_rules(personas):
    bad_date = "19851332" + "201001" + "1" + "001"
    data = csv_bytes(f"{EMPLOYEES_HEADER}\n{bad_date},X,DINKES,PNS,Staf,,,,,,")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (
            2,
            "nip",
            bad_date,
            "digit 1–8 (tanggal lahir) 19851332 bukan tanggal yang sah (format TTTTBBHH)",
        )
    ]


def test_employees_import_missing_column(personas):
    data = csv_bytes(f"nip,nama,kode_unit,jabatan,nip_atasan\n{KADIS},Andi,DINKES,Kepala,")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert [(e.row, e.column, e.value) for e in report.errors] == [(1, "jenis_pegawai", "")]
    assert not Employee.objects.filter(nip=KADIS).exists()


def test_employees_import_closed_unit_is_a_warning(personas):
    OrgUnit.objects.filter(pk=personas.opd_b.pk).update(valid_to=dt.date(2020, 12, 31))
    data = csv_bytes(f"{EMPLOYEES_HEADER}\n{DUKCAPIL_STAF},Rizal,DUKCAPIL,PNS,Staf,,,,,,")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert report.ok
    assert [(w.row, w.column, w.reason) for w in report.warnings] == [
        (2, "kode_unit", "unit sudah tidak berlaku sejak 2020-12-31")
    ]


def test_employees_import_only_reaches_own_pemda(personas):
    # A unit code of another Pemda is unknown here, and an employee of that Pemda is no atasan.
    data = csv_bytes(f"{EMPLOYEES_HEADER}\n{KADIS},Andi,DG-SETDA,PNS,Kepala,,,,,,")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="p.csv", data=data)
    assert [(e.row, e.column, e.value) for e in report.errors] == [(2, "kode_unit", "DG-SETDA")]


def test_employees_import_reports_progress(personas):
    calls = []
    employees_import(
        actor=None,
        pemda=personas.pemda,
        file_name="p.csv",
        data=csv_bytes(EMPLOYEES_GOOD),
        progress=lambda done, total, message: calls.append((done, total, message)),
    )
    assert calls[0] == (0, 0, "Membaca berkas")
    assert calls[-1] == (8, 8, "Menyimpan pegawai")


def test_employees_import_finds_header_below_a_title(personas):
    data = xlsx_bytes(
        [
            ["DAFTAR PEGAWAI PEMERINTAH KOTA PALU"],
            [],
            ["NIP BARU", "NAMA", "UNOR ID", "JENIS PEGAWAI", "JABATAN NAMA", "NIP ATASAN"],
            [KADIS, "Andi", "DINKES", "PNS", "Kepala Dinas", None],
            [STAF, "Nur", "DINKES", "PPPK", "Perawat", GHOST],
        ]
    )
    report = employees_import(actor=None, pemda=personas.pemda, file_name="siasn.xlsx", data=data)
    assert (report.ok, report.created) == (True, 2)
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(5, "NIP ATASAN", GHOST)]


def test_kedudukan_hukum_status_falls_back_to_nip_layout(personas):
    data = csv_bytes(
        "NIP BARU,NAMA,KODE UNOR,KEDUDUKAN HUKUM NAMA,NAMA JABATAN,NIP ATASAN\n"
        f"{KADIS},Andi,DINKES,Aktif,Kepala Dinas,\n"
        f"{STAF},Nur,DINKES,PPPK,Perawat,{KADIS}\n"
        f"{KAPUS},Siti,DINKES,PPPK,Dokter,{KADIS}\n"
    )
    report = employees_import(actor=None, pemda=personas.pemda, file_name="siasn.csv", data=data)
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (4, "KEDUDUKAN HUKUM NAMA", "PPPK")
    ]
    data = data.replace(b"Siti,DINKES,PPPK", b"Siti,DINKES,Aktif")
    report = employees_import(actor=None, pemda=personas.pemda, file_name="siasn.csv", data=data)
    assert report.ok
    assert dict(
        Employee.objects.filter(nip__in=[KADIS, STAF, KAPUS]).values_list("nip", "kind")
    ) == {
        KADIS: "pns",
        STAF: "pppk",
        KAPUS: "pns",
    }
