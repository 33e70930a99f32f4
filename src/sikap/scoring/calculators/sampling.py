"""Sample size (Krejcie & Morgan, Slovin)."""

from __future__ import annotations

import inspect
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from sikap.rules import sampling
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
    parse_decimal,
    parse_int,
)

SAMPLE_METHODS = ("krejcie-morgan", "slovin")
SLOVIN_DEFAULT_ERROR = inspect.signature(sampling.slovin).parameters["error"].default


def sample_size(
    population: str | int, *, method: str = "krejcie-morgan", error: str | None = None
) -> Outcome:
    n_pop = parse_int(population, _("Populasi"))
    if method not in SAMPLE_METHODS:
        raise CalculatorError(
            _("metode %(method)r tidak dikenal; pilih %(choices)s")
            % {"method": method, "choices": ", ".join(SAMPLE_METHODS)}
        )
    try:
        if method == "slovin":
            e = (
                parse_decimal(error, _("Batas kesalahan"))
                if error not in (None, "")
                else Decimal(repr(SLOVIN_DEFAULT_ERROR))
            )
            n = sampling.slovin(n_pop, float(e))
            lines = (
                _("Slovin, N = %(pop)s, e = %(e)s → n = %(n)s") % {"pop": n_pop, "e": e, "n": n},
            )
        else:
            given = None if error in (None, "") else parse_decimal(error, _("Batas kesalahan"))
            if given is not None and Fraction(given) != sampling.MARGIN:
                margin = Decimal(sampling.MARGIN.numerator) / sampling.MARGIN.denominator
                raise CalculatorError(
                    _(
                        "batas kesalahan hanya dapat diatur untuk metode slovin; "
                        "Krejcie & Morgan memakai d = %(d)s"
                    )
                    % {"d": margin}
                )
            n = sampling.krejcie_morgan(n_pop)
            lines = (
                _("Krejcie & Morgan (PermenPANRB 14/2017), N = %(pop)s → n = %(n)s")
                % {"pop": n_pop, "n": n},
            )
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    return Outcome({"population": n_pop, "method": method, "n": n}, lines)
