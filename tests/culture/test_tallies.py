"""Incremental recompute: closed days are summed once into UnitTally rows."""

from __future__ import annotations

import datetime as dt
import io

from sikap.culture import compute, domain
from sikap.culture.models import Campaign, Response, ResultGroup, UnitTally
from tests.culture.conftest import START, add_ballots, make_campaign, unit_of
from tests.culture.test_domain import DUKCAPIL, PKM


def _submitted(campaign, code, ballots, day):
    """Rows as the survey stores them (no tally reset), dated `day`."""
    add_ballots(campaign, code, ballots, day=day, as_import=False)


def _n(campaign, code):
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code).n


def _figures(campaign):
    return {
        g.campaign_unit.code: (g.n, g.overall, g.values, g.entropy, g.shares)
        for g in ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit")
    }


def test_closed_days_are_folded_once_and_recent_days_read_each_time(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)  # dated START
    today = START + dt.timedelta(days=10)
    domain.results_recompute(campaign=campaign, today=today)
    campaign.refresh_from_db()
    assert campaign.tallied_before == today - dt.timedelta(days=1)
    pkm = unit_of(campaign, "DINKES-PKM-KAMONJI")
    tally = UnitTally.objects.get(campaign=campaign)
    layout = compute.layout_for(campaign)
    assert tally.campaign_unit_id == pkm.pk
    assert tally.sums[layout.index()["n"]] == 5
    assert _n(campaign, "palu") == 5

    # Today's submissions are read, not folded.
    _submitted(campaign, "DUKCAPIL", DUKCAPIL, today)
    domain.results_recompute(campaign=campaign, today=today)
    assert _n(campaign, "palu") == 10 and _n(campaign, "DUKCAPIL") == 5
    assert UnitTally.objects.filter(campaign=campaign).count() == 1

    # Two days on, today's rows are folded as well, and the figures equal a cold recompute.
    later = today + dt.timedelta(days=2)
    domain.results_recompute(campaign=campaign, today=later)
    campaign.refresh_from_db()
    assert campaign.tallied_before == later - dt.timedelta(days=1)
    assert UnitTally.objects.filter(campaign=campaign).count() == 2
    incremental = _figures(campaign)
    domain.tallies_reset(campaign=campaign)
    campaign.refresh_from_db()
    domain.results_recompute(campaign=campaign, today=later)
    assert _figures(campaign) == incremental
    assert incremental["palu"][0] == 10 and incremental["palu"][1] is not None


def test_closed_days_are_read_from_the_tallies_not_the_rows(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    today = START + dt.timedelta(days=10)
    domain.results_recompute(campaign=campaign, today=today)
    # A row of a closed day moved to another unit behind the recompute's back (as many rows as
    # before) does not change n: closed days come from the tallies ...
    dukcapil = unit_of(campaign, "DUKCAPIL")
    Response.objects.filter(pk=Response.objects.filter(campaign=campaign).first().pk).update(
        campaign_unit=dukcapil
    )
    domain.results_recompute(campaign=campaign, today=today)
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 6
    # ... until the tallies are reset, when every row is read again.
    domain.tallies_reset(campaign=campaign)
    campaign.refresh_from_db()
    domain.results_recompute(campaign=campaign, today=today)
    assert (_n(campaign, "DINKES-PKM-KAMONJI"), _n(campaign, "DUKCAPIL")) == (5, 1)


def test_rows_added_or_removed_behind_the_tallies_are_noticed(personas, caplog):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    today = START + dt.timedelta(days=10)
    domain.results_recompute(campaign=campaign, today=today)
    # Deleted by hand: the tallies count 6 sheets before the cutoff, the table 5.
    Response.objects.filter(campaign=campaign).first().delete()
    domain.results_recompute(campaign=campaign, today=today)
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 5
    assert "tallies hold 6 sheets before" in caplog.text and "the table 5" in caplog.text
    # Written by hand on a closed day, without tallies_reset: read at the next recompute.
    _submitted(campaign, "DINKES-PKM-KAMONJI", PKM[:2], START)
    domain.results_recompute(campaign=campaign, today=today)
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 7
    campaign.refresh_from_db()
    assert campaign.tallied_before == today - dt.timedelta(days=1)  # tallies rebuilt


def test_tallied_sums_equal_the_full_aggregate(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    _submitted(campaign, "DUKCAPIL", DUKCAPIL, START + dt.timedelta(days=3))
    domain.results_recompute(campaign=campaign, today=START + dt.timedelta(days=30))
    layout = compute.layout_for(campaign)
    stored = dict(
        UnitTally.objects.filter(campaign=campaign).values_list("campaign_unit_id", "sums")
    )
    assert stored == compute.aggregate_by_unit(campaign, layout)


def test_import_resets_the_tallies_and_its_rows_count(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    today = START + dt.timedelta(days=10)
    domain.results_recompute(campaign=campaign, today=today)
    generation = Campaign.objects.get(pk=campaign.pk).tally_generation
    text = "unit,pv,cc,dc\n" + "".join(
        f"DUKCAPIL,{';'.join(b['pv'])},{';'.join(b['cc'])},{';'.join(b['dc'])}\n" for b in DUKCAPIL
    )
    domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(text), today=START)
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    assert campaign.tally_generation == generation + 1
    assert not UnitTally.objects.filter(campaign=campaign).exists()
    domain.results_recompute(campaign=campaign, today=today)
    assert _n(campaign, "palu") == 10 and _n(campaign, "DUKCAPIL") == 5


def test_sums_read_before_a_bulk_write_are_not_stored(personas, monkeypatch):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    real = compute.aggregate_parts

    def import_meanwhile(*args, **kwargs):
        parts = real(*args, **kwargs)
        domain.tallies_reset(campaign=campaign)  # an import commits during the read
        return parts

    monkeypatch.setattr(compute, "aggregate_parts", import_meanwhile)
    domain.results_recompute(campaign=campaign, today=START + dt.timedelta(days=10))
    campaign.refresh_from_db()
    assert campaign.tallied_before is None
    assert not UnitTally.objects.filter(campaign=campaign).exists()
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 5  # the results themselves are written


# --- the nightly recompute -----------------------------------------------------------------


def test_recompute_due_takes_open_and_newly_closed_campaigns(personas):
    import json

    from django.core.management import call_command
    from django.utils import timezone

    from sikap.culture.tasks import recompute_due

    draft = make_campaign(personas, code="draf")
    running = make_campaign(personas, code="jalan", launch=True)
    closed_new = make_campaign(personas, code="baru-tutup", launch=True)
    closed_done = make_campaign(personas, code="sudah", launch=True)
    for c in (closed_new, closed_done):
        domain.campaign_close(actor=None, campaign=c)
    domain.results_recompute(campaign=closed_done)
    Campaign.objects.filter(pk=closed_done.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=1)
    )
    assert [c.code for c in domain.campaigns_due()] == ["jalan", "baru-tutup"]

    assert recompute_due() == 2
    assert ResultGroup.objects.filter(campaign=running).count() == 4
    assert ResultGroup.objects.filter(campaign=closed_new).count() == 4
    assert not ResultGroup.objects.filter(campaign=draft).exists()
    # Recomputed after closing: no longer due; the open one always is.
    assert [c.code for c in domain.campaigns_due()] == ["jalan"]

    out = io.StringIO()
    call_command("culture", "recompute-due", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"campaigns": {"palu/jalan": 4}}


def test_nightly_recompute_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["culture-recompute-due"]
    assert entry["task"] == "sikap.culture.recompute_due"
    assert entry["schedule"].hour == {18} and entry["schedule"].minute == {30}


def test_cli_full_recompute_reads_every_row_again(personas):
    from django.core.management import call_command

    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    call_command("culture", "recompute", "--campaign", campaign.code, stdout=io.StringIO())
    campaign.refresh_from_db()
    assert campaign.tallied_before is not None
    # Behind SIKAP's back, as many rows as before: one sheet moved to another unit.
    dukcapil = unit_of(campaign, "DUKCAPIL")
    Response.objects.filter(pk=Response.objects.filter(campaign=campaign).first().pk).update(
        campaign_unit=dukcapil
    )
    call_command("culture", "recompute", "--campaign", campaign.code, stdout=io.StringIO())
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 6  # closed days come from the tallies
    call_command(
        "culture", "recompute", "--campaign", campaign.code, "--full", stdout=io.StringIO()
    )
    assert _n(campaign, "DINKES-PKM-KAMONJI") == 5
    campaign.refresh_from_db()
    assert campaign.tallied_before is not None  # and the tallies are rebuilt
