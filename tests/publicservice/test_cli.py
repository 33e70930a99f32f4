"""`sikap skm import` and `sikap skm results --json`."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from sikap.core.models import AuditLog
from sikap.publicservice.models import ServiceProduct, ServiceUnit, SkmResponse

GOOD = (
    "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,umur,jenis_kelamin,pendidikan,pekerjaan\n"
    "2024-01-15,Rawat Jalan,4,4,4,4,4,4,4,4,4,34,P,SMA,WIRAUSAHA\n"
    "2024-01-16,Rawat Jalan,3,3,3,3,3,3,3,3,3,,,,\n"
    "2024-04-02,Imunisasi,2,,2,2,2,2,2,2,,60+,L,D4-S1,PNS\n"
)


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("skm", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, text: str):
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_then_results(personas, tmp_path):
    out = run(
        "import", "--pemda", "palu", "--unit", "DINKES-PKM-KAMONJI", write(tmp_path, GOOD), "--json"
    )
    assert json.loads(out) == {
        "unit": "DINKES-PKM-KAMONJI",
        "created": 3,
        "new_products": ["Rawat Jalan", "Imunisasi"],
        "service_unit_created": True,
    }
    su = ServiceUnit.objects.get(unit=personas.puskesmas)
    assert sorted(
        ServiceProduct.objects.filter(service_unit=su).values_list("name", flat=True)
    ) == [
        "Imunisasi",
        "Rawat Jalan",
    ]
    first = SkmResponse.objects.get(submitted_on="2024-01-15")
    assert (first.age_band, first.gender, first.education, first.occupation, first.source) == (
        "30-39",
        "P",
        "SMA",
        "WIRAUSAHA",
        "paper",
    )
    assert AuditLog.objects.filter(action="skm.import").count() == 1

    result = json.loads(
        run(
            "results",
            "--pemda",
            "palu",
            "--unit",
            "DINKES-PKM-KAMONJI",
            "--period",
            "2024",
            "--json",
        )
    )
    assert result == {
        "unit": "DINKES-PKM-KAMONJI",
        "period": "2024",
        "n": 3,
        "nrr": {
            "U1": 3.0,
            "U2": 3.5,
            "U3": 3.0,
            "U4": 3.0,
            "U5": 3.0,
            "U6": 3.0,
            "U7": 3.0,
            "U8": 3.0,
            "U9": 3.5,
        },
        "ikm": 77.78,
        "category": "B",
        "label": "Baik",
    }
    text = run("results", "--pemda", "palu", "--unit", "DINKES-PKM-KAMONJI", "--period", "2024")
    assert "  U2 " in text and ": 3.50\n" in text and ": 3.00\n" in text
    # The OPD rolls up its Puskesmas; Q1 holds only the two January rows.
    opd = json.loads(
        run("results", "--pemda", "palu", "--unit", "DINKES", "--period", "2024Q1", "--json")
    )
    assert (opd["unit"], opd["period"], opd["n"], opd["ikm"], opd["category"]) == (
        "DINKES",
        "2024Q1",
        2,
        87.5,
        "B",
    )

    # A second import adds to the same service unit and product.
    run(
        "import",
        "--pemda",
        "palu",
        "--unit",
        "DINKES-PKM-KAMONJI",
        write(
            tmp_path,
            "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2024-07-01,rawat jalan,1,1,1,1,1,1,1,1,1\n",
        ),
    )
    assert ServiceUnit.objects.count() == 1
    assert ServiceProduct.objects.count() == 2
    s2 = json.loads(
        run(
            "results",
            "--pemda",
            "palu",
            "--unit",
            "DINKES-PKM-KAMONJI",
            "--period",
            "2024S2",
            "--json",
        )
    )
    assert (s2["n"], s2["ikm"], s2["category"], s2["label"]) == (1, 25.0, "D", "Tidak Baik")


def test_import_is_all_or_nothing_with_row_errors(personas, tmp_path):
    bad = (
        "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin\n"
        "2024-01-15,Rawat Jalan,4,4,4,4,4,4,4,4,4,P\n"
        "15/01/2024,Rawat Jalan,5,4,4,4,4,4,4,4,4,X\n"
        "2024-01-17,,,,,,,,,,,\n"
    )
    audit_before = AuditLog.objects.count()
    with pytest.raises(CommandError) as exc:
        run("import", "--pemda", "palu", "--unit", "DINKES-PKM-KAMONJI", write(tmp_path, bad))
    message = str(exc.value)
    assert "baris 3, kolom tanggal, nilai '15/01/2024': bukan tanggal TTTT-BB-HH" in message
    assert "baris 3, kolom U1, nilai '5': jawaban harus 1–4 atau kosong" in message
    assert "baris 3, kolom jenis_kelamin, nilai 'X'" in message
    assert "baris 4, kolom layanan, nilai '': nama layanan wajib diisi" in message
    assert "baris 4, kolom U1…U9, nilai '': tidak ada satu pun jawaban" in message
    assert SkmResponse.objects.count() == 0
    assert ServiceUnit.objects.count() == 0
    assert AuditLog.objects.count() == audit_before


def test_import_rejects_missing_columns_unknown_unit_and_pemda(personas, tmp_path):
    with pytest.raises(CommandError, match="baris 1, kolom U9, nilai '': kolom wajib tidak ada"):
        run(
            "import",
            "--pemda",
            "palu",
            "--unit",
            "DINKES",
            write(tmp_path, "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8\n"),
        )
    with pytest.raises(CommandError, match="kolom tidak dikenal"):
        run(
            "import",
            "--pemda",
            "palu",
            "--unit",
            "DINKES",
            write(tmp_path, "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,nik\n"),
        )
    with pytest.raises(CommandError, match="tidak ada di palu"):
        run("import", "--pemda", "palu", "--unit", "NOPE", write(tmp_path, GOOD))
    with pytest.raises(CommandError, match="Pemda 'nope' tidak ada"):
        run("import", "--pemda", "nope", "--unit", "DINKES", write(tmp_path, GOOD))
    # A unit of another Pemda cannot be addressed through this Pemda's code.
    with pytest.raises(CommandError):
        run("import", "--pemda", "palu", "--unit", "DG-SETDA", write(tmp_path, GOOD))
    assert SkmResponse.objects.count() == 0


def test_results_errors(personas):
    with pytest.raises(CommandError, match="Periode '2024Q5' tidak dikenal|Triwulan 5 tidak ada"):
        run("results", "--pemda", "palu", "--unit", "DINKES", "--period", "2024Q5", "--json")
    with pytest.raises(CommandError, match="tidak ada di pemda 'palu'"):
        run("results", "--pemda", "palu", "--unit", "DG-SETDA", "--period", "2024", "--json")
    empty = json.loads(
        run("results", "--pemda", "palu", "--unit", "DUKCAPIL", "--period", "2024", "--json")
    )
    assert empty == {
        "unit": "DUKCAPIL",
        "period": "2024",
        "n": 0,
        "nrr": {f"U{i}": None for i in range(1, 10)},
        "ikm": None,
        "category": None,
        "label": None,
    }
