"""Respondents' comments: cleaned, stored anonymously, shown only for groups of 10 or more."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.rowerrors import ImportRejected
from sikap.culture import domain, queries
from sikap.culture.models import Invitation, Response, ResultGroup
from tests.culture.conftest import START, make_campaign, unit_of
from tests.culture.test_domain import PKM

IMPL = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}


def _with_comments(campaign, code, comments):
    unit = unit_of(campaign, code)
    Response.objects.bulk_create(
        Response(
            campaign=campaign,
            campaign_unit=unit,
            created_on=START,
            comment=text,
            **{
                b: domain.ballot_mask(PKM[i % 5][b], campaign.instrument)
                for b in ("pv", "cc", "dc")
            },
        )
        for i, text in enumerate(comments)
    )
    domain.tallies_reset(campaign=campaign)


@pytest.fixture
def commented(personas):
    campaign = make_campaign(personas)
    # 10 in Dukcapil (enough), 9 in the Puskesmas (a shown group, but too small for comments).
    _with_comments(campaign, "DUKCAPIL", [f"dukcapil-{i:02d}" for i in reversed(range(10))])
    _with_comments(campaign, "DINKES-PKM-KAMONJI", [f"pkm-{i}" for i in range(8)] + [""])
    domain.results_recompute(campaign=campaign)
    return campaign


def _page(client, campaign, code):
    group = ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code)
    return client.get(reverse("culture:group", args=[campaign.pk, group.pk])).content.decode()


def test_comments_shown_only_where_the_unit_has_ten(personas, client_for, commented):
    client = client_for(personas.admin_pemda)
    groups = {
        g.campaign_unit.code: g
        for g in ResultGroup.objects.filter(campaign=commented).select_related("campaign_unit")
    }
    assert (groups["DUKCAPIL"].n, groups["DINKES-PKM-KAMONJI"].n, groups["palu"].n) == (10, 9, 19)
    assert not groups["DINKES-PKM-KAMONJI"].suppressed  # its figures are shown (k = 5) ...
    html = _page(client, commented, "DINKES-PKM-KAMONJI")
    assert "pkm-" not in html  # ... its comments are not
    assert "Komentar hanya ditampilkan untuk kelompok dengan sedikitnya 10 responden." in html
    dukcapil = _page(client, commented, "DUKCAPIL")
    positions = [dukcapil.index(f"dukcapil-{i:02d}") for i in range(10)]
    assert positions == sorted(positions)  # alphabetical, not in the order they came in
    # The whole Pemda (n = 19) shows Dukcapil's ten, and still none from the Puskesmas: its
    # list minus Dukcapil's must not give the Puskesmas away.
    root = _page(client, commented, "palu")
    assert all(f"dukcapil-{i:02d}" in root for i in range(10)) and "pkm-" not in root
    found = queries.group_comments(groups["palu"])
    assert (found.shown, found.total, found.texts[0]) == (True, 10, "dukcapil-00")


def test_comment_threshold_follows_a_larger_k(personas, commented, settings):
    settings.SIKAP_MIN_GROUP_SIZE = 12
    assert domain.comment_min_group_size() == 12
    domain.results_recompute(campaign=commented)
    root = ResultGroup.objects.get(campaign=commented, campaign_unit__code="palu")
    assert root.n == 19 and not root.suppressed
    # The Pemda may show comments, but no unit they come from has 12 respondents.
    assert queries.group_comments(root) == queries.Comments(True, [], 0)
    assert queries.comment_units(commented) == {root.campaign_unit_id}


@pytest.mark.parametrize(("setting", "expected"), [(3, 10), (10, 10), (15, 15)])
def test_comment_threshold_setting_never_below_ten(settings, setting, expected):
    settings.SIKAP_MIN_COMMENT_GROUP_SIZE = setting
    assert domain.comment_min_group_size() == expected


def test_raw_export_leaves_small_units_comments_out(personas, client_for, commented):
    raw = client_for(personas.admin_pemda).get(reverse("culture:export_raw", args=[commented.pk]))
    rows = list(csv.DictReader(io.StringIO(raw.content.decode())))
    by_unit: dict[str, list[str]] = {}
    for row in rows:
        by_unit.setdefault(row["unit"], []).append(row["komentar"])
    assert sorted(by_unit["DUKCAPIL"]) == [f"dukcapil-{i:02d}" for i in range(10)]
    assert by_unit["DINKES-PKM-KAMONJI"] == [""] * 9


def test_survey_stores_a_cleaned_comment(personas, client):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = reverse("culture:survey", args=[token])
    assert 'name="comment"' in client.get(url).content.decode()
    data = {**IMPL, "campaign": str(campaign.pk), "comment": "  Baik \x07 sekali\r\n\r\n  lanjut  "}
    assert client.post(url, data).status_code == 302
    assert Response.objects.get().comment == "Baik sekali\nlanjut"


def test_too_long_comment_is_refused_and_spends_nothing(personas, client):
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    url = reverse("culture:survey", args=[token])
    text = "a" * 1001
    page = client.post(url, {**IMPL, "campaign": str(campaign.pk), "comment": text})
    html = page.content.decode()
    assert page.status_code == 200
    assert "komentar paling banyak 1000 karakter, bukan 1001" in html
    assert text in html and 'id="cc-L01" checked' in html  # nothing typed is lost
    assert Response.objects.count() == 0 and not Invitation.objects.get().used


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
