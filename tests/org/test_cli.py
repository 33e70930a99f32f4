from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.core.models import AuditLog
from sikap.org.models import Employee, OrgUnit, Pemda
from tests.org.conftest import EMPLOYEES_GOOD, EMPLOYEES_HEADER, KADIS, STAF, csv_bytes


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_pemda_create(db):
    out, _ = run(
        "pemda",
        "create",
        "--code",
        "Sigi",
        "--name",
        "Pemerintah Kabupaten Sigi",
        "--level",
        "kabupaten",
    )
    pemda = Pemda.objects.get(code="Sigi")  # kept as typed
    assert (pemda.name, pemda.level, pemda.time_zone) == (
        "Pemerintah Kabupaten Sigi",
        "kabupaten",
        "Asia/Makassar",
    )
    assert out == f"Pemda Sigi dibuat: Pemerintah Kabupaten Sigi (id {pemda.pk}).\n"
    assert AuditLog.objects.get(action="pemda.create").actor_label == "cli"


def test_pemda_create_json_and_duplicate(db):
    out, _ = run(
        "pemda",
        "create",
        "--code",
        "sigi",
        "--name",
        "Sigi",
        "--time-zone",
        "Asia/Jakarta",
        "--json",
    )
    assert json.loads(out)["time_zone"] == "Asia/Jakarta"
    with pytest.raises(CommandError, match="Pemda dengan kode sigi sudah ada."):
        run("pemda", "create", "--code", "sigi", "--name", "Sigi lagi")
    assert Pemda.objects.filter(code="sigi").count() == 1


def test_import_units_cli(personas, tmp_path):
    path = tmp_path / "unit.csv"
    path.write_bytes(
        csv_bytes(
            "kode,nama,kode_induk,jenis\nSETDA,Sekretariat Daerah,,setda\nORG,Bagian Organisasi,SETDA,bagian"
        )
    )
    out, err = run("import", "units", "--pemda", "palu", str(path))
    assert out == "unit.csv: 2 baris; 2 dibuat, 0 diperbarui, 0 tidak berubah, 0 peringatan.\n"
    assert "\r[" in err and err.endswith("\n")
    assert OrgUnit.objects.get(code="ORG").parent.code == "SETDA"


def test_import_employees_cli_json(personas, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(EMPLOYEES_GOOD))
    out, err = run("import", "employees", "--pemda", "palu", str(path), "--json", "--no-progress")
    report = json.loads(out)
    assert (report["ok"], report["created"], report["warning_count"]) == (True, 4, 1)
    assert err == ""


def test_import_employees_cli_errors_exit_nonzero_and_store_nothing(personas, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(
        csv_bytes(
            f"{EMPLOYEES_HEADER}\n{KADIS},Andi,DINKES,PPPK,Kepala,,,,,,\n{STAF},Nur,NOWHERE,PPPK,Staf,,,,,,"
        )
    )
    before = Employee.objects.count()
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import", "employees", "--pemda", "palu", str(path), stdout=out, stderr=StringIO()
        )
    assert str(exc.value) == "Impor dibatalkan: 2 kesalahan; tidak ada data yang disimpan."
    assert out.getvalue().splitlines() == [
        f"baris 2, kolom jenis_pegawai, nilai 'PPPK': NIP {KADIS} berformat PNS, tidak cocok dengan jenis pegawai PPPK",
        "baris 3, kolom kode_unit, nilai 'NOWHERE': unit tidak dikenal: tidak ada unit dengan kode atau nama ini di pemda ini",
    ]
    assert Employee.objects.count() == before


def test_import_cli_json_errors(personas, tmp_path):
    path = tmp_path / "unit.txt"
    path.write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import", "units", "--pemda", "palu", str(path), "--json", stdout=out, stderr=StringIO()
        )
    report = json.loads(out.getvalue())
    assert (report["ok"], report["errors"]) == (
        False,
        [{"row": 0, "column": "", "value": "", "reason": "berkas kosong"}],
    )


def test_import_cli_unknown_pemda_and_missing_file(personas, tmp_path):
    with pytest.raises(CommandError, match="Pemda dengan kode 'nope' tidak ditemukan."):
        run("import", "units", "--pemda", "nope", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run("import", "units", "--pemda", "palu", str(tmp_path / "x.csv"))


def test_pemda_create_drops_control_characters_from_arguments(db):
    # A terminal paste can carry escape sequences; argv cannot carry NUL, but a caller of
    # call_command can.
    run("pemda", "create", "--code", "sigi\x1b", "--name", "Pemerintah\x00 Kabupaten Sigi\x07")
    assert list(Pemda.objects.values_list("code", "name")) == [
        ("sigi", "Pemerintah Kabupaten Sigi")
    ]
