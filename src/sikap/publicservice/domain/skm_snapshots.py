"""The SKM monthly snapshot: rebuilt per unit with one GROUP BY, or added to in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sikap.core.tasks_util import task_named
from sikap.core.tasks_util import tasks_in_process as core_tasks_in_process
from sikap.org.models import OrgUnit, path_root_id, path_segment
from sikap.publicservice.models import (
    UNSUR_FIELDS,
    ServiceUnit,
    SkmMonthly,
    SkmPeriodTotals,
    SkmRecomputeState,
    SkmResponse,
    SkmRollupTotals,
)
from sikap.publicservice.periods import period_keys
from sikap.rules.skm import UNSUR_CODES

# --- snapshots -----------------------------------------------------------------------------


# With a broker, answers of one unit are batched: the rebuild runs RECOMPUTE_DELAY seconds
# after the first answer of a burst, and each web process skips even the cache check for
# LOCAL_SKIP seconds (shorter than the delay, so a skipped answer is always in the batch).
RECOMPUTE_DELAY = 30
LOCAL_SKIP = 20
RECOMPUTE_TASK = "sikap.publicservice.skm_recompute_unit"
_recently_scheduled: dict[int, float] = {}


def skm_schedule_recompute(*, service_unit_id: int) -> None:
    """Queue a snapshot rebuild after commit, at most one pending per unit.

    The cache key is dropped when the task starts, so an answer committed while it runs
    queues the next rebuild; in embedded mode (no broker) the task runs at once.
    """
    import time

    from django.core.cache import cache

    eager = tasks_in_process()
    now = time.monotonic()
    if not eager and now - _recently_scheduled.get(service_unit_id, -1e9) < LOCAL_SKIP:
        return
    if cache.add(f"skm-recompute:{service_unit_id}", 1, timeout=RECOMPUTE_DELAY * 10):
        _recently_scheduled[service_unit_id] = now
        countdown = 0 if eager else RECOMPUTE_DELAY
        # By name: the tasks module calls this package, so it is not imported back.
        task = task_named(RECOMPUTE_TASK)
        transaction.on_commit(lambda: task.apply_async(args=[service_unit_id], countdown=countdown))
    elif not eager:
        _recently_scheduled[service_unit_id] = now


def tasks_in_process() -> bool:
    """Whether Celery runs tasks in this process, at once (embedded mode: no broker)."""
    return core_tasks_in_process()


def snapshot_add(
    *,
    service_unit_id: int,
    product_id: int | None,
    day: dt.date,
    values: Mapping[str, int | None],
    commented: bool,
) -> None:
    """Add one answer to its month's snapshot row, inside the answer's own transaction.

    Embedded mode only: with a broker, answers are batched into rebuilds instead, so that
    concurrent answers of one unit do not queue on one row. The row is the one a rebuild
    would write (`_monthly_rows`): n counts answers, s/c sum and count each unsur.
    """
    month = day.replace(day=1)
    changes: dict[str, Any] = {"n": F("n") + 1, "comments": F("comments") + int(commented)}
    fresh: dict[str, int] = {"n": 1, "comments": int(commented)}
    for i, code in enumerate(UNSUR_CODES, start=1):
        value = values.get(code)
        if value is not None:
            changes[f"s{i}"] = F(f"s{i}") + value
            changes[f"c{i}"] = F(f"c{i}") + 1
            fresh[f"s{i}"], fresh[f"c{i}"] = value, 1
    row = SkmMonthly.objects.filter(
        service_unit_id=service_unit_id, product_id=product_id, month=month
    )
    if not row.update(**changes):
        SkmMonthly.objects.create(
            service_unit_id=service_unit_id, product_id=product_id, month=month, **fresh
        )
    keys = period_keys(month)
    _periods_add(service_unit_id, keys, fresh)
    _rollups_add(service_unit_id, keys, fresh)
    now = timezone.now()
    if not SkmRecomputeState.objects.filter(service_unit_id=service_unit_id).update(
        computed_at=now
    ):
        SkmRecomputeState.objects.create(service_unit_id=service_unit_id, computed_at=now)


@lru_cache(maxsize=64)
def _periods_sql(columns: tuple[str, ...]) -> str:
    table = connection.ops.quote_name(SkmPeriodTotals._meta.db_table)
    sets = ", ".join(
        f"{connection.ops.quote_name(c)} = {connection.ops.quote_name(c)} + %s" for c in columns
    )
    # Names from the model and the fixed column list only; every value is a parameter.
    where = "WHERE service_unit_id = %s AND period IN (%s, %s, %s)"
    return f"UPDATE {table} SET {sets} {where}"  # noqa: S608


def _periods_add(
    service_unit_id: int, keys: tuple[str, str, str], increments: Mapping[str, int]
) -> None:
    """Add one answer to its year's, semester's and quarter's rows: one UPDATE of three rows
    whose text is built once per set of answered unsur (the ORM compiled 20 F() expressions
    per row and statement), then the rows that did not exist yet."""
    columns = tuple(increments)
    with connection.cursor() as cursor:
        cursor.execute(
            _periods_sql(columns), [*(increments[c] for c in columns), service_unit_id, *keys]
        )
        updated = cursor.rowcount
    if updated == len(keys):
        return
    existing = set(
        SkmPeriodTotals.objects.filter(
            service_unit_id=service_unit_id, period__in=keys
        ).values_list("period", flat=True)
    )
    SkmPeriodTotals.objects.bulk_create(
        [
            SkmPeriodTotals(service_unit_id=service_unit_id, period=k, **increments)
            for k in keys
            if k not in existing
        ]
    )


@lru_cache(maxsize=64)
def _rollups_sql(columns: tuple[str, ...]) -> str:
    table = connection.ops.quote_name(SkmRollupTotals._meta.db_table)
    sets = ", ".join(
        f"{connection.ops.quote_name(c)} = {connection.ops.quote_name(c)} + %s" for c in columns
    )
    # Names from the model and the fixed column list only; every value is a parameter.
    where = "WHERE pemda_id = %s AND period IN (%s, %s, %s) AND (unit_id = %s OR unit_id IS NULL)"
    # RETURNING (PostgreSQL, SQLite 3.35+): the rows found, so a missing one is added to
    # without guessing from a later read what this statement saw.
    return f"UPDATE {table} SET {sets} {where} RETURNING unit_id, period"  # noqa: S608


@lru_cache(maxsize=1)
def _place_sql() -> str:
    units = connection.ops.quote_name(ServiceUnit._meta.db_table)
    org = connection.ops.quote_name(OrgUnit._meta.db_table)
    # Table names from the models only; the id is a parameter.
    return (
        f"SELECT su.pemda_id, o.path FROM {units} su "  # noqa: S608
        f"JOIN {org} o ON o.id = su.unit_id WHERE su.id = %s"
    )


def _rollups_add(
    service_unit_id: int, keys: tuple[str, str, str], increments: Mapping[str, int]
) -> None:
    """Add one answer to its OPD's and its Pemda's rows of the same three periods: one UPDATE
    of six rows, which names the rows it found; a row not there yet (the first answer of a
    period in the OPD or Pemda) is created empty, without failing when a concurrent answer
    creates it first, and then added to."""
    columns = tuple(increments)
    with connection.cursor() as cursor:
        # The unit's place is read here, never from a unit kept in memory (the public form
        # keeps one for a while): a unit moved to another OPD counts in its new OPD at once.
        # Plain SQL: the ORM took ten times the statement's own time to build this one.
        cursor.execute(_place_sql(), [service_unit_id])
        pemda_id, path = cursor.fetchone()
        opd_id = path_root_id(path)
        cursor.execute(
            _rollups_sql(columns), [*(increments[c] for c in columns), pemda_id, *keys, opd_id]
        )
        found = {(unit, period) for unit, period in cursor.fetchall()}
    missing = [(unit, k) for unit in (opd_id, None) for k in keys if (unit, k) not in found]
    if not missing:
        return
    SkmRollupTotals.objects.bulk_create(
        [SkmRollupTotals(pemda_id=pemda_id, unit_id=unit, period=k) for unit, k in missing],
        ignore_conflicts=True,
    )
    for unit, k in missing:
        SkmRollupTotals.objects.filter(
            pemda_id=pemda_id, period=k, **({"unit_id": unit} if unit else {"unit__isnull": True})
        ).update(**{c: F(c) + v for c, v in increments.items()})


def skm_rollups_rebuild(*, pemda_id: int, opd_ids: Iterable[int] | None = None) -> int:
    """Rebuild the OPD rows (of `opd_ids`, or of every OPD) and the Pemda rows of a Pemda from
    the per-unit period rows; returns the OPD rows written. Call inside the transaction that
    changed the per-unit rows or the tree. Derived data only, so no audit row."""
    rows = SkmPeriodTotals.objects.filter(service_unit__pemda_id=pemda_id)
    stale = SkmRollupTotals.objects.filter(pemda_id=pemda_id, unit__isnull=False)
    if opd_ids is not None:
        opds = sorted(set(opd_ids))
        heads = Q()
        for opd in opds:
            heads |= Q(service_unit__unit__path__startswith=path_segment(opd))
        rows = rows.filter(heads) if opds else rows.none()
        stale = stale.filter(unit_id__in=opds)
    sums: dict[tuple[int, str], list[int]] = {}
    for path, period, *values in rows.values_list(
        "service_unit__unit__path", "period", *SUM_COLUMNS
    ).iterator():
        acc = sums.setdefault((path_root_id(path), period), [0] * len(SUM_COLUMNS))
        for i, v in enumerate(values):
            acc[i] += v
    with transaction.atomic():
        stale.delete()
        SkmRollupTotals.objects.bulk_create(
            [
                SkmRollupTotals(
                    pemda_id=pemda_id,
                    unit_id=opd,
                    period=period,
                    **dict(zip(SUM_COLUMNS, acc, strict=True)),
                )
                for (opd, period), acc in sums.items()
            ],
            batch_size=2000,
        )
        # The Pemda's rows: the sum of its OPD rows, each service unit being in one OPD.
        SkmRollupTotals.objects.filter(pemda_id=pemda_id, unit__isnull=True).delete()
        whole: Iterable[Any] = (
            SkmRollupTotals.objects.filter(pemda_id=pemda_id, unit__isnull=False)
            .values("period")
            .annotate(**{c: Sum(c) for c in SUM_COLUMNS})
            .order_by()
        )
        SkmRollupTotals.objects.bulk_create(
            [
                SkmRollupTotals(
                    pemda_id=pemda_id,
                    unit_id=None,
                    period=row["period"],
                    **{c: row[c] or 0 for c in SUM_COLUMNS},
                )
                for row in whole
            ],
            batch_size=2000,
        )
    return len(sums)


def skm_recompute(*, service_unit_id: int) -> int:
    """Rebuild a unit's monthly sums and counts with one GROUP BY; returns the rows written.

    Derived data only, so no audit row: rebuilding twice gives the same table.
    """
    return skm_recompute_many(service_unit_ids=[service_unit_id])


def _monthly_rows(ids: list[int]) -> list[SkmMonthly]:
    aggregates: dict[str, Any] = {
        "n": Count("id", filter=_any_answer()),
        "comments": Count("id", filter=~Q(comment="")),
    }
    for i, f in enumerate(UNSUR_FIELDS, start=1):
        aggregates[f"s{i}"] = Sum(f)
        aggregates[f"c{i}"] = Count(f)
    rows: Iterable[Any] = (
        SkmResponse.objects.filter(service_unit_id__in=ids)
        .annotate(m=TruncMonth("submitted_on"))
        .values("service_unit_id", "product_id", "m")
        .annotate(**aggregates)
        .order_by()
    )
    objs = []
    for row in rows:
        first = row["m"]
        if isinstance(first, dt.datetime):
            first = first.date()
        objs.append(
            SkmMonthly(
                service_unit_id=row["service_unit_id"],
                product_id=row["product_id"],
                month=first,
                n=row["n"],
                comments=row["comments"],
                **{f"s{i}": row[f"s{i}"] or 0 for i in range(1, 10)},
                **{f"c{i}": row[f"c{i}"] for i in range(1, 10)},
            )
        )
    return objs


SUM_COLUMNS = ("n", "comments", *(f"s{i}" for i in range(1, 10)), *(f"c{i}" for i in range(1, 10)))


def _period_rows(monthly: list[SkmMonthly]) -> list[SkmPeriodTotals]:
    """The monthly rows summed per unit into each year, semester and quarter, products pooled."""
    sums: dict[tuple[int, str], list[int]] = {}
    for row in monthly:
        values = [getattr(row, c) or 0 for c in SUM_COLUMNS]
        for key in period_keys(row.month):
            acc = sums.setdefault((row.service_unit_id, key), [0] * len(SUM_COLUMNS))
            for i, v in enumerate(values):
                acc[i] += v
    return [
        SkmPeriodTotals(
            service_unit_id=unit, period=key, **dict(zip(SUM_COLUMNS, acc, strict=True))
        )
        for (unit, key), acc in sums.items()
    ]


def _any_answer() -> Q:
    q = Q()
    for f in UNSUR_FIELDS:
        q |= Q(**{f"{f}__isnull": False})
    return q


def skm_recompute_many(*, service_unit_ids: Iterable[int]) -> int:
    """Rebuild the snapshots of many units, a few hundred per GROUP BY; returns rows written."""
    ids = sorted(set(service_unit_ids))
    written = 0
    now = timezone.now()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        objs = _monthly_rows(chunk)
        with transaction.atomic():
            SkmMonthly.objects.filter(service_unit_id__in=chunk).delete()
            SkmMonthly.objects.bulk_create(objs, batch_size=2000)
            SkmPeriodTotals.objects.filter(service_unit_id__in=chunk).delete()
            SkmPeriodTotals.objects.bulk_create(_period_rows(objs), batch_size=2000)
            SkmRecomputeState.objects.filter(service_unit_id__in=chunk).delete()
            SkmRecomputeState.objects.bulk_create(
                [SkmRecomputeState(service_unit_id=i, computed_at=now) for i in chunk]
            )
            opds: dict[int, set[int]] = {}
            for pemda_id, path in ServiceUnit.objects.filter(pk__in=chunk).values_list(
                "pemda_id", "unit__path"
            ):
                opds.setdefault(pemda_id, set()).add(path_root_id(path))
            for pemda_id, opd_ids in opds.items():
                skm_rollups_rebuild(pemda_id=pemda_id, opd_ids=opd_ids)
        written += len(objs)
    return written
