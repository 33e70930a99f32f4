"""The "Aturan penilaian" page: every rulebook, public and read-only, calculators like the CLI."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from sikap.core.i18n import local_decimals
from sikap.core.models import AuditLog
from sikap.rules import registry
from sikap.scoring import calculators

HTMX = {"HTTP_HX_REQUEST": "true"}


def version_block(page: str, version: str) -> str:
    start = page.index(f'data-version="{version}"')
    end = page.find('class="rulebook-version', start + 1)
    return page[start : end if end != -1 else len(page)]


def first(html: str, css_class: str) -> str | None:
    m = re.search(rf'class="[^"]*\b{re.escape(css_class)}\b[^"]*"[^>]*>([^<]*)<', html)
    return htmllib.unescape(m.group(1)).strip() if m else None


def errors_of(html: str) -> list[str]:
    block = re.search(r'calculator-error".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not block:
        return []
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", i)).strip() for i in items]


@pytest.mark.parametrize("who", [None, "pegawai", "admin_pemda", "outsider"])
def test_page_shows_every_rulebook_to_everyone(client_for, personas, who):
    user = getattr(personas, who) if who else None
    resp = client_for(user).get(reverse("scoring:index"))
    assert resp.status_code == 200
    page = resp.content.decode()
    for info in registry.list_rulebooks():
        block = version_block(page, info.version)
        assert f'<code class="version-key">{info.version}</code>' in block
        assert htmllib.escape(info.source) in block
        if info.url:
            assert f'href="{htmllib.escape(info.url)}"' in block
        if info.scheme in registry.GRADABLE:
            for band in registry.thresholds(info.scheme, year=info.years[0]).bands:
                assert f"<td>{htmllib.escape(band.label)}</td>" in block
                assert htmllib.escape(band.text) in block
    for scheme in registry.GRADABLE:
        assert f'id="result-grade-{scheme}"' in page
    for target in ("result-sample-size", "result-nip", "result-skp", "result-skp-distribution"):
        assert f'id="{target}"' in page


def test_confidence_badges_and_low_confidence_marked(client):
    page = client.get(reverse("scoring:index")).content.decode()
    assert "confidence-legend" in page
    berakhlak = version_block(page, "berakhlak:2022")
    low_row = re.search(r'<tr class="table-warning low-confidence">(.*?)</tr>', berakhlak, re.S)
    assert low_row is not None
    assert '<th scope="row">D</th>' in low_row.group(1)
    assert "keyakinan rendah" in low_row.group(1)
    assert "0.0 – 24.9" in low_row.group(1)
    # WBBM minimums are placeholders: the whole column is marked.
    zi = page[page.index('class="zi-rules') :]
    assert zi.count('<td class="table-warning low-confidence">') == 7


def test_page_is_csp_safe(client):
    page = client.get(reverse("scoring:index")).content.decode()
    assert "style=" not in page
    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_page_is_read_only(client_for, personas):
    before = AuditLog.objects.count()
    client = client_for(personas.admin_pemda)
    assert client.post(reverse("scoring:index")).status_code == 405
    url = reverse("scoring:calculate", args=["grade"])
    assert client.post(url, {"scheme": "skm", "score": "90"}).status_code == 405
    assert AuditLog.objects.count() == before


def test_page_queries(
    client_for, personas, django_assert_max_num_queries, django_assert_num_queries
):
    anonymous = client_for(None)
    with django_assert_num_queries(0):
        assert anonymous.get(reverse("scoring:index")).status_code == 200
    client = client_for(personas.pimpinan)
    # Session and user only: the rulebooks are files, not rows.
    with django_assert_max_num_queries(3):
        assert client.get(reverse("scoring:index")).status_code == 200
    with django_assert_max_num_queries(3):
        url = reverse("scoring:calculate", args=["grade"])
        assert client.get(url, {"scheme": "skm", "score": "90"}, **HTMX).status_code == 200


CASES = [
    ("ombudsman", "86.07", "2023"),
    ("ombudsman", "79.09", "2022"),
    ("ombudsman", "80.99", "2021"),
    ("ombudsman", "20", ""),
    ("skm", "88.31", ""),
    ("skm", "88.30", "2024"),
    ("berakhlak", "60.9", ""),
    ("berakhlak", "38.9", "2022"),
    ("pekppp", "4.51", ""),
    ("pekppp", "3.5", "2020"),
    ("sakip", "90", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("scheme", "score", "year"), CASES)
def test_grade_calculator_answers_like_the_cli(client, rules, scheme, score, year):
    args = ["grade", scheme, score, "--json"] + (["--year", year] if year else [])
    cli = rules(*args).json
    resp = client.get(
        reverse("scoring:calculate", args=["grade"]),
        {"scheme": scheme, "score": score, "year": year},
        **HTMX,
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert errors_of(html) == []
    assert first(html, "result-category") == cli["category"]
    assert first(html, "result-label") == cli["label"]
    assert f"<code>{cli['version']}</code>" in html
    if scheme == "ombudsman":
        assert first(html, "result-zone") == f"zona {cli['zone']}"
    explanation = calculators.grade(scheme, score, year=int(year) if year else None).lines[0]
    # The page writes the CLI's sentence with Bahasa Indonesia's decimal commas.
    assert f"<li>{htmllib.escape(local_decimals(explanation, en=False))}</li>" in html
    assert "Mengapa kategori ini" in html


@pytest.mark.django_db
def test_sakip_inclusive_matches_cli(client, rules):
    cli = rules("grade", "sakip", "90", "--inclusive", "--json").json
    url = reverse("scoring:calculate", args=["grade"])
    html = client.get(url, {"scheme": "sakip", "score": "90", "inclusive": "on"}, **HTMX)
    assert first(html.content.decode(), "result-category") == cli["category"] == "AA"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"scheme": "skm", "score": "abc"}, "Nilai harus berupa angka, bukan 'abc'"),
        (
            {"scheme": "ombudsman", "score": "101"},
            "ombudsman: nilai 101 di luar rentang 0.00–100.00",
        ),
        ({"scheme": "berakhlak", "score": "-3"}, "berakhlak: nilai -3 di luar rentang 0.0–100.0"),
        ({"scheme": "pekppp", "score": "5.01"}, "pekppp: nilai 5.01 di luar rentang 0.00–5.00"),
        (
            {"scheme": "skm", "score": "90", "year": "1990"},
            "skm: tidak ada versi aturan untuk tahun 1990 (tersedia: skm:2017 (2017–))",
        ),
        (
            {"scheme": "skm", "score": "90", "year": "dua ribu"},
            "Tahun: Masukkan bilangan bulat dengan angka 0–9.",
        ),
        ({"scheme": "skm", "score": ""}, "Nilai: Bidang ini harus diisi."),
        (
            {"scheme": "wbk", "score": "90"},
            "Skema: Masukkan pilihan yang valid. wbk bukan salah satu dari pilihan yang tersedia.",
        ),
    ],
)
def test_grade_calculator_bad_input_is_a_form_error(client, params, error):
    before = AuditLog.objects.count()
    resp = client.get(reverse("scoring:calculate", args=["grade"]), params, **HTMX)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert errors_of(html) == [error]
    assert "result-category" not in html
    assert AuditLog.objects.count() == before


@pytest.mark.django_db
def test_calculator_without_javascript_renders_the_page(client):
    url = reverse("scoring:calculate", args=["grade"])
    resp = client.get(url, {"scheme": "ombudsman", "score": "86.07", "year": "2023"})
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "<html" in page
    card = page[page.index('id="result-grade-ombudsman"') :]
    assert first(card, "result-category") == "B"
    assert 'value="86.07"' in page
    # An unknown scheme has no card: its error is shown at the top of the page.
    resp = client.get(url, {"scheme": "wbk", "score": "90"})
    assert resp.status_code == 200
    assert errors_of(resp.content.decode()) == [
        "Skema: Masukkan pilihan yang valid. wbk bukan salah satu dari pilihan yang tersedia."
    ]


@pytest.mark.django_db
def test_inclusive_option_only_for_sakip(client):
    page = client.get(reverse("scoring:index")).content.decode()
    assert 'id="id_grade_sakip_inclusive"' in page
    assert page.count('name="inclusive"') == 1


@pytest.mark.django_db
def test_skp_calculators_match_cli(client, rules):
    url = reverse("scoring:calculate", args=["skp"])
    html = client.get(url, {"hasil": "diatas", "perilaku": "dibawah"}, **HTMX).content.decode()
    cli = rules("skp", "--hasil", "diatas", "--perilaku", "dibawah", "--json").json
    assert first(html, "result-predicate") == cli["predicate"] == "Kurang/Misconduct"
    bad = client.get(url, {"hasil": "hebat", "perilaku": "sesuai"}, **HTMX).content.decode()
    assert errors_of(bad) == [
        "Rating Hasil Kerja: Masukkan pilihan yang valid. hebat bukan salah satu dari pilihan "
        "yang tersedia."
    ]

    url = reverse("scoring:calculate", args=["skp-distribution"])
    # n0…n4 follow the rulebook's predicates: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang.
    params = {"org": "Baik", "n0": "2", "n1": "10", "n2": "", "n3": "0", "n4": "0"}
    html = client.get(url, params, **HTMX).content.decode()
    cli = rules("skp-distribution", "--org", "Baik", "--counts", "Sangat Baik=2,Baik=10", "--json")
    assert cli.json["ok"] is False
    assert first(html, "result-ok") == "Tidak sesuai kurva distribusi"
    for violation in cli.json["violations"]:
        assert f"<li>{htmllib.escape(local_decimals(violation['message'], en=False))}</li>" in html
    params.update(n2="3")
    html = client.get(url, params, **HTMX).content.decode()
    assert first(html, "result-ok") == "Sesuai kurva distribusi"
    params.update(n1="-4")
    html = client.get(url, params, **HTMX).content.decode()
    assert errors_of(html) == ["count of Baik must not be negative, not -4"]
    params.update(n1="x")
    html = client.get(url, params, **HTMX).content.decode()
    assert errors_of(html) == ["Baik harus berupa bilangan bulat, bukan 'x'"]


@pytest.mark.django_db
def test_each_calculator_states_its_scale(client):
    page = client.get(reverse("scoring:index")).content.decode()
    skm = page[page.index('id="aturan-skm"') : page.index('id="aturan-ombudsman"')]
    assert "Nilai pada skala 25–100." in skm
    pekppp = page[page.index('id="aturan-pekppp"') :]
    assert "Nilai pada skala 0–5." in pekppp
