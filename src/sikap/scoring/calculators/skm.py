"""SKM/IKM of a unit from a respondent file."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.rules import skm
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
    read_answer_file,
    round_half_up,
)


def skm_file(path: str, *, year: int | None = None) -> Outcome:
    """IKM of a unit from a respondent table with one column per unsur (U1…U9)."""
    try:
        book = skm.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    responses = read_answer_file(
        path, tuple(u.code for u in book.unsur), book.scale_min, book.scale_max
    )
    try:
        result = skm.compute(responses, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    nrr = {code: round_half_up(value, 3) for code, value in result.nrr.items()}
    data = {
        "n": result.n,
        "nrr": nrr,
        "ikm": round_half_up(result.ikm_converted, 2),
        "category": result.category,
        "label": result.label,
    }
    lines = [result.explanation]
    for code, unsur in result.breakdown.items():
        shown_nrr = "-" if nrr[code] is None else f"{nrr[code]:.3f}"
        lines.append(
            _("%(code)s %(name)s: NRR %(nrr)s dari %(answered)s jawaban")
            % {"code": code, "name": unsur.name, "nrr": shown_nrr, "answered": unsur.answered}
        )
    return Outcome(data, tuple(lines))
