"""The IPAK survey on the public engine: anonymous submit, refusals, flood control, the scoped
results page and the provider (values by hand).

Two answers of the Puskesmas, all 4 and all 4 but P8 = 1: every item mean 4 except P8
(4 + 1) / 2 = 2.5 → index (7 × 4 + 2.5) / 8 = 30.5 / 8 = 3.8125 → 3.81 (half-up, 2 decimals).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.core.providers import PUBLICSERVICE_UNIT_IPAK, ask
from sikap.org.tenancy import in_pemda
from sikap.publicservice import domain
from sikap.publicservice.ipak import domain as ipak_domain
from sikap.publicservice.ipak.models import ITEM_FIELDS, IpakResponse
from sikap.publicservice.ipak.queries import unit_ipak
from sikap.rules import ipak
from tests.factories import make_unit

ALL4 = dict.fromkeys(ITEM_FIELDS, "4")


@pytest.fixture
def su(personas):
    unit, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    with in_pemda(None):
        yield unit


def url(su, name="ipak_form"):
    return reverse(f"publicservice:{name}", args=[su.public_slug])


def answer(su, *rows, day=dt.date(2024, 3, 1)):
    for r in rows:
        ipak_domain.ipak_submit(service_unit=su, answers=r, today=day)


def test_rulebook_items_are_the_stored_columns():
    book = ipak.RULEBOOKS.select(2024)
    assert book.codes == tuple(f.upper() for f in ITEM_FIELDS)


def test_form_is_public_with_csrf_and_the_rulebook_statements(client, su):
    response = client.get(url(su))
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert su.public_slug in response.request["PATH_INFO"]
    assert response.request["PATH_INFO"] == f"/layanan/ipak/{su.public_slug}/"
    assert "Survei Persepsi Anti Korupsi" in html
    assert "Saya tidak dimintai pungutan atau biaya di luar ketentuan (pungli)" in html
    assert html.count('type="radio"') == 32
    assert html.count("Sangat tidak setuju") == 8
    assert "style=" not in html and "<script>" not in html


def test_csrf_is_enforced(su, personas):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(su), ALL4).status_code == 403
    assert IpakResponse.objects.count() == 0


def test_submit_stores_exact_values_anonymously(client, su):
    response = client.post(url(su), {**ALL4, "p3": "2", "p8": ""})
    assert response.status_code == 302
    assert response["Location"] == url(su, "ipak_thanks")
    row = IpakResponse.objects.get()
    assert [getattr(row, f) for f in ITEM_FIELDS] == [4, 4, 2, 4, 4, 4, 4, None]
    assert row.service_unit_id == su.pk
    # No audit row either: it would pin an anonymous answer to a moment.
    assert not AuditLog.objects.filter(action__startswith="ipak").exists()
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Terima kasih!" in thanks.content.decode()


def test_answer_row_holds_no_identity():
    fields = {f.name: type(f).__name__ for f in IpakResponse._meta.get_fields()}
    assert fields == {
        "id": "BigAutoField",
        "service_unit": "ForeignKey",
        "submitted_on": "DateField",
        **dict.fromkeys(ITEM_FIELDS, "PositiveSmallIntegerField"),
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**ALL4, "p2": "5"}, "jawaban &#x27;5&#x27; di luar skala 1–4"),
        ({**ALL4, "p2": "0"}, "jawaban &#x27;0&#x27; di luar skala 1–4"),
        ({**ALL4, "p2": "²"}, "jawaban &#x27;²&#x27; bukan angka 1–4"),
        ({**ALL4, "p2": "３"}, "jawaban &#x27;３&#x27; bukan angka 1–4"),
        ({**ALL4, "p2": "-1"}, "jawaban &#x27;-1&#x27; bukan angka 1–4"),
        ({**ALL4, "p9": "4"}, "butir tidak dikenal"),
        ({}, "Isi paling sedikit satu pernyataan."),
        (dict.fromkeys(ITEM_FIELDS, ""), "Isi paling sedikit satu pernyataan."),
    ],
)
def test_refused_values_say_why_and_store_nothing(client, su, data, message):
    response = client.post(url(su), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert IpakResponse.objects.count() == 0
    if data.get("p2", "4") not in ("4", ""):
        # The other answers stay ticked for a second try.
        assert 'id="id_p1_4" value="4" autocomplete="off" checked' in html


def test_nul_in_an_answer_is_refused_before_the_form(client, su):
    response = client.post(url(su), {**ALL4, "p1": "4\x00"})
    assert response.status_code == 400
    assert "karakter NUL" in response.content.decode()
    assert IpakResponse.objects.count() == 0


def test_unknown_or_inactive_unit_is_404(client, su):
    assert client.get("/layanan/ipak/tidakada/").status_code == 404
    assert client.post("/layanan/ipak/tidakada/", ALL4).status_code == 404
    su.is_active = False
    su.save()
    from sikap.publicservice.queries.public import forget_public_unit

    forget_public_unit(su.public_slug)
    assert client.post(url(su), ALL4).status_code == 404
    assert IpakResponse.objects.count() == 0


def test_flood_from_one_address_is_throttled(client, su, settings):
    settings.SIKAP_SKM_RATE_LIMIT = (2, 600)
    for _ in range(2):
        assert client.post(url(su), ALL4, REMOTE_ADDR="10.0.0.1").status_code == 302
    blocked = client.post(url(su), {**ALL4, "p5": "1"}, REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert "Jawaban Anda belum terkirim, tetapi masih tersimpan di formulir ini" in html
    assert 'id="id_p5_1" value="1" autocomplete="off" checked' in html
    assert IpakResponse.objects.count() == 2
    assert client.post(url(su), ALL4, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert IpakResponse.objects.count() == 3


# --- results and provider ---------------------------------------------------------------------


def test_results_page_index_per_item_and_period(personas, client_for, su):
    answer(su, ALL4, {**ALL4, "p8": "1"})
    answer(su, dict.fromkeys(ITEM_FIELDS, "1"), day=dt.date(2024, 8, 1))  # second semester
    with in_pemda(personas.pemda):
        page = reverse("publicservice:ipak_results", args=[su.pk])
    client = client_for(personas.admin_opd)
    with in_pemda(personas.pemda):
        unit_page = reverse("publicservice:unit", args=[su.pk])
    assert (
        f'href="{page}?period=2024S1" data-testid="ipak-link"'
        in client.get(unit_page + "?period=2024S1").content.decode()
    )
    html = client.get(page + "?period=2024S1").content.decode()
    assert "Indeks IPAK 3,81 (1–4) dari 2 responden, periode Semester 1 2024" in html
    assert '<td class="text-end">2</td><td class="text-end">2,50</td>' in html
    assert "keyakinan rendah" in html
    assert f"/layanan/ipak/{su.public_slug}/" in html
    # The whole year: P1..P7 (4 + 4 + 1) / 3 = 3, P8 (4 + 1 + 1) / 3 = 2 → 23 / 8 = 2.875 → 2.88
    html = client.get(page + "?period=2024").content.decode()
    assert "Indeks IPAK 2,88 (1–4) dari 3 responden, periode 2024" in html
    html = client.get(page + "?period=2023").content.decode()
    assert 'data-testid="ipak-empty"' in html
    html = client.get(page + "?period=2024X9").content.decode()
    assert "Periode &#x27;2024X9&#x27; tidak dikenal" in html


def test_results_page_refused_outside_scope(personas, client_for, su):
    answer(su, ALL4)
    with in_pemda(personas.pemda):
        page = reverse("publicservice:ipak_results", args=[su.pk])
    assert client_for(personas.outsider).get(page).status_code in (403, 404)


def test_provider_reads_only_the_units_own_answers_in_scope(personas, su):
    other, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_a)  # the parent OPD
    twin = make_unit(personas.other_pemda, "DINKES-PKM-KAMONJI", "Puskesmas lain", "puskesmas")
    twin_su, _ = domain.service_unit_ensure(actor=None, unit=twin)
    answer(su, ALL4, {**ALL4, "p8": "1"})
    answer(other, dict.fromkeys(ITEM_FIELDS, "1"))
    answer(twin_su, dict.fromkeys(ITEM_FIELDS, "1"))
    answer(su, dict.fromkeys(ITEM_FIELDS, "1"), day=dt.date(2023, 12, 31))
    got = ask(PUBLICSERVICE_UNIT_IPAK, user=personas.admin_opd, unit=personas.puskesmas, year=2024)
    assert got == {
        "index": Decimal("3.81"),
        "n": 2,
        "period": "2024",
        "source": ipak.RULEBOOKS.select(2024).meta.source.regulation,
        "version": "ipak:2021",
        "confidence": "low",
        "complete": True,
        "missing": (),
    }
    # The parent OPD's index is its own answers only (the Puskesmas's do not pool in).
    assert unit_ipak(user=personas.admin_opd, unit=personas.opd_a, year=2024)["index"] == Decimal(
        "1.00"
    )
    assert unit_ipak(user=personas.outsider, unit=personas.puskesmas, year=2024) is None
    assert unit_ipak(user=personas.admin_opd, unit=personas.opd_b, year=2024) is None
    assert unit_ipak(user=personas.admin_opd, unit=personas.puskesmas, year=2022) is None


def test_form_and_refusal_in_english(client, su):
    client.cookies["django_language"] = "en"
    html = client.get(url(su)).content.decode()
    assert "Anti-Corruption Perception Survey" in html
    assert "I was not asked for any levy or fee beyond the rules (pungli) in this service." in html
    assert html.count("Strongly disagree") == 8
    assert "Sangat tidak setuju" not in html and "pungutan" not in html
    refused = client.post(url(su), {}).content.decode()
    assert "Answer at least one statement." in refused


def test_database_refuses_an_answer_off_the_scale(su):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        IpakResponse.objects.create(service_unit=su, submitted_on=dt.date(2024, 1, 2), p1=5)
    assert IpakResponse.objects.count() == 0


def test_start_up_check_refuses_a_rulebook_with_other_items(tmp_path):
    from importlib.resources import files

    from sikap.publicservice.ipak.checks import ipak_items_match_storage
    from sikap.rules import versions

    assert ipak_items_match_storage() == []
    shipped = (files("sikap.rules") / "data" / "ipak" / "2021.toml").read_text(encoding="utf-8")
    (tmp_path / "ipak").mkdir()
    (tmp_path / "ipak" / "2030.toml").write_text(
        shipped.replace('"ipak:2021"', '"ipak:2030"')
        .replace("from = 2021", "from = 2030")
        .replace('code = "P8"', 'code = "P9"'),
        encoding="utf-8",
    )
    versions.add_data_dir(tmp_path)
    try:
        [error] = ipak_items_match_storage()
    finally:
        versions.remove_data_dir(tmp_path)
    assert error.id == "sikap.publicservice.E002"
    assert "ipak:2030 asks P1, P2, P3, P4, P5, P6, P7, P9 on 1-4" in error.msg
    assert ipak_items_match_storage() == []
