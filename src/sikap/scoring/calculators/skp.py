"""SKP: rating levels, the predicate matrix, the distribution check and the curve."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from sikap.rules import skp
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
    parse_int,
    round_half_up,
)

SKP_LEVELS: tuple[str, ...] = tuple(level.code for level in skp.LEVELS)


# --- SKP ------------------------------------------------------------------------------------


def skp_levels() -> tuple[tuple[str, str], ...]:
    """(code, label) of the rating levels, as the rulebook names them."""
    return tuple((level.code, level.label) for level in skp.LEVELS)


def skp_predicates() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(organisation predicates, employee predicates) of the current SKP rulebook."""
    return skp.ORG_PREDICATES, skp.PREDICATES


def skp_matrix() -> dict[str, Any]:
    """The 3×3 matrix as rows of labels, for display."""
    book = skp.RULEBOOKS.select()
    return {
        "version": book.meta.version,
        "columns": [level.label for level in book.levels],
        "rows": [
            {
                "label": hasil.label,
                "cells": [book.matrix[(hasil.code, perilaku.code)] for perilaku in book.levels],
            }
            for hasil in book.levels
        ],
    }


def skp_predicate(hasil: str, perilaku: str, *, year: int | None = None) -> Outcome:
    try:
        book = skp.RULEBOOKS.select(year)
        h = skp.normalise_level(hasil, year=year)
        p = skp.normalise_level(perilaku, year=year)
        result = skp.predicate(h, p, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    labels = {level.code: level.label for level in book.levels}
    line = _(
        "Rating Hasil Kerja %(hasil)s dan Rating Perilaku Kerja %(perilaku)s "
        "memberi predikat %(predicate)s (matriks %(version)s)"
    ) % {
        "hasil": labels[h],
        "perilaku": labels[p],
        "predicate": result,
        "version": book.meta.version,
    }
    return Outcome({"predicate": result}, (line,))


def parse_counts(text: str) -> dict[str, int]:
    """``"Sangat Baik=2,Baik=10"`` → ``{"Sangat Baik": 2, "Baik": 10}`` (names as typed)."""
    counts: dict[str, int] = {}
    for piece in str(text).split(","):
        if not piece.strip():
            continue
        name, sep, number = piece.partition("=")
        if not sep or not name.strip():
            raise CalculatorError(
                _("bagian %(piece)r harus berbentuk Predikat=jumlah, mis. Baik=10")
                % {"piece": piece.strip()}
            )
        counts[name.strip()] = parse_int(number, _("Jumlah %(name)s") % {"name": name.strip()})
    if not counts:
        raise CalculatorError(_("jumlah pegawai per predikat belum diisi"))
    return counts


def skp_distribution(
    org: str, counts: str | dict[str, str | int], *, year: int | None = None
) -> Outcome:
    """Employee predicates against the organisation's curve; ok=false is an answer, not an error."""
    if isinstance(counts, str):
        parsed = parse_counts(counts)
    else:
        parsed = {name: parse_int(value, name) for name, value in counts.items()}
    try:
        result = skp.check_distribution(org, parsed, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    data = {"ok": result.ok, "violations": [v.to_dict() for v in result.violations]}
    shares = ", ".join(
        f"{name} {result.counts[name]} ({round_half_up(pct, 2):.2f}%)"
        for name, pct in result.percentages.items()
    )
    head = (
        _("Sebaran sesuai kurva untuk predikat organisasi %(org)s (%(version)s)")
        if result.ok
        else _("Sebaran tidak sesuai kurva untuk predikat organisasi %(org)s (%(version)s)")
    ) % {"org": result.org_predicate, "version": result.version}
    lines = [head, _("%(total)s pegawai: %(shares)s") % {"total": result.total, "shares": shares}]
    lines.extend(v.message for v in result.violations)
    return Outcome(data, tuple(lines))


def _curve_rule_text(kind: str, predicates: Sequence[str], value: Any) -> str:
    group = _(" dan/atau ").join(predicates)
    number = f"{value.normalize():f}" if isinstance(value, Decimal) else f"{float(value):g}"
    if kind == "largest":
        return _("sebagian besar pegawai %(group)s") % {"group": group}
    if kind == "max_pct" and float(value) == 0:
        return _("tidak boleh ada %(group)s") % {"group": group}
    if kind == "max_pct":
        return _("%(group)s paling banyak %(n)s%%") % {"group": group, "n": number}
    if kind == "min_pct":
        return _("%(group)s minimal %(n)s%%") % {"group": group, "n": number}
    return _("minimal %(n)s pegawai %(group)s") % {"group": group, "n": number}


def skp_curve() -> list[dict[str, Any]]:
    """The distribution curve per organisation predicate, as sentences."""
    book = skp.RULEBOOKS.select()
    return [
        {
            "org": org.name,
            "confidence": org.confidence,
            "rules": [_curve_rule_text(r.kind, r.predicates, r.value) for r in org.rules],
        }
        for org in book.organisation
    ]
