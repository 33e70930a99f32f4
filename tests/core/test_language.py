from __future__ import annotations

from django.urls import reverse


def test_indonesian_by_default_even_if_browser_prefers_english(db, client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_choosing_english_switches_the_language(db, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login"))
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_unknown_language_cookie_falls_back_to_indonesian(db, client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("accounts:login"))["Content-Language"] == "id"


def test_language_switch_names_each_language_in_its_own_language(db, client):
    for cookie in ("id", "en"):
        client.cookies["django_language"] = cookie
        html = client.get(reverse("accounts:login")).content.decode()
        assert '<option value="id" lang="id"' in html
        assert ">Bahasa Indonesia</option>" in html and ">English</option>" in html
        assert ">Indonesian</option>" not in html and ">Inggris</option>" not in html


def test_rulebook_sentences_write_decimals_as_the_language_does():
    from django.utils import translation

    from sikap.core.i18n import local_decimals, pick
    from sikap.rules import berakhlak

    grade = berakhlak.grade(60.3, year=2024)
    with translation.override("id"):
        assert pick(grade, "explanation") == (
            "60,3 adalah B, Cukup Sehat: A mulai 75,0 — kurang 14,7 poin"
        )
    with translation.override("en"):
        assert pick(grade, "explanation") == (
            "60.3 is B, Fairly healthy: A starts at 75.0 — 14.7 points short"
        )
    # Codes, versions with several dots, dates and fractions are left as they are.
    text = "MP.P.1 v1.2.3 6/2022 2024-03-31 n = 12; IPAK 3.70 → 16.19"
    assert (
        local_decimals(text, en=False)
        == "MP.P.1 v1.2.3 6/2022 2024-03-31 n = 12; IPAK 3,70 → 16,19"
    )
