"""Reads of the PEKPPP self-evaluation and its projected index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sikap.accounts.scoping import scope_by_unit
from sikap.publicservice.queries.ombudsman import Shortfall

# --- PEKPPP --------------------------------------------------------------------------------


def pekppp_evaluations(user: Any, capability: str) -> QuerySet[Any]:
    from sikap.publicservice.models import PekpppEvaluation

    return scope_by_unit(
        PekpppEvaluation.objects.select_related("service_unit__unit").prefetch_related("scores"),
        user,
        capability,
        unit_field="service_unit__unit",
    )


@dataclass(frozen=True)
class PekpppProjection:
    """An evaluation's IPP so far. Until every indicator is answered (`complete`) the
    predicate is not shown: unanswered indicators count 0, so it would read "F Gagal" for
    an evaluation that has only begun. Pages show "belum lengkap answered/total" instead."""

    result: Any  # rules.pekppp.PekpppResult
    complete: bool
    accepted: int
    returned: int
    shortfalls: list[Shortfall]
    answered: int = 0
    total: int = 0

    def status(self) -> dict[str, Any]:
        """The evaluation's state as an export or the API gives it: no predicate until complete."""
        return {
            "status": "complete" if self.complete else "incomplete",
            "answered": self.answered,
            "total": self.total,
            "ipp": self.result.ipp if self.complete else None,
            "category": self.result.category if self.complete else None,
            "label": self.result.label if self.complete else None,
            "version": self.result.version,
        }


def pekppp_projection(evaluation: Any) -> PekpppProjection:
    """IPP and predicate from the unit's scores; unscored indicators count as 0."""
    from sikap.rules import pekppp

    book = pekppp.RULEBOOKS.select(evaluation.year)
    rows = {s.code: s for s in evaluation.scores.all()}
    scores = {
        i.code: (rows[i.code].score if i.code in rows and rows[i.code].score is not None else 0)
        for i in book.indicators
    }
    current = pekppp.compute(scores, year=evaluation.year)
    top = int(book.scale_max)
    shortfalls = []
    for aspect in book.aspects:
        for ind in aspect.indicators:
            if scores[ind.code] >= top:
                continue
            gain = pekppp.compute({**scores, ind.code: top}, year=evaluation.year).ipp - current.ipp
            shortfalls.append(
                Shortfall(
                    ind.code,
                    ind.name,
                    aspect.name,
                    rows[ind.code].score if ind.code in rows else None,
                    round(gain, 2),
                )
            )
    shortfalls.sort(key=lambda s: (-s.gain, s.code))
    reviews = [r.review for r in rows.values()]
    answered = sum(1 for c in scores if c in rows and rows[c].score is not None)
    return PekpppProjection(
        result=current,
        complete=answered == len(scores),
        accepted=reviews.count("accepted"),
        returned=reviews.count("returned"),
        shortfalls=shortfalls,
        answered=answered,
        total=len(scores),
    )
