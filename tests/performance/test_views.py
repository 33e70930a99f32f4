"""The kinerja pages as their users and attackers use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.performance import domain
from sikap.performance.models import Indicator, Realisation, Sasaran, Skp, SkpResult


def test_index_lists_pks_deadlines_and_warnings(chain, personas, client_for) -> None:
    domain.planning_year_set(
        actor=None, pemda=personas.pemda, year=2024, dpa_approved_on=dt.date(2024, 1, 5),
        evaluation_period="quarterly",
    )  # fmt: skip
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="q1", value=Decimal(10)
    )
    body = client_for(personas.admin_pemda).get(reverse("performance:index") + "?year=2024")
    assert body.status_code == 200
    text = body.content.decode()
    assert "Dinas Kesehatan" in text and "Pemerintah Daerah" in text
    assert "I-1 Persentase ibu hamil mendapat layanan" in text  # behind: 10 of the Q1 target 20
    assert (
        "Q1 capaian 50.0% terhadap target triwulan" in text or "Q1 capaian 50,0% terhadap" in text
    )
    # Admin OPD sees its PK, not the Pemda's own
    text = (
        client_for(personas.admin_opd)
        .get(reverse("performance:index") + "?year=2024")
        .content.decode()
    )
    assert "Dinas Kesehatan" in text and "Wali Kota" not in text
    assert client_for(personas.pegawai).get(reverse("performance:index")).status_code == 403


def test_tree_page_shows_capaian_and_flags(chain, personas, client_for) -> None:
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="year", value=Decimal(92)
    )
    s = domain.sasaran_create(actor=None, agreement=chain.opd_pk, code="S2", name="Tanpa indikator")
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("performance:tree") + "?year=2024")
        .content.decode()
    )
    assert 'data-testid="capaian-I-1">115,00%' in text
    assert "tidak mendukung indikator di atasnya" not in text
    assert s.name in text


def test_realisation_by_page_recomputes(chain, personas, client_for) -> None:
    url = reverse("performance:realisation_record", args=[chain.opd_indicator.pk])
    response = client_for(personas.admin_opd).post(
        url, {"period": "year", "value": "96,6", "evidence": "PWS"}
    )
    assert response.status_code == 302
    chain.opd_indicator.refresh_from_db()
    assert chain.opd_indicator.capaian == Decimal("120.75")  # 96.6 / 80
    # a bad number is a message, not a 500, and changes nothing
    response = client_for(personas.admin_opd).post(
        url, {"period": "year", "value": "1e5"}, follow=True
    )
    assert "Masukkan angka" in response.content.decode()
    assert Realisation.objects.get().value == Decimal("96.6")
    # the Pemda's own PK row is not the Admin OPD's: 404, nothing written
    before = AuditLog.objects.count()
    url = reverse("performance:realisation_record", args=[chain.iku.pk])
    assert (
        client_for(personas.admin_opd).post(url, {"period": "year", "value": "71"}).status_code
        == 404
    )
    assert AuditLog.objects.count() == before


def test_signed_pk_refuses_new_sasaran(chain, personas, client_for) -> None:
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    url = reverse("performance:sasaran_create", args=[chain.opd_pk.pk])
    response = client_for(personas.admin_opd).post(url, {"code": "S9", "name": "Baru"}, follow=True)
    assert "ubah hanya lewat revisi" in response.content.decode()
    assert not Sasaran.objects.filter(code="S9").exists()


def test_skp_cascade_by_pages(chain, personas, client_for) -> None:
    kabid = client_for(chain.kabid_user)
    response = kabid.post(
        reverse("performance:skp_create"),
        {"year": "2024", "employee": chain.kabid.pk, "approach": "kuantitatif"},
    )
    skp = Skp.objects.get(employee=chain.kabid)
    assert response["Location"] == reverse("performance:skp", args=[skp.pk])
    page = kabid.get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert f'value="i{chain.opd_indicator.pk}"' in page  # the Kepala OPD's PK row is offered
    kabid.post(reverse("performance:skp_result_add", args=[skp.pk]), {
        "kind": "utama", "text": "Meningkatnya cakupan layanan ibu hamil",
        "intervenes": f"i{chain.opd_indicator.pk}", "aspect": "kuantitas",
        "indicator": "Cakupan K4", "target": "95 %",
    })  # fmt: skip
    row = SkpResult.objects.get(skp=skp)
    assert row.intervenes_indicator == chain.opd_indicator
    # the staff member cannot open the Kepala Bidang's SKP
    staff = client_for(chain.staff_user)
    assert staff.get(reverse("performance:skp", args=[skp.pk])).status_code == 404
    # nor create one for someone else
    before = Skp.objects.count()
    response = staff.post(
        reverse("performance:skp_create"),
        {"year": "2024", "employee": chain.kasi.pk, "approach": "kuantitatif"},
    )
    assert response.status_code == 403 and Skp.objects.count() == before


def test_rating_by_calibration_page(chain, personas, client_for) -> None:
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    domain.skp_result_add(actor=None, skp=kasi, kind="utama", text="x", indicator_text="y",
                          target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    staff = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    domain.skp_result_add(actor=None, skp=staff, kind="utama", text="a", indicator_text="b",
                          target="1", intervenes=kasi.results.get())  # fmt: skip
    domain.skp_agree(actor=None, skp=staff)
    pimpinan = client_for(personas.pimpinan)
    r = pimpinan.post(reverse("performance:org_predicate_set", args=[chain.seksi.code.lower()]),
                      {"year": "2024", "predicate": "Istimewa"})  # fmt: skip
    assert r.status_code == 302
    response = pimpinan.post(
        reverse("performance:skp_rate", args=[staff.pk]),
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"}, follow=True,
    )  # fmt: skip
    text = response.content.decode()
    assert "Predikat kinerja: Baik." in text
    assert "Kurva distribusi: sebagian besar pegawai harus Sangat Baik" in text
    page = pimpinan.get(reverse("performance:calibration", args=[chain.seksi.code]) + "?year=2024")
    assert 'data-testid="org-predicate">Istimewa' in page.content.decode()
    # the staff member cannot rate themselves
    before = AuditLog.objects.count()
    r = client_for(chain.staff_user).post(reverse("performance:skp_rate", args=[staff.pk]),
                                          {"rating_hasil": "diatas", "rating_perilaku": "diatas"})  # fmt: skip
    assert r.status_code == 403 and AuditLog.objects.count() == before


def test_export_for_ekinerja(chain, personas, client_for) -> None:
    skp = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    domain.skp_result_add(actor=None, skp=skp, kind="utama", text="=HYPERLINK(\"x\")",
                          indicator_text="y", target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    response = client_for(chain.kabid_user).get(reverse("performance:skp_export") + "?year=2024")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("tahun,nip,nama,unit,nip_penilai,jenis,rencana_hasil_kerja")
    assert "'=HYPERLINK" in text  # a formula never runs in Excel
    assert chain.kabid.nip in lines[1] and chain.kadis.nip in lines[1]
    assert len(lines) == 2
    # the staff member's export holds nothing of the Kepala Bidang
    text = (
        client_for(chain.staff_user)
        .get(reverse("performance:skp_export") + "?year=2024")
        .content.decode("utf-8-sig")
    )
    assert len(text.splitlines()) == 1
    assert Indicator.objects.count() == 2


def test_year_settings_are_the_pemdas(chain, personas, client_for) -> None:
    from sikap.performance.models import PlanningYear

    url = reverse("performance:planning_year_set")
    data = {"year": "2024", "dpa_approved_on": "2024-01-05", "evaluation_period": "monthly"}
    assert client_for(personas.admin_opd).post(url, data).status_code == 403
    assert PlanningYear.objects.count() == 0
    assert client_for(personas.admin_pemda).post(url, data).status_code == 302
    row = PlanningYear.objects.get()
    assert (row.dpa_approved_on, row.evaluation_period) == (dt.date(2024, 1, 5), "monthly")


def test_skp_page_suggests_the_rating_hasil_kerja(chain, personas, client_for) -> None:
    skp = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    domain.skp_result_add(actor=None, skp=kasi, kind="utama", text="k", indicator_text="k",
                          target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    domain.skp_result_add(actor=None, skp=skp, kind="utama", text="a", indicator_text="b",
                          target="1", intervenes=kasi.results.get())  # fmt: skip
    domain.skp_agree(actor=None, skp=skp)
    domain.skp_result_assess(actor=None, result=skp.results.get(), realisation="ok", evidence="",
                             level="diatas")  # fmt: skip
    text = (
        client_for(personas.pimpinan)
        .get(reverse("performance:skp", args=[skp.pk]))
        .content.decode()
    )
    assert (
        "Saran aturan untuk rating hasil kerja: sebagian besar hasil kerja di atas ekspektasi, "
        "tidak ada hasil utama di bawah (1 di atas, 0 sesuai, 0 di bawah) (keyakinan medium)."
    ) in text


def test_export_xlsx(chain, personas, client_for) -> None:
    import io

    import openpyxl

    skp = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    domain.skp_result_add(actor=None, skp=skp, kind="utama", text="+SUM(A1)", indicator_text="y",
                          target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    response = client_for(chain.kabid_user).get(
        reverse("performance:skp_export_xlsx") + "?year=2024"
    )
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("tahun", "nip", "nama")
    assert rows[1][1] == chain.kabid.nip and rows[1][6] == "+SUM(A1)"
    cell = ws.cell(row=2, column=7)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)  # text, never a formula
    assert len(rows) == 2


def test_opd_links_its_indicator_to_the_pemda_iku(chain, personas, client_for) -> None:
    client = client_for(personas.admin_opd)
    page = client.get(reverse("performance:agreement", args=[chain.opd_pk.pk])).content.decode()
    assert f'<option value="{chain.iku.pk}">IKU-1 Angka harapan hidup</option>' in page
    url = reverse("performance:indicator_create", args=[chain.opd_sasaran.pk])
    data = {"code": "I-7", "name": "Cakupan imunisasi dasar", "kind": "outcome", "is_iku": "on",
            "measure": "%", "polarity": "naik", "target": "95", "target_q1": "25",
            "smart": ["S", "M", "T"], "supports": str(chain.iku.pk)}  # fmt: skip
    assert client.post(url, data).status_code == 302
    made = Indicator.objects.get(code="I-7")
    assert (made.supports_id, made.smart, made.target_q1) == (chain.iku.pk, ["S", "M", "T"], 25)
    # the Pemda's own PK stays the Admin Pemda's to write
    before = Indicator.objects.count()
    url = reverse("performance:indicator_create", args=[chain.iku.sasaran_id])
    assert client.post(url, {**data, "code": "IKU-9"}).status_code == 404
    assert Indicator.objects.count() == before


def test_values_page_hides_below_k(chain, personas, client_for) -> None:
    response = client_for(personas.pimpinan).get(
        reverse("performance:values", args=[personas.opd_a.code])
    )
    assert response.status_code == 200
    assert 'data-testid="hidden"' in response.content.decode()
    # a unit outside the Pimpinan's reach, by code in any case: 404
    assert (
        client_for(personas.pimpinan)
        .get(reverse("performance:values", args=["dukcapil"]))
        .status_code
        == 404
    )


def test_role_home_lists_what_waits(chain, personas, client_for) -> None:
    today = dt.date.today()
    # the DPA approved 40 days ago: this year's PK was due ten days ago or so
    domain.planning_year_set(
        actor=None, pemda=personas.pemda, year=today.year,
        dpa_approved_on=today - dt.timedelta(days=40), evaluation_period="quarterly",
    )  # fmt: skip
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    domain.skp_result_add(actor=None, skp=kasi, kind="utama", text="k", indicator_text="k",
                          target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    staff = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    domain.skp_result_add(actor=None, skp=staff, kind="utama", text="a", indicator_text="b",
                          target="1", intervenes=kasi.results.get())  # fmt: skip
    domain.skp_agree(actor=None, skp=staff)
    home = reverse("home:index")
    text = client_for(chain.staff_user).get(home).content.decode()
    assert 'data-todo="skp"' in text and "SKP 2024 Anda" in text
    assert 'data-todo="skp-rate"' not in text
    # the Kepala Seksi rates the staff member
    from tests.factories import UserFactory

    kasi_user = UserFactory(
        username="kasi", pemda=personas.pemda, employee=chain.kasi, nip=chain.kasi.nip
    )
    kasi_user.role_assignments.create(pemda=personas.pemda, role="pegawai", unit=chain.seksi)
    text = client_for(kasi_user).get(home).content.decode()
    assert "1 menunggu penilaian Anda" in text
    # an unsigned PK of this year past its deadline, for those who write it
    domain.agreement_create(
        actor=None, pemda=personas.pemda, year=dt.date.today().year, unit=personas.opd_a
    )
    text = client_for(personas.admin_opd).get(home).content.decode()
    assert 'data-todo="pk-late"' in text
    assert 'data-todo="pk-late"' not in client_for(personas.pegawai).get(home).content.decode()


def test_sign_by_page_with_a_day_as_typed(chain, personas, client_for) -> None:
    url = reverse("performance:agreement_sign", args=[chain.opd_pk.pk])
    response = client_for(personas.admin_opd).post(url, {"signed_on": "31/13/2024"}, follow=True)
    assert "Tanggal harus ditulis hh/bb/tttt" in response.content.decode()
    chain.opd_pk.refresh_from_db()
    assert chain.opd_pk.status == "draft"
    client_for(personas.admin_opd).post(url, {"signed_on": "05/02/2024"})
    chain.opd_pk.refresh_from_db()
    assert (chain.opd_pk.status, chain.opd_pk.signed_on) == ("signed", dt.date(2024, 2, 5))


def _annexed(chain):  # type: ignore[no-untyped-def]
    """The Kepala Bidang's SKP with one rencana hasil kerja and two annex parts filled; the
    Kepala Seksi's with no rencana yet and one consequence that looks like a formula."""
    kabid = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    domain.skp_result_add(actor=None, skp=kabid, kind="utama", text="Layanan rujukan",
                          indicator_text="y", target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    domain.skp_annex_set(actor=None, skp=kabid, resources="Anggaran Rp10 juta\n\n  Dua  staf ",
                         accountability="Laporan bulanan", consequences="")  # fmt: skip
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    domain.skp_annex_set(actor=None, skp=kasi, resources="", accountability="",
                         consequences="=Teguran tertulis")  # fmt: skip


def test_export_for_ekinerja_carries_the_lampiran_skp(chain, personas, client_for) -> None:
    import csv
    import io

    _annexed(chain)
    response = client_for(personas.admin_pemda).get(
        reverse("performance:skp_export") + "?year=2024"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0])[-4:] == [
        "predikat", "lampiran_dukungan_sumber_daya", "lampiran_skema_pertanggungjawaban",
        "lampiran_konsekuensi",
    ]  # fmt: skip
    # One row per rencana hasil kerja: the Kepala Seksi has none, so only the annex sheet of
    # the workbook carries theirs. Each part's items one per line, as on the SKP form.
    assert [(r["nip"], r["rencana_hasil_kerja"]) for r in rows] == [
        (chain.kabid.nip, "Layanan rujukan")
    ]
    assert (
        rows[0]["lampiran_dukungan_sumber_daya"],
        rows[0]["lampiran_skema_pertanggungjawaban"],
        rows[0]["lampiran_konsekuensi"],
    ) == ("Anggaran Rp10 juta\nDua staf", "Laporan bulanan", "")


def test_export_xlsx_has_a_lampiran_skp_sheet(chain, personas, client_for) -> None:
    import io

    import openpyxl

    _annexed(chain)
    response = client_for(personas.admin_pemda).get(
        reverse("performance:skp_export_xlsx") + "?year=2024"
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["SKP 2024", "Lampiran SKP"]
    main = list(wb["SKP 2024"].iter_rows(values_only=True))
    assert main[0][-3:] == (
        "lampiran_dukungan_sumber_daya", "lampiran_skema_pertanggungjawaban",
        "lampiran_konsekuensi",
    )  # fmt: skip
    assert main[1][-3:] == ("Anggaran Rp10 juta\nDua staf", "Laporan bulanan", None)
    annex = wb["Lampiran SKP"]
    kabid = (2024, chain.kabid.nip, "Kepala Bidang", "DINKES-YANKES")
    assert list(annex.iter_rows(values_only=True)) == [
        ("tahun", "nip", "nama", "unit", "bagian", "nomor", "butir"),
        (*kabid, "dukungan_sumber_daya", 1, "Anggaran Rp10 juta"),
        (*kabid, "dukungan_sumber_daya", 2, "Dua staf"),
        (*kabid, "skema_pertanggungjawaban", 1, "Laporan bulanan"),
        (2024, chain.kasi.nip, "Kepala Seksi", "DINKES-YANKES-S1", "konsekuensi", 1,
         "=Teguran tertulis"),
    ]  # fmt: skip
    cell = annex.cell(row=5, column=7)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)  # text, never a formula
    # The staff member's workbook holds no one else's annex.
    response = client_for(chain.staff_user).get(
        reverse("performance:skp_export_xlsx") + "?year=2024"
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert list(wb["Lampiran SKP"].iter_rows(values_only=True)) == [
        ("tahun", "nip", "nama", "unit", "bagian", "nomor", "butir")
    ]
