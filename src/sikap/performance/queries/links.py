"""What the performance app offers other apps through `sikap.core.providers` (read-only).

The integrity app derives a unit's "capaian kinerja" hasil option from the unit's PK and offers
the PK, its realisasi and the LKjIP draft as SAKIP evidence; both go through the PK scoping of
the user who asks, so a PK the user may not read never feeds in.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from sikap.core.roles import Cap
from sikap.org.models import OrgUnit
from sikap.performance.models import LEVEL_ORDER, Agreement, Indicator, Realisation
from sikap.performance.queries.agreements import agreements_visible


def _own_agreement(user: Any, unit: OrgUnit, year: int) -> Agreement | None:
    """The unit's own PK of the year the user may read (its highest level when several)."""
    rows = agreements_visible(user, unit.pemda, year, Cap.PERFORMANCE_VIEW).filter(unit=unit)
    found = sorted(rows, key=lambda a: LEVEL_ORDER.index(a.level))
    return found[0] if found else None


def unit_capaian(*, user: Any, unit: OrgUnit, year: int) -> dict[str, Any] | None:
    agreement = _own_agreement(user, unit, year)
    if agreement is None:
        return None
    before = _own_agreement(user, unit, year - 1)
    indicators = Indicator.objects.filter(sasaran__agreement=agreement)
    result = getattr(agreement, "result", None)
    return {
        "agreement": agreement.pk,
        "year": year,
        "signed": agreement.status == Agreement.Status.SIGNED,
        "capaian": agreement.capaian,
        "previous": before.capaian if before is not None else None,
        "outcome_oriented": indicators.filter(kind=Indicator.Kind.OUTCOME).exists(),
        "indicators": result.indicators if result is not None else indicators.count(),
        "measured": result.measured if result is not None else 0,
    }


def unit_evidence(*, user: Any, unit: OrgUnit, year: int) -> list[dict[str, str]]:
    agreement = _own_agreement(user, unit, year)
    if agreement is None or agreement.status != Agreement.Status.SIGNED:
        return []
    names = {"year": year, "unit": unit.name}
    out = [
        {
            "key": f"pk:{agreement.pk}",
            "type": "pk",
            "title": _("Perjanjian Kinerja %(year)s %(unit)s") % names,
            "url": reverse("performance:agreement_pdf", args=[agreement.pk]),
        }
    ]
    if Realisation.objects.filter(indicator__sasaran__agreement=agreement).exists():
        out.append(
            {
                "key": f"realisasi:{agreement.pk}",
                "type": "laporan",
                "title": _("Realisasi Perjanjian Kinerja %(year)s %(unit)s") % names,
                "url": reverse("performance:agreement", args=[agreement.pk]),
            }
        )
    out.append(
        {
            "key": f"lkjip:{agreement.pk}",
            "type": "lkjip",
            "title": _("LKjIP %(year)s %(unit)s (draf dari SIKAP)") % names,
            "url": reverse("performance:lkjip_pdf", args=[agreement.pk]),
        }
    )
    return out
