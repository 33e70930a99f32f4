"""Unit kinds: the words Pemda files use are accepted, and a refusal names the accepted ones."""

from __future__ import annotations

import pytest

from sikap.org.domain import units_import
from sikap.org.models import OrgUnit
from tests.org.conftest import csv_bytes

ACCEPTED = (
    "Sekretariat Daerah, Dinas, Badan, Inspektorat, Kantor / Satuan, RSUD, Kecamatan, "
    "Kelurahan / Desa, Bagian, Bidang, Sub Bagian, Seksi, UPT / UPTD, Puskesmas, Sekolah, "
    "Lainnya; OPD"
)


@pytest.mark.parametrize(
    ("jenis", "kind"),
    [
        ("Dinas", "dinas"),
        ("BADAN", "badan"),
        ("sekretariat", "setda"),
        ("Sekretariat Daerah", "setda"),
        ("Inspektorat", "inspektorat"),
        ("KECAMATAN", "kecamatan"),
        ("UPTD", "upt"),
        ("upt", "upt"),
        ("Unit Pelaksana Teknis Daerah", "upt"),
        ("Puskesmas", "puskesmas"),
        ("rsud", "rsud"),
        ("Rumah Sakit", "rsud"),
        ("Kelurahan", "kelurahan"),
        ("desa", "kelurahan"),
        ("Bidang", "bidang"),
        ("Seksi", "seksi"),
        ("SubBagian", "subbagian"),
        ("Sub Bagian", "subbagian"),
        ("subbag", "subbagian"),
        ("Satpol PP", "kantor"),
    ],
)
def test_kind_synonyms_in_any_case(personas, jenis, kind):
    data = csv_bytes(f"kode,nama,kode_induk,jenis\nX1,Unit X,,{jenis}")
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=data)
    assert (report.ok, report.warnings) == (True, ())
    assert OrgUnit.objects.get(pemda=personas.pemda, code="X1").kind == kind


def test_opd_takes_its_kind_from_the_name_and_says_so(personas):
    data = csv_bytes(
        "kode,nama,kode_induk,jenis\n"
        "D1,Dinas Pendidikan,,OPD\n"
        "B1,Badan Pendapatan Daerah,,opd\n"
        "K1,Kecamatan Palu Barat,,Perangkat Daerah\n"
        "S1,Satuan Polisi Pamong Praja,,OPD\n"
        "R1,Rumah Sakit Umum Daerah Anutapura,,OPD\n"
        "O1,Kesatuan Bangsa dan Politik,,OPD"
    )
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=data)
    assert report.ok
    kinds = dict(
        OrgUnit.objects.filter(code__in=["D1", "B1", "K1", "S1", "R1", "O1"]).values_list(
            "code", "kind"
        )
    )
    assert kinds == {
        "D1": "dinas",
        "B1": "badan",
        "K1": "kecamatan",
        "S1": "kantor",
        "R1": "rsud",
        "O1": "kantor",
    }
    assert [(w.row, w.column, w.value, w.reason) for w in report.warnings] == [
        (2, "jenis", "OPD", "jenis dibaca dari nama unit: Dinas"),
        (3, "jenis", "opd", "jenis dibaca dari nama unit: Badan"),
        (4, "jenis", "Perangkat Daerah", "jenis dibaca dari nama unit: Kecamatan"),
        (5, "jenis", "OPD", "jenis dibaca dari nama unit: Kantor / Satuan"),
        (6, "jenis", "OPD", "jenis dibaca dari nama unit: RSUD"),
        (7, "jenis", "OPD", "jenis dibaca dari nama unit: Kantor / Satuan"),
    ]


def test_unknown_kind_names_the_accepted_values(personas):
    before = OrgUnit.objects.count()
    data = csv_bytes("kode,nama,kode_induk,jenis\nX1,Unit X,,Direktorat\nX2,Unit Y,,")
    report = units_import(actor=None, pemda=personas.pemda, file_name="u.csv", data=data)
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (2, "jenis", "Direktorat", f"jenis unit tidak dikenal; gunakan salah satu: {ACCEPTED}"),
        (3, "jenis", "", "jenis unit wajib diisi"),
    ]
    assert OrgUnit.objects.count() == before
