"""Culture result pages in English: rulebook names, labels and explanations are translated."""

from __future__ import annotations

import html
import re

from django.urls import reverse

from sikap.rules import berakhlak


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    body = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def indonesian_only_names() -> list[str]:
    """Rulebook names whose Indonesian differs from the English (Loyal is both)."""
    names = [(v.name, v.name_en) for v in berakhlak.VALUES]
    names += [(b.label, b.label_en) for b in berakhlak.RULEBOOKS.select(2023).bands.describe()]
    names += [(b.text, b.text_en) for b in berakhlak.BEHAVIOURS]
    return [ind for ind, en in names if ind != en]


def test_group_page_in_english_names_values_bands_and_behaviours(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    client.cookies["django_language"] = "en"
    url = reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"])
    text = page_text(client.get(url))
    assert "Respondents: n = 5 · minimum 1 (1 target employee)" in text
    assert (
        "Service-oriented: 60.0 is B, Fairly healthy: A starts at 75.0 — 15.0 points short"
    ) in text
    assert (
        "A Healthy (75.0 – 100.0); B Fairly healthy (50.0 – 74.9); "
        "C Unhealthy (25.0 – 49.9); D Very unhealthy (0.0 – 24.9)."
    ) in text
    assert "Red tape — 60.0% (95% CI: 23.1–88.2)" in text
    assert "Adapts quickly to change: 20.0% → 80.0% (personal 0.0%)" in text
    assert [name for name in indonesian_only_names() if name in text] == []


def test_group_page_stays_indonesian_by_default(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    url = reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"])
    text = page_text(client.get(url))
    assert "Berorientasi Pelayanan" in text and "Service-oriented" not in text
    assert "(1 pegawai sasaran)" in text
    assert "A Sehat (75.0 – 100.0); B Cukup Sehat (50.0 – 74.9)" in text


def test_results_page_in_english_names_values(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    client.cookies["django_language"] = "en"
    text = page_text(client.get(reverse("culture:results", args=[computed.code])))
    assert (
        "BP Service-oriented 71.4 · B Fairly healthy AK Accountable 57.1 · B Fairly healthy "
        "KO Competent 14.3 · D Very unhealthy"
    ) in text
    assert [name for name in indonesian_only_names() if name in text] == []
