"""Reads of official results recorded from outside (KemenPAN-RB's PEKPPP), through the gate."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from sikap.accounts.scoping import scope_by_unit
from sikap.publicservice.models import PekpppOfficialResult, PekpppOfficialResultVersion


def pekppp_official_results(user: Any, capability: str) -> QuerySet[PekpppOfficialResult]:
    """Each official result with every version, newest first (the first is the current one)."""
    return scope_by_unit(
        PekpppOfficialResult.objects.select_related("service_unit__unit").prefetch_related(
            Prefetch("versions", queryset=PekpppOfficialResultVersion.objects.order_by("-number"))
        ),
        user,
        capability,
        unit_field="service_unit__unit",
    )
