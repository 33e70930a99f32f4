from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from sikap.culture.models import Campaign, Response, ResultGroup
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("culture", *args, stdout=out)
    return out.getvalue()


def test_create_recompute_results_json(personas):
    out = json.loads(
        run(
            "create-campaign",
            "--pemda",
            "palu",
            "--code",
            "c1",
            "--instrument",
            "implementasi",
            "--picks",
            "3",
            "--depth",
            "1",
            "--json",
        )
    )
    assert out == {
        "campaign": "c1",
        "instrument": "implementasi",
        "picks": 3,
        "units": 4,
        "eligible": 1,
        "minimum": 1,
    }
    campaign = Campaign.objects.get(code="c1")
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM + PKM[:1])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:3])
    # A draft holding imported sheets: nothing is published before the close.
    assert json.loads(run("recompute", "--campaign", "c1", "--json")) == {
        "campaign": "c1",
        "groups": 0,
    }
    early = json.loads(run("results", "--campaign", "c1", "--json"))
    assert early["published"] is False and early["groups"] == []
    assert {p["unit"]: p["responded"] for p in early["participation"]} == {
        "DINKES": 6,
        "DINKES-PKM-KAMONJI": 5,
        "DUKCAPIL": 3,
    }
    assert "Hasil belum diterbitkan" in run("results", "--campaign", "c1")
    assert json.loads(run("close", "--campaign", "c1", "--json")) == {
        "campaign": "c1",
        "groups": 4,
        "published": True,
        "held": [],
    }
    data = json.loads(run("results", "--campaign", "c1", "--json"))
    assert data["published"] is True
    assert data["campaign"] == "c1" and data["instrument"] == "implementasi"
    by_unit = {g["unit"]: g for g in data["groups"]}
    assert set(by_unit) == {"palu", "DINKES", "DINKES-PKM-KAMONJI", "DUKCAPIL"}
    pkm = by_unit["DINKES-PKM-KAMONJI"]
    assert pkm == {
        "unit": "DINKES-PKM-KAMONJI",
        "n": 5,
        "suppressed": False,
        "overall": {"index": 28.6, "band": "C"},
        "values": {
            "BP": {"index": 60.0, "band": "B"},
            "AK": {"index": 40.0, "band": "C"},
            "KO": {"index": 20.0, "band": "D"},
            "HA": {"index": 20.0, "band": "D"},
            "LO": {"index": 20.0, "band": "D"},
            "AD": {"index": 20.0, "band": "D"},
            "KL": {"index": 20.0, "band": "D"},
        },
        "entropy": 33.3,
    }
    # DUKCAPIL (n = 3) is small; DINKES is hidden with it so that palu − DINKES ≠ DUKCAPIL.
    for code in ("DUKCAPIL", "DINKES"):
        g = by_unit[code]
        assert g["suppressed"] is True
        assert g["overall"] == {"index": None, "band": None}
        assert g["entropy"] is None
        assert all(v == {"index": None, "band": None} for v in g["values"].values())
    assert by_unit["DUKCAPIL"]["n"] == 3
    assert by_unit["palu"]["suppressed"] is False


def test_import_responses_cli(personas, tmp_path):
    run(
        "create-campaign",
        "--pemda",
        "palu",
        "--code",
        "c1",
        "--instrument",
        "implementasi",
        "--picks",
        "3",
    )
    good = tmp_path / "ok.csv"
    good.write_text("unit,pv,cc,dc\n" + "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n" * 5)
    assert json.loads(run("import-responses", "--campaign", "c1", str(good), "--json")) == {
        "campaign": "c1",
        "imported": 5,
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,pv,cc,dc\nDUKCAPIL,BP1;AK1,BP1;AK1;L01,AD1;AD2;AD3\n")
    with pytest.raises(CommandError) as err:
        run("import-responses", "--campaign", "c1", str(bad))
    assert "baris 2, kolom pv" in str(err.value)
    assert Response.objects.count() == 5
    run("close", "--campaign", "c1")
    data = json.loads(run("results", "--campaign", "c1", "--json"))
    dukcapil = next(g for g in data["groups"] if g["unit"] == "DUKCAPIL")
    assert dukcapil["overall"] == {"index": 28.6, "band": "C"}
    assert dukcapil["entropy"] == 33.3


def test_cli_errors_are_clear(personas, tmp_path):
    with pytest.raises(CommandError, match="Pemda 'nowhere' tidak ada"):
        run("create-campaign", "--pemda", "nowhere", "--code", "c", "--instrument", "likert")
    with pytest.raises(CommandError, match="Kampanye 'zzz' tidak ada"):
        run("recompute", "--campaign", "zzz")
    run("create-campaign", "--pemda", "palu", "--code", "c1", "--instrument", "likert")
    with pytest.raises(CommandError, match="code"):
        run("create-campaign", "--pemda", "palu", "--code", "c1", "--instrument", "likert")
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run("import-responses", "--campaign", "c1", str(tmp_path / "missing.csv"))
    assert Campaign.objects.count() == 1
    assert ResultGroup.objects.count() == 0


def test_likert_results_json_has_no_entropy(personas, tmp_path):
    run("create-campaign", "--pemda", "palu", "--code", "lk", "--instrument", "likert")
    header = "unit," + ",".join(
        f"{v}{i}" for v in ("BP", "AK", "KO", "HA", "LO", "AD", "KL") for i in (1, 2, 3)
    )
    f = tmp_path / "lk.csv"
    f.write_text(header + "\n" + ("DUKCAPIL," + ",".join(["4"] * 21) + "\n") * 5)
    run("import-responses", "--campaign", "lk", str(f))
    run("close", "--campaign", "lk")
    data = json.loads(run("results", "--campaign", "lk", "--json"))
    g = next(g for g in data["groups"] if g["unit"] == "DUKCAPIL")
    assert "entropy" not in g
    assert g["overall"] == {"index": 75.0, "band": "A"}


def test_campaign_codes_are_kept_as_typed_and_found_in_any_case(personas, tmp_path):
    run(
        "create-campaign",
        "--pemda",
        "PALU",
        "--code",
        "HL",
        "--instrument",
        "implementasi",
        "--picks",
        "3",
    )
    campaign = Campaign.objects.get()
    assert campaign.code == "HL"
    sheet = tmp_path / "hl.csv"
    sheet.write_text("unit,pv,cc,dc\n" + "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n" * 5)
    assert json.loads(run("import-responses", "--campaign", "hl", str(sheet), "--json")) == {
        "campaign": "HL",
        "imported": 5,
    }
    assert json.loads(run("close", "--campaign", "Hl", "--pemda", "pAlU", "--json"))["published"]
    assert json.loads(run("results", "--campaign", "hL", "--json"))["campaign"] == "HL"
    # Another case of the same code is the same code: refused, nothing stored.
    with pytest.raises(CommandError, match="hl sudah dipakai"):
        run("create-campaign", "--pemda", "palu", "--code", "hl", "--instrument", "likert")
    assert Campaign.objects.count() == 1


def test_import_responses_cli_drops_nul_from_comments(personas, tmp_path):
    run(
        "create-campaign",
        *("--pemda", "palu", "--code", "c1", "--instrument", "implementasi", "--picks", "3"),
    )
    f = tmp_path / "nul.csv"
    f.write_bytes(
        b"unit,pv,cc,dc,komentar\n"
        + b"DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3,Lebih\x00 cepat\x1b\n" * 5
    )
    assert (
        json.loads(run("import-responses", "--campaign", "c1", str(f), "--json"))["imported"] == 5
    )
    assert set(Response.objects.values_list("comment", flat=True)) == {"Lebih cepat"}


def create_three_picks(code: str) -> None:
    args = ("--pemda", "palu", "--code", code, "--instrument", "implementasi", "--picks", "3")
    run("create-campaign", *args)


def test_import_responses_reads_sheets_as_excel_saves_them(personas, tmp_path):
    """Unit codes in any case, a Windows-1252 comment, a BOM, NUL bytes: read, not refused."""
    create_three_picks("xl")
    ballot = "BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3"
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes(
        b"\xef\xbb\xbfunit,pv,cc,dc,komentar\r\n"
        + f"dukcapil,{ballot},\r\n".encode() * 3
        + f"Dukcapil,{ballot},\r\n".encode()
        + f"DUKCAPIL,{ballot},Pelayanan cepat\x00\r\n".encode()
    )
    assert json.loads(run("import-responses", "--campaign", "xl", str(sheet), "--json")) == {
        "campaign": "xl",
        "imported": 5,
    }
    assert Response.objects.filter(campaign_unit__code="DUKCAPIL").count() == 5
    assert sorted(Response.objects.values_list("comment", flat=True)) == [""] * 4 + [
        "Pelayanan cepat"
    ]
    legacy = tmp_path / "cp1252.csv"
    legacy.write_bytes(
        b"unit,pv,cc,dc,komentar\nDUKCAPIL," + ballot.encode() + b",Caf\xe9 \x93ramah\x94\n"
    )
    run("import-responses", "--campaign", "xl", str(legacy))
    assert Response.objects.filter(comment="Café \u201cramah\u201d").count() == 1


def test_import_responses_refuses_an_unreadable_file_and_keeps_what_is_stored(personas, tmp_path):
    create_three_picks("xl")
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes(
        "unit,pv,cc,dc\nDUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n".encode("utf-16")
    )
    with pytest.raises(CommandError) as err:
        run("import-responses", "--campaign", "xl", str(utf16))
    assert "UTF-16" in str(err.value)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("unit,pv,cc,dc\nbkpsdm-x,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n")
    with pytest.raises(CommandError) as err:
        run("import-responses", "--campaign", "xl", str(unknown))
    assert "baris 2, kolom unit" in str(err.value)
    assert Response.objects.count() == 0
