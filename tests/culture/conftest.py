"""Culture fixtures: campaigns over the personas tree with hand-made responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from sikap.culture import domain
from sikap.culture.models import Campaign, CampaignUnit, InstrumentKind, Response

START = dt.date(2023, 9, 1)
END = dt.date(2023, 10, 20)

# Five ballots of the Puskesmas and five alike of Dukcapil: enough for a shown group each.
PKM = [
    {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "KL1"]},
    {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP2", "AD1", "L02"], "dc": ["AD1", "AD2", "KL1"]},
    {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP3", "KO1", "HA1"], "dc": ["AD1", "AD3", "KL1"]},
    {"pv": ["BP1", "AK1", "HA2"], "cc": ["AK2", "L01", "L03"], "dc": ["AD1", "BP1", "KL2"]},
    {"pv": ["BP1", "LO1", "KO1"], "cc": ["LO1", "KL1", "L01"], "dc": ["AD2", "BP1", "KL1"]},
]
DUKCAPIL = [
    {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "AD1"], "dc": ["BP1", "AK1", "AD1"]}
] * 5


def make_campaign(
    personas,
    *,
    kind=InstrumentKind.IMPLEMENTASI,
    code="c2023",
    picks=3,
    depth=1,
    start=START,
    end=END,
    launch=False,
) -> Campaign:
    campaign = domain.campaign_create(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        code=code,
        name=f"Survei {code}",
        kind=kind,
        period_start=start,
        period_end=end,
        picks=picks,
        attribution_depth=depth,
        today=start,
    )
    if launch:
        campaign = domain.campaign_launch(
            actor=personas.admin_pemda, campaign=campaign, today=start
        )
    return campaign


def unit_of(campaign: Campaign, code: str) -> CampaignUnit:
    return CampaignUnit.objects.get(campaign=campaign, code=code)


def add_ballots(
    campaign: Campaign,
    code: str,
    ballots: Sequence[dict],
    *,
    day: dt.date = START,
    comments: Sequence[str] = (),
    as_import: bool = True,
) -> None:
    """Insert responses directly (bypassing tokens) for result fixtures.

    `as_import` resets the campaign's tallies as a bulk write does; without it the rows arrive
    as survey submissions do. `comments` go to the first rows, in order.
    """
    unit = unit_of(campaign, code)
    rows = []
    for i, b in enumerate(ballots):
        rows.append(
            Response(
                campaign=campaign,
                campaign_unit=unit,
                created_on=day,
                comment=comments[i] if i < len(comments) else "",
                pv=domain.ballot_mask(b["pv"], campaign.instrument),
                cc=domain.ballot_mask(b["cc"], campaign.instrument),
                dc=domain.ballot_mask(b["dc"], campaign.instrument),
            )
        )
    Response.objects.bulk_create(rows)
    if as_import:
        domain.tallies_reset(campaign=campaign)


def add_comments(campaign: Campaign, code: str, comments: Sequence[str]) -> None:
    """One ballot per comment (cycling through PKM), the comments in order."""
    add_ballots(campaign, code, [PKM[i % 5] for i in range(len(comments))], comments=comments)


def add_likert(campaign: Campaign, code: str, answers: Sequence[dict]) -> None:
    unit = unit_of(campaign, code)
    Response.objects.bulk_create(
        Response(
            campaign=campaign,
            campaign_unit=unit,
            created_on=START,
            **{k.lower(): v for k, v in a.items()},
        )
        for a in answers
    )
    domain.tallies_reset(campaign=campaign)


def publish(campaign: Campaign, *, today: dt.date | None = None) -> Campaign:
    """Close the campaign (if it is not yet) and run the publishing recompute."""
    campaign.refresh_from_db()
    if campaign.status != Campaign.Status.CLOSED:
        campaign = domain.campaign_close(actor="test", campaign=campaign)
    domain.results_recompute(campaign=campaign, today=today)
    return Campaign.objects.get(pk=campaign.pk)


@pytest.fixture
def implementasi_campaign(personas) -> Campaign:
    return make_campaign(personas)


@pytest.fixture
def computed(personas) -> Campaign:
    """PKM 5, DINKES 6 direct, DUKCAPIL 3: DUKCAPIL small, DINKES hidden with it."""
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM + PKM[:1])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:3])
    return publish(campaign)
