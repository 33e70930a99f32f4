"""Results read at a glance: band words, legends, codes with names, small samples marked."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from sikap.culture.models import CampaignUnit, ResultGroup
from sikap.culture.templatetags.culture_bands import band_label
from tests.conftest import pdf_text
from tests.culture.conftest import DUKCAPIL, PKM, add_ballots, make_campaign, publish


def gid(campaign, code):
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code).pk


def main_text(resp) -> str:
    html = resp.content.decode().split('id="main"')[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def shown_opds(personas):
    """Dinas Kesehatan (11) and Dukcapil (5) both shown, so both are ranked."""
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM + PKM[:1])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    return campaign


def test_overview_reads_number_letter_and_label(personas, client_for):
    campaign = publish(shown_opds(personas))
    text = main_text(
        client_for(personas.admin_pemda).get(reverse("culture:results", args=[campaign.code]))
    )
    assert "Pemerintah Kota Palu n = 16 33,0 · C Tidak Sehat" in text
    assert "BP Berorientasi Pelayanan 75,0 · A Sehat AK Akuntabel 62,5 · B Cukup Sehat" in text
    # Heatmap cells carry the letter as well as the colour; rank, n, index and interval side by side.
    assert (
        "1 Dinas Kependudukan dan Pencatatan Sipil 5 42,9 · C Tidak Sehat 42,9–42,9 "
        "100,0 A 100,0 A 0,0 D 0,0 D 0,0 D 100,0 A 0,0 D"
    ) in text
    assert "2 Dinas Kesehatan 11 28,6 · C Tidak Sehat 22,5–34,6 63,6 B 45,5 C" in text
    assert "⚠" not in text.split("Keterangan")[0]
    assert (
        "Keterangan: A Sehat 75,0–100,0 B Cukup Sehat 50,0–74,9 C Tidak Sehat 25,0–49,9 "
        "D Sangat Tidak Sehat 0,0–24,9 BP = Berorientasi Pelayanan AK = Akuntabel KO = Kompeten "
        "HA = Harmonis LO = Loyal AD = Adaptif KL = Kolaboratif"
    ) in text
    html = client_for(personas.admin_pemda).get(reverse("culture:results", args=[campaign.code]))
    body = html.content.decode()
    assert '<th scope="col"><abbr title="Harmonis">HA</abbr></th>' in body
    assert 'title="HA Harmonis: D Sangat Tidak Sehat"' in body


def test_ranking_marks_units_below_their_minimum_sample(personas, client_for):
    campaign = shown_opds(personas)
    CampaignUnit.objects.filter(campaign=campaign, code="DINKES").update(minimum=27)
    CampaignUnit.objects.filter(campaign=campaign, code="DUKCAPIL").update(minimum=5)
    campaign = publish(campaign)
    client = client_for(personas.admin_pemda)
    text = main_text(client.get(reverse("culture:results", args=[campaign.code])))
    # Dukcapil meets its minimum exactly (5 of 5): no marker; Dinas Kesehatan 11 of 27 is marked.
    assert "1 Dinas Kependudukan dan Pencatatan Sipil 5 42,9 · C Tidak Sehat" in text
    assert "2 Dinas Kesehatan 11 ⚠ n 11 &lt; 27 minimal 28,6 · C Tidak Sehat 22,5–34,6" in text
    assert text.count("⚠") == 2  # the mark and its explanation under the legend
    group = main_text(client.get(reverse("culture:group", args=[campaign.code, "palu"])))
    assert (
        "Dinas Kesehatan — n = 11 28,6 · C Tidak Sehat ⚠ n 11 &lt; 27 minimal "
        "Dinas Kependudukan dan Pencatatan Sipil — n = 5 42,9 · C Tidak Sehat Komentar"
    ) in group
    pdf = pdf_text(client.get(reverse("culture:group_pdf", args=[campaign.code, "palu"])).content)
    assert "Dinas Kesehatan n = 11 28,6 · C Tidak Sehat · n 11 < 27 minimal" in " ".join(
        pdf.split()
    )


def test_group_page_and_pdf_name_codes_and_bands(personas, client_for):
    campaign = publish(shown_opds(personas))
    client = client_for(personas.admin_pemda)
    text = main_text(client.get(reverse("culture:group", args=[campaign.code, "palu"])))
    assert "n = 16 · minimal 1 (1 pegawai sasaran) 33,0 · C Tidak Sehat" in text
    assert "BP Berorientasi Pelayanan 75,0 · A Sehat 50,5–89,8 75,0" in text
    assert "Keterangan: A Sehat 75,0–100,0 B Cukup Sehat 50,0–74,9" in text
    pdf = " ".join(
        pdf_text(
            client.get(reverse("culture:group_pdf", args=[campaign.code, "palu"])).content
        ).split()
    )
    assert "Indeks keseluruhan: 33,0 · C Tidak Sehat" in pdf
    assert "AK Akuntabel 62,5 B Cukup Sehat 62,5" in pdf


def test_suppressed_group_shows_no_band_nor_legend(personas, client_for, computed):
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:group", args=[computed.code, "DUKCAPIL"]))
        .content.decode()
    )
    assert "Keterangan" not in text and "Tidak Sehat" not in text


def test_band_label_follows_rulebook_and_language():
    with translation.override("id"):
        assert band_label("B") == "Cukup Sehat"
        assert band_label("D", 2023) == "Sangat Tidak Sehat"
    with translation.override("en"):
        assert band_label("B") == "Fairly healthy"
    assert band_label("") == "" and band_label(None) == "" and band_label("Z") == ""


def test_english_page_uses_english_labels(personas, client_for):
    campaign = publish(shown_opds(personas))
    client = client_for(personas.admin_pemda)
    client.cookies["django_language"] = "en"
    try:
        text = main_text(client.get(reverse("culture:results", args=[campaign.code])))
    finally:
        # The language middleware activates English on this thread; later tests expect Indonesian.
        translation.deactivate()
    assert "Pemerintah Kota Palu n = 16 33.0 · C Unhealthy" in text
    assert "75.0 · A Healthy" in text
    assert "A Healthy 75.0–100.0 B Fairly healthy 50.0–74.9" in text
    assert "BP = Service-oriented" in text
