"""Error pages in the user's language with a way on; refusals logged without traceback or token."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from sikap.core import views

SECRET = "TOKENrahasia0123456789"


def _records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("django.")]


def _assert_quiet(caplog, *, expected: int) -> str:
    records = _records(caplog)
    assert len(records) == expected, [r.getMessage() for r in records]
    text = "\n".join(logging.Formatter().format(r) for r in records)
    assert all(r.exc_info is None for r in records)
    assert "Traceback" not in text
    assert SECRET not in text
    assert "kunci=" not in text
    return text


def test_403_page_and_log(personas, client_for, caplog):
    client = client_for(personas.pegawai)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("accounts:roles") + f"?q={SECRET}")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<h1 class="h3 mb-3">Akses ditolak</h1>' in html
    assert "hubungi Admin Pemda atau Admin OPD Anda" in html
    assert f'href="{reverse("home:index")}"' in html
    assert 'class="navbar' in html  # the base layout, with its navigation
    text = _assert_quiet(caplog, expected=1)
    assert text == "Forbidden (Permission denied): /akun/peran/"


def test_404_page_and_log_keep_the_slug_and_key_out(db, client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/layanan/kiosk/{SECRET.lower()}/?kunci={SECRET}")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert f'href="{reverse("accounts:login")}"' in html
    text = _assert_quiet(caplog, expected=1)
    assert text == "Not Found: /layanan/kiosk/<slug:slug>/"


def test_404_of_an_unknown_address_logs_only_its_first_segment(db, client, caplog):
    with caplog.at_level(logging.WARNING):
        assert client.get(f"/budaya/x/{SECRET}/").status_code == 404
    assert _assert_quiet(caplog, expected=1) == "Not Found: /budaya/…"


def test_csrf_failure_on_the_survey_is_explained_and_logged_without_its_token(db, caplog):
    client = Client(enforce_csrf_checks=True)
    url = reverse("culture:survey") + f"?kunci={SECRET}"
    with caplog.at_level(logging.WARNING):
        response = client.post(url, {"campaign": "1", "token": SECRET})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir kedaluwarsa" in html
    assert "Muat ulang halaman, isi lagi, lalu kirim." in html
    # The way back is the form itself, which the citizen already holds.
    assert f'<a class="btn btn-primary" href="{url}">Muat ulang formulir</a>' in html
    text = _assert_quiet(caplog, expected=1)
    assert text == "Forbidden (CSRF cookie not set.): /budaya/isi/"


def test_400_page_for_a_bad_host(db, client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/akun/masuk/?next={SECRET}", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    text = _assert_quiet(caplog, expected=1)
    assert text == (
        "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to "
        "ALLOWED_HOSTS."
    )


def test_error_pages_in_english(personas, client_for):
    client = client_for(personas.pegawai)
    client.cookies["django_language"] = "en"
    assert "Access denied" in client.get(reverse("accounts:roles")).content.decode()
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


@translation.override("id")
def test_500_page_renders_even_when_the_request_context_fails(db, monkeypatch):
    request = RequestFactory().get("/")
    response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan pada server" in html
    assert "Kesalahan ini sudah tercatat" in html

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr("sikap.core.context_processors.sikap", broken)
    bare = views.server_error(request)
    assert bare.status_code == 500
    assert "Terjadi kesalahan pada server" in bare.content.decode()


def test_500_through_the_handler_keeps_its_traceback_but_not_the_path(db, caplog, settings):
    settings.ROOT_URLCONF = "tests.core.urls_boom"
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get(f"/boom/{SECRET}/")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()
    [record] = _records(caplog)
    assert record.exc_info is not None  # a real fault keeps its traceback
    assert record.getMessage() == "Internal Server Error: /boom/<str:token>/"


@pytest.mark.parametrize("status", [400, 403, 404])
def test_handlers_are_wired(status):
    import sikap.urls

    assert getattr(sikap.urls, f"handler{status}").startswith("sikap.core.views.")
