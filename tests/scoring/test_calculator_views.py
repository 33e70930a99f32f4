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
        ("ipak", {"p1": value, "p2": "3", "year": value}),
        ("ipak", {"p1": value, "p8": value}),
    ]
    for i, (kind, params) in enumerate(cases):
        # The whole-page fallback once per value keeps the test quick.
        for headers in (HTMX, {}) if i == 0 else (HTMX,):
            resp = client.get(reverse("scoring:calculate", args=[kind]), params, **headers)
            assert resp.status_code == 200, (kind, params)
            assert "<b>x</b>" not in resp.content.decode()


@pytest.mark.django_db
def test_ipak_partial_matches_cli(client, rules):
    # (3.80 + 3.75 + 3.60 + 3.65 + 3.70 + 3.60 + 3.75 + 3.75) / 8 = 3.70 → 16.1875 → 16.19
    means = ("3,80", "3.75", "3.60", "3.65", "3.70", "3.60", "3.75", "3.75")
    params = {f"p{i}": v for i, v in enumerate(means, 1)}
    html = calc(client, "ipak", **params, year="2024").content.decode()
    # Figures shown the Indonesian way, with a decimal comma.
    assert text_of(html, "result-index") == ["3,70"]
    assert text_of(html, "result-points") == ["16,19"]
    assert text_of(html, "result-wbk") == ["memenuhi minimal WBK"]
    cli = rules(
        "ipak", "--means", ";".join(f"P{i}={v}" for i, v in enumerate(means, 1)), "--json"
    ).json
    assert (cli["index"], cli["lke_points"]) == (3.7, 16.19)
    assert "<li>P1 Tanpa pungutan liar: 3,80</li>" in html
    # Only two items given: (3.5 + 3.25) / 2 = 3.375 → 3.38 → 14.7875 → 14.79, below 15.75.
    html = calc(client, "ipak", p1="3.5", p2="3,25").content.decode()
    assert text_of(html, "result-index") == ["3,38"]
    assert text_of(html, "result-points") == ["14,79"]
    assert text_of(html, "result-wbk") == ["di bawah minimal WBK"]
    assert "Butir tanpa nilai (tidak dihitung): P3, P4, P5, P6, P7, P8" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"p1": "4,5"}, "rata-rata P1 4.5 di luar skala 1–4"),
        ({"p3": "0"}, "rata-rata P3 0 di luar skala 1–4"),
        ({"p2": "tiga"}, "Rata-rata P2 harus berupa angka, bukan 'tiga'"),
        ({}, "belum ada rata-rata butir IPAK yang diisi"),
        ({"p1": "3", "year": "2019"},
         "ipak: tidak ada versi aturan untuk tahun 2019 (tersedia: ipak:2021 (2021–))"),
        ({"p1": "3", "year": "x"}, "Tahun: Masukkan bilangan bulat dengan angka 0–9."),
    ],
)  # fmt: skip
def test_ipak_bad_input_is_a_form_error(client, params, error):
    resp = calc(client, "ipak", **params)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert errors_of(html) == [error]
    assert "result-index" not in html


@pytest.mark.django_db
def test_ipak_rulebook_card_with_its_calculator(client):
    page = client.get(reverse("scoring:index")).content.decode()
    card = page[page.index('id="aturan-ipak"') : page.index('id="aturan-ombudsman"')]
    assert '<code class="version-key">ipak:2021</code>' in card
    assert "daftar butir SPAK resmi tidak ditemukan" in card
    assert 'data-calculator="ipak"' in card
    assert 'name="p8"' in card and "P8 Tindak lanjut pengaduan" in card
    assert "Nilai pada skala" not in card  # no bands: no grade calculator


@pytest.mark.django_db
def test_ipak_calculator_in_english(client):
    client.cookies["django_language"] = "en"
    html = client.get("/aturan/hitung/ipak/", {"p1": "3.5", "p2": "3.25"}).content.decode()
    assert "IPAK index 3.38 (scale 1–4): the mean of 2 item means" in html
    assert "P1 No illegal levies: 3.50" in html
    assert "WBK: IPAK value minimum 15.75 not met (0.96 short)" in html
