"""Realisasi entry and the capaian snapshots (indicator, sasaran, PK) computed by the rulebook.

The year's realisasi of an indicator is its "Tahunan" row when there is one, else the latest
quarter entered (quarterly realisasi are cumulative to the quarter's end). Sasaran and PK
capaian are means of exact values, rounded half-up once (sikap.rules.performance.rollup).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.bulk import update_fields
from sikap.core.inputs import clean_text
from sikap.org.models import Pemda
from sikap.performance.models import (
    QUARTERS,
    Agreement,
    Indicator,
    Period,
    Realisation,
    Sasaran,
    UnitResult,
)
from sikap.rules import performance as rules
from sikap.rules.errors import RuleError

_PERIOD_ORDER = ("year", "q4", "q3", "q2", "q1")


def annual_realisation(values: dict[str, Decimal]) -> Decimal | None:
    """The realisasi that counts for the year: Tahunan, else the latest quarter entered."""
    for period in _PERIOD_ORDER:
        if period in values:
            return values[period]
    return None


def indicator_capaian(indicator: Indicator, real: Decimal | None) -> Fraction | None:
    if real is None:
        return None
    try:
        return rules.capaian(
            indicator.target,
            real,
            polarity=indicator.polarity,
            target_max=indicator.target_max,
            year=indicator.year,
        ).value
    except RuleError:
        # A target of 0 cannot be stored through the domain; older rows are left unmeasured.
        return None


def _dec(value: Fraction | None, year: int) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(rules.round_capaian(value, year=year)))


def recompute_agreements(agreements: list[Agreement]) -> int:
    """Recompute the given PKs' snapshots in a handful of queries; returns indicators seen.

    Only rows whose capaian changed are written, and the PK results in one upsert.
    """
    if not agreements:
        return 0
    ids = [a.pk for a in agreements]
    # Only what the rulebook reads, and the PK each row belongs to (no Sasaran objects built).
    indicators = list(
        Indicator.objects.filter(sasaran__agreement_id__in=ids)
        .only("id", "sasaran_id", "year", "target", "target_max", "polarity", "capaian")
        .annotate(agreement_key=F("sasaran__agreement_id"))
        .order_by()
    )
    reals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for ind_id, period, value in (
        Realisation.objects.filter(indicator__sasaran__agreement_id__in=ids)
        .order_by()
        .values_list("indicator_id", "period", "value")
    ):
        reals[ind_id][period] = value
    tree: dict[int, dict[int, dict[int, Fraction | None]]] = defaultdict(lambda: defaultdict(dict))
    old_sasaran: dict[int, Decimal | None] = {}
    for sid, aid, cap in (
        Sasaran.objects.filter(agreement_id__in=ids)
        .order_by()
        .values_list("id", "agreement_id", "capaian")
    ):
        tree[aid][sid] = {}
        old_sasaran[sid] = cap
    changed: list[Indicator] = []
    for ind in indicators:
        exact = indicator_capaian(ind, annual_realisation(reals.get(ind.pk, {})))
        tree[ind.agreement_key][ind.sasaran_id][ind.pk] = exact
        new = _dec(exact, ind.year)
        if new != ind.capaian:
            ind.capaian = new
            changed.append(ind)
    update_fields(changed, ["capaian"])
    sasaran_rows: list[Sasaran] = []
    results: list[UnitResult] = []
    for agreement in agreements:
        by_sasaran = {
            str(s): {str(i): v for i, v in inds.items()} for s, inds in tree[agreement.pk].items()
        }
        (result,) = rules.rollup({"pk": by_sasaran}, year=agreement.year)
        for row in result.sasaran:
            cap = None if row.capaian is None else Decimal(str(row.capaian))
            if cap != old_sasaran[int(row.code)]:
                sasaran_rows.append(Sasaran(pk=int(row.code), capaian=cap))
        agreement.capaian = None if result.capaian is None else Decimal(str(result.capaian))
        values = [v for s in tree[agreement.pk].values() for v in s.values()]
        results.append(
            UnitResult(
                agreement=agreement,
                pemda_id=agreement.pemda_id,
                year=agreement.year,
                capaian=agreement.capaian,
                indicators=len(values),
                measured=sum(1 for v in values if v is not None),
                rulebook_version=rules.RULEBOOKS.select(agreement.year).meta.version,
            )
        )
    update_fields(sasaran_rows, ["capaian"])
    update_fields(agreements, ["capaian"])
    UnitResult.objects.bulk_create(
        results,
        update_conflicts=True,
        unique_fields=["agreement"],
        update_fields=["capaian", "indicators", "measured", "rulebook_version", "computed_at"],
    )
    return len(indicators)


def agreement_recompute(*, agreement: Agreement) -> None:
    with transaction.atomic():
        recompute_agreements([agreement])


def capaian_recompute(*, actor: Any, pemda: Pemda, year: int) -> int:
    """Recompute every PK of a Pemda's year; returns the number of indicators."""
    with transaction.atomic():
        agreements = list(Agreement.objects.filter(pemda=pemda, year=year))
        count = recompute_agreements(agreements)
        audit_record(
            actor=actor,
            action="performance.recompute",
            object_type="performance.year",
            object_id=f"{pemda.code}:{year}",
            object_repr=f"{pemda.name} {year}",
            pemda_id=pemda.pk,
            after={"agreements": len(agreements), "indicators": count},
        )
    return count


def realisation_record(
    *,
    actor: Any,
    indicator: Indicator,
    period: str,
    value: Decimal,
    evidence: str = "",
) -> Realisation:
    """Enter (or correct) the realisasi of a quarter or the year; the PK's capaian follows."""
    if period not in Period.values:
        raise ValidationError(
            _("Periode harus salah satu dari: %(periods)s.") % {"periods": ", ".join(Period.values)}
        )
    if not value.is_finite():
        raise ValidationError(_("Realisasi harus berupa angka."))
    if abs(value) >= Decimal(10) ** 14:
        raise ValidationError(_("Realisasi terlalu besar."))
    evidence = clean_text(evidence).strip()
    with transaction.atomic():
        row = Realisation.objects.filter(indicator=indicator, period=period).first()
        before = None if row is None else {"value": str(row.value), "evidence": row.evidence}
        if row is None:
            row = Realisation(indicator=indicator, period=period)
        row.value = value
        row.evidence = evidence
        row.recorded_by = actor if getattr(actor, "pk", None) else None
        row.save()
        audit_record(
            actor=actor,
            action="pk.realisation",
            obj=row,
            pemda_id=indicator.pemda_id,
            object_repr=f"{indicator.code} {period}",
            before=before,
            after={"value": str(value), "evidence": evidence},
        )
        recompute_agreements([indicator.sasaran.agreement])
    return row


__all__ = [
    "QUARTERS",
    "agreement_recompute",
    "annual_realisation",
    "capaian_recompute",
    "indicator_capaian",
    "realisation_record",
    "recompute_agreements",
]
