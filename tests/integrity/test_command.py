"""`sikap integrity zi-import` and `zi-status`: as a script would call them."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from sikap.integrity import domain, scoring
from sikap.integrity.management.commands.integrity import Command
from sikap.integrity.models import Assessment, ItemCount, ItemScore
from sikap.rules import zi


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("integrity", *args, stdout=out)
    return out.getvalue()


def _sheet(tmp_path, rows, *, title=True):  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append(["LKE Zona Integritas Dinas Kesehatan 2024"])
        ws.append([])
    ws.append(["Kode", "Jawaban", "Tipe"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "lke.xlsx"
    wb.save(path)
    return str(path)


def _all_rows():  # type: ignore[no-untyped-def]
    rows = []
    for i in zi.ITEMS:
        if i.answer_type == "persen":
            rows.append([i.code.lower(), 1, i.answer_type])  # a number cell: ratio 1
        elif i.answer_type == "ya/tidak":
            rows.append([i.code, "Ya", i.answer_type])
        else:
            rows.append([i.code, "a", i.answer_type])
    rows += [["IPAK", None, "nilai"], ["IPKP", 15, "nilai"], ["CAPAIAN_KINERJA", None, "nilai"]]
    return rows


def test_import_then_status_json(personas, tmp_path):
    path = _sheet(tmp_path, _all_rows())
    out = run("zi-import", "--pemda", "PALU", "--unit", "dinkes", "--year", "2024", path, "--json")
    assert json.loads(out) == {
        "imported": len(zi.ITEMS), "counts": 0, "unit": "DINKES", "year": 2024}  # fmt: skip
    a = Assessment.objects.get(unit=personas.opd_a, kind="zi", year=2024)
    for key, value in (("capaian_kinerja", "B"), ("ipak", "3.70"), ("ipkp", "3.40")):
        domain.hasil_record(actor="test", assessment=a, key=key, value=value, source="eksternal",
                            source_note="KemenPANRB")  # fmt: skip
    data = json.loads(
        run("zi-status", "--pemda", "palu", "--unit", "DINKES", "--year", "2024", "--json")
    )
    assert (data["pengungkit"], data["hasil"], data["total"]) == (60.0, 34.81, 94.81)
    assert data["areas"]["MP"] == {"score": 8.0, "percent": 100.0}
    assert (data["unanswered"], data["stale"]) == (0, [])
    assert set(data["areas"]) == {"MP", "TL", "SDM", "AK", "PW", "PP"}
    assert data["wbk"] == {"eligible": True, "confidence": "medium", "shortfalls": []}
    assert data["wbbm"]["eligible"] is False
    assert data["wbbm"]["confidence"] == "low"
    assert data["wbbm"]["shortfalls"] == [{"rule": "pelayanan_prima", "actual": 14.88,
                                           "required": 15.75, "short": 0.87, "confidence": "medium"}]  # fmt: skip
    text = run("zi-status", "--pemda", "palu", "--unit", "DINKES", "--year", "2024")
    assert "WBK: memenuhi syarat (keyakinan medium)" in text
    assert "  - pelayanan_prima: 14.88 < 15.75 (kurang 0.87)" in text


def test_import_is_all_or_nothing_with_row_errors(personas, tmp_path):
    rows = [["MP.P.1.a", "Ya"], ["MP.P.1.b", "E"], ["XX.1", "Ya"], ["mp.p.1.A", "Tidak"],
            ["AK.R.1.a", "7/0"]]  # fmt: skip
    path = _sheet(tmp_path, rows)
    out = io.StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("integrity", "zi-import", "--pemda", "palu", "--unit", "DINKES", "--year",
                     "2024", path, "--json", stdout=out)  # fmt: skip
    errors = json.loads(out.getvalue())["errors"]
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [
        (5, "Jawaban", "E"), (6, "Kode", "XX.1"), (7, "Kode", "mp.p.1.A"), (8, "Jawaban", "7/0")]  # fmt: skip
    assert ItemScore.objects.count() == 0


def test_import_keeps_count_rows_and_they_make_the_percent(personas, tmp_path):
    rows = [
        # AK.R.1.a from its counts: 3 of 4 targets reached = 75 %.
        ["AK.R.1.a", None], ["AK.R.1.a.1", 4], ["AK.R.1.a.2", 3],
        # LHKPN with the whole left blank: 1 + 6 + 1 = 8 required, 6 reported = 75 %.
        ["PW.R.3.a", None], ["pw.r.3.a.2", 1], ["PW.R.3.a.3", 6], ["PW.R.3.a.4", 1],
        ["PW.R.3.a.5", 6],
        # A percentage given beside its counts is kept as given.
        ["PW.R.3.b", "90%"], ["PW.R.3.b.1", 10], ["PW.R.3.b.5", 5],
        # Counts that give no percentage (no whole) leave the item unanswered.
        ["PW.R.2.a.3", 2],
    ]  # fmt: skip
    out = run("zi-import", "--pemda", "palu", "--unit", "DINKES", "--year", "2024",
              _sheet(tmp_path, rows), "--json")  # fmt: skip
    # one item answered directly; 2 + 4 + 2 + 1 = 9 count rows kept as given
    assert json.loads(out) == {"imported": 1, "counts": 9, "unit": "DINKES", "year": 2024}
    got = dict(ItemScore.objects.values_list("item__code", "answer"))
    assert got == {"PW.R.3.b": "90%"}
    assert dict(ItemCount.objects.filter(level="self").values_list("code", "value")) == {
        "AK.R.1.a.1": 4, "AK.R.1.a.2": 3, "PW.R.3.a.2": 1, "PW.R.3.a.3": 6, "PW.R.3.a.4": 1,
        "PW.R.3.a.5": 6, "PW.R.3.b.1": 10, "PW.R.3.b.5": 5, "PW.R.2.a.3": 2}  # fmt: skip
    assert ItemCount.objects.count() == 9
    # the blank items score what their counts give: AK.R.1.a 3 / 4, PW.R.3.a 6 / 8 = 0.75;
    # PW.R.3.b keeps its own 90 % (its counts 5 / 10 would give 0.5); PW.R.2.a none.
    r = scoring.zi_status(Assessment.objects.get(), "self").result
    fractions = {c: f for s in r.subcomponents.values() for c, f in s.items.items()}
    assert fractions["AK.R.1.a"] == 0.75
    assert fractions["PW.R.3.a"] == 0.75
    assert fractions["PW.R.3.b"] == 0.9
    assert "PW.R.2.a" in r.unanswered


def test_import_names_a_bad_count_row(personas, tmp_path):
    rows = [["AK.R.1.a.1", 4], ["AK.R.1.a.2", -1], ["AK.R.1.a.1", 5], ["MP.P.1.a", "Ya"]]
    out = io.StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("integrity", "zi-import", "--pemda", "palu", "--unit", "DINKES", "--year",
                     "2024", _sheet(tmp_path, rows), "--json", stdout=out)  # fmt: skip
    errors = json.loads(out.getvalue())["errors"]
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [
        (5, "Jawaban", "-1"), (6, "Kode", "AK.R.1.a.1")]  # fmt: skip
    assert "bilangan bulat" in errors[0]["reason"]
    assert ItemScore.objects.count() == 0
    assert ItemCount.objects.count() == 0


def test_unknown_pemda_unit_and_missing_assessment(personas, tmp_path):
    with pytest.raises(CommandError, match="Pemda 'nowhere'"):
        run("zi-status", "--pemda", "nowhere", "--unit", "DINKES", "--year", "2024")
    with pytest.raises(CommandError, match="Unit 'DG-SETDA'"):
        run("zi-status", "--pemda", "palu", "--unit", "DG-SETDA", "--year", "2024")
    with pytest.raises(CommandError, match="belum memulai"):
        run("zi-status", "--pemda", "palu", "--unit", "DINKES", "--year", "2024")
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"kode;jawaban\nMP.P.1.a;Ya\x00\n")
    with pytest.raises(CommandError):
        run("zi-import", "--pemda", "palu", "--unit", "DINKES", "--year", "2024", str(bad))
    csv = tmp_path / "ok.csv"
    csv.write_text("\ufeffkode;jawaban\nmp.p.1.a;ya\nMP.P.1.b;b\n", encoding="utf-8")
    assert run("zi-import", "--pemda", "palu", "--unit", "DINKES", "--year", "2024", str(csv)) == (
        "2 jawaban LKE DINKES 2024 tersimpan.\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--year", "dua ribu"], 2, "argument --year: invalid int value: 'dua ribu'"),
        (["--year", "99999999999999999999"], 1, "--year 99999999999999999999: tahun harus"),
        (["--pemda", "nowhere"], 1, "CommandError: Pemda 'nowhere' tidak ada."),
        (["--unit", "DG-SETDA"], 1, "CommandError: Unit 'DG-SETDA' tidak ada di pemda palu."),
        (["--unit", "DIN\x00KES"], 1, "CommandError: --unit 'DIN\\x00KES' bukan kode yang sah."),
        (["--pemda", " "], 1, "CommandError: --pemda ' ' bukan kode yang sah."),
        (["--level", "tpx"], 2, "argument --level: invalid choice: 'tpx'"),
    ],
)
def test_bad_arguments_exit_non_zero_with_a_message(personas, monkeypatch, capsys, args, code,
                                                    message):  # fmt: skip
    # As `sikap integrity zi-status …` runs from a shell: the message on stderr, an exit code,
    # no traceback. (The command closes connections when it ends; the test's must stay open.)
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    given = {"--pemda": "palu", "--unit": "DINKES", "--year": "2024"}
    given.update(dict(zip(args[::2], args[1::2], strict=True)))
    argv = ["sikap", "integrity", "zi-status", *(x for kv in given.items() for x in kv)]
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(argv)
    assert exited.value.code == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
