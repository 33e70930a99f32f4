"""`sikap rules ipak`: the IPAK index from item means or a respondent file (values by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

# (3.80 + 3.75 + 3.60 + 3.65 + 3.70 + 3.60 + 3.75 + 3.75) / 8 = 29.60 / 8 = 3.70;
# LKE 3.70 / 4 × 17.5 = 16.1875 → 16.19 ≥ 15.75.
MEANS = "P1=3.80,P2=3.75,P3=3.60,P4=3.65,P5=3.70,P6=3.60,P7=3.75,P8=3.75"
HEADER = "no,P1,P2,P3,P4,P5,P6,P7,P8\n"


def write_csv(tmp_path: Path, body: str, header: str = HEADER) -> str:
    path = tmp_path / "ipak.csv"
    path.write_text(header + body, encoding="utf-8")
    return str(path)


def test_means_exact_json(rules):
    run = rules("ipak", "--means", MEANS, "--json")
    assert run.code == 0
    assert run.json == {
        "version": "ipak:2021",
        "index": 3.7,
        "means": {
            "P1": 3.8, "P2": 3.75, "P3": 3.6, "P4": 3.65, "P5": 3.7, "P6": 3.6, "P7": 3.75,
            "P8": 3.75,
        },
        "confidence": "low",
        "complete": True,
        "missing": [],
        "category": None,
        "lke_points": 16.19,
        "lke_max": 17.5,
        "wbk_min": 15.75,
        "meets_wbk": True,
        "wbbm_min": 15.75,
        "meets_wbbm": True,
    }  # fmt: skip


def test_means_text_codes_in_any_case_and_decimal_comma(rules):
    # (3.5 + 3) / 2 = 3.25; LKE 3.25 / 4 × 17.5 = 14.21875 → 14.22, 1.53 short of 15.75.
    run = rules("ipak", "--means", "p1=3,5; P2 = 3", "--year", "2024")
    assert run.code == 0
    assert run.out.splitlines() == [
        "Indeks IPAK 3.25 (skala 1–4): rata-rata dari 2 rata-rata butir",
        "P1 Tanpa pungutan liar: 3.50",
        "P2 Tanpa gratifikasi: 3.00",
        "Butir tanpa nilai (tidak dihitung): P3, P4, P5, P6, P7, P8",
        "IPAK tidak memiliki kategori; LKE Zona Integritas mengubahnya menjadi poin.",
        "Nilai IPAK pada LKE ZI: 14.22 dari 17.50 poin (indeks / 4 × 17.50)",
        "WBK: nilai IPAK minimal 15.75 belum terpenuhi (kurang 1.53)",
        "WBBM: nilai IPAK minimal 15.75 belum terpenuhi (kurang 1.53)",
        "aturan ipak:2021, keyakinan rendah: butir survei bukan daftar resmi KemenPANRB",
    ]


def test_file_exact_json(tmp_path, rules):
    # P1 (4 + 3 + 2) / 3 = 3; P2…P7 (4 + 3) / 2 = 3.5; P8 4 / 1 = 4 (two blanks);
    # index (3 + 6 × 3.5 + 4) / 8 = 3.5; LKE 3.5 / 4 × 17.5 = 15.3125 → 15.31 < 15.75.
    path = write_csv(tmp_path, "1,4,4,4,4,4,4,4,4\n2,3,3,3,3,3,3,3,\n3,2,,,,,,,\n")
    run = rules("ipak", path, "--json")
    assert run.code == 0
    assert run.json == {
        "version": "ipak:2021",
        "n": 3,
        "index": 3.5,
        "means": {
            "P1": 3.0, "P2": 3.5, "P3": 3.5, "P4": 3.5, "P5": 3.5, "P6": 3.5, "P7": 3.5,
            "P8": 4.0,
        },
        "confidence": "low",
        "complete": True,
        "missing": [],
        "category": None,
        "lke_points": 15.31,
        "lke_max": 17.5,
        "wbk_min": 15.75,
        "meets_wbk": False,
        "wbbm_min": 15.75,
        "meets_wbbm": False,
    }  # fmt: skip
    lines = rules("ipak", path).out.splitlines()
    assert lines[0] == (
        "Indeks IPAK 3.50 (skala 1–4) dari 3 responden: rata-rata dari rata-rata butir"
    )
    assert lines[1] == "P1 Tanpa pungutan liar: 3.00 dari 3 jawaban"
    assert lines[8] == "P8 Tindak lanjut pengaduan: 4.00 dari 1 jawaban"


def test_file_xlsx(tmp_path, rules):
    wb = Workbook()
    ws = wb.active
    ws.append(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"])
    ws.append([4, 4, 4, 4, 4, 4, 4, 4])
    ws.append([4.0, 3, 3, 3, 3, 3, 3, 3])
    path = tmp_path / "ipak.xlsx"
    wb.save(path)
    # P1 4, P2…P8 3.5 → (4 + 7 × 3.5) / 8 = 28.5 / 8 = 3.5625 → 3.56 (half-up)
    run = rules("ipak", str(path), "--json")
    assert (run.code, run.json["n"], run.json["index"]) == (0, 2, 3.56)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("--means", "P1=4.5"), "rata-rata P1 4.5 di luar skala 1–4"),
        (("--means", "P1=0"), "rata-rata P1 0 di luar skala 1–4"),
        (("--means", "P1=tiga"), "Rata-rata P1 harus berupa angka, bukan 'tiga'"),
        (("--means", "P1=inf"), "Rata-rata P1 harus berupa angka, bukan 'inf'"),
        (("--means", "P9=3"), "butir 'P9' tidak dikenal; pilih P1, P2, P3, P4, P5, P6, P7, P8"),
        (("--means", "P1=3,p1=4"), "butir P1 diisi dua kali"),
        (("--means", "3.5"), "isian '3.5' harus berbentuk KODE=nilai, mis. P1=3.80 (pakai ; "
                             "di antara isian bila desimal ditulis dengan koma)"),
        (("--means", "P1=3,80"), "isian '80' harus berbentuk KODE=nilai, mis. P1=3.80 (pakai ; "
                                 "di antara isian bila desimal ditulis dengan koma)"),
        (("--means", ""), "belum ada rata-rata butir IPAK yang diisi"),
        (("--means", "P1=3", "--year", "2019"),
         "ipak: tidak ada versi aturan untuk tahun 2019 (tersedia: ipak:2021 (2021–))"),
        ((), "berikan berkas responden atau --means, salah satu saja"),
        (("x.csv", "--means", "P1=3"), "berikan berkas responden atau --means, salah satu saja"),
    ],
)  # fmt: skip
def test_invalid_input_exits_1_with_reason(rules, args, error):
    run = rules("ipak", *args, "--json")
    assert (run.code, run.json) == (1, {"error": error})
    assert rules("ipak", *args).err == error


def test_file_errors_name_row_column_and_value(tmp_path, rules):
    path = write_csv(tmp_path, "1,4,4,4,4,4,4,4,4\n2,5,4,4,4,4,4,4,x\n")
    run = rules("ipak", path, "--json")
    assert run.code == 1
    assert run.json["errors"] == [
        {"row": 3, "column": "P1", "value": "5", "reason": "harus bilangan bulat 1–4 atau kosong"},
        {"row": 3, "column": "P8", "value": "x", "reason": "harus bilangan bulat 1–4 atau kosong"},
    ]
    run = rules("ipak", write_csv(tmp_path, "1,4\n", header="no,P1\n"))
    assert run.code == 1
    assert run.err == (
        "kolom P2, P3, P4, P5, P6, P7, P8 tidak ada di baris judul "
        "(dibutuhkan P1, P2, P3, P4, P5, P6, P7, P8)"
    )
    run = rules("ipak", str(tmp_path / "missing.csv"))
    assert run.code == 1 and "tidak ditemukan" in run.err


def test_usage_errors_exit_2_without_traceback(cli):
    run = cli("ipak", "--means", "P1=3", "--year", "dua ribu")
    assert run.code == 2
    assert "argument --year: invalid int value: 'dua ribu'" in run.err
    assert "Traceback" not in run.err
    run = cli("ipak", "--means", "P1=9")
    assert run.code == 1
    assert "rata-rata P1 9 di luar skala 1–4" in run.err
    assert "Traceback" not in run.err


def test_item_means_shown_rounded_half_up(rules):
    # (3.125 + 3.135) / 2 = 3.13; shown 3.13 and 3.14 (half-even would show 3.12);
    # LKE 3.13 / 4 × 17.5 = 13.69375 → 13.69, 2.06 short of 15.75.
    run = rules("ipak", "--means", "P1=3.125,P2=3.135")
    lines = run.out.splitlines()
    assert lines[:3] == [
        "Indeks IPAK 3.13 (skala 1–4): rata-rata dari 2 rata-rata butir",
        "P1 Tanpa pungutan liar: 3.13",
        "P2 Tanpa gratifikasi: 3.14",
    ]
    assert "WBK: nilai IPAK minimal 15.75 belum terpenuhi (kurang 2.06)" in lines
    data = rules("ipak", "--means", "P1=3.125,P2=3.135", "--json").json
    assert (data["means"], data["lke_points"]) == ({"P1": 3.125, "P2": 3.135}, 13.69)
