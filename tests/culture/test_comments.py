"""Respondents' comments: cleaned, stored anonymously, shown only for groups of 10 or more."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.rowerrors import ImportRejected
from sikap.culture import domain, queries
from sikap.culture.domain import ballot_box
from sikap.culture.models import Ballot, Invitation, Response, ResultGroup
from sikap.org.tenancy import public_reverse
from tests.culture.conftest import add_comments, make_campaign, publish

IMPL = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}


@pytest.fixture
def commented(personas):
    campaign = make_campaign(personas)
    # 10 in Dukcapil (enough), 9 in the Puskesmas (a shown group, but too small for comments).
    add_comments(campaign, "DUKCAPIL", [f"dukcapil-{i:02d}" for i in reversed(range(10))])
    add_comments(campaign, "DINKES-PKM-KAMONJI", [f"pkm-{i}" for i in range(8)] + [""])
    return publish(campaign)


def _group(campaign, code):
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code)


def _page(client, campaign, code, view="culture:group", query=""):
    url = reverse(view, args=[campaign.code, code]) + query
    return client.get(url).content.decode()


def test_comments_shown_only_where_the_unit_has_ten(personas, client_for, commented):
    client = client_for(personas.admin_pemda)
    counts = {
        code: (_group(commented, code).n, _group(commented, code).comment_count)
        for code in ("DUKCAPIL", "DINKES-PKM-KAMONJI", "DINKES", "palu")
    }
    # Dukcapil's 10 on Dukcapil's page only; the Puskesmas (9) none; Dinkes and the whole
    # Pemda none either, since no respondent is attributed to them directly: no list is the
    # sum of others, so no list taken from another gives anything away.
    assert counts == {
        "DUKCAPIL": (10, 10),
        "DINKES-PKM-KAMONJI": (9, 0),
        "DINKES": (9, 0),
        "palu": (19, 0),
    }
    assert not _group(commented, "DINKES-PKM-KAMONJI").suppressed  # figures shown (k = 5)
    for code in ("DINKES-PKM-KAMONJI", "DINKES"):
        for view in ("culture:group", "culture:group_comments"):
            html = _page(client, commented, code, view)
            assert "pkm-" not in html
            assert (
                "Komentar hanya ditampilkan untuk kelompok dengan sedikitnya 10 responden." in html
            )
    assert "Baca 10 komentar" in _page(client, commented, "DUKCAPIL")
    listed = _page(client, commented, "DUKCAPIL", "culture:group_comments")
    positions = [listed.index(f"dukcapil-{i:02d}") for i in range(10)]
    assert positions == sorted(positions)  # alphabetical, not in the order they came in
    assert "pkm-" not in listed
    assert list(
        queries.group_comments(_group(commented, "DUKCAPIL")).values_list("comment", flat=True)
    ) == [f"dukcapil-{i:02d}" for i in range(10)]
    root = _page(client, commented, "palu", "culture:group_comments")
    assert "dukcapil-" not in root and "pkm-" not in root
    assert not queries.group_comments(_group(commented, "palu")).exists()


def test_group_page_reads_no_response(personas, client_for, commented):
    """Dashboards read snapshots: the comment count comes from the result group."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.admin_pemda)
    url = reverse("culture:group", args=[commented.code, "palu"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries_run:
        assert client.get(url).status_code == 200
    assert not [q for q in queries_run.captured_queries if "culture_response" in q["sql"]]


def test_comments_page_pages_by_fifty(personas, client_for):
    campaign = make_campaign(personas)
    add_comments(campaign, "DUKCAPIL", [f"saran {i:03d}" for i in range(120)])
    publish(campaign)
    client = client_for(personas.admin_pemda)
    first = _page(client, campaign, "DUKCAPIL", "culture:group_comments")
    third = _page(client, campaign, "DUKCAPIL", "culture:group_comments", "?page=3")
    assert "saran 000" in first and "saran 049" in first and "saran 050" not in first
    assert "Halaman 1 dari 3" in first and "120 komentar, urut abjad" in first
    assert "saran 100" in third and "saran 119" in third and "saran 099" not in third
    bad = _page(client, campaign, "DUKCAPIL", "culture:group_comments", "?page=abc")
    assert "saran 000" in bad  # a bad page number shows the first page, not an error


def test_comments_page_is_scoped(personas, client_for, commented):
    group = _group(commented, "DUKCAPIL")
    url = reverse("culture:group_comments", args=[commented.code, group.campaign_unit.code])
    assert client_for(personas.admin_opd).get(url).status_code == 404
    assert client_for(personas.admin_pemda).get(url).status_code == 200


def test_comment_threshold_follows_a_larger_k(personas, commented, settings):
    settings.SIKAP_MIN_GROUP_SIZE = 12
    assert domain.comment_min_group_size() == 12
    domain.results_recompute(campaign=commented)
    root = _group(commented, "palu")
    assert root.n == 19 and not root.suppressed
    # Dukcapil's own 10 respondents are fewer than 12: its comments are shown nowhere.
    dukcapil = _group(commented, "DUKCAPIL")
    assert (dukcapil.n_direct, dukcapil.comment_count) == (10, 0)
    assert not queries.group_comments(dukcapil).exists()
    assert queries.comment_units(commented) == set()


@pytest.mark.parametrize(("setting", "expected"), [(3, 10), (10, 10), (15, 15)])
def test_comment_threshold_setting_never_below_ten(settings, setting, expected):
    settings.SIKAP_MIN_COMMENT_GROUP_SIZE = setting
    assert domain.comment_min_group_size() == expected


def test_raw_export_leaves_small_units_comments_out(personas, client_for, commented):
    raw = client_for(personas.admin_pemda).get(reverse("culture:export_raw", args=[commented.code]))
    rows = list(csv.DictReader(io.StringIO(raw.content.decode())))
    by_unit: dict[str, list[str]] = {}
    for row in rows:
        by_unit.setdefault(row["unit"], []).append(row["komentar"])
    assert sorted(by_unit["DUKCAPIL"]) == [f"dukcapil-{i:02d}" for i in range(10)]
    assert by_unit["DINKES-PKM-KAMONJI"] == [""] * 9


def test_survey_stores_a_cleaned_comment(personas, client):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = public_reverse("culture:survey")
    assert 'name="comment"' in client.post(url, {"token": token}).content.decode()
    data = {
        **IMPL,
        "token": token,
        "step": "answers",
        "campaign": str(campaign.pk),
        "comment": "  Baik \x07 sekali\r\n\r\n  lanjut  ",
    }
    assert client.post(url, data).status_code == 302
    sealed = Ballot.objects.get().sealed
    assert ballot_box.open_sealed(campaign.pk, sealed)["comment"] == "Baik sekali\nlanjut"


def test_too_long_comment_is_refused_and_spends_nothing(personas, client):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = public_reverse("culture:survey")
    text = "a" * 1001
    page = client.post(
        url,
        {**IMPL, "token": token, "step": "answers", "campaign": str(campaign.pk), "comment": text},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "komentar paling banyak 1000 karakter, bukan 1001" in html
    assert text in html and 'id="cc-L01" checked' in html  # nothing typed is lost
    assert Ballot.objects.count() == 0 and not Invitation.objects.get().used


def test_import_reads_an_optional_comment_column(personas):
    campaign = make_campaign(personas)
    line = "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3"
    text = f"unit,pv,cc,dc,komentar\n{line},Rapat terlalu lama\n{line},\n"
    assert domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(text)) == 2
    assert sorted(Response.objects.values_list("comment", flat=True)) == ["", "Rapat terlalu lama"]
    bad = f"unit,pv,cc,dc,komentar\n{line},{'x' * 1001}\n"
    with pytest.raises(ImportRejected) as rejected:
        domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(bad))
    (error,) = rejected.value.row_errors
    assert (error.row, error.column) == (2, "komentar")
    assert error.reason == "komentar paling banyak 1000 karakter, bukan 1001"
    assert error.value == "x" * 40 + "…"
    assert Response.objects.count() == 2


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (None, ""),
        ("   ", ""),
        ("satu\tdua   tiga", "satu dua tiga"),
        ("baris 1\n\n\nbaris 2\n", "baris 1\nbaris 2"),
        ("x" * 1000, "x" * 1000),
    ],
)
def test_clean_comment(raw, cleaned):
    assert domain.clean_comment(raw) == cleaned


def test_clean_comment_refuses_over_a_thousand_characters():
    with pytest.raises(ValidationError) as refused:
        domain.clean_comment("y" * 1001)
    assert refused.value.message_dict == {
        "comment": ["komentar paling banyak 1000 karakter, bukan 1001"]
    }


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Hubungi saya di budi.santoso@palukota.go.id", "email"),
        ("NIP saya 198503142010011001", "number"),
        ("NIP 19850314 201001 1 001 tidak dilayani", "number"),
        ("WA 0812-3456-7890 kalau perlu", "number"),
        ("telepon +62 812 3456 7890", "number"),
        ("NIK 7271012345678901", "number"),
        ("Anggaran Rp 1.500.000.000 tidak cukup", None),
        ("Target 2023 2024 belum tercapai, rapat jam 08.00", None),
        ("Kode surat 800/123/BKPSDM", None),
    ],
)
def test_identifying_details_in_a_comment(text, detail):
    assert domain.identifying_detail(text) == detail


def test_comment_with_an_email_or_a_nip_is_refused_and_spends_nothing(personas, client):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = public_reverse("culture:survey")
    text = "Saya siap membantu: 0812 3456 7890"
    page = client.post(
        url,
        {**IMPL, "token": token, "step": "answers", "campaign": str(campaign.pk), "comment": text},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "komentar memuat nomor panjang (NIP, NIK atau telepon)" in html
    assert text in html  # kept in the form for the respondent to edit
    assert Ballot.objects.count() == 0 and not Invitation.objects.get().used

    line = "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3"
    bad = f"unit,pv,cc,dc,komentar\n{line},Baik\n{line},tanya ke andi@contoh.id\n"
    with pytest.raises(ImportRejected) as rejected:
        domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(bad))
    (error,) = rejected.value.row_errors
    assert (error.row, error.column) == (3, "komentar")
    assert error.reason == "komentar memuat alamat email; hapus agar jawaban tetap tanpa nama"
    assert Response.objects.count() == 0
