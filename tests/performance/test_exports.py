"""The printed PK, LKjIP draft and SKP form read as their readers expect."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from sikap.core import docx
from sikap.performance import domain, exports
from tests.conftest import pdf_text


def test_pk_pdf_in_the_familiar_layout(chain) -> None:
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    text = pdf_text(exports.pk_pdf(None, chain.opd_pk))
    assert "PERJANJIAN KINERJA TAHUN 2024 DINAS KESEHATAN" in text
    assert "Kepala Dinas" in text and "Wali Kota Palu" in text and "1 Februari 2024" in text
    assert (
        "Meningkatnya akses layanan kesehatan Persentase ibu hamil mendapat layanan 80 % 20 40"
        in text
    )


def test_lkjip_puts_last_year_beside(chain, personas) -> None:
    old = domain.agreement_create(actor=None, pemda=personas.pemda, year=2023, unit=personas.opd_a)
    s = domain.sasaran_create(actor=None, agreement=old, code="S1", name="Akses")
    i = domain.indicator_create(actor=None, sasaran=s, code="i-1", name="Cakupan", kind="outcome",
                                target=Decimal(75))  # fmt: skip
    domain.realisation_record(actor=None, indicator=i, period="year", value=Decimal(60))
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="year", value=Decimal(92)
    )
    chain.opd_pk.refresh_from_db()
    text = pdf_text(exports.lkjip_pdf(None, chain.opd_pk))
    assert "Capaian keseluruhan: 115,00%" in text
    # this year: 80 → 92 = 115%; last year (code I-1 in any case): 75 → 60 = 80%
    assert "I-1 Persentase ibu hamil mendapat layanan 80 % 92 (Tahunan) 115,00% 75 80,00%" in text


def test_skp_pdf(chain) -> None:
    skp = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    domain.skp_result_add(actor=None, skp=skp, kind="utama", text="Cakupan K4 naik",
                          indicator_text="Persentase K4", target="95 %",
                          intervenes_indicator=chain.opd_indicator)  # fmt: skip
    domain.skp_expectation_set(actor=None, skp=skp, value="ad", expectation="Usul satu inovasi")
    text = pdf_text(exports.skp_pdf(None, skp, [(b, b.value) for b in skp.behaviours.all()]))
    assert "SASARAN KINERJA PEGAWAI" in text
    assert (
        "Persentase ibu hamil mendapat layanan Cakupan K4 naik (Utama) Kuantitas Persentase K4 95 %"
        in text
    )
    assert "AD Usul satu inovasi" in text
    assert chain.kadis.nip in text


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_parts(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The paragraphs outside tables and the table rows (cell texts) of a .docx."""
    import io
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
        root = ElementTree.fromstring(z.read("word/document.xml"))  # noqa: S314 - SIKAP's own file
    body = root.find(f"{W}body")
    assert body is not None

    def text(el) -> str:
        out = []
        for node in el.iter():
            if node.tag == f"{W}t":
                out.append(node.text or "")
            elif node.tag == f"{W}br":
                out.append("\n")
        return "".join(out)

    paragraphs = [text(p) for p in body.findall(f"{W}p")]
    rows = [[text(tc) for tc in tr.findall(f"{W}tc")] for tr in body.iter(f"{W}tr")]
    return paragraphs, rows


def test_lkjip_docx_has_the_pdf_figures(chain, personas, client_for) -> None:
    old = domain.agreement_create(actor=None, pemda=personas.pemda, year=2023, unit=personas.opd_a)
    s = domain.sasaran_create(actor=None, agreement=old, code="S1", name="Akses")
    i = domain.indicator_create(actor=None, sasaran=s, code="i-1", name="Cakupan", kind="outcome",
                                target=Decimal(75))  # fmt: skip
    domain.realisation_record(actor=None, indicator=i, period="year", value=Decimal(60))
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="q2", value=Decimal("37.5")
    )
    # the PDF's figures, which the DOCX repeats below
    text = pdf_text(exports.lkjip_pdf(None, chain.opd_pk))
    assert "I-1 Persentase ibu hamil mendapat layanan 80 % 37,5 (Triwulan II) 46,88% 75 80,00%" in (
        text
    )
    # a second indicator with a range, text that must survive XML, and no last year's row
    s2 = domain.sasaran_create(
        actor=None, agreement=chain.opd_pk, code="S2", name="Layanan <rujukan> & gawat darurat"
    )
    j = domain.indicator_create(
        actor=None, sasaran=s2, code="I-2", name='Waktu tanggap "IGD" ≤ 10 mnt — ĀĒ 漢字 ✓',
        kind="output", polarity="turun", measure="menit", target=Decimal(7),
        target_max=Decimal(8),
    )  # fmt: skip
    domain.realisation_record(actor=None, indicator=j, period="year", value=Decimal(9))
    response = client_for(personas.admin_opd).get(
        reverse("performance:lkjip_docx", args=[chain.opd_pk.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == docx.CONTENT_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="lkjip-2024-{chain.opd_pk.pk}.docx"'
    )
    paragraphs, rows = docx_parts(response.content)
    assert paragraphs[0] == "DRAF LAPORAN KINERJA INSTANSI PEMERINTAH 2024\nDINAS KESEHATAN"
    # I-1: Q2 realisasi 37.5 of 80 = 46.875 → 46.88; I-2: range 7–8, R 9 above: 2 − 9/8 = 87.5
    # S1 46.88, S2 87.50; the PK: (46.875 + 87.5) / 2 = 67.1875 → 67.19
    assert "Capaian keseluruhan: 67,19%" in paragraphs
    assert rows == [
        ["Sasaran", "Indikator", "Target", "Realisasi", "Capaian", "Target tahun lalu",
         "Capaian tahun lalu"],
        ["S1 Meningkatnya akses layanan kesehatan (46,88%)",
         "I-1 Persentase ibu hamil mendapat layanan", "80 %", "37,5 (Triwulan II)", "46,88%",
         "75", "80,00%"],
        ["S2 Layanan <rujukan> & gawat darurat (87,50%)",
         'I-2 Waktu tanggap "IGD" ≤ 10 mnt — ĀĒ 漢字 ✓', "7–8 menit", "9 (Tahunan)", "87,50%",
         "—", "—"],
    ]  # fmt: skip


def test_lkjip_docx_is_scoped(chain, personas, client_for) -> None:
    url = reverse("performance:lkjip_docx", args=[chain.pemda_pk.pk])
    assert client_for(personas.admin_pemda).get(url).status_code == 200
    own = reverse("performance:lkjip_docx", args=[chain.opd_pk.pk])
    other_opd = domain.agreement_create(
        actor=None, pemda=personas.pemda, year=2024, unit=personas.opd_b
    )
    other = reverse("performance:lkjip_docx", args=[other_opd.pk])
    assert client_for(personas.admin_opd).get(other).status_code == 404
    assert client_for(personas.outsider).get(own).status_code == 404
    assert client_for(personas.pegawai).get(own).status_code == 403
