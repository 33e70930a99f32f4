"""Results: recompute (mix, roll up, suppress, figures), the publication rule, the result rows
written by COPY, and the nightly and hourly jobs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import psycopg
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from sikap.core.audit import audit_record
from sikap.core.bulk import fetch_binary
from sikap.core.fields import pack_ints, unpack_ints
from sikap.culture import compute, figures
from sikap.culture.domain import ballot_box
from sikap.culture.domain.campaigns import campaign_close, campaigns_past_end
from sikap.culture.domain.tallies import _table, _tally_read, _tally_write
from sikap.culture.groups import comment_min_group_size, min_group_size
from sikap.culture.models import Campaign, CampaignUnit, InstrumentKind, ResultGroup
from sikap.rules import berakhlak, disclosure


def _previous_results(campaign: Campaign) -> dict[str, dict[str, Any]]:
    """The shown groups of the kind's latest earlier published campaign, by unit code: what a
    change is measured against. A group stored as sums is handed over as its sums and layout
    (figures.compare works out the figures it needs); one stored before sums were kept, as its
    stored figures."""
    previous = _previous_campaign(campaign)
    if previous is None:
        return {}
    layout = previous.result_layout
    # One plain query, no model order (a join and a sort by path) and no per-row ORM work;
    # older rows' figures are JSON text (JSONTextField), decoded by orjson. The units are
    # those of the same campaign (the result row's key says so): read by index, not by a scan
    # of every campaign's units.
    sql = (
        f"SELECT u.code, r.overall, r.sums, r.{_q('values')}, r.stats "  # noqa: S608
        f"FROM {_table(ResultGroup)} r JOIN {_table(CampaignUnit)} u "
        "ON u.id = r.campaign_unit_id AND u.campaign_id = r.campaign_id "
        "WHERE r.campaign_id = %s AND NOT r.suppressed"
    )
    loads = orjson.loads
    return {
        code: (
            {"overall": overall, "sums": unpack_ints(sums), "layout": layout}
            if sums is not None
            else {
                "overall": overall,
                "values": None if values is None else loads(values),
                "stats": None if stats_ is None else loads(stats_),
            }
        )
        for code, overall, sums, values, stats_ in fetch_binary(sql, [previous.pk])
    }


def _previous_campaign(campaign: Campaign) -> Campaign | None:
    return (
        Campaign.objects.filter(
            pemda_id=campaign.pemda_id,
            kind=campaign.kind,
            period_start__lt=campaign.period_start,
            published_at__isnull=False,
        )
        .order_by("-period_start")
        .first()
    )


@dataclass(slots=True)
class GroupRow:
    """One result row on its way to ResultGroup: thousands of these cost a fraction of as many
    model instances. The fields are ResultGroup's columns, in the order they are copied."""

    campaign_id: int
    campaign_unit_id: int
    n: int
    n_direct: int
    suppressed: bool = True
    suppressed_reason: str = ""
    comment_count: int = 0
    overall: float | None = None
    overall_band: str = ""
    overall_delta: float | None = None
    overall_significant: bool | None = None
    entropy: float | None = None
    sums: list[int] | None = None  # figures.stored_sums of the group's sums
    changes: dict[str, list[Any]] | None = None  # {value: [delta, significant]}
    rulebook_version: str = ""


# (n, n_direct, suppressed, comment_count) of a published group, by unit
Published = dict[int, tuple[int, int, bool, int]]
_GROUP_FIELDS = tuple(f.name for f in dataclasses.fields(GroupRow))
_GROUP_COLUMNS = [*_GROUP_FIELDS, "computed_at"]
# The figures of rows published before sums were kept: cleared when such a row is rewritten.
_LEGACY_COLUMNS = ("values", "shares", "stats", "overall_ci")


def _q(name: str) -> str:
    """A column name quoted for SQL (`values` is a keyword)."""
    return f'"{name}"'


def _delete_groups(campaign: Campaign) -> None:
    ResultGroup.objects.filter(campaign=campaign).delete()


def _write_groups(
    campaign: Campaign,
    rows: Sequence[GroupRow],
    work_out: Callable[[GroupRow], None],
    published: Published,
) -> None:
    """Work out each row's figures (`work_out`) and store the rows as the campaign's result
    rows, replacing those `published`."""
    if connection.vendor != "postgresql":
        if published:
            _delete_groups(campaign)
        _insert_groups(rows, work_out)
    else:
        _merge_groups(campaign, rows, work_out, published)


def _insert_groups(rows: Sequence[GroupRow], work_out: Callable[[GroupRow], None]) -> None:
    groups = [
        ResultGroup(**{f: getattr(row, f) for f in _GROUP_FIELDS})
        for row in _worked_out(rows, work_out)
    ]
    ResultGroup.objects.bulk_create(groups, batch_size=1000)


# ResultGroup's columns a republication updates, with their PostgreSQL types (binary COPY).
_UPDATED = {
    "n": "int4",
    "n_direct": "int4",
    "suppressed": "bool",
    "suppressed_reason": "text",
    "comment_count": "int4",
    "overall": "float8",
    "overall_band": "text",
    "overall_delta": "float8",
    "overall_significant": "bool",
    "entropy": "float8",
    "sums": "bytea",
    "changes": "text",
    "rulebook_version": "text",
}
# Every column of a new row, with its type.
_INSERTED = {"campaign_id": "int8", "campaign_unit_id": "int8", **_UPDATED}
if tuple(_INSERTED) != _GROUP_FIELDS:  # _copy_groups writes the fields in this order
    raise ImportError("GroupRow's fields and the result row columns differ")


def _merge_groups(
    campaign: Campaign,
    rows: Sequence[GroupRow],
    work_out: Callable[[GroupRow], None],
    published: Published | None = None,
) -> None:
    """On PostgreSQL: the rows of groups already published (`published`, read again when not
    given) are updated in place, the others inserted, and published groups no longer in the
    tree removed (the snapshot tree is fixed at launch, so a republication normally updates
    every row and a first publication inserts every row).

    An UPDATE that leaves a row's keys (campaign, unit) as they were costs no foreign-key
    check (PostgreSQL checks a referencing row only when its referencing columns change, or
    when the row was inserted in the same transaction), where delete-and-insert checked both
    keys of every row again at the commit. The rows travel by binary COPY (no text to build
    or parse, the sums as the bytes they are stored as), streamed as their figures are worked
    out: an update's into a temporary table that one UPDATE then takes in, new rows straight
    into the result table.
    """
    if published is None:
        published = _published(campaign)
    now = timezone.now()  # every row of the version computed at the same time
    table = _table(ResultGroup)
    kept = [row for row in rows if row.campaign_unit_id in published]
    added = [row for row in rows if row.campaign_unit_id not in published]
    gone = sorted(set(published) - {row.campaign_unit_id for row in rows})
    connection.ensure_connection()
    # A server-binding psycopg cursor on the same connection (Django's binds on the client).
    with transaction.atomic(), psycopg.Cursor(connection.connection) as raw:
        if gone:
            raw.execute(
                f"DELETE FROM {table} WHERE campaign_id = %b "  # noqa: S608
                "AND campaign_unit_id = ANY(%b::int8[])",
                [campaign.pk, gone],
            )
        if kept:
            # The new values go by binary COPY into a temporary table as each row's figures
            # are worked out (the server stores one batch while the next is computed), then
            # one UPDATE takes them in.
            columns = ", ".join(f"{_q(c)} {kind}" for c, kind in _INSERTED.items())
            raw.execute(
                f"CREATE TEMPORARY TABLE {_NEW} ({columns}, computed_at timestamptz) ON COMMIT DROP"
            )
            _copy_groups(raw, _worked_out(kept, work_out), now, into=_NEW)
            sets = ", ".join(f"{_q(c)} = s.{_q(c)}" for c in (*_UPDATED, "computed_at"))
            sets += "".join(f", {_q(c)} = NULL" for c in _LEGACY_COLUMNS)
            raw.execute(
                f"UPDATE {table} r SET {sets} FROM {_NEW} s "  # noqa: S608
                "WHERE r.campaign_id = %b AND r.campaign_unit_id = s.campaign_unit_id",
                [campaign.pk],
            )
            if raw.rowcount != len(kept):  # removed meanwhile: never publish a partial version
                raise RuntimeError(
                    f"culture campaign {campaign.pk}: {len(kept) - raw.rowcount} published "
                    "result rows vanished during the recompute; nothing published"
                )
            raw.execute(f"DROP TABLE {_NEW}")
        if added:
            # New rows likewise, straight into the result table.
            _copy_groups(raw, _worked_out(added, work_out), now)


# The temporary table a republication's rows are COPYed into (dropped at the latest at commit).
_NEW = "sikap_culture_result_update"


def _worked_out(
    rows: Sequence[GroupRow], work_out: Callable[[GroupRow], None]
) -> Iterator[GroupRow]:
    for row in rows:
        work_out(row)
        yield row


def _copy_groups(
    raw: psycopg.Cursor[Any], rows: Iterable[GroupRow], now: dt.datetime, *, into: str = ""
) -> None:
    """Rows by one binary COPY (no text to build or parse; the sums as stored) into the result
    table, or the table `into`."""
    names = ", ".join(_q(c) for c in (*_INSERTED, "computed_at"))
    dumps = orjson.dumps
    table = into or _table(ResultGroup)
    with raw.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([*_INSERTED.values(), "timestamptz"])
        for r in rows:
            copy.write_row(
                (
                    r.campaign_id,
                    r.campaign_unit_id,
                    r.n,
                    r.n_direct,
                    r.suppressed,
                    r.suppressed_reason,
                    r.comment_count,
                    r.overall,
                    r.overall_band,
                    r.overall_delta,
                    r.overall_significant,
                    r.entropy,
                    None if r.sums is None else pack_ints(r.sums),
                    None if r.changes is None else dumps(r.changes).decode("utf-8"),
                    r.rulebook_version,
                    now,
                )
            )


def results_recompute(
    *, campaign: Campaign, actor: Any = "system", today: dt.date | None = None
) -> int:
    """Mix the ballot box, then recompute every group of the snapshot tree; returns the count.

    Nothing is published while the campaign is open: the run only mixes and keeps the closed-day
    tallies current (responses of days that can no longer change are summed once into the
    campaign's CampaignTally, so each run reads only the last days' responses). Once the
    campaign is closed, the final mix empties the box and the groups become the published
    ResultGroup rows, unless they would differ from the version already published by 1 … k−1
    respondents somewhere (`publication_blockers`); then the published version stays and
    `publication_held` says why. A closed campaign's run reads the tallies and the rows of
    the days after them, and leaves the tallies as they were.
    """
    # Thousands of kept lists and dicts, none in a cycle: a collection would only rescan them.
    with compute.gc_paused():
        return _recompute(campaign, actor, today)


def _recompute(campaign: Campaign, actor: Any, today: dt.date | None) -> int:
    campaign = Campaign.objects.select_related("instrument").get(pk=campaign.pk)
    closed_campaign = campaign.status == Campaign.Status.CLOSED
    ballot_box.ballots_mix(campaign=campaign, final=closed_campaign, actor=actor, today=today)
    units = _units(campaign)
    layout = compute.layout_for(campaign)
    tally = _tally_read(campaign, layout, today or timezone.localdate())
    # A closed campaign's run folds nothing into the tallies (below): the rows after them are
    # read as one part, which the roll-up adds to the tallies.
    cutoff = None if closed_campaign else tally.cutoff
    parts = compute.aggregate_parts(campaign, layout, since=tally.since, cutoff=cutoff)
    closed = tally.sums
    compute.add_into(closed, parts.closed)  # the days closed since the last run
    rows: list[GroupRow] = []
    tree = None
    if closed_campaign:
        tree = compute.unit_tree(units)  # checked and indexed once, for both uses below
        # Each unit's own sums are its closed days' and its last days' (roll_up adds them).
        rows, work_out = _result_groups(
            campaign, units, layout, closed, tree=tree, recent=parts.recent
        )
    hidden_count = sum(1 for row in rows if row.suppressed)
    with transaction.atomic():
        held: list[dict[str, Any]] = []
        if closed_campaign:
            published = _published(campaign)
            # Decided on the groups' sizes alone: held figures are never worked out.
            held = publication_blockers(campaign, units, rows, published=published, tree=tree)
            if not held:
                _write_groups(campaign, rows, work_out, published)
        else:
            _delete_groups(campaign)
        # The tallies serve an open campaign's nightly runs. A closed campaign's run reads them
        # but does not advance them: no scheduled run reads them again (an import resets them),
        # and a run by hand reads the days since the last fold.
        if not closed_campaign and (parts.closed or tally.since != tally.cutoff):
            _tally_write(campaign, tally, closed, parts.closed)
        now = timezone.now()
        update: dict[str, Any] = {"recomputed_at": now, "publication_held": held}
        if closed_campaign and not held:
            update["published_at"] = now
            update["result_layout"] = figures.stored_layout(layout, campaign.rulebook_year)
        Campaign.objects.filter(pk=campaign.pk).update(**update)
        audit_record(
            actor=actor,
            action="culture.results.held" if held else "culture.results.recompute",
            obj=campaign,
            after={
                "groups": len(rows),
                "suppressed": hidden_count,
                "k": min_group_size(),
                "published": closed_campaign and not held,
                **({"held": held} if held else {}),
            },
        )
    return len(rows)


def _units(campaign: Campaign) -> list[compute.Unit]:
    """The campaign's snapshot units, read by one plain query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, parent_id, depth, code FROM {_table(CampaignUnit)} "  # noqa: S608
            "WHERE campaign_id = %s",
            [campaign.pk],
        )
        return [compute.Unit(*row) for row in cursor.fetchall()]


def _published(campaign: Campaign) -> Published:
    """The published groups' sizes, by unit, read by one plain query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT campaign_unit_id, n, n_direct, suppressed, comment_count "  # noqa: S608
            f"FROM {_table(ResultGroup)} WHERE campaign_id = %s",
            [campaign.pk],
        )
        return {
            pk: (n, n_direct, bool(hidden), cmt)
            for pk, n, n_direct, hidden, cmt in cursor.fetchall()
        }


def publication_blockers(
    campaign: Campaign,
    units: Sequence[compute.UnitNode],
    rows: Sequence[GroupRow],
    *,
    published: Published | None = None,
    tree: disclosure.Tree | None = None,
) -> list[dict[str, Any]]:
    """Why `rows` may not replace the published version: [{"unit", "change"}], empty when they may.

    Between two published versions, every part of the tree that one can isolate by subtracting
    shown groups (and every unit whose comments are listed) must change by 0 or by at least k
    respondents (sikap.rules.disclosure.republication_blockers); otherwise the difference of the
    two versions would be the answers of fewer than k people. `tree` is compute.unit_tree(units),
    when already built.
    """
    old = _published(campaign) if published is None else published
    if not old:
        return []
    k = min_group_size()
    new = {g.campaign_unit_id: g for g in rows}
    blockers = disclosure.republication_blockers(
        tree or compute.unit_tree(units),
        {pk: g[0] for pk, g in old.items()},
        {pk: g.n for pk, g in new.items()},
        [pk for pk, g in old.items() if not g[2]],
        [pk for pk, g in new.items() if not g.suppressed],
        k,
    )
    changes = {b.id: b.change for b in blockers}
    # A unit whose own comments are listed in either version: its own respondents too.
    for pk, g in new.items():
        before = old.get(pk)
        listed = g.comment_count > 0 or (before is not None and before[3] > 0)
        change = g.n_direct - (before[1] if before else 0)
        if listed and 0 < abs(change) < k:
            changes.setdefault(pk, change)
    if not changes:
        return []
    code = {u.pk: u.code for u in units}
    return [{"unit": code[pk], "change": change} for pk, change in sorted(changes.items())]


def _result_rows(
    campaign: Campaign,
    units: Sequence[compute.UnitNode],
    layout: compute.Layout,
    direct: Mapping[int, Sequence[int]],
) -> list[GroupRow]:
    """Every group of the campaign with its figures, as `results_recompute` publishes them."""
    rows, work_out = _result_groups(campaign, units, layout, direct)
    for group in rows:
        work_out(group)
    return rows


def _result_groups(
    campaign: Campaign,
    units: Sequence[compute.UnitNode],
    layout: compute.Layout,
    direct: Mapping[int, Sequence[int]],
    *,
    tree: disclosure.Tree | None = None,
    recent: Mapping[int, Sequence[int]] | None = None,
) -> tuple[list[GroupRow], Callable[[GroupRow], None]]:
    """Roll the per-unit sums up the tree and suppress: every group with its n, suppression and
    comment count, and the function that works out a shown group's figures (called as each row
    is written, see _write_groups)."""
    width = len(layout.names)
    totals = compute.roll_up(units, direct, width, recent)
    n_at = layout.index()["n"]
    n_of = {pk: vec[n_at] for pk, vec in totals.items()}
    k = min_group_size()
    hidden = compute.suppress(units, n_of, k, tree=tree)
    readable = comment_min_group_size()
    cmt_at = layout.index()["cmt"]
    year = campaign.rulebook_year
    version = berakhlak.RULEBOOKS.select(year).meta.version
    before = _previous_results(campaign)
    instrument = campaign.instrument
    implementasi = campaign.kind == InstrumentKind.IMPLEMENTASI
    code_of = {unit.pk: unit.code for unit in units}
    rows: list[GroupRow] = []
    empty: Sequence[int] = [0] * width
    campaign_id = campaign.pk
    for unit in units:
        pk = unit.pk
        # The unit's own respondents and comments, not those below it.
        mine = direct.get(pk, empty)
        last = recent.get(pk, empty) if recent else empty
        n_direct = mine[n_at] + last[n_at]
        if pk in hidden:
            group = GroupRow(
                campaign_id, pk, n_of[pk], n_direct, True, hidden[pk], rulebook_version=version
            )
        else:
            # Only the unit's own comments, and only when its own respondents are enough: no
            # list is the sum of others, so no list taken from another reveals a smaller
            # group's comments.
            comments = mine[cmt_at] + last[cmt_at] if n_direct >= readable else 0
            group = GroupRow(
                campaign_id, pk, n_of[pk], n_direct, False, "", comments, rulebook_version=version
            )
        rows.append(group)

    stored = figures.stored_sums
    limiting = instrument.limiting_codes

    def work_out(group: GroupRow) -> None:
        if group.suppressed:
            return
        vector = totals[group.campaign_unit_id]
        # The row stores what a reader cannot work out from the sums again: the overall index
        # (lists are ordered by it), the change against the previous campaign and the entropy.
        if implementasi:
            fig = figures.implementasi_figures(
                vector, layout, instrument.codes, limiting, year, detail=False
            )
        else:
            fig = figures.likert_figures(vector, layout, year, detail=False)
        delta, significant, per_value = figures.compare(
            campaign.kind, fig, before.get(code_of[group.campaign_unit_id])
        )
        group.overall = fig.overall
        group.overall_band = fig.overall_band
        group.overall_delta = delta
        group.overall_significant = significant
        group.entropy = fig.entropy
        group.sums = stored(vector)
        if per_value:
            group.changes = {code: [d, s] for code, (d, s) in per_value.items()}

    return rows, work_out


def campaigns_due() -> list[Campaign]:
    """Campaigns the nightly job recomputes: every open one (its box is mixed and its closed-day
    tallies kept current) and every closed one not recomputed since it closed (final mix and
    publication)."""
    return list(
        Campaign.objects.filter(
            Q(status=Campaign.Status.OPEN)
            | Q(status=Campaign.Status.CLOSED, recomputed_at__isnull=True)
            | Q(status=Campaign.Status.CLOSED, closed_at__gt=F("recomputed_at"))
        )
        .select_related("pemda")
        .order_by("pk")
    )


def results_recompute_due(*, actor: Any = "system", today: dt.date | None = None) -> dict[str, int]:
    """The nightly job: close every open campaign past its end date, then recompute every
    campaign in campaigns_due() (closed ones are published). Returns groups per code."""
    for campaign in campaigns_past_end(today):
        campaign_close(actor=actor, campaign=campaign)
    return {
        f"{c.pemda.code}/{c.code}": results_recompute(campaign=c, actor=actor, today=today)
        for c in campaigns_due()
    }


def ballots_mix_due(*, actor: Any = "system") -> int:
    """Mix the ballot box of every open campaign (hourly); returns the ballots mixed."""
    return sum(
        ballot_box.ballots_mix(campaign=c, actor=actor).mixed
        for c in Campaign.objects.filter(status=Campaign.Status.OPEN).order_by("pk")
    )
