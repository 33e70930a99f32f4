"""The library's "where used" for ZI and SAKIP: registered at start-up (sikap.evidence.uses)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.evidence.uses import Use, UseProvider, register
from sikap.integrity import queries
from sikap.integrity.models import Assessment
from sikap.integrity.views.common import workspace_url


def _uses(document_ids: list[int]) -> list[Use]:
    found = []
    for a in queries.attachments_of(document_ids):
        assessment = a.item.assessment
        proposed = assessment.stage == Assessment.Stage.PROPOSED
        found.append(
            Use(
                document_id=a.document_id,
                label=f"{assessment.get_kind_display()} {assessment.year} · "
                f"{assessment.unit.name} · {a.item.code}",
                url=workspace_url(assessment, a.item.code),
                breaks=(
                    _("penilaian sudah diusulkan; eviden usulannya tidak boleh hilang")
                    if proposed
                    else _("butir %(code)s kehilangan eviden ini") % {"code": a.item.code}
                ),
                blocks=proposed,
            )
        )
    return found


def _release(*, actor: Any, document: Any) -> None:
    with transaction.atomic():
        for a in queries.attachments_of([document.pk]):
            a.delete()
            audit_record(
                actor=actor,
                action="integrity.attachment.remove",
                obj=a.item.assessment,
                before={"item": a.item.code, "document": document.pk},
            )


def connect() -> None:
    register(
        UseProvider(
            name="integrity",
            uses=_uses,
            readable=queries.documents_readable,
            release=_release,
        )
    )
