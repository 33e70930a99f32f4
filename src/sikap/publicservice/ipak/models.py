"""An anonymous IPAK answer: the service unit, the day and the item answers, nothing else.

Like an SKM answer it holds no user, address, session, name or exact time. The item columns
follow the `ipak` rulebook's codes P1…P8 (a system check refuses a rulebook with other codes).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

ITEM_FIELDS = ("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8")
SCALE = (1, 4)


class IpakResponse(models.Model):
    service_unit = models.ForeignKey(
        "publicservice.ServiceUnit", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField()
    p1 = models.PositiveSmallIntegerField(null=True, blank=True)
    p2 = models.PositiveSmallIntegerField(null=True, blank=True)
    p3 = models.PositiveSmallIntegerField(null=True, blank=True)
    p4 = models.PositiveSmallIntegerField(null=True, blank=True)
    p5 = models.PositiveSmallIntegerField(null=True, blank=True)
    p6 = models.PositiveSmallIntegerField(null=True, blank=True)
    p7 = models.PositiveSmallIntegerField(null=True, blank=True)
    p8 = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        app_label = "publicservice"
        indexes = [models.Index(fields=["service_unit", "submitted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{f}__isnull": True})
                | Q(**{f"{f}__gte": SCALE[0], f"{f}__lte": SCALE[1]}),
                name=f"ipak_{f}_scale",
            )
            for f in ITEM_FIELDS
        ]

    def __str__(self) -> str:
        return f"IPAK {self.pk}"
