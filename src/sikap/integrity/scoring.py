"""The live score of an assessment at a level, from its stored answers and hasil figures.

Levels overlay: the TPI level is the TPI's answer where it gave one and the unit's otherwise;
the TPN level likewise over the TPI level. Missing hasil figures count 0 (and are listed).

A ZI percent item's count rows (`ItemCount`) overlay by item: a level that gives any count of
an item gives that item's counts whole (the lower level's counts of it, and its direct answer
when this level gives none, are set aside). The counts make the percentage only where the item
is left blank at that level (`zi.compute`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sikap.integrity.models import Assessment, HasilFigure, ItemCount, ItemScore
from sikap.rules import integrity as rules
from sikap.rules import integrity_sakip as sakip_lke
from sikap.rules import zi

LEVELS = ("self", "tpi", "tpn")


def raw_counts(assessment: Assessment) -> dict[str, dict[str, int]]:
    """{level: {count code: value}} as each level gave them (no overlay)."""
    raw: dict[str, dict[str, int]] = {lv: {} for lv in LEVELS}
    if assessment.kind != Assessment.Kind.ZI:
        return raw
    for code, level, value in ItemCount.objects.filter(assessment=assessment).values_list(
        "code", "level", "value"
    ):
        raw[level][code] = value
    return raw


def _count_items(assessment: Assessment) -> dict[str, str]:
    """{count code: its item's code} of the assessment's year."""
    return {c.code: c.item for c in zi.RULEBOOKS.select(assessment.year).counts}


def levels(
    assessment: Assessment,
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, int]]]:
    """({level: {code: answer}}, {level: {count code: value}}), both with the overlay."""
    raw: dict[str, dict[str, str]] = {lv: {} for lv in LEVELS}
    rows = ItemScore.objects.filter(item__assessment=assessment).exclude(answer="")
    for code, level, answer in rows.values_list("item__code", "level", "answer"):
        raw[level][code] = answer
    given = raw_counts(assessment)
    owner = _count_items(assessment) if any(given.values()) else {}
    answers = {"self": raw["self"]}
    counts = {"self": given["self"]}
    below = "self"
    for level in LEVELS[1:]:
        touched = {owner[c] for c in given[level] if c in owner}
        answers[level] = {
            **{c: a for c, a in answers[below].items() if c not in touched},
            **raw[level],
        }
        counts[level] = {
            **{c: v for c, v in counts[below].items() if owner.get(c) not in touched},
            **given[level],
        }
        below = level
    return answers, counts


def answers_by_level(assessment: Assessment) -> dict[str, dict[str, str]]:
    """{level: {code: answer}} with the overlay applied."""
    return levels(assessment)[0]


def counts_by_level(assessment: Assessment) -> dict[str, dict[str, int]]:
    """{level: {count code: value}} of a ZI's count rows, with the overlay applied."""
    return levels(assessment)[1]


@dataclass(frozen=True)
class Hasil:
    points: dict[str, Decimal]
    missing: tuple[str, ...]


def hasil_points(assessment: Assessment) -> Hasil:
    got = dict(HasilFigure.objects.filter(assessment=assessment).values_list("key", "points"))
    missing = tuple(k for k in rules.HASIL_KEYS if k not in got)
    return Hasil({k: got.get(k, Decimal(0)) for k in rules.HASIL_KEYS}, missing)


def zi_status(
    assessment: Assessment,
    level: str = "self",
    *,
    answers: dict[str, dict[str, str]] | None = None,
    hasil: Hasil | None = None,
    counts: dict[str, dict[str, int]] | None = None,
) -> rules.ZiStatus:
    if answers is None or counts is None:
        got_answers, got_counts = levels(assessment)
        answers = answers if answers is not None else got_answers
        counts = counts if counts is not None else got_counts
    hasil = hasil or hasil_points(assessment)
    return rules.zi_status(
        answers[level], counts=counts[level], year=assessment.year, **hasil.points
    )


def sakip_status(
    assessment: Assessment,
    level: str = "self",
    *,
    answers: dict[str, dict[str, str]] | None = None,
) -> sakip_lke.SakipStatus:
    answers = answers if answers is not None else answers_by_level(assessment)
    return sakip_lke.sakip_status(
        answers[level], year=assessment.year, inclusive=assessment.sakip_inclusive
    )
