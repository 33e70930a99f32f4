"""The ballot box: sealed answer sheets between a token's spend and the response table.

A submit spends its token and drops a sealed Ballot into the box in one statement. Nothing in
that statement is readable as an answer without the application's key, which the database does
not hold. `ballots_mix` later opens the ballots of every unit holding at least k of them, and
writes them to `culture_response` in random order, dated the day of the mix, in one transaction
that deletes them from the box. So a response shares its transaction id with at least k
responses of its unit and with no invitation (docs/anonymity.md).

At the close (`final=True`) every ballot is mixed: a unit's remainder of fewer than k is
attributed one level up, joining the parent's own ballots, and so on to the whole Pemda; none is
ever dropped. A crash anywhere rolls the one transaction back and leaves the box as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import logging
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from sikap.core.audit import audit_record
from sikap.culture.models import Ballot, Campaign, CampaignUnit, Response

logger = logging.getLogger(__name__)

# Every sealed ballot has this many plaintext bytes: the longest sheet (63-bit ballots or 21
# Likert answers, three demographic bands and a 1,000-character comment of 4-byte characters)
# fits, so the length of a ballot never tells how long its comment was.
PLAIN_BYTES = 4608
NONCE_BYTES = 12
SEALED_BYTES = NONCE_BYTES + PLAIN_BYTES + 16  # AES-GCM adds a 16-byte tag


class BallotUnreadable(Exception):
    """A ballot could not be opened: the key changed, or the row was altered."""


@functools.lru_cache(maxsize=4)
def _key(secret: str, configured: str) -> bytes:
    if configured:
        try:
            key = base64.urlsafe_b64decode(configured + "=" * (-len(configured) % 4))
        except ValueError as exc:
            raise ImproperlyConfigured("SIKAP_BALLOT_KEY must be 32 bytes in base64") from exc
        if len(key) != 32:
            raise ImproperlyConfigured("SIKAP_BALLOT_KEY must be 32 bytes in base64")
        return key
    # Derived from the secret key, which lives in the environment, never in the database.
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"sikap culture ballot box v1"
    ).derive(secret.encode("utf-8"))


def ballot_key() -> bytes:
    return _key(settings.SECRET_KEY, getattr(settings, "SIKAP_BALLOT_KEY", "") or "")


def _associated(campaign_id: int) -> bytes:
    return f"sikap-ballot:{campaign_id}".encode("ascii")


def seal(campaign_id: int, fields: Mapping[str, Any], *, key: bytes | None = None) -> bytes:
    """The answer fields of one sheet, padded to PLAIN_BYTES and encrypted (AES-256-GCM)."""
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(body) + 2 > PLAIN_BYTES:
        raise ValueError("ballot too large to seal")
    plain = len(body).to_bytes(2, "big") + body
    plain += bytes(PLAIN_BYTES - len(plain))
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key or ballot_key()).encrypt(nonce, plain, _associated(campaign_id))


def open_sealed(campaign_id: int, sealed: bytes, *, key: bytes | None = None) -> dict[str, Any]:
    """The fields `seal` was given; BallotUnreadable when the key or the bytes do not match."""
    data = bytes(sealed)
    try:
        plain = AESGCM(key or ballot_key()).decrypt(
            data[:NONCE_BYTES], data[NONCE_BYTES:], _associated(campaign_id)
        )
    except (InvalidTag, ValueError) as exc:
        raise BallotUnreadable from exc
    size = int.from_bytes(plain[:2], "big")
    fields: dict[str, Any] = json.loads(plain[2 : 2 + size].decode("utf-8"))
    return fields


# --- dropping a ballot into the box ------------------------------------------------------------


def _table(model: Any) -> str:
    return str(model._meta.db_table)


def spend_and_drop(hashed: str, campaign_id: int, sealed: bytes) -> bool:
    """Spend the open, unused token `hashed` of the campaign and drop its ballot, atomically.

    True when the token was spent (exactly one of concurrent submits of a token wins).
    """
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        # Bound on the server, unlike Django's client-side binding: the sealed bytes travel as
        # one binary parameter, not as a 9 KB escaped literal the server has to parse back.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(_SPEND_AND_DROP_PG, [hashed, campaign_id, "open", sealed])
            return bool(cursor.rowcount == 1)
    from sikap.culture.models import Invitation

    # SQLite runs one writer at a time: a conditional UPDATE and an INSERT in one transaction
    # are as safe as PostgreSQL's single statement.
    with transaction.atomic():
        row = (
            Invitation.objects.filter(
                token_hash=hashed,
                used=False,
                campaign_id=campaign_id,
                campaign__status=Campaign.Status.OPEN,
            )
            .values_list("pk", "campaign_unit_id")
            .first()
        )
        if row is None:
            return False
        pk, unit_id = row
        if Invitation.objects.filter(pk=pk, used=False).update(used=True, employee=None) != 1:
            return False
        Ballot.objects.create(campaign_id=campaign_id, campaign_unit_id=unit_id, sealed=sealed)
    return True


# A data-modifying WITH is one atomic statement: PostgreSQL rechecks the UPDATE's own condition
# (NOT used) on a row a concurrent winner changed, so a second submit spends and drops nothing.
# The spend also clears the invitation's employee: a spent invitation names nobody.
_SPEND_AND_DROP_PG = (
    "WITH spent AS (UPDATE culture_invitation SET used = true, employee_id = NULL "
    "WHERE token_hash = %s AND NOT used AND campaign_id IN "
    "(SELECT id FROM culture_campaign WHERE id = %s AND status = %s) "
    "RETURNING campaign_id, campaign_unit_id) "
    "INSERT INTO culture_ballot (id, campaign_id, campaign_unit_id, sealed) "
    "SELECT gen_random_uuid(), campaign_id, campaign_unit_id, %b FROM spent"
)


# --- mixing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MixResult:
    mixed: int  # ballots moved to responses by this run
    waiting: int  # ballots left in the box (units with fewer than k so far)


def _targets(
    units: Sequence[CampaignUnit], counts: Mapping[int, int], k: int, *, final: bool
) -> dict[int, int]:
    """Which unit each box's ballots are attributed to, for the boxes mixed now.

    Not final: a unit with at least k ballots is mixed as it is; the others wait. Final: a
    remainder below k moves to the parent's pool, which is mixed when it reaches k, or at the
    root whatever its size.
    """
    if not final:
        return {pk: pk for pk, c in counts.items() if c >= k}
    parent = {u.pk: u.parent_id for u in units}
    pool = {pk: c for pk, c in counts.items() if c}
    # The boxes whose ballots end up in each pool, deepest units first.
    members: dict[int, list[int]] = {pk: [pk] for pk in pool}
    target: dict[int, int] = {}
    for unit in sorted(units, key=lambda u: -u.depth):
        size = pool.get(unit.pk, 0)
        if not size:
            continue
        up = parent.get(unit.pk)
        if size >= k or up is None:
            for box in members[unit.pk]:
                target[box] = unit.pk
            continue
        pool[up] = pool.get(up, 0) + size
        members.setdefault(up, []).extend(members[unit.pk])
    return target


def ballots_mix(
    *, campaign: Campaign, final: bool = False, actor: Any = "system", today: dt.date | None = None
) -> MixResult:
    """Move ballots from the box to responses in batches of at least k per unit (see module)."""
    from sikap.culture.groups import min_group_size

    k = min_group_size()
    with transaction.atomic():
        # One mixer per campaign at a time; submits do not take this lock.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk").get()
        counts: dict[int, int] = {}
        for unit_id in Ballot.objects.filter(campaign=campaign).values_list(
            "campaign_unit_id", flat=True
        ):
            counts[unit_id] = counts.get(unit_id, 0) + 1
        if not counts:
            return MixResult(0, 0)
        units = list(
            CampaignUnit.objects.filter(campaign=campaign).only("id", "parent_id", "depth")
        )
        target = _targets(units, counts, k, final=final)
        if not target:
            return MixResult(0, sum(counts.values()))
        taken = _take(campaign.pk, sorted(target))
        key = ballot_key()
        day = today or timezone.localdate()
        rows: list[Response] = []
        for unit_id, sealed in taken:
            try:
                fields = open_sealed(campaign.pk, sealed, key=key)
            except BallotUnreadable:
                # Never drop an accepted answer: stop, roll back, leave the box as it was.
                logger.error(
                    "culture campaign %s: a ballot cannot be opened with the current key; "
                    "nothing mixed",
                    campaign.pk,
                )
                raise
            rows.append(
                Response(
                    campaign_id=campaign.pk,
                    campaign_unit_id=target[unit_id],
                    created_on=day,
                    **fields,
                )
            )
        random.SystemRandom().shuffle(rows)
        Response.objects.bulk_create(rows, batch_size=2000)
        audit_record(
            actor=actor,
            action="culture.ballots.mix",
            obj=campaign,
            after={"mixed": len(rows), "units": len(set(target.values())), "final": final},
        )
        waiting = sum(counts.values()) - len(rows)
    return MixResult(len(rows), max(0, waiting))


def _take(campaign_id: int, unit_ids: Sequence[int]) -> list[tuple[int, bytes]]:
    """Delete the ballots of these boxes and return them, in one statement (a ballot dropped
    meanwhile is either taken here or left for the next mix, never lost)."""
    placeholders = ", ".join(["%s"] * len(unit_ids))
    sql = (
        f"DELETE FROM {_table(Ballot)} WHERE campaign_id = %s "  # noqa: S608
        f"AND campaign_unit_id IN ({placeholders}) RETURNING campaign_unit_id, sealed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign_id, *unit_ids])
        return [(unit_id, bytes(sealed)) for unit_id, sealed in cursor.fetchall()]


def ballots_waiting(campaign: Campaign) -> int:
    return Ballot.objects.filter(campaign=campaign).count()
