"""Closed-day tallies: the per-unit sums of responses of days that can no longer change, so a
recompute reads only the last days' responses. One row per campaign (CampaignTally), written
and read whole; written by the runs of an open campaign only (results_recompute)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from django.db import connection, transaction
from django.db.models import F

from sikap.core.bulk import fetch_binary
from sikap.core.fields import pack_int_rows, pack_ints, unpack_ints
from sikap.culture import compute
from sikap.culture.models import Campaign, CampaignTally

# A submission stamps its own day in the statement that stores it, so once a whole day has
# passed after a day ends, no response of that day can still arrive. Bulk writers of responses
# (import, demo) call tallies_reset; a row of a closed day inserted, changed or deleted any other
# way (by hand, behind SIKAP's back) resets them too, by a trigger on culture_response
# (migration 0011), so a recompute never counts the closed days' rows to find out.
TALLY_OPEN_DAYS = 1


@dataclass
class _Tally:
    since: dt.date | None  # responses before this day are in `sums`
    cutoff: dt.date  # this recompute folds responses before this day into the tallies
    generation: int
    sums: dict[int, Sequence[int]]
    width: int  # the campaign's aggregate layout: how many sums each unit has


def _tally_read(campaign: Campaign, layout: compute.Layout, today: dt.date) -> _Tally:
    cutoff = today - dt.timedelta(days=TALLY_OPEN_DAYS)
    # Read again, not taken from `campaign`: the mix just before, or a hand-written row, may
    # have made the tallies stale since the campaign was loaded (the trigger of migration 0011).
    since, generation = (
        Campaign.objects.filter(pk=campaign.pk)
        .values_list("tallied_before", "tally_generation")
        .get()
    )
    stored = _stored(campaign, len(layout.names)) if since is not None else None
    if stored is None:  # none, or of another layout: every row is read again
        since = None
    sums: dict[int, Sequence[int]] = stored or {}
    if since is not None and since > cutoff:  # the clock went back: fold nothing new
        cutoff = since
    return _Tally(since, cutoff, generation, sums, len(layout.names))


def _stored(campaign: Campaign, width: int | None) -> dict[int, Sequence[int]] | None:
    """The campaign's tallies by unit, if there are any (and, given `width`, they are that
    wide). One row, read in binary on PostgreSQL; each unit's sums are a slice of one array
    (no object per integer until they are added up)."""
    rows = fetch_binary(
        f"SELECT units, width, sums FROM {_table(CampaignTally)} "  # noqa: S608
        "WHERE campaign_id = %s",
        [campaign.pk],
    )
    if not rows or width not in (None, rows[0][1]):
        return None
    units, width, packed = rows[0]
    ids = unpack_ints(units)
    values = unpack_ints(packed)
    if len(values) != len(ids) * width:
        return None
    return {pk: values[i * width : (i + 1) * width] for i, pk in enumerate(ids)}


def tallies_stored(campaign: Campaign) -> dict[int, list[int]]:
    """The campaign's stored tallies by unit, as lists (empty when there are none)."""
    return {pk: list(vector) for pk, vector in (_stored(campaign, None) or {}).items()}


def _tally_write(
    campaign: Campaign, tally: _Tally, sums: Mapping[int, Sequence[int]], moved: Collection[int]
) -> None:
    """Store the closed-day sums of every unit (`moved`: those whose sums changed; nothing is
    written when none did), unless responses were bulk-written since they were read."""
    generation = (
        Campaign.objects.select_for_update()
        .filter(pk=campaign.pk)
        .values_list("tally_generation", flat=True)
        .get()
    )
    if generation != tally.generation:
        return
    if tally.since is None or moved:
        _store(campaign, sums, tally.width)
    Campaign.objects.filter(pk=campaign.pk).update(tallied_before=tally.cutoff)


def _store(campaign: Campaign, sums: Mapping[int, Sequence[int]], width: int) -> None:
    """One row: the units, and their sums (`width` each) one after another, packed."""
    for pk, vector in sums.items():
        if len(vector) != width:
            raise ValueError(f"unit {pk}: {len(vector)} sums, {width} expected")
    units = pack_ints(list(sums))
    packed = pack_int_rows(list(sums.values()))
    if connection.vendor != "postgresql":
        CampaignTally.objects.update_or_create(
            campaign=campaign,
            defaults={"units": list(sums), "width": width, "sums": packed},
        )
        return
    connection.ensure_connection()
    # A server-binding psycopg cursor on the same connection: %b sends the bytes as they are
    # (Django's cursor would write them into the SQL text in hex).
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            f"INSERT INTO {_table(CampaignTally)} (campaign_id, units, width, sums) "  # noqa: S608
            "VALUES (%b, %b, %b, %b) ON CONFLICT (campaign_id) DO UPDATE "
            "SET units = EXCLUDED.units, width = EXCLUDED.width, sums = EXCLUDED.sums",
            [campaign.pk, units, width, packed],
        )


def tallies_reset(*, campaign: Campaign) -> None:
    """Forget a campaign's closed-day sums; every bulk write of responses calls this."""
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(
            tallied_before=None, tally_generation=F("tally_generation") + 1
        )
        CampaignTally.objects.filter(campaign=campaign).delete()


def _table(model: Any) -> str:
    return str(model._meta.db_table)
