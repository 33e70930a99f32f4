"""Action plans: what a unit will do about a value, and its reported progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.culture.models import ActionPlan, Campaign
from sikap.org.models import OrgUnit
from sikap.rules import berakhlak


def _plan_errors(value_code: str, actions: str, owner: str, indicator: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if value_code not in berakhlak.VALUE_CODES:
        errors["value_code"] = _("Nilai BerAKHLAK tidak dikenal.")
    for name, text in (("actions", actions), ("owner", owner), ("indicator", indicator)):
        if not text.strip():
            errors[name] = _("Wajib diisi.")
    return errors


def action_plan_create(
    *,
    actor: Any,
    campaign: Campaign,
    unit: OrgUnit,
    value_code: str,
    actions: str,
    owner: str,
    due_date: dt.date,
    indicator: str,
    today: dt.date | None = None,
) -> ActionPlan:
    """A plan made `today` (default: the Pemda's today; a past day when typed in from paper)."""
    errors = _plan_errors(value_code, actions, owner, indicator)
    made_on = today or timezone.localdate()
    if due_date < made_on:
        errors["due_date"] = _(
            "Tenggat %(due)s sebelum tanggal rencana dibuat (%(made)s); pilih %(made)s atau "
            "sesudahnya."
        ) % {"due": due_date.strftime("%d-%m-%Y"), "made": made_on.strftime("%d-%m-%Y")}
    if unit.pemda_id != campaign.pemda_id:
        errors["unit"] = _("Unit berasal dari pemda lain.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            pemda_id=campaign.pemda_id,
            unit=unit,
            campaign=campaign,
            value_code=value_code,
            actions=actions.strip(),
            owner=owner.strip(),
            due_date=due_date,
            indicator=indicator.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="culture.actionplan.create",
            obj=plan,
            after=snapshot(
                plan, ["unit", "value_code", "actions", "owner", "due_date", "indicator"]
            ),
        )
    return plan


def action_plan_report_progress(
    *, actor: Any, plan: ActionPlan, status: str, progress_percent: int, progress_note: str
) -> ActionPlan:
    if status not in ActionPlan.Status.values:
        raise ValidationError({"status": _("Status tidak dikenal.")})
    if not 0 <= progress_percent <= 100:
        raise ValidationError({"progress_percent": _("Kemajuan harus 0–100%.")})
    with transaction.atomic():
        return audited_save(
            plan,
            actor=actor,
            action="culture.actionplan.progress",
            changes={
                "status": status,
                "progress_percent": progress_percent,
                "progress_note": progress_note.strip(),
            },
        )
