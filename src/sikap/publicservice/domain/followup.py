"""Follow-up of SKM results and the publication record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.publicservice.domain.skm_answers import UNSUR_CODES
from sikap.publicservice.models import (
    ServiceUnit,
)

_FOLLOWUP_FIELDS = ["period", "unsur", "action", "owner", "deadline", "status", "evidence"]


def followup_create(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    period: str,
    unsur: str,
    action: str,
    owner: str,
    deadline: dt.date,
    status: str = "planned",
) -> Any:
    """Record a follow-up; its evidence comes from the library afterwards
    (`domain.library.followup_evidence_upload` / `_attach`)."""
    from sikap.publicservice.models import FollowUp
    from sikap.publicservice.periods import parse_period

    parse_period(period)
    if unsur not in UNSUR_CODES:
        raise ValidationError(_("Unsur %(u)s tidak dikenal.") % {"u": unsur})
    if status not in FollowUp.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if not action.strip() or not owner.strip():
        raise ValidationError(_("Rencana tindak lanjut dan penanggung jawab wajib diisi."))
    if status == FollowUp.Status.DONE:  # its evidence can only be attached once it exists
        raise ValidationError({"status": _("Tindak lanjut selesai memerlukan bukti.")})
    with transaction.atomic():
        item = FollowUp(
            service_unit=service_unit,
            period=period.strip().upper(),
            unsur=unsur,
            action=action.strip(),
            owner=owner.strip(),
            deadline=deadline,
            status=status,
        )
        item.save()
        audit_record(
            actor=actor,
            action="skm.followup.create",
            obj=item,
            pemda_id=service_unit.pemda_id,
            after=snapshot(item, _FOLLOWUP_FIELDS),
        )
    return item


def followup_update(
    *,
    actor: Any,
    followup: Any,
    action: str,
    owner: str,
    deadline: dt.date,
    status: str,
) -> Any:
    """Change a follow-up. Done needs evidence: a library document attached to it, or the
    file stored on the row before evidence came from the library (kept, read-only)."""
    from sikap.publicservice.models import FollowUp

    if status not in FollowUp.Status.values:
        raise ValidationError(_("Status %(s)s tidak dikenal.") % {"s": status})
    if not action.strip() or not owner.strip():
        raise ValidationError(_("Rencana tindak lanjut dan penanggung jawab wajib diisi."))
    if (
        status == FollowUp.Status.DONE
        and not followup.evidence
        and not followup.library_evidence.exists()
    ):
        raise ValidationError({"status": _("Tindak lanjut selesai memerlukan bukti.")})
    changes = {
        "action": action.strip(),
        "owner": owner.strip(),
        "deadline": deadline,
        "status": status,
    }
    with transaction.atomic():
        audited_save(
            followup,
            actor=actor,
            action="skm.followup.update",
            changes=changes,
            watched=_FOLLOWUP_FIELDS,
            pemda_id=followup.service_unit.pemda_id,
        )
    return followup


def publication_record(
    *,
    actor: Any,
    service_unit: ServiceUnit,
    period: str,
    published_on: dt.date,
    channel: str,
    url: str = "",
) -> Any:
    from sikap.publicservice.models import Publication
    from sikap.publicservice.periods import parse_period

    parse_period(period)
    if not channel.strip():
        raise ValidationError(_("Media publikasi wajib diisi."))
    with transaction.atomic():
        pub = Publication.objects.create(
            service_unit=service_unit,
            period=period.strip().upper(),
            published_on=published_on,
            channel=channel.strip(),
            url=url.strip(),
        )
        audit_record(
            actor=actor,
            action="skm.publication.record",
            obj=pub,
            pemda_id=service_unit.pemda_id,
            after=snapshot(pub),
        )
    return pub
