"""Invitations: one token per eligible employee, survey links, e-mail and reminders.

Plain tokens are handed out once and never stored; only their hashes are.
"""

from __future__ import annotations

import hashlib
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
from sikap.culture.models import Campaign, CampaignUnit, Invitation, Invitee
from sikap.org.models import Employee
from sikap.org.tenancy import public_reverse

TOKEN_BYTES = 16


@dataclass(frozen=True)
class IssuedToken:
    """A plain token, handed out once at generation time and never stored."""

    token: str
    campaign_unit_id: int
    unit_code: str
    unit_name: str
    email: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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


def invitations_generate(*, actor: Any, campaign: Campaign) -> list[IssuedToken]:
    """One invitation per eligible employee not yet invited. The plain tokens are returned
    once, shuffled within each unit, for printing or email; only their hashes are stored."""
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
            token = secrets.token_urlsafe(TOKEN_BYTES)
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
            after={"count": len(rows)},
        )
    random.SystemRandom().shuffle(issued)
    issued.sort(key=lambda t: t.unit_code)
    return issued


def survey_link(token: str, base: str) -> str:
    """The respondent's link: the token after "#", which browsers never send to a server, so
    no access log, proxy or referrer ever holds it (the page's script posts it). `base` is the
    scheme, host and port (`org.tenancy.base_url`); the path is short, with no Pemda."""
    return f"{base.rstrip('/')}{public_reverse('culture:survey')}#{token}"


def _survey_mail(
    campaign: Campaign, token: str, email: str, *, reminder: bool, base: str
) -> EmailMessage:
    url = survey_link(token, base)
    subject = (_("Pengingat: %(name)s") if reminder else _("Undangan: %(name)s")) % {
        "name": campaign.name
    }
    body = _(
        "Anda diundang mengisi %(name)s sampai %(end)s. Jawaban Anda anonim.\n\n"
        "Tautan pribadi (hanya dapat dipakai sekali):\n%(url)s\n"
    ) % {"name": campaign.name, "end": campaign.period_end.isoformat(), "url": url}
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
            token = secrets.token_urlsafe(TOKEN_BYTES)
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
