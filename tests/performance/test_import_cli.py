"""`sikap performance import|results` as a Pemda's planner uses them: files from Excel and
spreadsheets, codes in any case, mistakes reported cell by cell and nothing stored."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from sikap.core.models import AuditLog
from sikap.performance.models import Agreement, Indicator, Realisation, Sasaran

HEADER = (
    "kode_unit,kode_sasaran,sasaran,kode_indikator,indikator,jenis,satuan,polaritas,"
    "target,target_maks,realisasi\n"
)
GOOD = HEADER + (
    "palu,S1,Meningkatnya derajat kesehatan,IKU-1,Angka harapan hidup,outcome,tahun,naik,70,,71.4\n"
    "dinkes,S1,Meningkatnya akses layanan,I-1,Cakupan ibu hamil,Outcome,%,naik,80,,92\n"
    "DINKES,S1,Meningkatnya akses layanan,I-2,Prevalensi stunting,outcome,%,TURUN,20,,25\n"
    "Dinkes,S2,Menurunnya kematian ibu,I-3,Angka kematian ibu,outcome,per 100.000,turun,7,8,9\n"
    "dukcapil,S1,Tertib administrasi kependudukan,D-1,Kepemilikan KTP-el,outcome,%,naik,90,,\n"
)


def run(*args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    try:
        call_command("performance", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), ""


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_then_results(personas, tmp_path) -> None:
    code, out, _err = run(
        "import", "--pemda", "PALU", "--year", "2024", write(tmp_path, "pk.csv", GOOD.encode()),
        "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == {
        "agreements_created": 3, "sasaran_created": 4, "indicators_created": 5,
        "indicators_updated": 0, "realisations": 4,
    }  # fmt: skip
    code, out, _err = run("results", "--pemda", "palu", "--year", "2024", "--json")
    assert code == 0
    # IKU-1: 71.4/70 = 102; I-1 115; I-2 75; S1 of DINKES (115 + 75)/2 = 95;
    # I-3: range 7–8, 9 above → 2 - 9/8 = 87.5; DINKES (95 + 87.5)/2 = 91.25
    assert json.loads(out) == {
        "units": [
            {"unit": "palu", "capaian": 102.0, "sasaran": [
                {"code": "S1", "capaian": 102.0, "indicators": [{"code": "IKU-1", "capaian": 102.0}]}]},
            {"unit": "DINKES", "capaian": 91.25, "sasaran": [
                {"code": "S1", "capaian": 95.0, "indicators": [
                    {"code": "I-1", "capaian": 115.0}, {"code": "I-2", "capaian": 75.0}]},
                {"code": "S2", "capaian": 87.5, "indicators": [{"code": "I-3", "capaian": 87.5}]}]},
            {"unit": "DUKCAPIL", "capaian": None, "sasaran": [
                {"code": "S1", "capaian": None, "indicators": [{"code": "D-1", "capaian": None}]}]},
        ]
    }  # fmt: skip
    assert Agreement.objects.get(unit=personas.opd_a).level == "opd"
    assert AuditLog.objects.filter(action="pk.import").count() == 1
    # the same file again changes nothing; a new realisasi updates one capaian
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "pk.csv", GOOD.encode()), "--json")  # fmt: skip
    assert json.loads(out)["indicators_created"] == 0
    assert json.loads(out)["indicators_updated"] == 0


def test_bad_rows_are_all_reported_and_nothing_stored(personas, tmp_path) -> None:
    bad = HEADER + (
        "dinkes,S1,Akses,I-1,Cakupan,outcome,%,naik,80,,92\n"
        "NOPE,S1,Akses,I-2,Cakupan,outcome,%,naik,80,,92\n"
        "dinkes,S1,Akses,I-3,Cakupan,hasil akhir,%,naik,abc,,92\n"
        "dinkes,S1,Akses,I-4,Cakupan,outcome,%,naik,9,8,\n"
        "dinkes,S1,Akses,i-1,Cakupan lagi,outcome,%,miring,0,,x\n"
    )
    code, out, err = run("import", "--pemda", "palu", "--year", "2024",
                         write(tmp_path, "pk.csv", bad.encode()), "--json")  # fmt: skip
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [
        (3, "kode_unit", "NOPE"),
        (4, "jenis", "hasil akhir"),
        (4, "target", "abc"),
        (5, "target_maks", "8"),
        (6, "polaritas", "miring"),
        (6, "target", "0"),
        (6, "realisasi", "x"),
    ]
    assert "tidak ada yang disimpan" in err
    assert (Agreement.objects.count(), Sasaran.objects.count(), Indicator.objects.count()) == (
        0,
        0,
        0,
    )
    assert AuditLog.objects.filter(action="pk.import").count() == 0


def test_duplicate_indicator_in_file(personas, tmp_path) -> None:
    dup = HEADER + (
        "dinkes,S1,Akses,I-1,Cakupan,outcome,%,naik,80,,\n"
        "DINKES,s1,Akses,i-1,Cakupan,outcome,%,naik,80,,\n"
    )
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "pk.csv", dup.encode()), "--json")  # fmt: skip
    assert code == 1
    assert json.loads(out)["errors"][0]["reason"] == "sudah ada di baris 2"
    assert Indicator.objects.count() == 0


def test_xlsx_with_title_rows_numbers_and_unicode(personas, tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Perjanjian Kinerja Kota Palu 2024"])
    ws.append([])
    ws.append(HEADER.strip().split(","))
    ws.append(["DINKES", "S1", "Meningkatnya layanan — ibu & anak", "I-1", "Cakupan K4 ✓",
               "outcome", "%", "naik", 80, None, 92.5])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "pk.xlsx", buf.getvalue()), "--json")  # fmt: skip
    assert code == 0, out
    ind = Indicator.objects.get()
    assert ind.name == "Cakupan K4 ✓"
    assert str(ind.capaian) == "115.63"  # 92.5 / 80 = 115.625 → half-up
    assert Realisation.objects.get().value == 92.5


def test_nul_bytes_refused_and_decimal_comma_read(personas, tmp_path) -> None:
    text = HEADER + "dinkes,S1,Akses\x00,I-1,Cakupan,outcome,%,naik,80,,92\n"
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "pk.csv", text.encode()), "--json")  # fmt: skip
    assert code == 1
    assert json.loads(out)["errors"] == [
        {"row": 0, "column": "", "value": "",
         "reason": "berkas CSV berisi karakter biner; periksa jenis berkas"}
    ]  # fmt: skip
    assert Indicator.objects.count() == 0
    text = HEADER + 'dinkes,S1,Akses,I-1,Cakupan,outcome,%,naik,"80,5",,"96,6"\n'
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "pk.csv", text.encode()), "--json")  # fmt: skip
    assert code == 0
    assert str(Indicator.objects.get().capaian) == "120.00"  # 96.6 / 80.5 = 1.2


def test_signed_pk_refuses_new_targets(personas, tmp_path) -> None:
    import datetime as dt

    from sikap.performance import domain

    run("import", "--pemda", "palu", "--year", "2024", write(tmp_path, "a.csv", GOOD.encode()))
    pk = Agreement.objects.get(unit=personas.opd_a)
    pk.holder_name = "Kepala Dinas Kesehatan"
    pk.save()
    domain.agreement_sign(actor=None, agreement=pk, signed_on=dt.date(2024, 1, 31))
    changed = GOOD.replace(
        "I-1,Cakupan ibu hamil,Outcome,%,naik,80,,92", "I-1,Cakupan ibu hamil,Outcome,%,naik,85,,93"
    )
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "b.csv", changed.encode()), "--json")  # fmt: skip
    assert code == 1
    assert json.loads(out)["errors"][0]["reason"] == (
        "PK unit ini sudah ditandatangani; ubah lewat revisi"
    )
    assert Indicator.objects.get(code="I-1").target == 80
    # realisasi alone may still be entered on a signed PK
    again = GOOD.replace(",80,,92", ",80,,96")
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "c.csv", again.encode()), "--json")  # fmt: skip
    assert code == 0
    assert str(Indicator.objects.get(code="I-1").capaian) == "120.00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("results", "--pemda", "nowhere", "--year", "2024"),
            "Pemda dengan kode 'nowhere' tidak ditemukan.",
        ),
        (("results", "--pemda", "palu", "--year", "1900"), "Tahun 1900 di luar rentang 2000–2100."),
    ],
)
def test_refusals(personas, args, message) -> None:
    code, _out, err = run(*args)
    assert (code, err) == (1, message)


def test_missing_file_and_columns(personas, tmp_path) -> None:
    code, _out, err = run("import", "--pemda", "palu", "--year", "2024", str(tmp_path / "no.csv"))
    assert code == 1 and "tidak dapat dibaca" in err
    code, out, _err = run("import", "--pemda", "palu", "--year", "2024",
                          write(tmp_path, "x.csv", b"kode_unit,foo\nDINKES,1\n"), "--json")  # fmt: skip
    assert code == 1
    reasons = {(e["column"], e["reason"]) for e in json.loads(out)["errors"]}
    assert ("target", "kolom wajib tidak ada") in reasons
    assert ("foo", "kolom tidak dikenal") in reasons


def test_recompute_and_text_results(personas, tmp_path) -> None:
    run("import", "--pemda", "palu", "--year", "2024", write(tmp_path, "pk.csv", GOOD.encode()))
    Indicator.objects.update(capaian=None)  # a stale snapshot
    code, out, _err = run("recompute", "--pemda", "palu", "--year", "2024", "--json")
    assert (code, json.loads(out)) == (0, {"indicators": 5})
    code, out, _err = run("results", "--pemda", "palu", "--year", "2024")
    assert out.splitlines()[:4] == [
        "palu: 102.00",
        "  S1: 102.00",
        "    IKU-1: 102.00",
        "DINKES: 91.25",
    ]
    assert out.splitlines()[-1] == "    D-1: —"
    assert AuditLog.objects.filter(action="performance.recompute").count() == 1
