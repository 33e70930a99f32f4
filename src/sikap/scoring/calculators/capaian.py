"""Capaian kinerja: realisasi against a target (or target range), by the performance rulebook."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.rules import performance
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import CalculatorError, Outcome, parse_decimal

POLARITY_CHOICES = performance.POLARITIES


def capaian(
    target: str,
    realisasi: str,
    *,
    polarity: str = performance.HIGHER,
    target_max: str | None = None,
    year: int | None = None,
) -> Outcome:
    t = parse_decimal(target, _("Target"))
    r = parse_decimal(realisasi, _("Realisasi"))
    tmax = (
        None if target_max in (None, "") else parse_decimal(str(target_max), _("Target maksimal"))
    )
    try:
        result = performance.capaian(t, r, polarity=polarity, target_max=tmax, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    line = _("Capaian %(value).2f%% dengan rumus %(formula)s (T = %(against)s; %(version)s)") % {
        "value": result.rounded,
        "formula": result.formula,
        "against": f"{float(result.against):g}",
        "version": result.version,
    }
    data = {
        "capaian": result.rounded,
        "formula": result.formula,
        "bound": result.bound,
        "version": result.version,
        "confidence": result.confidence,
    }
    return Outcome(data, (line,))
