"""`sikap rules skm FILE`: IKM from a respondent table (CSV or XLSX)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADER = "no,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"


def write_csv(tmp_path: Path, body: str, header: str = HEADER, name: str = "skm.csv") -> str:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return str(path)


def test_skm_csv_exact_json(tmp_path, rules):
    # NRR U1 = 11/3, U2 = 10/3 …, U9 = 7/2 (one blank); IKM = 31.5 / 9 × 25 = 87.50 → B.
    path = write_csv(
        tmp_path,
        "1,4,4,4,4,4,4,4,4,4\n2,3,3,3,3,3,3,3,3,3\n3,4,3,4,3,4,3,4,3,\n",
    )
    run = rules("skm", path, "--json")
    assert run.code == 0
    assert run.json == {
        "n": 3,
        "nrr": {
            "U1": 3.667,
            "U2": 3.333,
            "U3": 3.667,
            "U4": 3.333,
            "U5": 3.667,
            "U6": 3.333,
            "U7": 3.667,
            "U8": 3.333,
            "U9": 3.5,
        },
        "ikm": 87.5,
        "category": "B",
        "label": "Baik",
    }


def test_skm_semicolon_csv_and_text_output(tmp_path, rules):
    path = write_csv(tmp_path, "4;4;4;4;4;4;4;4;4\n", header="U1;U2;U3;U4;U5;U6;U7;U8;U9\n")
    run = rules("skm", path)
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].startswith("IKM 100.00 adalah A, Sangat Baik")
    assert lines[1] == "U1 Persyaratan: NRR 4.000 dari 1 jawaban"
    assert len(lines) == 10


def test_skm_xlsx(tmp_path, rules):
    wb = Workbook()
    ws = wb.active
    ws.append(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"])
    ws.append([4, 4, 4, 4, 4, 4, 4, 4, 4])
    ws.append([4.0, 3, 4, 3, 4, 3, 4, 3, 4])
    path = tmp_path / "skm.xlsx"
    wb.save(path)
    run = rules("skm", str(path), "--json")
    assert run.code == 0
    # NRR 4 / 3.5 alternating: (5 × 4 + 4 × 3.5) / 9 × 25 = 94.44 → A.
    assert run.json["ikm"] == 94.44
    assert run.json["category"] == "A"
    assert run.json["label"] == "Sangat Baik"
    assert run.json["nrr"]["U2"] == 3.5


def test_skm_bad_cells_name_row_column_value(tmp_path, rules):
    path = write_csv(
        tmp_path,
        "1,4,4,4,4,4,4,4,4,4\n2,4,5,4,4,4,4,4,4,4\n3,4,4,4,4,4,4,x,4,4\n",
    )
    run = rules("skm", path, "--json")
    assert run.code == 1
    assert run.json == {
        "error": "baris 3, kolom U2, nilai '5': harus bilangan bulat 1–4 atau kosong; "
        "baris 4, kolom U7, nilai 'x': harus bilangan bulat 1–4 atau kosong",
        "errors": [
            {
                "row": 3,
                "column": "U2",
                "value": "5",
                "reason": "harus bilangan bulat 1–4 atau kosong",
            },
            {
                "row": 4,
                "column": "U7",
                "value": "x",
                "reason": "harus bilangan bulat 1–4 atau kosong",
            },
        ],
    }
    assert run.err == run.json["error"]


def test_skm_missing_column(tmp_path, rules):
    path = write_csv(tmp_path, "4,4,4,4,4,4,4,4\n", header="U1,U2,U3,U4,U5,U6,U7,U8\n")
    run = rules("skm", path, "--json")
    assert run.code == 1
    assert run.json == {
        "error": "kolom U9 tidak ada di baris judul (dibutuhkan U1, U2, U3, U4, U5, U6, U7, U8, U9)"
    }


def test_skm_no_answers_and_missing_file(tmp_path, rules):
    path = write_csv(tmp_path, "1,,,,,,,,,\n")
    run = rules("skm", path, "--json")
    assert run.code == 1
    assert run.json == {"error": "belum ada responden yang menjawab"}
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    run = rules("skm", str(empty), "--json")
    assert run.code == 1
    assert run.json == {"error": "berkas kosong atau baris pertama (judul kolom) tidak ada"}
    run = rules("skm", str(tmp_path / "nothing.csv"), "--json")
    assert run.code == 1
    assert run.json == {"error": f"berkas {tmp_path / 'nothing.csv'} tidak ditemukan"}
    other = tmp_path / "skm.pdf"
    other.write_bytes(b"%PDF")
    run = rules("skm", str(other), "--json")
    assert run.code == 1
    assert run.json == {"error": "jenis berkas '.pdf' tidak didukung; gunakan .csv atau .xlsx"}


def test_skm_bad_cell_through_console_script(tmp_path, cli):
    path = write_csv(tmp_path, "1,4,4,4,4,4,4,4,4,abc\n")
    run = cli("skm", path)
    assert run.code == 1
    assert "baris 2, kolom U9, nilai 'abc': harus bilangan bulat 1–4 atau kosong" in run.err
