"""Management pages and API: exact figures for the right people, 404/403 for everyone else."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest

from sikap.core.models import AuditLog
from sikap.publicservice import domain
from sikap.publicservice.models import FollowUp, Publication, ServiceProduct, VisitCode
from tests.conftest import EVIDENCE_PDF, pdf_text, qr_decode_svg

YEAR = dt.date.today().year


def bases(who: str) -> list[str]:
    """Where `who` is refused Palu's objects: Palu's address and, for the outsider (Donggala's
    admin), also their own Pemda's address, where the objects of Palu are missing as well."""
    return ["/p/palu", "/p/donggala"] if who == "outsider" else ["/p/palu"]


def submit(su, values, *, product=None, comment="", day=None):
    domain.skm_submit(
        service_unit=su,
        product=product,
        answers={f"U{i}": v for i, v in enumerate(values, start=1)},
        comment=comment,
        today=day or dt.date(YEAR, 1, 10),
    )


@pytest.fixture
def data(personas):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    dukcapil, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    rj = domain.service_product_create(actor=None, service_unit=pkm, name="Rawat Jalan")
    submit(pkm, [4] * 9, product=rj, comment="Ramah sekali")
    submit(pkm, [3] * 9, product=rj)
    submit(pkm, [2, None, 2, 2, 2, 2, 2, 2, None], product=rj)
    submit(dukcapil, [1] * 9, comment="rahasia dukcapil")
    domain.skm_recompute(service_unit_id=pkm.pk)
    domain.skm_recompute(service_unit_id=dukcapil.pk)
    return pkm, dukcapil, rj


def test_unit_page_shows_exact_results(client_for, personas, data):
    pkm, _, _ = data
    html = (
        client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/unit/{pkm.pk}/?periode={YEAR}")
        .content.decode()
    )
    assert "77,78" in html  # 28/9 × 25, Indonesian decimal comma
    assert "Baik" in html
    assert "Rawat Jalan" in html
    # n = 3 < 10: comments stay hidden
    assert "Ramah sekali" not in html
    assert "Saran ditampilkan bila ada paling sedikit 10 jawaban" in html


def test_comments_appear_from_ten_answers(client_for, personas, data):
    pkm, _, rj = data
    for _ in range(7):
        submit(pkm, [4] * 9, product=rj)
    domain.skm_recompute(service_unit_id=pkm.pk)
    html = (
        client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/unit/{pkm.pk}/?periode={YEAR}")
        .content.decode()
    )
    assert "Ramah sekali" in html
    assert "rahasia dukcapil" not in html


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "outsider"])
def test_other_opd_unit_is_404(client_for, personas, data, who):
    _, dukcapil, _ = data
    client = client_for(getattr(personas, who))
    for base in bases(who):
        assert client.get(f"{base}/layanan/unit/{dukcapil.pk}/").status_code == 404
        assert client.get(f"{base}/layanan/unit/{dukcapil.pk}/laporan.xlsx").status_code == 404
        assert client.get(f"{base}/layanan/unit/{dukcapil.pk}/ombudsman/").status_code == 404
        assert client.get(f"{base}/layanan/unit/{dukcapil.pk}/pekppp/").status_code == 404
        assert client.get(f"{base}/layanan/org/{personas.opd_b.pk}/").status_code == 404


def test_anonymous_and_pegawai_refused(client_for, personas, data):
    pkm, _, _ = data
    anon = client_for(None)
    for url in (
        "/p/palu/layanan/",
        f"/p/palu/layanan/unit/{pkm.pk}/",
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/",
        "/p/palu/layanan/ombudsman/",
        "/p/palu/layanan/pekppp/",
    ):
        response = anon.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/")
    pegawai = client_for(personas.pegawai)
    assert pegawai.get("/p/palu/layanan/").status_code == 403
    assert pegawai.get(f"/p/palu/layanan/unit/{pkm.pk}/").status_code == 404


def test_dashboard_scoped(client_for, personas, data):
    html = client_for(personas.admin_opd).get(f"/p/palu/layanan/?periode={YEAR}").content.decode()
    assert "Puskesmas Kamonji" in html
    assert "Dinas Kependudukan" not in html
    html = client_for(personas.admin_pemda).get(f"/p/palu/layanan/?periode={YEAR}").content.decode()
    assert "Puskesmas Kamonji" in html and "Dinas Kependudukan" in html


def _extra_units(personas, count):
    from tests.factories import make_unit

    for i in range(count):
        unit = make_unit(
            personas.pemda, f"PKM-X{i}", f"Puskesmas X{i}", "puskesmas", parent=personas.opd_a
        )
        su, _ = domain.service_unit_ensure(actor=None, unit=unit)
        submit(su, [3] * 9)
        domain.skm_recompute(service_unit_id=su.pk)


@pytest.mark.parametrize("extra", [0, 2])
def test_dashboard_query_count(client_for, personas, data, extra, django_assert_max_num_queries):
    _extra_units(personas, extra)  # 1 or 3 service units in the OPD A subtree
    client = client_for(personas.admin_opd)
    with django_assert_max_num_queries(12):
        response = client.get(f"/p/palu/layanan/?periode={YEAR}")
    assert response.content.decode().count("/p/palu/layanan/unit/") == 1 + extra


def test_manage_add_product_and_volume(client_for, personas, data):
    pkm, _, rj = data
    client = client_for(personas.admin_opd)
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/jenis-layanan/", {"name": "Imunisasi"}
    )
    assert response.status_code == 302
    assert sorted(
        ServiceProduct.objects.filter(service_unit=pkm).values_list("name", flat=True)
    ) == ["Imunisasi", "Rawat Jalan"]
    client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/volume/",
        {"product": rj.pk, "year": YEAR, "volume": 100},
    )
    assert rj.volumes.get(year=YEAR).volume == 100
    html = client.get(f"/p/palu/layanan/unit/{pkm.pk}/?periode={YEAR}").content.decode()
    assert "3 / 80" in html  # Krejcie–Morgan for N = 100


@pytest.mark.parametrize("who", ["pimpinan", "penilai", "outsider", "pegawai"])
def test_manage_refused_changes_nothing(client_for, personas, data, who):
    pkm, _, _ = data
    client = client_for(getattr(personas, who))
    before = (
        ServiceProduct.objects.count(),
        FollowUp.objects.count(),
        Publication.objects.count(),
        AuditLog.objects.count(),
    )
    for base in bases(who):
        assert client.get(f"{base}/layanan/unit/{pkm.pk}/kelola/").status_code == 404
        assert (
            client.post(
                f"{base}/layanan/unit/{pkm.pk}/kelola/jenis-layanan/", {"name": "X"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                f"{base}/layanan/unit/{pkm.pk}/tindak-lanjut/",
                {
                    "period": str(YEAR),
                    "unsur": "U1",
                    "action": "a",
                    "owner": "b",
                    "deadline": "2030-01-01",
                    "status": "planned",
                },
            ).status_code
            == 404
        )
        assert (
            client.post(
                f"{base}/layanan/unit/{pkm.pk}/publikasi/",
                {"period": str(YEAR), "published_on": "2030-01-01", "channel": "web"},
            ).status_code
            == 404
        )
        assert (
            client.post(f"{base}/layanan/unit/{pkm.pk}/kode-kunjungan/", {"count": 5}).status_code
            == 404
        )
        assert client.get(f"{base}/layanan/unit/{pkm.pk}/poster/").status_code == 404
    after = (
        ServiceProduct.objects.count(),
        FollowUp.objects.count(),
        Publication.objects.count(),
        AuditLog.objects.count(),
    )
    assert before == after


def test_followup_and_publication(client_for, personas, data, evidence_root):
    pkm, _, _ = data
    client = client_for(personas.admin_opd)
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/tindak-lanjut/",
        {
            "period": str(YEAR),
            "unsur": "U8",
            "action": "Sediakan kotak pengaduan",
            "owner": "Kasubag TU",
            "deadline": "2030-03-31",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    item = FollowUp.objects.get()
    assert (item.unsur, item.owner, item.status) == ("U8", "Kasubag TU", "planned")
    # Done without evidence is refused; a file sent with the form is not taken as evidence
    # (evidence comes from the library); a bad file is refused by the library; with a PDF
    # in the library it is accepted.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sikap.evidence.models import Document

    done = {
        "period": str(YEAR),
        "unsur": "U8",
        "action": "x",
        "owner": "y",
        "deadline": "2030-03-31",
        "status": "done",
    }
    client.post(f"/p/palu/layanan/tindak-lanjut/{item.pk}/", done)
    item.refresh_from_db()
    assert item.status == "planned"
    good = SimpleUploadedFile("bukti.pdf", EVIDENCE_PDF, content_type="application/pdf")
    client.post(f"/p/palu/layanan/tindak-lanjut/{item.pk}/", {**done, "evidence": good})
    item.refresh_from_db()
    assert (item.status, item.evidence.name, Document.objects.count()) == ("planned", "", 0)
    bad = SimpleUploadedFile("bukti.pdf", b"not a pdf", content_type="application/pdf")
    client.post(
        f"/p/palu/layanan/tindak-lanjut/{item.pk}/pustaka/unggah/",
        {"doc_type": "laporan", "title": "Bukti kotak pengaduan", "file": bad},
    )
    client.post(f"/p/palu/layanan/tindak-lanjut/{item.pk}/", done)
    item.refresh_from_db()
    assert (item.status, Document.objects.count()) == ("planned", 0)
    good = SimpleUploadedFile("bukti.pdf", EVIDENCE_PDF, content_type="application/pdf")
    client.post(
        f"/p/palu/layanan/tindak-lanjut/{item.pk}/pustaka/unggah/",
        {"doc_type": "laporan", "title": "Bukti kotak pengaduan", "file": good},
    )
    client.post(f"/p/palu/layanan/tindak-lanjut/{item.pk}/", done)
    item.refresh_from_db()
    assert (item.status, item.evidence.name) == ("done", "")
    assert [e.document.title for e in item.library_evidence.all()] == ["Bukti kotak pengaduan"]
    # Period and unsur name what the follow-up answers: the edit form does not offer them.
    edit = client.get(f"/p/palu/layanan/tindak-lanjut/{item.pk}/").content.decode()
    assert 'name="period"' not in edit and 'name="unsur"' not in edit
    assert f"Periode {YEAR}" in edit
    assert "Unsur U8 Penanganan Pengaduan, Saran dan Masukan" in edit
    client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/publikasi/",
        {"period": str(YEAR), "published_on": "2030-01-05", "channel": "Papan pengumuman"},
    )
    assert Publication.objects.get().channel == "Papan pengumuman"
    # Other OPD cannot edit this follow-up.
    outsider = client_for(personas.outsider)
    for base in bases("outsider"):
        response = outsider.post(f"{base}/layanan/tindak-lanjut/{item.pk}/", {"status": "planned"})
        assert response.status_code == 404


def test_excel_and_pdf(client_for, personas, data):
    pkm, _, _ = data
    client = client_for(personas.pimpinan)
    response = client.get(f"/p/palu/layanan/unit/{pkm.pk}/laporan.xlsx?periode={YEAR}")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["Hasil SKM"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=1, max_row=6, values_only=True)}
    assert rows["Jumlah responden (n)"] == 3
    assert rows["IKM (25–100)"] == 77.78
    assert rows["Mutu"] == "B"
    pdf = client.get(f"/p/palu/layanan/unit/{pkm.pk}/laporan.pdf?periode={YEAR}")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Puskesmas Kamonji" in text and "77,78" in text, text


def test_poster_and_qr(client_for, personas, data, settings):
    settings.SIKAP_BASE_URL = "https://sikap.palukota.go.id/"
    pkm, _, _ = data
    client = client_for(personas.admin_opd)
    html = client.get(f"/p/palu/layanan/unit/{pkm.pk}/poster/?loket=Loket+1").content.decode()
    assert f"/layanan/f/{pkm.public_slug}/" in html and "Loket 1" in html
    svg = client.get(f"/p/palu/layanan/unit/{pkm.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    form = f"https://sikap.palukota.go.id/layanan/f/{pkm.public_slug}/"
    assert qr_decode_svg(svg.content) == [form]
    rj = ServiceProduct.objects.get(name="Rawat Jalan")
    svg = client.get(f"/p/palu/layanan/unit/{pkm.pk}/qr.svg?produk={rj.pk}")
    assert qr_decode_svg(svg.content) == [f"{form}?produk={rj.pk}"]


def test_poster_and_qr_link_to_the_host_asked_without_a_base_url(
    client_for, personas, data, settings
):
    settings.SIKAP_BASE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "sikap.palukota.go.id"]
    pkm, _, _ = data
    client = client_for(personas.admin_opd)
    host = {"HTTP_HOST": "sikap.palukota.go.id"}
    form = f"http://sikap.palukota.go.id/layanan/f/{pkm.public_slug}/"
    html = client.get(f"/p/palu/layanan/unit/{pkm.pk}/poster/", **host).content.decode()
    assert form in html
    assert "/p/palu/layanan/f/" not in html
    svg = client.get(f"/p/palu/layanan/unit/{pkm.pk}/qr.svg", **host)
    assert svg.status_code == 200
    (link,) = qr_decode_svg(svg.content)
    assert link == form and "/p/" not in link
    # The public form itself answers at that short address.
    assert client_for(None).get(f"/layanan/f/{pkm.public_slug}/", **host).status_code == 200


def test_visit_codes_printed_once(client_for, personas, data):
    pkm, _, _ = data
    html = (
        client_for(personas.admin_opd)
        .post(f"/p/palu/layanan/unit/{pkm.pk}/kode-kunjungan/", {"count": 3})
        .content.decode()
    )
    assert html.count('class="ticket"') == 3
    codes = re.findall(r'<div class="ticket">.*?</div><div>([^<]+)</div>', html)
    assert len(set(codes)) == 3
    # Only hashes are stored, and no later page shows a code again.
    stored = list(VisitCode.objects.filter(service_unit=pkm).values_list("code_hash", flat=True))
    assert len(stored) == 3 and not set(codes) & set(stored)
    assert not any(code in h for code in codes for h in stored)
    manage = (
        client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/unit/{pkm.pk}/kelola/")
        .content.decode()
    )
    assert [c for c in codes if c in manage] == []


# --- API -----------------------------------------------------------------------------------


def test_api_results_scoped(client_for, personas, data):
    pkm, dukcapil, _ = data
    client = client_for(personas.admin_opd)
    listing = client.get("/api/layanan/units/?pemda=palu").json()
    assert [u["unit_code"] for u in listing["results"]] == ["DINKES-PKM-KAMONJI"]
    body = client.get(f"/api/layanan/units/{pkm.pk}/results/?period={YEAR}&pemda=palu").json()
    assert (body["n"], body["ikm"], body["category"], body["nrr"]["U2"]) == (3, 77.78, "B", 3.5)
    assert client.get(f"/api/layanan/units/{dukcapil.pk}/results/?pemda=palu").status_code == 404
    org = client.get(
        f"/api/layanan/org-results/{personas.opd_a.pk}/?period={YEAR}&pemda=palu"
    ).json()
    assert (org["unit"], org["n"]) == ("DINKES", 3)
    assert (
        client.get(f"/api/layanan/org-results/{personas.opd_b.pk}/?pemda=palu").status_code == 404
    )
    bad = client.get(f"/api/layanan/units/{pkm.pk}/results/?period=2024Q9&pemda=palu")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["period"]
    outsider = client_for(personas.outsider)
    assert outsider.get("/api/layanan/units/?pemda=palu").status_code == 404
    assert outsider.get("/api/layanan/units/?pemda=donggala").json()["results"] == []
    assert client_for(None).get("/api/layanan/units/?pemda=palu").status_code in (401, 403)


@pytest.mark.parametrize(
    "url",
    [
        "/p/palu/layanan/?periode=2010",
        "/p/palu/layanan/?periode=2017",
        "/p/palu/layanan/ombudsman/?tahun=2005",
        "/p/palu/layanan/ombudsman/?tahun=2015",
        "/p/palu/layanan/pekppp/?tahun=2010",
    ],
)
def test_years_without_rulebook_never_500(client_for, personas, data, url):
    response = client_for(personas.admin_pemda).get(url)
    assert response.status_code == 200


def test_unit_pages_years_without_rulebook(client_for, personas, data):
    pkm, _, _ = data
    client = client_for(personas.admin_pemda)
    html = client.get(f"/p/palu/layanan/unit/{pkm.pk}/?periode=2010").content.decode()
    assert "Tidak ada aturan SKM untuk tahun 2010." in html
    assert client.get(f"/p/palu/layanan/unit/{pkm.pk}/?periode=2017").status_code == 200
    assert client.get(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?tahun=2010").status_code == 200
    client.post(f"/p/palu/layanan/unit/{pkm.pk}/pekppp/mulai/?tahun=2010", {"tahun": "2010"})
    client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/indikator/?tahun=2015",
        {"code": "SP01", "score": "3", "tahun": "2015"},
    )
    from sikap.publicservice.models import OmbudsmanAssessment, PekpppEvaluation

    assert PekpppEvaluation.objects.count() == 0
    assert OmbudsmanAssessment.objects.count() == 0
    body = client.get(f"/api/layanan/units/{pkm.pk}/results/?period=2010&pemda=palu")
    assert body.status_code == 400


def test_pemda_total_only_for_whole_pemda(client_for, personas, data):
    html = client_for(personas.admin_pemda).get(f"/p/palu/layanan/?periode={YEAR}").content.decode()
    # Pooled over both units: U1..U9 from 4 answers (three of Kamonji, one of Dukcapil).
    # U1 (4+3+2+1)/4 = 2.5; U2 (4+3+1)/3; U3–U8 2.5; U9 8/3 → 63.43 (D)
    assert 'data-testid="pemda-ikm">63,43 · D Tidak Baik' in html
    assert (
        "pemda-ikm"
        not in client_for(personas.admin_opd)
        .get(f"/p/palu/layanan/?periode={YEAR}")
        .content.decode()
    )


def test_units_excel_scoped(client_for, personas, data):
    def sheet(user, pemda="palu"):
        response = client_for(user).get(f"/p/{pemda}/layanan/laporan.xlsx?periode={YEAR}")
        assert response.status_code == 200
        ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return list(ws.iter_rows(min_row=2, values_only=True))

    rows = sheet(personas.admin_pemda)
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("DINKES-PKM-KAMONJI", 3, 77.78, "B"),
        ("DUKCAPIL", 1, 25.0, "D"),
    ]
    assert [r[0] for r in sheet(personas.admin_opd)] == ["DINKES-PKM-KAMONJI"]
    assert client_for(personas.pegawai).get("/p/palu/layanan/laporan.xlsx").status_code == 403
    assert client_for(None).get("/p/palu/layanan/laporan.xlsx").status_code == 302
    assert client_for(personas.outsider).get("/p/palu/layanan/laporan.xlsx").status_code == 404
    assert sheet(personas.outsider, "donggala") == []


def test_refused_unit_page_forms_name_each_field_and_store_nothing(client_for, personas, data):
    pkm, _, _ = data
    client = client_for(personas.admin_opd)
    before = (FollowUp.objects.count(), Publication.objects.count(), AuditLog.objects.count())
    page = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/publikasi/",
        {"period": str(YEAR), "published_on": "kemarin", "channel": ""},
        follow=True,
    )
    html = page.content.decode()
    assert (
        "Tanggal publikasi: Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026.; Media publikasi: Bidang ini harus diisi."
        in html
    )
    page = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/tindak-lanjut/",
        {"period": str(YEAR), "unsur": "U8", "action": "", "owner": "Kasubag TU"},
        follow=True,
    )
    html = page.content.decode()
    assert (
        "Rencana tindak lanjut: Bidang ini harus diisi.; Batas waktu: Bidang ini harus diisi.; "
        "Status: Bidang ini harus diisi."
    ) in html
    assert (
        FollowUp.objects.count(),
        Publication.objects.count(),
        AuditLog.objects.count(),
    ) == before


def test_manage_actions_each_have_their_own_url(client_for, personas, data):
    pkm, _, rj = data
    client = client_for(personas.admin_opd)
    old_key = pkm.kiosk_key
    assert client.post(f"/p/palu/layanan/unit/{pkm.pk}/kelola/kunci-kios/").status_code == 302
    pkm.refresh_from_db()
    assert pkm.kiosk_key != old_key
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/pengaturan/", {"require_visit_code": "on"}
    )
    assert response.status_code == 302
    pkm.refresh_from_db()
    assert pkm.require_visit_code is True
    # A refused volume names the problem and stores nothing.
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/kelola/volume/",
        {"product": rj.pk, "year": "20x4", "volume": "5"},
        follow=True,
    )
    assert "Tahun dan volume harus angka yang sah." in response.content.decode()
    assert rj.volumes.count() == 0
    # An empty product name shows the form again with its error, nothing stored.
    response = client.post(f"/p/palu/layanan/unit/{pkm.pk}/kelola/jenis-layanan/", {"name": ""})
    assert response.status_code == 200
    assert ServiceProduct.objects.filter(service_unit=pkm).count() == 1
    # The page itself only shows.
    assert client.post(f"/p/palu/layanan/unit/{pkm.pk}/kelola/", {"name": "X"}).status_code == 405


def test_dashboard_names_weakest_unsur(client_for, personas, data):
    html = client_for(personas.admin_pemda).get(f"/p/palu/layanan/?periode={YEAR}").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert (
        "3 77,78 · B Baik U1 Persyaratan; U3 Waktu Penyelesaian; U4 Biaya/Tarif; "
        "U5 Produk Spesifikasi Jenis Pelayanan; U6 Kompetensi Pelaksana; U7 Perilaku Pelaksana; "
        "U8 Penanganan Pengaduan, Saran dan Masukan Dinas Kependudukan"
    ) in text


def test_unsur_named_filter():
    from django.utils import translation

    from sikap.publicservice.templatetags.skm_names import unsur_named

    with translation.override("id"):
        assert unsur_named("U3") == "U3 Waktu Penyelesaian"
        assert unsur_named(("U1", "U9")) == "U1 Persyaratan; U9 Sarana dan Prasarana"
        assert unsur_named(("U99",)) == "U99" and unsur_named(()) == "" and unsur_named(None) == ""
    with translation.override("en"):
        assert unsur_named("U1") == "U1 Requirements"


def test_unit_page_forms_refused_come_back_bound_with_the_error_at_its_field(
    client_for, personas, data
):
    from tests.form_style import field_error

    pkm, _, _ = data
    client = client_for(personas.admin_opd)
    audits = AuditLog.objects.count()
    followup = {
        "period": str(YEAR),
        "unsur": "U8",
        "action": "Sediakan kotak pengaduan",
        "owner": "Kasubag TU",
        "deadline": "31/02/2030",
        "status": "planned",
    }
    response = client.post(f"/p/palu/layanan/unit/{pkm.pk}/tindak-lanjut/", followup)
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "followup-deadline")
    # What was typed stays in the form, which is open; the other form keeps its own ids.
    assert "Sediakan kotak pengaduan</textarea>" in html and '<details class="mb-3" open>' in html
    assert 'id="publication-period"' in html and html.count('id="followup-period"') == 1
    response = client.post(
        f"/p/palu/layanan/unit/{pkm.pk}/publikasi/",
        {"period": str(YEAR), "published_on": "2030-01-15", "channel": "Situs", "url": "::"},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "publication-url")
    assert (FollowUp.objects.count(), Publication.objects.count()) == (0, 0)
    assert AuditLog.objects.count() == audits
