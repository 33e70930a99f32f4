from __future__ import annotations

import datetime as dt
from io import StringIO

from sikap.org import demo
from sikap.org.models import Employee, OrgUnit
from sikap.rules.nip import parse


def test_demo_load(db):
    out = StringIO()
    pemda = demo.load(pemda=None, stdout=out)
    assert (pemda.code, pemda.name, pemda.is_demo) == (
        "palu-demo",
        "Pemerintah Kota Palu (demo)",
        True,
    )

    units = OrgUnit.objects.filter(pemda=pemda)
    assert units.count() == 99
    assert max(units.values_list("depth", flat=True)) == 3
    names = set(units.values_list("name", flat=True))
    assert {
        "Bagian Organisasi",
        "Inspektorat Daerah",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Puskesmas Kamonji",
        "Puskesmas Kawatuna",
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Sosial",
        "RSUD Anutapura",
        "Dinas Perhubungan",
        "Satuan Polisi Pamong Praja",
        "Kecamatan Palu Barat",
        "Kecamatan Tawaeli",
        "Kelurahan Lere",
    } <= names
    kamonji = units.get(name="Puskesmas Kamonji")
    assert (kamonji.kind, kamonji.parent.code) == ("puskesmas", "DINKES")
    assert units.filter(kind="kecamatan").count() == 8

    employees = Employee.objects.filter(pemda=pemda)
    assert employees.count() == 1983
    for nip, kind in employees.values_list("nip", "kind"):
        result = parse(nip)
        assert result.valid and result.kind == kind, (nip, result.errors)
    assert 0.1 < employees.filter(kind="pppk").count() / 1983 < 0.4

    # Only the Sekda is at the top; three atasan NIPs match nobody on purpose.
    without_atasan = employees.filter(atasan__isnull=True)
    assert sorted(without_atasan.values_list("jabatan", "atasan_nip")) == sorted(
        [("Sekretaris Daerah", "")]
        + [(e.jabatan, e.atasan_nip) for e in without_atasan.exclude(atasan_nip="")]
    )
    assert without_atasan.exclude(atasan_nip="").count() == 3
    assert not Employee.objects.filter(nip__in=without_atasan.values("atasan_nip")).exists()
    closed = employees.filter(unit__valid_to__lt=dt.date.today())
    assert list(closed.values_list("unit__code", "atasan__jabatan")) == [
        ("DISHUB-UPTD-PARKIR", "Kepala Dinas Perhubungan")
    ]
    kadinkes = employees.get(jabatan="Kepala Dinas Kesehatan")
    assert (kadinkes.unit.code, kadinkes.eselon, kadinkes.atasan.jabatan) == (
        "DINKES",
        "II.b",
        "Sekretaris Daerah",
    )
    kapus = employees.get(jabatan="Kepala Puskesmas Kamonji")
    assert kapus.atasan == kadinkes
    assert out.getvalue().splitlines() == [
        "demo-unit.csv: 99 dibuat, 0 diperbarui, 0 peringatan.",
        "demo-pegawai.csv: 1983 dibuat, 0 diperbarui, 4 peringatan.",
    ]


def test_demo_files_are_deterministic():
    assert demo.build_files() == demo.build_files()


def test_demo_problems_reach_the_data_quality_queue(db):
    from sikap.org import quality

    pemda = demo.load(pemda=None, stdout=None)
    employees = Employee.objects.filter(pemda=pemda)
    assert len(quality.unknown_atasan_nip(employees)) == 3
    closed = quality.employees_in_closed_units(employees, today=dt.date.today())
    assert [(issue.subject.kind, issue.subject.id) for issue in closed] == [
        ("employee", employees.get(unit__code="DISHUB-UPTD-PARKIR").pk)
    ]
