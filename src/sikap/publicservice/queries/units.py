"""Scoped reads of service units, their products, follow-up and publications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sikap.accounts.scoping import get_in_scope, reach, scope_by_unit, scope_units
from sikap.core.codes import code_filter
from sikap.org.models import OrgUnit
from sikap.publicservice.models import (
    FollowUp,
    Publication,
    ServiceProduct,
    ServiceUnit,
)

# --- scoped querysets ----------------------------------------------------------------------


def service_units(user: Any, capability: str) -> QuerySet[ServiceUnit]:
    return scope_by_unit(
        ServiceUnit.objects.select_related("unit"), user, capability, unit_field="unit"
    )


def org_units(user: Any, capability: str) -> QuerySet[OrgUnit]:
    return scope_units(OrgUnit.objects.all(), user, capability)


def get_service_unit(user: Any, capability: str, pk: int) -> ServiceUnit:
    return get_in_scope(service_units(user, capability), pk=pk)


def get_org_unit(user: Any, capability: str, pk: int) -> OrgUnit:
    return get_in_scope(org_units(user, capability), pk=pk)


def get_unit_by_code(user: Any, capability: str, *, pemda_code: str, unit_code: str) -> OrgUnit:
    units = org_units(user, capability).filter(
        code_filter("pemda__code", pemda_code), code_filter("code", unit_code)
    )
    return get_in_scope(units)


def products_of(service_unit: ServiceUnit) -> QuerySet[ServiceProduct]:
    return ServiceProduct.objects.filter(service_unit=service_unit)


def follow_ups(user: Any, capability: str) -> QuerySet[FollowUp]:
    return scope_by_unit(
        FollowUp.objects.select_related("service_unit__unit"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


def publications(user: Any, capability: str) -> QuerySet[Publication]:
    return scope_by_unit(
        Publication.objects.select_related("service_unit__unit"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


def pemda_reachable(user: Any, capability: str, pemda_id: int) -> bool:
    return reach(user, capability).covers_pemda(pemda_id)
