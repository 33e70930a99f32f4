"""Invitations: one token per eligible employee, survey links, e-mail and reminders.

Plain tokens are handed out once and never stored; only their hashes are.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.culture.domain import ballot_box
from sikap.culture.models import Campaign, CampaignUnit, Invitation, Invitee
from sikap.org.models import Employee
from sikap.org.tenancy import public_reverse

# A survey code as printed and typed: 16 characters of Crockford's base 32 (80 random bits),
# shown in groups of four. Case, dashes and spaces do not matter, and O/I/L read as 0/1, so a
# code copied by hand from a card still works.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
_CODE_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Codes issued before short codes were 22 characters of URL-safe base 64; they keep working.
_LEGACY_LENGTH = 22


# 10 random bytes are exactly 16 base-32 digits; the standard alphabet is mapped onto Crockford's.
_FROM_RFC4648 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", CODE_ALPHABET)


def code_new() -> str:
    """A fresh survey code, "ABCD-EFGH-JKMN-PQRS"."""
    chars = base64.b32encode(secrets.token_bytes(10)).decode("ascii").translate(_FROM_RFC4648)
    return "-".join(chars[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _short_code(token: str) -> str | None:
    """The one spelling of a short code (upper case, no separators, O/I/L as 0/1), or None when
    `token` is not one (an older token, or anything else)."""
    text = token.strip()
    compact = "".join(text.replace("-", " ").split()).upper().translate(_CODE_ALIASES)
    if (
        len(text) != _LEGACY_LENGTH
        and len(compact) == CODE_LENGTH
        and all(c in CODE_ALPHABET for c in compact)
    ):
        return compact
    return None


def code_normalize(token: str) -> str:
    """The one spelling of a survey code that is hashed; anything that is not a short code (an
    older token) is kept as it is."""
    return _short_code(token) or token


@dataclass(frozen=True)
class IssuedToken:
    """A plain token, handed out once at generation time and never stored."""

    token: str
    campaign_unit_id: int
    unit_code: str
    unit_name: str
    email: str


def token_hash(token: str) -> str:
    """What is stored of a code: a keyed hash (HMAC-SHA-256 under a key derived from the ballot
    key, which lives in the environment), so that a copy of the database cannot be searched for
    the 80-bit codes offline. Older 22-character tokens (128 bits) keep their plain SHA-256."""
    code = _short_code(token)
    if code is None:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()
    return hmac.new(_code_key(), code.encode("ascii"), hashlib.sha256).hexdigest()


def _code_key() -> bytes:
    return hmac.new(ballot_box.ballot_key(), b"sikap survey codes v1", hashlib.sha256).digest()


def attribution_units(campaign: Campaign) -> dict[int, CampaignUnit]:
    """Map each snapshot unit's pk to the unit its responses are attributed to."""
    units = {u.pk: u for u in CampaignUnit.objects.filter(campaign=campaign)}
    target_depth = campaign.attribution_depth + 1
    result: dict[int, CampaignUnit] = {}
    for u in units.values():
        node = u
        while node.depth > target_depth and node.parent_id is not None:
            node = units[node.parent_id]
        result[u.pk] = node
    return result


def invitations_generate(
    *, actor: Any, campaign: Campaign, unit: CampaignUnit | None = None
) -> list[IssuedToken]:
    """One invitation per eligible employee not yet invited (of `unit`, an attribution unit of
    the campaign, when given). The plain tokens are returned once, shuffled within each unit,
    for printing or email; only their hashes are stored."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.OPEN:
            raise ValidationError(_("Undangan hanya dapat dibuat untuk kampanye yang dibuka."))
        snapshot_units = {
            u.unit_id: u for u in CampaignUnit.objects.filter(campaign=locked, unit__isnull=False)
        }
        attributed = attribution_units(locked)
        invited = set(Invitee.objects.filter(campaign=locked).values_list("employee_id", flat=True))
        employees = Employee.objects.filter(
            pemda_id=locked.pemda_id, is_active=True, unit_id__in=list(snapshot_units)
        ).values_list("id", "unit_id", "email")
        issued: list[IssuedToken] = []
        rows: list[Invitation] = []
        for employee_id, unit_id, email in employees:
            if employee_id in invited:
                continue
            target = attributed[snapshot_units[unit_id].pk]
            if unit is not None and target.pk != unit.pk:
                continue
            token = code_new()
            rows.append(
                Invitation(
                    campaign=locked,
                    campaign_unit=target,
                    employee_id=employee_id,
                    token_hash=token_hash(token),
                )
            )
            issued.append(IssuedToken(token, target.pk, target.code, target.name, email))
        # Random order so a printed sheet cannot be matched to the employee list.
        random.SystemRandom().shuffle(rows)
        Invitation.objects.bulk_create(rows, batch_size=2000)
        Invitee.objects.bulk_create(
            [
                Invitee(campaign=locked, employee_id=e)
                for e in sorted(r.employee_id for r in rows if r.employee_id is not None)
            ],
            batch_size=2000,
        )
        audit_record(
            actor=actor,
            action="culture.invitations.generate",
            obj=locked,
            after={"count": len(rows), **({"unit": unit.code} if unit is not None else {})},
        )
    random.SystemRandom().shuffle(issued)
    issued.sort(key=lambda t: t.unit_code)
    return issued


def invitations_reissue(*, actor: Any, campaign: Campaign, unit: CampaignUnit) -> list[IssuedToken]:
    """Revoke every unused link of `unit` (an attribution unit of the campaign) and issue a new
    one in its place, for a lost or misprinted sheet. The new codes are returned once, shuffled;
    the old ones stop working at once.

    Only unused invitations change (their hash); spent ones, the ballot box and the responses
    are not touched, so nothing here can be tied to an answer. The audit row holds the unit and
    the count, which participation (invited minus answered) already shows.
    """
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.OPEN:
            raise ValidationError(_("Tautan hanya dapat diganti selama kampanye dibuka."))
        if unit.campaign_id != locked.pk:
            raise ValidationError(_("Unit tidak termasuk kampanye ini."))
        pending = list(
            Invitation.objects.filter(campaign=locked, campaign_unit=unit, used=False).only(
                "pk", "token_hash"
            )
        )
        random.SystemRandom().shuffle(pending)
        issued: list[IssuedToken] = []
        for invitation in pending:
            token = code_new()
            invitation.token_hash = token_hash(token)
            issued.append(IssuedToken(token, unit.pk, unit.code, unit.name, ""))
        Invitation.objects.bulk_update(pending, ["token_hash"], batch_size=1000)
        audit_record(
            actor=actor,
            action="culture.invitations.reissue",
            obj=locked,
            after={"unit": unit.code, "count": len(issued)},
        )
    return issued


def survey_address(base: str) -> str:
    """The survey's one public address, where a respondent may also type the code. `base` is
    the scheme, host and port (`org.tenancy.base_url`); the path is short, with no Pemda."""
    return f"{base.rstrip('/')}{public_reverse('culture:survey')}"


def survey_link(token: str, base: str) -> str:
    """The respondent's link: the token after "#", which browsers never send to a server, so
    no access log, proxy or referrer ever holds it (the page's script posts it)."""
    return f"{survey_address(base)}#{token}"


def _survey_mail(
    campaign: Campaign, token: str, email: str, *, reminder: bool, base: str
) -> EmailMessage:
    url = survey_link(token, base)
    subject = (_("Pengingat: %(name)s") if reminder else _("Undangan: %(name)s")) % {
        "name": campaign.name
    }
    body = _(
        "Anda diundang mengisi %(name)s sampai %(end)s. Jawaban Anda anonim.\n\n"
        "Tautan pribadi (hanya dapat dipakai sekali):\n%(url)s\n\n"
        "Bila tautan tidak terbuka, buka %(address)s dan ketik kode: %(code)s\n"
    ) % {
        "name": campaign.name,
        "end": campaign.period_end.isoformat(),
        "url": url,
        "address": url.partition("#")[0],
        "code": token,
    }
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def invitations_email(*, campaign: Campaign, issued: Sequence[IssuedToken], base: str) -> int:
    """E-mail freshly issued tokens to the employees that have an address; returns the count."""
    messages = [
        _survey_mail(campaign, t.token, t.email, reminder=False, base=base)
        for t in issued
        if t.email
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def invitations_remind(*, actor: Any, campaign: Campaign, base: str) -> int:
    """E-mail a fresh link to every invited employee who has not answered yet.

    Plain tokens are never stored, so a reminder replaces the unused token's hash with a new
    one; the old link stops working. Who was reminded is never shown, only how many.
    """
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.OPEN:
            raise ValidationError(_("Pengingat hanya untuk kampanye yang dibuka."))
        pending = list(
            Invitation.objects.filter(campaign=locked, used=False, employee__isnull=False)
            .exclude(employee__email="")
            .select_related("employee")
        )
        mails = []
        for invitation in pending:
            token = code_new()
            invitation.token_hash = token_hash(token)
            assert invitation.employee is not None
            mails.append(
                _survey_mail(locked, token, invitation.employee.email, reminder=True, base=base)
            )
        Invitation.objects.bulk_update(pending, ["token_hash"], batch_size=1000)
        audit_record(
            actor=actor,
            action="culture.invitations.remind",
            obj=locked,
            after={"count": len(mails)},
        )
        # Sent only when the new hashes are committed, so every mailed link works.
        transaction.on_commit(lambda: get_connection().send_messages(mails))
    return len(mails)
