"""Codes are kept as typed, unique in any case, and found in any case by every command."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from sikap.core.codes import code_key, get_by_code, refuse_case_clashes
from sikap.culture.models import Campaign, Response
from sikap.org.domain import pemda_create, unit_create
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.org.tenancy import in_pemda
from sikap.publicservice.domain import service_product_create, service_unit_ensure
from sikap.publicservice.models import ServiceProduct, SkmResponse
from tests.org.conftest import csv_bytes

CASES = ["FND", "fnd", "Fnd"]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def fnd(db) -> Pemda:
    """A Pemda created the way the issue reports it: `sikap pemda create --code FND`."""
    run("pemda", "create", "--code", "FND", "--name", "Pemerintah Kota Fiktif")
    return Pemda.objects.get()


def test_pemda_code_is_kept_as_typed_and_unique_in_any_case(fnd):
    assert fnd.code == "FND"
    for code in ("fnd", "Fnd", " fNd "):
        with pytest.raises(CommandError, match="Pemda dengan kode FND sudah ada."):
            run("pemda", "create", "--code", code, "--name", "Lain")
    assert list(Pemda.objects.values_list("code", flat=True)) == ["FND"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Pemda.objects.create(code="fnd", name="Lewat ORM")
    assert Pemda.objects.count() == 1


def test_lookup_matches_any_case_and_nothing_else(fnd):
    assert [get_by_code(Pemda.objects.all(), c) for c in CASES] == [fnd, fnd, fnd]
    assert get_by_code(Pemda.objects.all(), "fn") is None
    assert get_by_code(Pemda.objects.all(), "fnd%") is None
    assert get_by_code(Pemda.objects.all(), "") is None
    assert code_key(" Fnd ") == "fnd"


@pytest.mark.parametrize("given", CASES)
def test_import_units_and_employees_find_the_pemda_in_any_case(fnd, tmp_path, given):
    units = tmp_path / "units.csv"
    units.write_bytes(csv_bytes("kode,nama,jenis,kode_induk\nDINKES,Dinas Kesehatan,dinas,"))
    out = run("import", "units", "--pemda", given, str(units), "--no-progress")
    assert "1 dibuat" in out
    assert list(OrgUnit.objects.filter(pemda=fnd).values_list("code", flat=True)) == ["DINKES"]


def test_unit_import_matches_stored_codes_in_any_case(fnd):
    from sikap.org.domain import units_import

    first = csv_bytes("kode,nama,jenis,kode_induk\nDinKes,Dinas Kesehatan,dinas,")
    assert units_import(actor=None, pemda=fnd, file_name="u.csv", data=first).ok
    second = csv_bytes(
        "kode,nama,jenis,kode_induk\n"
        "DINKES,Dinas Kesehatan Kota,dinas,\n"
        "pkm-1,Puskesmas Satu,puskesmas,dinkes"
    )
    report = units_import(actor=None, pemda=fnd, file_name="u.csv", data=second)
    assert (report.ok, report.created, report.updated) == (True, 1, 1)
    dinkes = OrgUnit.objects.get(pemda=fnd, parent=None)
    assert (dinkes.code, dinkes.name) == ("DinKes", "Dinas Kesehatan Kota")  # shown as stored
    assert OrgUnit.objects.get(code="pkm-1").parent == dinkes
    clash = csv_bytes("kode,nama,jenis,kode_induk\nA1,Satu,dinas,\na1,Dua,dinas,")
    report = units_import(actor=None, pemda=fnd, file_name="u.csv", data=clash)
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (3, "kode", "a1", "kode unit ganda; sudah dipakai di baris 2")
    ]
    assert OrgUnit.objects.filter(pemda=fnd).count() == 2


def test_unit_code_is_unique_in_any_case(fnd):
    unit_create(actor=None, pemda=fnd, code="Setda", name="Sekretariat Daerah", kind="setda")
    with pytest.raises(ValidationError, match="Kode unit Setda sudah dipakai"):
        unit_create(actor=None, pemda=fnd, code="SETDA", name="Lagi", kind="setda")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.create(pemda=fnd, code="setda", name="Lewat ORM", kind="setda")
    other = pemda_create(actor=None, code="lain", name="Pemda Lain")
    unit_create(actor=None, pemda=other, code="SETDA", name="Setda Lain", kind="setda")
    assert sorted(OrgUnit.objects.values_list("code", flat=True)) == ["SETDA", "Setda"]


def test_culture_commands_find_pemda_and_campaign_in_any_case(personas, tmp_path):
    palu = personas.pemda
    palu.code = "PALU"
    palu.save(update_fields=["code"])
    for i, given in enumerate(["PALU", "palu", "Palu"]):
        run(
            "culture",
            "create-campaign",
            "--pemda",
            given,
            "--code",
            f"HL{i}",
            "--instrument",
            "implementasi",
            "--picks",
            "3",
        )
    assert Campaign.objects.filter(pemda=palu).count() == 3
    responses = tmp_path / "ok.csv"
    responses.write_text("unit,pv,cc,dc\n" + "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;LO1,AD1;AD2;AD3\n" * 5)
    imported = 0
    for campaign, pemda in (("HL0", "PALU"), ("hl0", "palu"), ("Hl0", None)):
        args = ["culture", "import-responses", "--campaign", campaign, str(responses), "--json"]
        if pemda:
            args += ["--pemda", pemda]
        found = json.loads(run(*args))
        imported += 5
        assert found["imported"] == 5
    assert Response.objects.filter(campaign__code__in=["hl0", "HL0"]).count() == imported
    with pytest.raises(CommandError, match="Kampanye 'HL0' tidak ada di pemda 'donggala'"):
        run("culture", "recompute", "--campaign", "HL0", "--pemda", "donggala")
    assert Campaign.objects.get(code="HL0").code == "HL0"  # kept as typed
    closed = json.loads(run("culture", "close", "--campaign", "hL0", "--pemda", "pAlU", "--json"))
    assert closed["campaign"] == "HL0" and closed["groups"] > 0 and closed["published"]


GOOD_SKM = "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2024-01-15,{product},4,4,4,4,4,4,4,4,4\n"


def test_skm_commands_find_pemda_unit_and_product_in_any_case(personas, tmp_path):
    path = tmp_path / "skm.csv"
    for pemda, unit, product in (
        ("PALU", "dinkes-pkm-kamonji", "Rawat Jalan"),
        ("palu", "DINKES-PKM-KAMONJI", "RAWAT JALAN"),
        ("Palu", "Dinkes-Pkm-Kamonji", "rawat jalan"),
    ):
        path.write_text(GOOD_SKM.format(product=product), encoding="utf-8")
        out = json.loads(
            run("skm", "import", "--pemda", pemda, "--unit", unit, str(path), "--json")
        )
        assert out["created"] == 1
        result = json.loads(
            run("skm", "results", "--pemda", pemda, "--unit", unit, "--period", "2024", "--json")
        )
        assert (result["unit"], result["period"]) == ("DINKES-PKM-KAMONJI", "2024")
        assert result["n"] == SkmResponse.objects.count()
    assert list(ServiceProduct.objects.values_list("name", flat=True)) == ["Rawat Jalan"]
    assert SkmResponse.objects.count() == 3
    with pytest.raises(CommandError, match="Pemda 'PALUX' tidak ada"):
        run("skm", "import", "--pemda", "PALUX", "--unit", "DINKES", str(path))
    assert SkmResponse.objects.count() == 3


def test_skm_product_names_unique_in_any_case(personas):
    su, _ = service_unit_ensure(actor=None, unit=personas.puskesmas)
    service_product_create(actor=None, service_unit=su, name="Rawat Jalan")
    with pytest.raises(ValidationError, match="Jenis layanan Rawat Jalan sudah ada"):
        service_product_create(actor=None, service_unit=su, name="RAWAT JALAN")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceProduct.objects.create(service_unit=su, name="rawat jalan")
    assert ServiceProduct.objects.count() == 1


def test_api_code_search_ignores_case(personas):
    client = APIClient()
    client.force_authenticate(personas.admin_pemda)
    with in_pemda(None):
        url = reverse("unit-list")
    for q in ("dukcapil", "DUKCAPIL", "DukCapil"):
        response = client.get(url, {"pemda": "palu", "q": q})
        assert [u["code"] for u in response.json()["results"]] == ["DUKCAPIL"]


def test_migration_check_lists_every_clash(personas):
    """The helper the migrations run before adding a Lower() constraint (on a field without one)."""
    unit = personas.opd_a
    for i, name in enumerate(("Ani", "ANI", "Budi", "ani")):
        Employee.objects.create(
            pemda=personas.pemda, nip=f"19900101201501100{i}", name=name, kind="pns", unit=unit
        )
    with pytest.raises(RuntimeError) as err:
        refuse_case_clashes(
            Employee.objects.filter(name__in=["Ani", "ANI", "Budi", "ani"]),
            scope=("pemda_id",),
            field="name",
            what="names",
        )
    assert str(err.value).endswith(f"  pemda_id={personas.pemda.pk}: ANI, Ani, ani")
    refuse_case_clashes(Pemda.objects.all(), scope=(), field="code", what="Pemda codes")


@pytest.mark.django_db(transaction=True)
def test_migration_stops_loudly_on_existing_clashes():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before, after = [("org", "0001_initial")], [("org", "0002_codes_unique_in_any_case")]
    executor.migrate(before)
    try:
        apps = MigrationExecutor(connection).loader.project_state(before).apps
        old_pemda = apps.get_model("org", "Pemda")
        old_pemda.objects.create(code="FND", name="Satu")
        old_pemda.objects.create(code="fnd", name="Dua")
        old_pemda.objects.create(code="lain", name="Tiga")
        executor = MigrationExecutor(connection)
        with pytest.raises(RuntimeError) as err:
            executor.migrate(after)
        assert str(err.value) == (
            "Cannot make Pemda codes unique in any case: these differ only in case. "
            "Rename all but one of each group, then migrate again.\n  FND, fnd"
        )
        old_pemda.objects.filter(code="fnd").update(code="fnd-2")
    finally:
        MigrationExecutor(connection).migrate(after)
    assert sorted(Pemda.objects.values_list("code", flat=True)) == ["FND", "fnd-2", "lain"]
    with pytest.raises(IntegrityError):
        Pemda.objects.create(code="LAIN", name="Empat")
