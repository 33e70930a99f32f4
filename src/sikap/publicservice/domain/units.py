"""Writes on service units, their products and yearly volumes, and the kiosk key."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.codes import get_by_code
from sikap.org.models import OrgUnit
from sikap.publicservice.models import (
    ProductVolume,
    ServiceProduct,
    ServiceUnit,
    new_kiosk_key,
)

# --- service units -------------------------------------------------------------------------


def service_unit_ensure(*, actor: Any, unit: OrgUnit) -> tuple[ServiceUnit, bool]:
    """The service unit of `unit`, created (and audited) on first use."""
    with transaction.atomic():
        existing = ServiceUnit.objects.filter(unit=unit).first()
        if existing is not None:
            return existing, False
        su = ServiceUnit.objects.create(pemda_id=unit.pemda_id, unit=unit)
        audit_record(
            actor=actor,
            action="service_unit.create",
            obj=su,
            after=snapshot(su, ["pemda", "unit", "public_slug"]),
        )
    return su, True


def service_product_create(*, actor: Any, service_unit: ServiceUnit, name: str) -> ServiceProduct:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Nama jenis layanan wajib diisi."))
    if len(clean) > 200:
        raise ValidationError(_("Nama jenis layanan paling panjang 200 karakter."))
    with transaction.atomic():
        clash = get_by_code(
            ServiceProduct.objects.filter(service_unit=service_unit), clean, field="name"
        )
        if clash is not None:
            raise ValidationError(
                _("Jenis layanan %(name)s sudah ada di unit ini.") % {"name": clash.name}
            )
        product = ServiceProduct.objects.create(service_unit=service_unit, name=clean)
        audit_record(
            actor=actor,
            action="service_product.create",
            obj=product,
            pemda_id=service_unit.pemda_id,
            after=snapshot(product),
        )
    return product


def product_volume_set(
    *, actor: Any, product: ServiceProduct, year: int, volume: int
) -> ProductVolume:
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})
    if volume < 0:
        raise ValidationError(_("Volume layanan tidak boleh negatif."))
    with transaction.atomic():
        row = ProductVolume.objects.filter(product=product, year=year).first()
        before = None if row is None else {"volume": row.volume}
        if row is None:
            row = ProductVolume.objects.create(product=product, year=year, volume=volume)
        else:
            row.volume = volume
            row.save(update_fields=["volume"])
        audit_record(
            actor=actor,
            action="service_product.volume",
            obj=product,
            pemda_id=product.service_unit.pemda_id,
            before=before,
            after={"year": year, "volume": volume},
        )
    return row


def _forget_public_unit(service_unit: ServiceUnit) -> None:
    from sikap.publicservice.queries import forget_public_unit

    slug = service_unit.public_slug
    forget_public_unit(slug)
    # Again after commit, so a form request in between cannot keep the old row.
    transaction.on_commit(lambda: forget_public_unit(slug))


def service_unit_settings_update(
    *, actor: Any, service_unit: ServiceUnit, require_visit_code: bool
) -> ServiceUnit:
    with transaction.atomic():
        audited_save(
            service_unit,
            actor=actor,
            action="service_unit.update",
            changes={"require_visit_code": require_visit_code},
        )
        _forget_public_unit(service_unit)
    return service_unit


def kiosk_key_rotate(*, actor: Any, service_unit: ServiceUnit) -> ServiceUnit:
    with transaction.atomic():
        service_unit.kiosk_key = new_kiosk_key()
        service_unit.save(update_fields=["kiosk_key"])
        _forget_public_unit(service_unit)
        audit_record(actor=actor, action="service_unit.kiosk_key_rotate", obj=service_unit)
    return service_unit
