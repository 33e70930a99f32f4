"""Library evidence on service rows: a document of the evidence library (`sikap.evidence`)
attached to an Ombudsman checklist item, a PEKPPP indicator or an SKM follow-up."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from sikap.publicservice.models import FollowUp, OmbudsmanItem, PekpppScore, ServiceUnit


class LibraryEvidence(models.Model):
    """A document of the evidence library (`sikap.evidence`) attached to an Ombudsman checklist
    item, a PEKPPP indicator or an SKM follow-up of a unit: the document is kept once per Pemda
    and may be evidence of many rows of many assessments. (This is the only way to add evidence
    to these rows: the older `evidence` file of each row, uploaded before the library, stays
    where it was, listed and downloaded read-only as earlier evidence.)"""

    ombudsman_item = models.ForeignKey(
        OmbudsmanItem,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_evidence",
    )
    pekppp_score = models.ForeignKey(
        PekpppScore,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_evidence",
    )
    follow_up = models.ForeignKey(
        FollowUp,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_evidence",
    )
    document = models.ForeignKey("evidence.Document", on_delete=models.PROTECT, related_name="+")
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    ombudsman_item__isnull=False, pekppp_score__isnull=True, follow_up__isnull=True
                )
                | Q(ombudsman_item__isnull=True, pekppp_score__isnull=False, follow_up__isnull=True)
                | Q(
                    ombudsman_item__isnull=True, pekppp_score__isnull=True, follow_up__isnull=False
                ),
                name="ps_libev_one_row",
            ),
            models.UniqueConstraint(
                fields=["ombudsman_item", "document"], name="ps_libev_omb_unique"
            ),
            models.UniqueConstraint(
                fields=["pekppp_score", "document"], name="ps_libev_pek_unique"
            ),
            models.UniqueConstraint(fields=["follow_up", "document"], name="ps_libev_fu_unique"),
        ]

    def __str__(self) -> str:
        row = self.ombudsman_item_id or self.pekppp_score_id or self.follow_up_id
        return f"{row} ← {self.document_id}"

    def target(self) -> tuple[str, Any, int, ServiceUnit]:
        """What the document is evidence of: the scheme ("ombudsman", "pekppp", "followup"),
        the row, its year and its service unit."""
        if self.ombudsman_item is not None:
            parent: Any = self.ombudsman_item.assessment
            return "ombudsman", self.ombudsman_item, parent.year, parent.service_unit
        if self.pekppp_score is not None:
            parent = self.pekppp_score.evaluation
            return "pekppp", self.pekppp_score, parent.year, parent.service_unit
        follow_up: Any = self.follow_up
        return "followup", follow_up, int(follow_up.period[:4]), follow_up.service_unit
