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
    assert run.json == {"error": "population must be a positive integer, not 0"}
    run = rules("sample-size", "100", "--method", "slovin", "--error", "1.5", "--json")
    assert run.code == 1
    assert run.json == {"error": "error must be between 0 and 1 (exclusive), not 1.5"}
    run = rules("sample-size", "100", "--error", "0.1", "--json")
    assert run.code == 1
    assert run.json["error"].startswith("batas kesalahan hanya dapat diatur untuk metode slovin")


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
