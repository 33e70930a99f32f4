"""`sikap rules …` subcommands: exact JSON and exit status."""

from __future__ import annotations


def test_sample_size_krejcie_morgan_and_slovin(rules):
    run = rules("sample-size", "1000", "--json")
    assert (run.code, run.json) == (0, {"population": 1000, "method": "krejcie-morgan", "n": 278})
    run = rules("sample-size", "1000", "--method", "slovin", "--json")
    assert (run.code, run.json) == (0, {"population": 1000, "method": "slovin", "n": 286})
    run = rules("sample-size", "1000", "--method", "slovin", "--error", "0.1", "--json")
    assert run.json == {"population": 1000, "method": "slovin", "n": 91}


def test_sample_size_text(rules):
    assert rules("sample-size", "1000").out == (
        "Krejcie & Morgan (PermenPANRB 14/2017), N = 1000 → n = 278\n"
    )
    assert rules("sample-size", "100", "--method", "slovin").out == (
        "Slovin, N = 100, e = 0.05 → n = 80\n"
    )


def test_sample_size_invalid(rules):
    run = rules("sample-size", "abc", "--json")
    assert (run.code, run.json) == (
        1,
        {"error": "Populasi harus berupa bilangan bulat, bukan 'abc'"},
    )
    run = rules("sample-size", "0", "--json")
    assert run.code == 1
    assert run.json == {"error": "populasi harus bilangan bulat positif, bukan 0"}
    run = rules("sample-size", "100", "--method", "slovin", "--error", "1.5", "--json")
    assert run.code == 1
    assert run.json == {"error": "tingkat galat harus di antara 0 dan 1 (eksklusif), bukan 1.5"}
    run = rules("sample-size", "100", "--error", "0.1", "--json")
    assert run.code == 1
    assert run.json == {
        "error": "batas kesalahan hanya dapat diatur untuk metode slovin; "
        "Krejcie & Morgan memakai d = 0.05"
    }
    assert rules("sample-size", "1000", "--error", "0.05", "--json").json["n"] == 278


def test_nip_valid_pns(rules):
    run = rules("nip", "196608011988031001", "--json")
    assert run.code == 0
    assert run.json == {
        "valid": True,
        "kind": "pns",
        "birth_date": "1966-08-01",
        "gender": "L",
        "tmt": "1988-03-01",
        "serial": 1,
        "errors": [],
    }
    text = rules("nip", "19660801 198803 1 001")
    assert text.code == 0
    assert text.out.splitlines() == [
        "NIP PNS sah: 19660801 198803 1 001",
        "lahir 1966-08-01, laki-laki, TMT 1988-03-01, nomor urut 1",
    ]


def test_nip_invalid_prints_errors_and_exits_1(rules):
    run = rules("nip", "196608011988035001", "--json")
    assert run.code == 1
    assert run.json == {
        "valid": False,
        "kind": "pns",
        "birth_date": "1966-08-01",
        "gender": None,
        "tmt": "1988-03-01",
        "serial": 1,
        "errors": ["digit 15 harus 1 (laki-laki) atau 2 (perempuan), bukan 5"],
    }
    run = rules("nip", "12345", "--json")
    assert run.code == 1
    assert run.json["errors"] == ["NIP harus 18 digit, bukan 5"]
    assert run.json["valid"] is False


def test_usage_errors_exit_2_through_console_script(cli):
    run = cli("sample-size", "10", "--method", "cochran")
    assert run.code == 2
    assert "invalid choice: 'cochran'" in run.err
    run = cli()
    assert run.code == 2
    assert "the following arguments are required: SUBCOMMAND" in run.err


def test_invalid_input_exits_1_through_console_script(cli):
    run = cli("nip", "12345", "--json")
    assert run.code == 1
    assert '"NIP harus 18 digit, bukan 5"' in run.out
    assert "NIP harus 18 digit, bukan 5" in run.err


def test_list_every_rulebook(rules):
    from sikap.rules import registry

    run = rules("list", "--json")
    assert run.code == 0
    books = run.json["rulebooks"]
    assert [b["version"] for b in books] == [i.version for i in registry.list_rulebooks()]
    ombudsman_2022 = next(b for b in books if b["version"] == "ombudsman:2022")
    assert ombudsman_2022["scheme"] == "ombudsman"
    assert ombudsman_2022["years"] == {"from": 2022, "to": 2023}
    assert ombudsman_2022["confidence"] == "medium"
    assert ombudsman_2022["source"].startswith("Ombudsman RI")
    assert {b["scheme"] for b in books} == {
        "berakhlak", "skm", "ipak", "ombudsman", "pekppp", "skp", "zi", "sakip", "performance",
    }  # fmt: skip
    ipak = next(b for b in books if b["version"] == "ipak:2021")
    assert (ipak["years"], ipak["confidence"]) == ({"from": 2021, "to": None}, "low")
    text = rules("list").out.splitlines()
    assert len(text) == len(books)
    assert text[0].startswith("berakhlak:2022    2022–sekarang")


def test_grade_ombudsman_2023(rules):
    run = rules("grade", "ombudsman", "86.07", "--year", "2023", "--json")
    assert run.code == 0
    assert run.json == {
        "scheme": "ombudsman",
        "version": "ombudsman:2022",
        "score": 86.07,
        "category": "B",
        "label": "Kualitas Tinggi",
        "zone": "hijau",
    }
    assert rules("grade", "ombudsman", "86.07", "--year", "2023").out.splitlines() == [
        "86.07 adalah B, Kualitas Tinggi: A mulai 88.00 — kurang 1.93 poin",
        "Zona Hijau",
        "aturan ombudsman:2022, keyakinan sedang",
    ]


def test_grade_ombudsman_palu_2022_and_old_zones(rules):
    assert rules("grade", "ombudsman", "79.09", "--year", "2022", "--json").json["zone"] == "hijau"
    old = rules("grade", "ombudsman", "80.99", "--year", "2021", "--json").json
    assert (old["version"], old["zone"]) == ("ombudsman:2013", "kuning")


def test_grade_skm_newest_version(rules):
    run = rules("grade", "skm", "88.31", "--json")
    assert run.json == {
        "scheme": "skm",
        "version": "skm:2017",
        "score": 88.31,
        "category": "A",
        "label": "Sangat Baik",
    }
    assert rules("grade", "skm", "88.30", "--json").json["category"] == "B"


def test_grade_berakhlak_pekppp_sakip(rules):
    berakhlak = rules("grade", "berakhlak", "60.9", "--json").json
    assert (berakhlak["category"], berakhlak["label"]) == ("B", "Cukup Sehat")
    assert rules("grade", "berakhlak", "38,9", "--json").json["category"] == "C"
    pekppp = rules("grade", "pekppp", "4.51", "--json").json
    assert (pekppp["category"], pekppp["label"]) == ("A", "Pelayanan Prima")
    assert rules("grade", "pekppp", "4.50", "--json").json["category"] == "A-"
    sakip = rules("grade", "sakip", "90", "--json").json
    assert (sakip["category"], sakip["label"]) == ("A", "Memuaskan")
    inclusive = rules("grade", "sakip", "90", "--inclusive", "--json").json
    assert inclusive == {
        "scheme": "sakip",
        "version": "sakip:2021",
        "score": 90.0,
        "category": "AA",
        "label": "Sangat Memuaskan",
    }


def test_grade_invalid_input_exits_1_with_reason(rules):
    run = rules("grade", "berakhlak", "101", "--json")
    assert (run.code, run.json) == (1, {"error": "berakhlak: nilai 101 di luar rentang 0.0–100.0"})
    run = rules("grade", "skm", "abc", "--json")
    assert (run.code, run.json) == (1, {"error": "Nilai harus berupa angka, bukan 'abc'"})
    run = rules("grade", "ombudsman", "-1", "--json")
    assert run.code == 1
    assert run.json == {"error": "ombudsman: nilai -1 di luar rentang 0.00–100.00"}
    run = rules("grade", "skm", "90", "--year", "1990", "--json")
    assert run.code == 1
    assert run.json["error"].startswith("skm: tidak ada versi aturan untuk tahun 1990")
    run = rules("grade", "skm", "90", "--inclusive", "--json")
    assert run.json == {"error": "pilihan batas bawah inklusif hanya berlaku untuk SAKIP"}


def test_grade_unknown_scheme_exits_2(cli):
    run = cli("grade", "wbk", "90")
    assert run.code == 2
    assert "argument scheme: invalid choice: 'wbk'" in run.err
    assert run.out == ""


def test_grade_score_101_through_console_script(cli):
    run = cli("grade", "ombudsman", "101", "--json")
    assert run.code == 1
    assert '"error": "ombudsman: nilai 101 di luar rentang 0.00–100.00"' in run.out


def test_skp_predicate_matrix(rules):
    run = rules("skp", "--hasil", "diatas", "--perilaku", "dibawah", "--json")
    assert (run.code, run.json) == (0, {"predicate": "Kurang/Misconduct"})
    assert rules("skp", "--hasil", "diatas", "--perilaku", "diatas", "--json").json == {
        "predicate": "Sangat Baik"
    }
    assert rules("skp", "--hasil", "dibawah", "--perilaku", "dibawah", "--json").json == {
        "predicate": "Sangat Kurang"
    }
    assert rules("skp", "--hasil", "sesuai", "--perilaku", "dibawah").out == (
        "Rating Hasil Kerja Sesuai Ekspektasi dan Rating Perilaku Kerja Di Bawah Ekspektasi "
        "memberi predikat Kurang/Misconduct (matriks skp:2022)\n"
    )


def test_skp_unknown_level_is_usage_error(cli):
    run = cli("skp", "--hasil", "hebat", "--perilaku", "sesuai")
    assert run.code == 2
    assert "invalid choice: 'hebat'" in run.err


def test_skp_distribution_ok_and_not_ok(rules):
    run = rules(
        "skp-distribution", "--org", "Baik", "--counts",
        "Sangat Baik=2,Baik=10,Butuh Perbaikan=3", "--json",
    )  # fmt: skip
    assert (run.code, run.json) == (0, {"ok": True, "violations": []})
    run = rules("skp-distribution", "--org", "Baik", "--counts", "Sangat Baik=2,Baik=10", "--json")
    assert run.code == 0
    assert run.json == {
        "ok": False,
        "violations": [
            {
                "rule": "max_pct",
                "predicates": ["Baik"],
                "actual_pct": 83.33333333333333,
                "actual_count": 10,
                "required_pct": 70.0,
                "required_count": 8,
                "message": "Baik paling banyak 70%: sekarang 83.33% (10 dari 12 pegawai)",
                "message_en": "Baik at most 70%: now 83.33% (10 of 12 employees)",
            },
            {
                "rule": "min_count",
                "predicates": ["Butuh Perbaikan", "Kurang/Misconduct"],
                "actual_pct": 0.0,
                "actual_count": 0,
                "required_pct": None,
                "required_count": 1,
                "message": "harus ada minimal 1 pegawai Butuh Perbaikan dan/atau "
                "Kurang/Misconduct: sekarang 0.00% (0 dari 12 pegawai)",
                "message_en": "at least 1 employee(s) Butuh Perbaikan and/or "
                "Kurang/Misconduct required: now 0.00% (0 of 12 employees)",
            },
        ],
    }


def test_skp_distribution_malformed_counts_exit_1(rules):
    run = rules("skp-distribution", "--org", "Baik", "--counts", "Sangat Baik2", "--json")
    assert (run.code, run.json) == (
        1,
        {"error": "bagian 'Sangat Baik2' harus berbentuk Predikat=jumlah, mis. Baik=10"},
    )
    run = rules("skp-distribution", "--org", "Baik", "--counts", "Baik=x", "--json")
    assert run.json == {"error": "Jumlah Baik harus berupa bilangan bulat, bukan 'x'"}
    run = rules("skp-distribution", "--org", "Baik", "--counts", "Hebat=3", "--json")
    assert run.code == 1
    assert run.json["error"].startswith("employee predicate 'Hebat' tidak dikenal")
    run = rules("skp-distribution", "--org", "Luar Biasa", "--counts", "Baik=3", "--json")
    assert run.code == 1
    assert run.json["error"].startswith("organisation predicate 'Luar Biasa' tidak dikenal")
