"""Incremental recompute: closed days are summed once into the campaign's tallies."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from sikap.culture import compute, domain
from sikap.culture.models import Campaign, CampaignTally, Response, ResultGroup
from tests.conftest import skip_or_fail
from tests.culture.conftest import DUKCAPIL, PKM, START, add_ballots, make_campaign, unit_of


def _open(personas, **kwargs):
    """A launched campaign: its runs keep the tallies and publish nothing."""
    return make_campaign(personas, launch=True, **kwargs)


def _closed(personas, **kwargs):
    """A launched and closed campaign: its recompute publishes (rows are added directly)."""
    return domain.campaign_close(actor="test", campaign=_open(personas, **kwargs))


def _nightly(campaign, today):
    """The nightly run of an open campaign on `today`."""
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN
    domain.results_recompute(campaign=campaign, today=today)
    campaign.refresh_from_db()


def _recompute(campaign, today):
    """Recompute as a first publication: these tests are about the tallies; the rule between
    two published versions has its own tests (test_publication.py)."""
    ResultGroup.objects.filter(campaign=campaign).delete()
    domain.results_recompute(campaign=campaign, today=today)


def _submitted(campaign, code, ballots, day):
    """Rows as the survey stores them (no tally reset), dated `day`."""
    add_ballots(campaign, code, ballots, day=day, as_import=False)


def _n(campaign, code):
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code).n


def _tallied_n(campaign, code):
    """The respondents of a unit in its stored tallies (None when it has none)."""
    vector = domain.tallies_stored(campaign).get(unit_of(campaign, code).pk)
    return None if vector is None else vector[compute.layout_for(campaign).index()["n"]]


def _stored_tally(campaign):
    """The tally row as stored, and the day it covers: what a run must leave alone."""
    campaign.refresh_from_db()
    row = CampaignTally.objects.filter(campaign=campaign).first()
    return campaign.tallied_before, None if row is None else bytes(row.sums)


def _figures(campaign):
    return {
        g.campaign_unit.code: (g.n, g.overall, g.values, g.entropy, g.shares)
        for g in ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit")
    }


def _spy_since(monkeypatch):
    """The `since` of every aggregate the recompute reads: None when it reads every row."""
    seen = []
    real = compute.aggregate_parts

    def spy(*args, **kwargs):
        seen.append(kwargs["since"])
        return real(*args, **kwargs)

    monkeypatch.setattr(compute, "aggregate_parts", spy)
    return seen


def test_closed_days_are_folded_once_and_recent_days_read_each_time(personas, monkeypatch):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)  # dated START
    today = START + dt.timedelta(days=10)
    _nightly(campaign, today)
    assert campaign.tallied_before == today - dt.timedelta(days=1)
    pkm = unit_of(campaign, "DINKES-PKM-KAMONJI")
    (tally,) = domain.tallies_stored(campaign).items()
    layout = compute.layout_for(campaign)
    assert tally[0] == pkm.pk
    assert tally[1][layout.index()["n"]] == 5

    # Today's submissions are read, not folded.
    _submitted(campaign, "DUKCAPIL", DUKCAPIL, today)
    campaign.refresh_from_db()
    assert campaign.tallied_before == today - dt.timedelta(days=1)  # still current
    seen = _spy_since(monkeypatch)
    _nightly(campaign, today)
    assert seen == [today - dt.timedelta(days=1)]
    assert campaign.tallied_before == today - dt.timedelta(days=1)
    assert len(domain.tallies_stored(campaign)) == 1

    # Two days on, today's rows are folded as well.
    later = today + dt.timedelta(days=2)
    _nightly(campaign, later)
    assert campaign.tallied_before == later - dt.timedelta(days=1)
    assert len(domain.tallies_stored(campaign)) == 2
    assert _tallied_n(campaign, "DUKCAPIL") == 5

    # Published from the tallies, the figures equal a recompute that reads every row.
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    _recompute(campaign, later)
    assert seen[-1] == later - dt.timedelta(days=1)
    incremental = _figures(campaign)
    domain.tallies_reset(campaign=campaign)
    campaign.refresh_from_db()
    _recompute(campaign, later)
    assert seen[-1] is None
    assert _figures(campaign) == incremental
    assert incremental["palu"][0] == 10 and incremental["palu"][1] is not None


def test_closed_days_are_read_from_the_tallies_not_the_rows(personas, monkeypatch):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    today = START + dt.timedelta(days=10)
    _nightly(campaign, today)
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    seen = _spy_since(monkeypatch)
    _recompute(campaign, today)
    assert seen == [today - dt.timedelta(days=1)]  # only the rows from the cutoff on are read
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 6
    # A row of a closed day moved to another unit behind the recompute's back (as many rows as
    # before): the tallies are forgotten at once, and the next recompute reads every row.
    dukcapil = unit_of(campaign, "DUKCAPIL")
    Response.objects.filter(pk=Response.objects.filter(campaign=campaign).first().pk).update(
        campaign_unit=dukcapil
    )
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    _recompute(campaign, today)
    assert seen[-1] is None
    assert (_n(campaign, "DINKES-PKM-KAMONJI"), _n(campaign, "DUKCAPIL")) == (5, 1)


def test_a_closed_campaign_reads_its_tallies_and_leaves_them_as_they_were(personas, monkeypatch):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)  # dated START
    last = START + dt.timedelta(days=10)
    _submitted(campaign, "DUKCAPIL", DUKCAPIL, last)
    _nightly(campaign, last)  # the last open day's run: START is folded, `last` is not
    before = _stored_tally(campaign)
    assert before[0] == last - dt.timedelta(days=1) and before[1] is not None
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    # Published days later: `last` has closed, yet it is read as rows, not folded.
    seen = _spy_since(monkeypatch)
    _recompute(campaign, last + dt.timedelta(days=5))
    assert seen == [last - dt.timedelta(days=1)]
    assert (_n(campaign, "palu"), _n(campaign, "DUKCAPIL")) == (10, 5)
    assert _stored_tally(campaign) == before
    assert _tallied_n(campaign, "DUKCAPIL") is None
    _recompute(campaign, last + dt.timedelta(days=6))  # and again, by hand
    assert seen[-1] == last - dt.timedelta(days=1)
    assert _stored_tally(campaign) == before

    # A campaign typed in after it closed has no tallies, and its runs write none.
    paper = _closed(personas, code="kertas")
    add_ballots(paper, "DINKES-PKM-KAMONJI", PKM)
    _recompute(paper, last)
    assert _n(paper, "palu") == 5
    assert _stored_tally(paper) == (None, None)


def test_rows_added_or_removed_behind_the_tallies_are_noticed(personas):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    today = START + dt.timedelta(days=10)
    _nightly(campaign, today)
    generation = campaign.tally_generation
    assert _tallied_n(campaign, "DINKES-PKM-KAMONJI") == 6
    # Deleted by hand: the tallies (6 sheets before the cutoff) are forgotten at once.
    Response.objects.filter(campaign=campaign).first().delete()
    campaign.refresh_from_db()
    assert (campaign.tallied_before, campaign.tally_generation) == (None, generation + 1)
    _nightly(campaign, today)
    assert _tallied_n(campaign, "DINKES-PKM-KAMONJI") == 5
    # Written by hand on a closed day, without tallies_reset: read at the next recompute.
    _submitted(campaign, "DINKES-PKM-KAMONJI", PKM[:2], START)
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    _nightly(campaign, today)
    assert campaign.tallied_before == today - dt.timedelta(days=1)  # tallies rebuilt
    assert _tallied_n(campaign, "DINKES-PKM-KAMONJI") == 7
    # Rows of open days (what the mix writes) leave the tallies alone.
    _submitted(campaign, "DINKES-PKM-KAMONJI", PKM[:1], today)
    Response.objects.filter(campaign=campaign, created_on=today).update(comment="x")
    campaign.refresh_from_db()
    assert campaign.tallied_before == today - dt.timedelta(days=1)
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    _recompute(campaign, today)
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 8


@pytest.mark.postgres
def test_a_truncated_response_table_makes_the_tallies_stale(personas):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("PostgreSQL is needed: SQLite has no TRUNCATE")
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    today = START + dt.timedelta(days=10)
    _nightly(campaign, today)
    assert campaign.tallied_before is not None
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts checked first
        cursor.execute("TRUNCATE culture_response")
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    _recompute(campaign, today)
    assert _n(campaign, "palu") == 0


def test_tallied_sums_equal_the_full_aggregate(personas):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    _submitted(campaign, "DUKCAPIL", DUKCAPIL, START + dt.timedelta(days=3))
    _nightly(campaign, START + dt.timedelta(days=30))
    layout = compute.layout_for(campaign)
    assert domain.tallies_stored(campaign) == compute.aggregate_by_unit(campaign, layout)


def test_import_resets_the_tallies_and_its_rows_count(personas):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    today = START + dt.timedelta(days=10)
    _nightly(campaign, today)
    generation = campaign.tally_generation
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    text = "unit,pv,cc,dc\n" + "".join(
        f"DUKCAPIL,{';'.join(b['pv'])},{';'.join(b['cc'])},{';'.join(b['dc'])}\n" for b in DUKCAPIL
    )
    domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(text), today=START)
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    # Once by the trigger as the rows of a closed day went in, once by tallies_reset.
    assert campaign.tally_generation == generation + 2
    # No sums are kept (and none would be read: tallied_before is None).
    assert not CampaignTally.objects.filter(campaign=campaign).exists()
    _recompute(campaign, today)
    assert _n(campaign, "palu") == 10 and _n(campaign, "DUKCAPIL") == 5


def test_sums_read_before_a_bulk_write_are_not_stored(personas, monkeypatch):
    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    real = compute.aggregate_parts

    def import_meanwhile(*args, **kwargs):
        parts = real(*args, **kwargs)
        domain.tallies_reset(campaign=campaign)  # an import commits during the read
        return parts

    monkeypatch.setattr(compute, "aggregate_parts", import_meanwhile)
    _nightly(campaign, START + dt.timedelta(days=10))
    assert campaign.tallied_before is None
    assert not CampaignTally.objects.filter(campaign=campaign).exists()
    # A publication during an import is written all the same (from what it read).
    campaign = domain.campaign_close(actor="test", campaign=campaign)
    _recompute(campaign, START + dt.timedelta(days=10))
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 5


# --- the nightly recompute -----------------------------------------------------------------


def test_recompute_due_closes_past_campaigns_and_publishes_closed_ones(personas):
    import json

    from django.core.management import call_command
    from django.utils import timezone

    from sikap.culture.tasks import recompute_due

    future = dt.date(2099, 12, 31)
    draft = make_campaign(personas, code="draf")
    running = make_campaign(personas, code="jalan", launch=True, end=future)
    past_end = make_campaign(personas, code="lewat", launch=True)  # ended 2023-10-20
    closed_new = _closed(personas, code="baru-tutup")
    closed_done = _closed(personas, code="sudah")
    domain.results_recompute(campaign=closed_done)
    Campaign.objects.filter(pk=closed_done.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=1)
    )
    assert [c.code for c in domain.campaigns_due()] == ["jalan", "lewat", "baru-tutup"]

    assert recompute_due() == 3
    past_end.refresh_from_db()
    assert past_end.status == Campaign.Status.CLOSED and past_end.published_at is not None
    assert ResultGroup.objects.filter(campaign=closed_new).count() == 4
    assert ResultGroup.objects.filter(campaign=past_end).count() == 4
    # Nothing of a running campaign is published, nor of a draft.
    assert not ResultGroup.objects.filter(campaign=running).exists()
    assert not ResultGroup.objects.filter(campaign=draft).exists()
    running.refresh_from_db()
    assert running.recomputed_at is not None and running.published_at is None
    # Published after closing: no longer due; the open one always is.
    assert [c.code for c in domain.campaigns_due()] == ["jalan"]

    out = io.StringIO()
    call_command("culture", "recompute-due", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"campaigns": {"palu/jalan": 0}}


def test_nightly_recompute_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["culture-recompute-due"]
    assert entry["task"] == "sikap.culture.recompute_due"
    assert entry["schedule"].hour == {18} and entry["schedule"].minute == {30}
    mix = settings.CELERY_BEAT_SCHEDULE["culture-mix-due"]
    assert mix["task"] == "sikap.culture.mix_due"
    assert mix["schedule"].minute == {5} and len(mix["schedule"].hour) == 24


def test_cli_full_recompute_reads_every_row_again(personas, monkeypatch):
    from django.core.management import call_command

    campaign = _open(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    call_command("culture", "recompute", "--campaign", campaign.code, stdout=io.StringIO())
    campaign.refresh_from_db()
    assert campaign.tallied_before is not None
    seen = _spy_since(monkeypatch)
    call_command("culture", "recompute", "--campaign", campaign.code, stdout=io.StringIO())
    assert seen == [campaign.tallied_before]  # closed days come from the tallies
    call_command(
        "culture", "recompute", "--campaign", campaign.code, "--full", stdout=io.StringIO()
    )
    assert seen[-1] is None  # every row read again
    campaign.refresh_from_db()
    assert campaign.tallied_before is not None  # and the tallies are rebuilt
    assert _tallied_n(campaign, "DINKES-PKM-KAMONJI") == 6
    domain.campaign_close(actor="test", campaign=campaign)
    call_command("culture", "recompute", "--campaign", campaign.code, stdout=io.StringIO())
    assert seen[-1] == campaign.tallied_before
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 6
