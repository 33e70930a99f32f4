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


def default_pemda_id(user: Any, capability: str) -> int | None:
    """The Pemda a page shows by default: the user's own when reached, else the first reached
    (a superuser: the first with a service unit)."""
    r = reach(user, capability)
    if user.pemda_id and user.pemda_id in r.pemda_ids:
        return int(user.pemda_id)
    ids = sorted(r.pemda_ids)
    if ids:
        return ids[0]
    if r.everything:
        su = service_units(user, capability).first()
        return su.pemda_id if su else None
    return None


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


def pemda_name(pemda_id: int | None) -> str:
    """The name of a Pemda the caller already reaches ("" for none)."""
    from sikap.org.models import Pemda

    if pemda_id is None:
        return ""
    return Pemda.objects.filter(pk=pemda_id).values_list("name", flat=True).first() or ""
