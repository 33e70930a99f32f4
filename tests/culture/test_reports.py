"""Culture reports rendered and read: the PDF's every page names the Pemda, the date and its
number, carries the radar and trend of its page, and lists each comment once; the workbook
holds the Pemda's and each OPD's totals."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import pdf_text
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish

NOISE = ["Ruang tunggu panas", "Antrean terlalu panjang", "Petugas ramah"]


def campaigns(personas):
    first = make_campaign(personas, code="c2023")
    add_ballots(first, "DINKES", PKM + PKM[:1])
    add_ballots(first, "DUKCAPIL", DUKCAPIL)
    first = publish(first)
    start, end = dt.date(2024, 9, 1), dt.date(2024, 10, 20)
    second = make_campaign(personas, code="c2024", start=start, end=end)
    # Twelve respondents of Dukcapil, ten of them commenting, three comments written thrice.
    comments = [NOISE[0]] * 3 + [NOISE[1]] * 3 + [NOISE[2]] * 3 + ["Jam layanan diperpanjang"]
    add_ballots(second, "DUKCAPIL", (DUKCAPIL * 3)[:12], day=start, comments=comments)
    add_ballots(second, "DINKES", PKM, day=start)
    return first, publish(second, today=end)


def test_group_pdf_pages_charts_and_comments_once(personas, client_for):
    _first, second = campaigns(personas)
    response = client_for(personas.admin_pemda).get(
        reverse("culture:group_pdf", args=[second.code, "DUKCAPIL"])
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    today = timezone.localdate()
    pages = int(re.search(r"Halaman 1 dari (\d+)", text).group(1))
    for n in range(1, pages + 1):
        assert f"Halaman {n} dari {pages}" in text
    assert text.count("Pemerintah Kota Palu") >= pages  # the header of every page
    assert text.count("Dibuat oleh SIKAP, ") == pages
    assert f"dibuat {today.day} " in text
    assert "Survei c2024 · Dinas Kependudukan dan Pencatatan Sipil · n = 12" in text
    # The radar's axes and the trend's campaigns are drawn (as text inside the charts).
    for name in ("Berorientasi Pelayanan", "Akuntabel", "Kolaboratif"):
        assert text.count(name) >= 2  # in the table and on the radar
    assert "Tren antar kampanye" in text
    assert "Survei c2023 42,9 · C Tidak Sehat" in text
    # Each comment once, with how often it was written.
    for noise in NOISE:
        assert text.count(noise) == 1
    assert "Antrean terlalu panjang (3×)" in text
    assert "Jam layanan diperpanjang" in text and "Jam layanan diperpanjang (" not in text
    assert "4 komentar berbeda dari 10 komentar" in text


def test_workbook_holds_pemda_and_opd_totals(personas, client_for):
    _first, second = campaigns(personas)
    response = client_for(personas.admin_pemda).get(
        reverse("culture:export_xlsx", args=[second.code])
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Hasil", "Ringkasan"]
    rows = list(wb["Ringkasan"].iter_rows(values_only=True))
    assert rows[0] == ("Pemda", "Pemerintah Kota Palu") + (None,) * 11
    assert rows[1][:2] == ("Kampanye", "Survei c2024")
    assert rows[2][:2] == ("Periode", "01/09/2024 – 20/10/2024")
    assert rows[5][:6] == ("Tingkat", "Kode unit", "Unit", "n", "Indeks", "Kategori")
    levels = [(r[0], r[1], r[3], r[4], r[5]) for r in rows[6:]]
    assert levels == [
        ("Pemda", "palu", 17, 38.7, "C"),
        ("OPD", "DINKES", 5, 28.6, "C"),
        ("OPD", "DUKCAPIL", 12, 42.9, "C"),
    ]


def test_an_opd_reader_gets_only_its_own_totals(personas, client_for):
    _first, second = campaigns(personas)
    response = client_for(personas.admin_opd).get(
        reverse("culture:export_xlsx", args=[second.code])
    )
    rows = list(
        load_workbook(io.BytesIO(response.content))["Ringkasan"].iter_rows(values_only=True)
    )
    assert [(r[0], r[1]) for r in rows[6:]] == [("OPD", "DINKES")]
