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
