"""The public form's read of a service unit, kept briefly in each web process."""

from __future__ import annotations

from sikap.publicservice.models import (
    ServiceUnit,
)

# The busiest read of the public form, kept in each web process for a few seconds; the domain
# functions that change a unit drop the entry (other processes see the change within the TTL).
PUBLIC_UNIT_TTL = 15.0
_public_units: dict[str, tuple[float, ServiceUnit]] = {}


def public_service_unit(slug: str) -> ServiceUnit | None:
    """The unit behind a public form link: the slug is the only key a citizen holds."""
    import time

    now = time.monotonic()
    hit = _public_units.get(slug)
    if hit is not None and hit[0] > now:
        return hit[1]
    su = (
        ServiceUnit.objects.select_related("unit", "pemda")
        .filter(public_slug=slug, is_active=True)
        .first()
    )
    if su is None:
        _public_units.pop(slug, None)
        return None
    if len(_public_units) > 5000:
        _public_units.clear()
    _public_units[slug] = (now + PUBLIC_UNIT_TTL, su)
    return su


def forget_public_unit(slug: str) -> None:
    _public_units.pop(slug, None)
