"""The read API on PK and SKP: the figures the pages show, scoped per Pemda, unit and year."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.performance import domain
from tests.factories import EmployeeFactory, UserFactory


def _realise(chain) -> None:
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="q1", value=Decimal(18)
    )
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="year", value=Decimal("92"),
        evidence="PWS KIA",
    )  # fmt: skip


def test_pk_list_with_indicators_and_capaian(chain, personas, client_for) -> None:
    _realise(chain)
    client = client_for(personas.admin_pemda)
    data = client.get("/api/kinerja/pk/?pemda=palu&year=2024").json()
    assert data["count"] == 2
    by_unit = {pk["unit"]: pk for pk in data["results"]}
    assert set(by_unit) == {None, "DINKES"}
    opd = by_unit["DINKES"]
    assert (opd["level"], opd["status"], opd["capaian"]) == ("opd", "draft", "115.00")
    assert opd["holder"] == {"nip": chain.kadis.nip, "name": "Kepala Dinas"}
    assert opd["supervisor"] == {"nip": None, "name": "Wali Kota Palu"}
    assert opd["result"]["indicators"] == 1 and opd["result"]["measured"] == 1
    assert opd["result"]["rulebook_version"] == "performance:2015"
    [sasaran] = opd["sasaran"]
    assert (sasaran["code"], sasaran["capaian"]) == ("S1", "115.00")
    [ind] = sasaran["indicators"]
    assert ind["code"] == "I-1" and ind["capaian"] == "115.00"  # 92 / 80
    assert (ind["target"], ind["target_q1"], ind["target_q3"]) == ("80.0000", "20.0000", None)
    assert (ind["kind"], ind["polarity"], ind["is_iku"]) == ("outcome", "naik", True)
    assert ind["supports"] == chain.iku.pk
    assert ind["realisations"] == [
        {"period": "q1", "value": "18.0000", "evidence": ""},
        {"period": "year", "value": "92.0000", "evidence": "PWS KIA"},
    ]
    # the Pemda's own PK: no unit, nothing measured yet
    own = by_unit[None]
    assert own["holder"] == {"nip": None, "name": "Wali Kota Palu"} and own["capaian"] is None
    # detail: the same shape
    detail = client.get(f"/api/kinerja/pk/{chain.opd_pk.pk}/?pemda=palu").json()
    assert detail == opd


def test_pk_list_filters_by_unit_subtree_and_year(chain, personas, client_for) -> None:
    bidang_pk = domain.agreement_create(
        actor=None, pemda=personas.pemda, year=2024, unit=chain.bidang, holder=chain.kabid
    )
    domain.agreement_create(actor=None, pemda=personas.pemda, year=2023, unit=personas.opd_a)
    domain.agreement_create(actor=None, pemda=personas.pemda, year=2024, unit=personas.opd_b)
    client = client_for(personas.admin_pemda)

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/kinerja/pk/?pemda=palu&{query}")
        assert response.status_code == 200, response.content
        return [pk["id"] for pk in response.json()["results"]]

    # the unit in any case, with its sub-units; the Pemda's own PK is not a unit's
    assert sorted(ids("unit=dinkes&year=2024")) == sorted([chain.opd_pk.pk, bidang_pk.pk])
    assert ids("unit=DINKES-YANKES") == [bidang_pk.pk]
    assert len(ids("unit=DINKES")) == 3  # both years
    assert len(ids("year=2023")) == 1
    # bad filters are 400s naming the parameter; an unknown unit a 404
    for query, field in (("year=abc", "year"), ("year=1999", "year"), ("year=٢٠٢٤", "year")):
        response = client.get(f"/api/kinerja/pk/?pemda=palu&{query}")
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == [field]
    response = client.get("/api/kinerja/pk/?pemda=palu&unit=NOPE")
    assert response.status_code == 404


def test_pk_scoping(chain, personas, client_for) -> None:
    dukcapil = domain.agreement_create(
        actor=None, pemda=personas.pemda, year=2024, unit=personas.opd_b
    )
    client = client_for(personas.admin_opd)
    listing = client.get("/api/kinerja/pk/?pemda=palu").json()
    # the Admin OPD reads its OPD's PK; the Pemda's own PK is readable by every PK reader in
    # the Pemda (each OPD cascades from it); another OPD's is invisible
    assert sorted(pk["unit"] or "" for pk in listing["results"]) == ["", "DINKES"]
    assert client.get(f"/api/kinerja/pk/{dukcapil.pk}/?pemda=palu").status_code == 404
    # a unit outside the reach, by code: 404 like a missing one
    assert client.get("/api/kinerja/pk/?pemda=palu&unit=DUKCAPIL").status_code == 404
    # no pemda: 400 naming it; another Pemda's admin: 404 for Palu, nothing in its own
    response = client.get("/api/kinerja/pk/")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["pemda"]
    outsider = client_for(personas.outsider)
    assert outsider.get("/api/kinerja/pk/?pemda=palu").status_code == 404
    assert outsider.get(f"/api/kinerja/pk/{chain.opd_pk.pk}/?pemda=palu").status_code == 404
    response = outsider.get(f"/api/kinerja/pk/{chain.opd_pk.pk}/?pemda=donggala")
    assert response.status_code == 404
    assert outsider.get("/api/kinerja/pk/?pemda=donggala").json()["results"] == []
    # a Pegawai has no PK reading at all
    assert client_for(personas.pegawai).get("/api/kinerja/pk/?pemda=palu").json()["count"] == 0
    assert client_for(None).get("/api/kinerja/pk/?pemda=palu").status_code in (401, 403)


def test_pk_list_queries_do_not_grow_with_rows(chain, personas, client_for) -> None:
    client = client_for(personas.admin_pemda)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/kinerja/pk/?pemda=palu&year=2024")
    s = domain.sasaran_create(actor=None, agreement=chain.opd_pk, code="S2", name="Dua")
    for n in range(5):
        ind = domain.indicator_create(
            actor=None, sasaran=s, code=f"X-{n}", name=f"Indikator {n}", kind="output",
            target=Decimal(10),
        )  # fmt: skip
        domain.realisation_record(actor=None, indicator=ind, period="q1", value=Decimal(n))
    with CaptureQueriesContext(connection) as many:
        data = client.get("/api/kinerja/pk/?pemda=palu&year=2024").json()
    assert sum(len(s["indicators"]) for pk in data["results"] for s in pk["sasaran"]) == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_skp_list_scoped_and_filtered(chain, personas, client_for) -> None:
    kabid = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    row = domain.skp_result_add(
        actor=None, skp=kabid, kind="utama", text="Cakupan K4 naik", indicator_text="K4",
        target="95 %", intervenes_indicator=chain.opd_indicator,
    )  # fmt: skip
    staff = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    older = domain.skp_create(actor=None, employee=chain.staff1, year=2023)
    outside = domain.skp_create(
        actor=None, employee=EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b), year=2024
    )
    # the Kepala Bidang (a Pegawai user) sees their own SKP and their bawahan's
    client = client_for(chain.kabid_user)
    data = client.get("/api/kinerja/skp/?pemda=palu&year=2024").json()
    assert sorted(s["id"] for s in data["results"]) == sorted([kabid.pk, kasi.pk, staff.pk])
    mine = next(s for s in data["results"] if s["id"] == kabid.pk)
    assert (mine["nip"], mine["unit"], mine["position_level"], mine["rater_nip"]) == (
        chain.kabid.nip, "DINKES-YANKES", "administrator", chain.kadis.nip,
    )  # fmt: skip
    assert mine["results"] == [
        {"id": row.pk, "kind": "utama", "text": "Cakupan K4 naik", "intervenes": None,
         "intervenes_indicator": chain.opd_indicator.pk, "aspect": "kuantitas",
         "indicator": "K4", "target": "95 %", "realisation": "", "level": ""},
    ]  # fmt: skip
    # a unit filter narrows to the subtree; a unit they see no SKP in is 404
    data = client.get("/api/kinerja/skp/?pemda=palu&unit=dinkes-yankes-s1").json()
    assert sorted(s["id"] for s in data["results"]) == sorted([kasi.pk, staff.pk, older.pk])
    assert client.get("/api/kinerja/skp/?pemda=palu&unit=DUKCAPIL").status_code == 404
    assert client.get(f"/api/kinerja/skp/{outside.pk}/?pemda=palu").status_code == 404
    # the staff member sees only their own, never the Kepala Bidang's
    staff_client = client_for(chain.staff_user)
    data = staff_client.get("/api/kinerja/skp/?pemda=palu").json()
    assert sorted(s["id"] for s in data["results"]) == sorted([staff.pk, older.pk])
    assert staff_client.get(f"/api/kinerja/skp/{kabid.pk}/?pemda=palu").status_code == 404
    # a Pimpinan of DINKES sees its subtree, not DUKCAPIL's
    data = client_for(personas.pimpinan).get("/api/kinerja/skp/?pemda=palu&year=2024").json()
    assert outside.pk not in {s["id"] for s in data["results"]}
    assert {kabid.pk, kasi.pk, staff.pk} <= {s["id"] for s in data["results"]}
    # the Pemda is required; another Pemda's user gets 404
    assert client.get("/api/kinerja/skp/").status_code == 400
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/api/kinerja/skp/{kabid.pk}/?pemda=palu").status_code == 404
    assert outsider.get(f"/api/kinerja/skp/{kabid.pk}/?pemda=donggala").status_code == 404


def test_skp_detail_carries_the_head_rating_basis_and_annex(chain, personas, client_for) -> None:
    skp = domain.skp_create(actor=None, employee=chain.kadis, year=2024)
    domain.skp_annex_set(
        actor=None, skp=skp, resources="Anggaran", accountability="Laporan", consequences=""
    )
    domain.skp_result_add(
        actor=None, skp=skp, kind="utama", text="IKU tercapai", indicator_text="I-1",
        target="80 %", intervenes_indicator=chain.opd_indicator,
    )  # fmt: skip
    _realise(chain)  # DINKES capaian 115.00 → di atas
    domain.skp_agree(actor=None, skp=skp)
    domain.skp_rate(actor=None, skp=skp, rating_hasil="sesuai", rating_perilaku="sesuai")
    admin = UserFactory(username="bkpsdm", pemda=personas.pemda)
    admin.role_assignments.create(pemda=personas.pemda, role="admin_pemda", unit=None)
    data = client_for(admin).get(f"/api/kinerja/skp/{skp.pk}/?pemda=palu").json()
    assert (data["is_unit_head"], data["rating_hasil"], data["predicate"]) == (
        True, "diatas", "Baik"
    )  # fmt: skip
    assert (data["unit_capaian"], data["rating_basis"]) == (
        "115.00",
        "capaian > 100 (performance:2015, low)",
    )
    assert (data["annex_resources"], data["annex_accountability"]) == ("Anggaran", "Laporan")
    assert data["rater_nip"] is None  # rated by the Kepala Daerah
