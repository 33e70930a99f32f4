"""The printed PK, LKjIP draft and SKP form read as their readers expect."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
