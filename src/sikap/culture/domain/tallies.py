"""Closed-day tallies: the per-unit sums of responses of days that can no longer change, so a
recompute reads only the last days' responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from django.db import connection, transaction
from django.db.models import F

from sikap.core.bulk import fetch_binary
from sikap.core.fields import pack_ints, unpack_ints
from sikap.culture import compute
from sikap.culture.models import Campaign, UnitTally

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


def _tally_read(campaign: Campaign, layout: compute.Layout, today: dt.date) -> _Tally:
    cutoff = today - dt.timedelta(days=TALLY_OPEN_DAYS)
    # Read again, not taken from `campaign`: the mix just before, or a hand-written row, may
    # have made the tallies stale since the campaign was loaded (the trigger of migration 0011).
    since, generation = (
        Campaign.objects.filter(pk=campaign.pk)
        .values_list("tallied_before", "tally_generation")
        .get()
    )
    sums: dict[int, Sequence[int]] = {}
    if since is not None:
        # One plain query, in binary on PostgreSQL; the sums stay packed arrays (no object per
        # integer) until they are added up.
        sql = f"SELECT campaign_unit_id, sums FROM {_table(UnitTally)} WHERE campaign_id = %s"  # noqa: S608
        sums = {pk: unpack_ints(packed) for pk, packed in fetch_binary(sql, [campaign.pk])}
        if any(len(v) != len(layout.names) for v in sums.values()):  # another layout
            since, sums = None, {}
    if since is not None and since > cutoff:  # the clock went back: fold nothing new
        cutoff = since
    return _Tally(since, cutoff, generation, sums)


def _tally_write(
    campaign: Campaign, tally: _Tally, sums: Mapping[int, Sequence[int]], moved: Iterable[int]
) -> None:
    """Store the closed-day sums, unless responses were bulk-written since they were read.

    When the tallies read were current (`tally.since`), only the units in `moved` (those with
    newly closed days) are rewritten; the others' rows already hold their sums.
    """
    generation = (
        Campaign.objects.select_for_update()
        .filter(pk=campaign.pk)
        .values_list("tally_generation", flat=True)
        .get()
    )
    if generation != tally.generation:
        return
    if tally.since is not None:
        changed = sorted(set(moved))
        sums = {pk: sums[pk] for pk in changed}
    if connection.vendor == "postgresql":
        _upsert(campaign, sums, every=tally.since is None)
    else:
        stale = UnitTally.objects.filter(campaign=campaign)
        if tally.since is not None:
            stale = stale.filter(campaign_unit_id__in=list(sums))
        stale.delete()
        UnitTally.objects.bulk_create(
            [
                UnitTally(campaign=campaign, campaign_unit_id=pk, sums=cast(Any, vector))
                for pk, vector in sums.items()
            ],
            batch_size=2000,
        )
    Campaign.objects.filter(pk=campaign.pk).update(tallied_before=tally.cutoff)


def _upsert(campaign: Campaign, sums: Mapping[int, Sequence[int]], *, every: bool) -> None:
    """On PostgreSQL: store `sums` in place, one statement: a unit's row that is already there
    is updated (its keys unchanged, so no foreign-key check), a missing one inserted. With
    `every`, `sums` are all the campaign's tallies: rows of units not in it are removed."""
    table = _table(UnitTally)
    units = list(sums)
    packed = [pack_ints(vector) for vector in sums.values()]
    connection.ensure_connection()
    # A server-binding psycopg cursor on the same connection: %b sends the arrays in binary.
    with psycopg.Cursor(connection.connection) as cursor:
        if every:
            cursor.execute(
                f"DELETE FROM {table} WHERE campaign_id = %b "  # noqa: S608
                "AND NOT campaign_unit_id = ANY(%b::int8[])",
                [campaign.pk, units],
            )
        cursor.execute(
            f"INSERT INTO {table} (campaign_id, campaign_unit_id, sums) "  # noqa: S608
            "SELECT %b, u, s FROM unnest(%b::int8[], %b::bytea[]) AS t(u, s) "
            "ON CONFLICT (campaign_id, campaign_unit_id) DO UPDATE SET sums = EXCLUDED.sums "
            f"WHERE {table}.sums IS DISTINCT FROM EXCLUDED.sums",
            [campaign.pk, units, packed],
        )


def tallies_reset(*, campaign: Campaign) -> None:
    """Forget a campaign's closed-day sums; every bulk write of responses calls this.

    The rows are kept, emptied (no sums, which no layout matches, so they are never read as
    sums): the next recompute updates them in place instead of inserting every row again.
    """
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(
            tallied_before=None, tally_generation=F("tally_generation") + 1
        )
        UnitTally.objects.filter(campaign=campaign).update(sums=[])


def _table(model: Any) -> str:
    return str(model._meta.db_table)
