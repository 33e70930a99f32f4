"""Calculators on the "Aturan penilaian" page: HTMX partials that answer like the CLI."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

HTMX = {"HTTP_HX_REQUEST": "true"}


def text_of(html: str, css_class: str) -> list[str]:
    pattern = rf'class="[^"]*\b{re.escape(css_class)}\b[^"]*"[^>]*>([^<]*)<'
    return [htmllib.unescape(m).strip() for m in re.findall(pattern, html)]


def errors_of(html: str) -> list[str]:
    block = re.search(r'calculator-error".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not block:
        return []
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", i)).strip() for i in items]


def calc(client, kind: str, **params: str):
    return client.get(reverse("scoring:calculate", args=[kind]), params, **HTMX)


@pytest.mark.django_db
def test_sample_size_partial_matches_cli(client, rules):
    resp = calc(client, "sample-size", population="1000", method="krejcie-morgan")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert text_of(html, "result-n") == [str(rules("sample-size", "1000", "--json").json["n"])]
    assert "<html" not in html
    resp = calc(client, "sample-size", population="1000", method="slovin", error="0,05")
    assert text_of(resp.content.decode(), "result-n") == ["286"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "error"),
    [
        ("abc", "Populasi harus berupa bilangan bulat, bukan 'abc'"),
        ("-5", "populasi harus bilangan bulat positif, bukan -5"),
        ("", "Populasi (N): Bidang ini harus diisi."),
    ],
)
def test_sample_size_bad_input_is_a_form_error(client, population, error):
    resp = calc(client, "sample-size", population=population, method="krejcie-morgan")
    assert resp.status_code == 200
    assert errors_of(resp.content.decode()) == [error]
    assert "result-n" not in resp.content.decode()


@pytest.mark.django_db
def test_nip_partial_valid_and_invalid(client):
    resp = calc(client, "nip", nip="196608011988031001")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "NIP sah" in html
    assert "1966-08-01" in html
    assert errors_of(html) == []
    resp = calc(client, "nip", nip="19660801198803100x")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "NIP tidak sah" in html
    assert "NIP hanya boleh berisi angka, ditemukan &#x27;x&#x27;" in html


@pytest.mark.django_db
def test_unknown_calculator_is_404(client):
    assert client.get(reverse("scoring:calculate", args=["nothing"])).status_code == 404


WEIRD = [
    "",
    " ",
    "abc",
    "1e999",
    "NaN",
    "-inf",
    "-0",
    "1,2,3",
    "９０",
    "<b>x</b>",
    "9" * 40,
    "0x10",
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", WEIRD)
def test_no_input_breaks_a_calculator(client, value):
    cases = [
        ("grade", {"scheme": "skm", "score": value, "year": "2024"}),
        ("grade", {"scheme": "sakip", "score": "70", "year": value, "inclusive": value}),
        ("sample-size", {"population": value, "method": "slovin", "error": value}),
        ("nip", {"nip": value}),
        ("skp", {"hasil": value, "perilaku": "sesuai"}),
        ("skp-distribution", {"org": value, "n0": value, "n1": "3"}),
        ("skp-distribution", {"org": "Baik", "n0": value, "n1": "3"}),
    ]
    for i, (kind, params) in enumerate(cases):
        # The whole-page fallback once per value keeps the test quick.
        for headers in (HTMX, {}) if i == 0 else (HTMX,):
            resp = client.get(reverse("scoring:calculate", args=[kind]), params, **headers)
            assert resp.status_code == 200, (kind, params)
            assert "<b>x</b>" not in resp.content.decode()
