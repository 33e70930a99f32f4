"""SKM reports rendered and read: the Laporan SKM names the Pemda, the date and each page,
draws the IKM trend and prints the respondent profile in words; workbooks carry the Pemda's
and each OPD's totals."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.urls import reverse
from openpyxl import load_workbook

from sikap.publicservice import domain
from tests.conftest import pdf_text

YEAR = dt.date.today().year


def answer(su, value, day, profile=None):
    domain.skm_submit(
        service_unit=su,
        product=None,
        answers={f"U{i}": value for i in range(1, 10)},
        profile=profile,
        today=day,
    )


def units(personas):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    dukcapil, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_b)
    answer(pkm, 3, dt.date(YEAR - 1, 6, 1), {"age_band": "30-39", "sex": "P"})
    answer(pkm, 4, dt.date(YEAR, 1, 10), {"age_band": "30-39", "sex": "P", "education": "D4-S1"})
    answer(pkm, 3, dt.date(YEAR, 2, 10), {"age_band": "<20", "sex": "L"})
    answer(pkm, 3, dt.date(YEAR, 2, 11))
    answer(dukcapil, 1, dt.date(YEAR, 2, 10), {"occupation": "WIRAUSAHA"})
    for su in (pkm, dukcapil):
        domain.skm_recompute(service_unit_id=su.pk)
    return pkm, dukcapil


def test_laporan_skm_pdf_reads_as_a_report(personas, client_for):
    pkm, _ = units(personas)
    response = client_for(personas.admin_pemda).get(
        reverse("publicservice:pdf", args=[pkm.pk]) + f"?period={YEAR}"
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    pages = int(re.search(r"Halaman 1 dari (\d+)", text).group(1))
    assert [f"Halaman {n} dari {pages}" in text for n in range(1, pages + 1)] == [True] * pages
    assert text.count("Dibuat oleh SIKAP, ") == pages
    assert text.count(f"Laporan SKM · Puskesmas Kamonji · {YEAR}") == pages
    assert "Pemerintah Kota Palu" in text
    # The profile in words, in the form's order, blanks counted as such.
    assert "Usia di bawah 20 tahun: 1; 30–39 tahun: 1; tidak diisi: 1" in text
    assert "Jenis kelamin Laki-laki: 1; Perempuan: 1; tidak diisi: 1" in text
    assert "Pendidikan D4/S1: 1; tidak diisi: 2" in text
    assert "Pekerjaan tidak diisi: 3" in text
    for raw in ("age_band", "sex", "education", "occupation", "-: "):
        assert raw not in text
    # The trend: as a chart (its axis, its points' values) and as a table.
    assert "4. Tren" in text
    assert f"{YEAR - 1} 1 75,00 C" in text
    assert f"{YEAR} 3 83,33 B" in text
    assert text.count("83,33") >= 3  # results table, trend table, the chart's point


def test_units_workbook_holds_pemda_and_opd_totals(personas, client_for):
    units(personas)
    response = client_for(personas.admin_pemda).get(
        reverse("publicservice:units_excel") + f"?period={YEAR}"
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [f"SKM {YEAR}", "Total Pemda dan OPD"]
    rows = list(wb["Total Pemda dan OPD"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Pemda", "Pemerintah Kota Palu")
    assert rows[1][:2] == ("Periode", str(YEAR))
    assert rows[4] == (
        "Tingkat",
        "Kode",
        "Nama",
        "Unit layanan",
        "n",
        "IKM",
        "Mutu",
        "Kinerja unit",
    )
    # Pemda: 4, 3, 3 and 1 on every unsur → 11/4 × 25 = 68.75.
    assert rows[5:] == [
        ("Pemda", None, "Pemerintah Kota Palu", 2, 4, 68.75, "C", "Kurang Baik"),
        ("OPD", "DINKES", "Dinas Kesehatan", 1, 3, 83.33, "B", "Baik"),
        (
            "OPD",
            "DUKCAPIL",
            "Dinas Kependudukan dan Pencatatan Sipil",
            1,
            1,
            25.0,
            "D",
            "Tidak Baik",
        ),
    ]


def test_opd_reader_gets_its_opd_total_and_no_pemda_row(personas, client_for):
    units(personas)
    response = client_for(personas.admin_opd).get(
        reverse("publicservice:units_excel") + f"?period={YEAR}"
    )
    rows = list(
        load_workbook(io.BytesIO(response.content))["Total Pemda dan OPD"].iter_rows(
            values_only=True
        )
    )
    assert [r[:2] for r in rows[5:]] == [("OPD", "DINKES")]


def test_unit_workbook_names_pemda_and_date(personas, client_for):
    pkm, _ = units(personas)
    response = client_for(personas.admin_pemda).get(
        reverse("publicservice:excel", args=[pkm.pk]) + f"?period={YEAR}"
    )
    ws = load_workbook(io.BytesIO(response.content))["Hasil SKM"]
    head = {r[0]: r[1] for r in ws.iter_rows(min_row=1, max_row=9, values_only=True)}
    assert head["Pemda"] == "Pemerintah Kota Palu"
    assert head["IKM (25–100)"] == 83.33
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", head["Dibuat"])
