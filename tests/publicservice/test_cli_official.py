"""`sikap official`: the command line records official results by the same rule as the pages."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import OmbudsmanResult, OmbudsmanResultVersion


def run(*args: str) -> str:
    out = StringIO()
    call_command("official", *args, stdout=out)
    return out.getvalue()


def _versions() -> list[tuple[int, str, list[str], str]]:
    return [
        (v.number, str(v.score), sorted(u.code for u in v.sampled_units.all()), v.reason)
        for v in OmbudsmanResultVersion.objects.order_by("number")
    ]


def test_ombudsman_change_needs_reason_on_the_command_line(personas):
    out = run(
        "ombudsman", "--pemda", "PALU", "--year", "2023", "--score", "86,07",
        "--sample", "dukcapil", "DINKES-PKM-KAMONJI",
    )  # fmt: skip
    assert out == "ombudsman 2023: 86.07 (versi 1)\n"
    audits = AuditLog.objects.count()
    with pytest.raises(CommandError) as caught:
        run("ombudsman", "--pemda", "palu", "--year", "2023", "--score", "90")
    message = str(caught.value)
    assert "Tidak ada yang disimpan; ulangi dengan --reason." in message
    assert "  score: '86.07' → '90'" in message
    assert "  sampled_units: ['DINKES-PKM-KAMONJI', 'DUKCAPIL'] → []" in message
    assert _versions() == [(1, "86.07", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], "")]
    assert AuditLog.objects.count() == audits
    out = run(
        "ombudsman", "--pemda", "palu", "--year", "2023", "--score", "90",
        "--sample", "DUKCAPIL", "--reason", "Rapor terbit ulang", "--json",
    )  # fmt: skip
    assert json.loads(out) == {"year": 2023, "value": "90.00", "revision": 2}
    assert _versions() == [
        (1, "86.07", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], ""),
        (2, "90.00", ["DUKCAPIL"], "Rapor terbit ulang"),
    ]
    assert AuditLog.objects.filter(action="ombudsman.result.record").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pemda", "nowhere", "--year", "2023", "--score", "80"], "Pemda 'nowhere' tidak ada."),
        (["--pemda", "palu", "--year", "2023", "--score", "x"], "Nilai 'x' bukan angka."),
        (
            ["--pemda", "palu", "--year", "2023", "--score", "80", "--sample", "NOPE"],
            "Unit 'NOPE' tidak ada di pemda palu.",
        ),
        (
            ["--pemda", "palu", "--year", "2023", "--score", "80", "--note", "a\x00b"],
            "Catatan memuat karakter NUL",
        ),
    ],
)
def test_bad_arguments_store_nothing(personas, args, message):
    with pytest.raises(CommandError) as caught:
        run("ombudsman", *args)
    assert message in str(caught.value)
    assert OmbudsmanResult.objects.count() == 0


def test_pekppp_official_on_the_command_line(personas):
    with pytest.raises(CommandError) as caught:
        run("pekppp", "--pemda", "palu", "--unit", "DUKCAPIL", "--year", "2023", "--ipp", "4.6")
    assert str(caught.value) == "DUKCAPIL bukan unit layanan."
    domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    out = run("pekppp", "--pemda", "palu", "--unit", "dukcapil", "--year", "2023", "--ipp", "4.6")
    assert out == "pekppp 2023: 4.60 (versi 1)\n"
    with pytest.raises(CommandError) as caught:
        run(
            "pekppp", "--pemda", "palu", "--unit", "DUKCAPIL", "--year", "2023", "--ipp", "4.2",
            "--json",
        )  # fmt: skip
    assert "  ipp: '4.6' → '4.2'" in str(caught.value)
