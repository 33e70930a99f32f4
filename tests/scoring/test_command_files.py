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
    assert run.json == {"error": "berkas kosong"}
    run = rules("skm", str(tmp_path / "nothing.csv"), "--json")
    assert run.code == 1
    assert run.json == {"error": f"berkas {tmp_path / 'nothing.csv'} tidak ditemukan"}
    other = tmp_path / "skm.pdf"
    other.write_bytes(b"%PDF")
    run = rules("skm", str(other), "--json")
    assert run.code == 1
    assert run.json == {"error": "jenis berkas tidak didukung (skm.pdf); gunakan .csv atau .xlsx"}


def test_skm_bad_cell_through_console_script(tmp_path, cli):
    path = write_csv(tmp_path, "1,4,4,4,4,4,4,4,4,abc\n")
    run = cli("skm", path)
    assert run.code == 1
    assert "baris 2, kolom U9, nilai 'abc': harus bilangan bulat 1–4 atau kosong" in run.err


def lke_csv(tmp_path: Path, extra: str = "", answers: dict[str, str] | None = None) -> str:
    from sikap.rules import zi

    best = {"ya/tidak": "Ya", "abc": "A", "abcd": "A", "abcde": "A", "persen": "100%"}
    answers = answers or {}
    lines = ["kode,jawaban"]
    lines += [f"{i.code},{answers.get(i.code, best[i.answer_type])}" for i in zi.ITEMS]
    return write_csv(tmp_path, "\n".join(lines[1:]) + "\n" + extra, header=lines[0] + "\n")


def test_zi_full_marks_meets_wbk_not_wbbm(tmp_path, rules):
    path = lke_csv(tmp_path, "IPAK,16\nIPKP,15\n")
    run = rules("zi", path, "--capaian", "3.5", "--json")
    assert run.code == 0
    data = run.json
    assert {k: data[k] for k in ("version", "total", "pengungkit", "hasil", "category")} == {
        "version": "zi:2021",
        "total": 94.5,
        "pengungkit": 60.0,
        "hasil": 34.5,
        "category": "WBK",
    }
    assert data["areas"]["PW"] == {
        "name": "Penguatan Pengawasan",
        "weight": 15.0,
        "pemenuhan": 7.5,
        "reform": 7.5,
        "total": 15.0,
        "percent": 100.0,
    }
    assert data["wbk"] == {"passed": True, "confidence": "medium", "shortfalls": []}
    assert data["wbbm"] == {
        "passed": False,
        "confidence": "low",
        "shortfalls": [
            {
                "rule": "capaian_kinerja",
                "actual": 3.5,
                "required": 3.75,
                "missing": 0.25,
                "message": "Capaian kinerja 3.50 < 3.75 (kurang 0.25)",
            },
            {
                "rule": "pelayanan_prima",
                "actual": 15.0,
                "required": 15.75,
                "missing": 0.75,
                "message": "Pelayanan publik prima 15.00 < 15.75 (kurang 0.75)",
            },
        ],
    }
    assert data["unanswered"] == []
    text = rules("zi", path, "--capaian", "3.5").out.splitlines()
    assert text[0] == (
        "Nilai LKE 94.50: Memenuhi syarat WBK; untuk WBBM: Capaian kinerja 3.50 < 3.75 "
        "(kurang 0.25); Pelayanan publik prima 15.00 < 15.75 (kurang 0.75)"
    )
    assert "WBBM: belum memenuhi syarat (ambang berkeyakinan rendah)" in text


def test_zi_inputs_as_options_and_index_scale(tmp_path, rules):
    path = lke_csv(tmp_path)
    # Survey indices 3.6 and 3.2 on the 1–4 scale are exactly the WBK minimums 15.75 and 14.
    run = rules(
        "zi", path, "--ipak", "3.6", "--ipkp", "3.2", "--capaian", "2.5",
        "--survey-scale", "index", "--json",
    )  # fmt: skip
    assert run.code == 0
    assert (run.json["ipak"], run.json["ipkp"], run.json["total"]) == (15.75, 14.0, 92.25)
    assert run.json["wbk"]["passed"] is True


def test_zi_shortfalls_per_area(tmp_path, rules):
    from sikap.rules import zi

    worst = {"ya/tidak": "Tidak", "abc": "C", "abcd": "D", "abcde": "E", "persen": "0%"}
    weak = {i.code: worst[i.answer_type] for i in zi.ITEMS if i.code.startswith("MP.")}
    path = lke_csv(tmp_path, "IPAK,17\nIPKP,15\nCAPAIAN_KINERJA,4\n", answers=weak)
    run = rules("zi", path, "--json")
    assert run.code == 0
    assert (run.json["total"], run.json["pengungkit"], run.json["category"]) == (88.0, 52.0, "-")
    assert run.json["label"] == "Belum memenuhi syarat WBK"
    assert run.json["areas"]["MP"]["total"] == 0.0
    assert run.json["wbk"]["shortfalls"] == [
        {
            "rule": "area:MP",
            "actual": 0.0,
            "required": 4.8,
            "missing": 4.8,
            "message": "Area Manajemen Perubahan (60% dari 8.00) 0.00 < 4.80 (kurang 4.80)",
        }
    ]


def test_zi_bad_rows_name_row_column_value(tmp_path, rules):
    path = write_csv(
        tmp_path,
        "MP.P.1.a,Mungkin\nXX.1,A\nMP.P.1.a,Ya\nIPAK,\nAK.R.1.a,banyak\nIPKP,tinggi\n"
        "AK.R.1.a.1,dua\n",
        header="kode,jawaban\n",
    )
    run = rules("zi", path, "--json")
    assert run.code == 1
    assert [(e["row"], e["column"], e["value"]) for e in run.json["errors"]] == [
        (2, "jawaban", "Mungkin"),
        (3, "kode", "XX.1"),
        (4, "kode", "MP.P.1.a"),
        (6, "jawaban", "banyak"),
        (7, "jawaban", "tinggi"),
        (8, "jawaban", "dua"),
    ]
    reasons = [e["reason"] for e in run.json["errors"]]
    assert reasons[0] == "jawaban 'Mungkin' untuk MP.P.1.a harus salah satu dari Ya, Tidak"
    assert reasons[1] == "kode butir LKE tidak dikenal"
    assert reasons[2] == "kode sudah ada di baris 2"
    assert reasons[3] == "AK.R.1.a harus berupa angka, bukan 'banyak'"
    assert reasons[4] == "IPKP harus berupa angka, bukan 'tinggi'"
    assert reasons[5] == "AK.R.1.a.1 harus berupa angka, bukan 'dua'"


def test_zi_missing_inputs_and_conflicts(tmp_path, rules):
    path = lke_csv(tmp_path, "IPAK,16\n")
    run = rules("zi", path, "--ipkp", "15", "--json")
    assert (run.code, run.json) == (
        1,
        {
            "error": "CAPAIAN_KINERJA belum diisi: tambahkan baris kode=CAPAIAN_KINERJA "
            "atau pilihan --capaian"
        },
    )
    run = rules("zi", path, "--ipak", "17", "--ipkp", "15", "--capaian", "4", "--json")
    assert run.json == {
        "error": "IPAK diisi dua kali dengan nilai berbeda: 16 di berkas, 17 di pilihan"
    }
    run = rules("zi", path, "--ipkp", "18", "--capaian", "4", "--json")
    assert (run.code, run.json) == (1, {"error": "zi ipkp: nilai 18.0 di luar rentang 0–17.5"})
    no_header = write_csv(tmp_path, "MP.P.1.a,Ya\n", header="butir,nilai\n", name="x.csv")
    run = rules("zi", no_header, "--json")
    assert run.json == {
        "error": "baris judul harus memuat kolom kode dan jawaban, ditemukan: butir, nilai"
    }


def test_zi_template_round_trip(tmp_path, rules):
    from sikap.rules import zi

    run = rules("zi-template", "--json")
    assert run.code == 0
    assert run.json["version"] == "zi:2021"
    # Every item, a percent item followed by its count rows, then the hasil rows.
    expected = []
    for i in zi.ITEMS:
        expected += [i.code] + [c.code for c in i.counts]
    assert [i["kode"] for i in run.json["items"]] == expected + ["IPAK", "IPKP", "CAPAIAN_KINERJA"]
    assert len(expected) == 134  # 110 items and 24 count rows, as the official LKE
    rows = {i["kode"]: i for i in run.json["items"]}
    assert (rows["AK.R.1.a"]["tipe"], rows["AK.R.1.a.2"]["tipe"]) == ("persen", "jumlah")
    assert rows["AK.R.1.a.2"]["butir"] == "Jumlah Sasaran Kinerja yang tercapai 100% atau lebih"
    blank = tmp_path / "lke.csv"
    blank.write_text(rules("zi-template").out, encoding="utf-8")
    assert blank.read_text(encoding="utf-8").splitlines()[0] == "kode,jawaban,tipe,butir"
    # Left blank, every item scores 0 and the hasil values come from the options.
    run = rules("zi", str(blank), "--ipak", "16", "--ipkp", "15", "--capaian", "4", "--json")
    assert run.code == 0
    assert (run.json["pengungkit"], run.json["total"]) == (0.0, 35.0)
    assert len(run.json["unanswered"]) == len(zi.ITEMS) == 110
    # Counts filled in: 3 of 4 targets reached gives AK.R.1.a 3 / 4 = 0.75 of its sub-component
    # (weight 2, one item): 1.50 points; total 1.50 + 16 + 15 + 4 = 36.50.
    lines = blank.read_text(encoding="utf-8").splitlines()
    filled = [
        line.replace("AK.R.1.a.1,,", "AK.R.1.a.1,4,").replace("AK.R.1.a.2,,", "AK.R.1.a.2,3,")
        for line in lines
    ]
    blank.write_text("\n".join(filled) + "\n", encoding="utf-8")
    run = rules("zi", str(blank), "--ipak", "16", "--ipkp", "15", "--capaian", "4", "--json")
    assert (run.json["pengungkit"], run.json["total"]) == (1.5, 36.5)
    assert "AK.R.1.a" not in run.json["unanswered"]


def test_skm_xlsx_fraction_cell_is_reported(tmp_path, rules):
    wb = Workbook()
    ws = wb.active
    ws.append(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"])
    ws.append([4, 4, 4, 4, 3.5, 4, 4, 4, 4])
    path = tmp_path / "skm.xlsx"
    wb.save(path)
    run = rules("skm", str(path), "--json")
    assert run.code == 1
    assert run.json["errors"] == [
        {"row": 2, "column": "U5", "value": "3.5", "reason": "harus bilangan bulat 1–4 atau kosong"}
    ]
