"""The SAKIP LKE self-evaluation: one answer per component × part, AA…E (pemenuhan also Y/T),
scored and banded by ``sakip`` with the integrity rulebook's answer rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sikap.rules import sakip
from sikap.rules.errors import (
    UnknownCodeError,
)
from sikap.rules.grading import ResultMixin
from sikap.rules.integrity import RULEBOOKS, normalise_answer, sakip_codes

# --- SAKIP LKE ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SakipStatus(ResultMixin):
    result: sakip.SakipResult
    unanswered: tuple[str, ...]
    inclusive: bool


def sakip_status(
    answers: Mapping[str, str], *, year: int | None = None, inclusive: bool = False
) -> SakipStatus:
    """Score and predicate of a SAKIP LKE; an unanswered part counts 0 and is listed."""
    parts: dict[str, dict[str, float]] = {}
    given = {str(k).strip().lower(): v for k, v in answers.items()}
    unanswered: list[str] = []
    for code in sakip_codes(year=year):
        comp, part = code.rsplit(".", 1)
        raw = given.pop(code, None)
        if raw in (None, ""):
            unanswered.append(code)
            pct = 0.0
        else:
            pct = sakip.convert_answer(normalise_answer("sakip", code, raw, year=year), year=year)
        parts.setdefault(comp, {})[part] = pct
    if given:
        raise UnknownCodeError("SAKIP LKE item", next(iter(given)), sakip_codes(year=year))
    result = sakip.compute(parts, year=year, inclusive=inclusive)
    return SakipStatus(result, tuple(unanswered), inclusive)


def evidence_item(doc_type: str, *, year: int | None = None) -> str:
    """The SAKIP LKE item a unit's performance document of `doc_type` ("pk", "laporan",
    "lkjip") is offered for first; "" when the year's rulebook names none."""
    return RULEBOOKS.select(year).sakip_evidence.get(doc_type, "")
