"""IPAK (Survei Persepsi Anti Korupsi): the index from item means or from a respondent file,
and what it is worth in the ZI LKE. The index has no bands of its own."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from sikap.core.i18n import pick
from sikap.rules import integrity, ipak, zi
from sikap.rules.errors import RuleError
from sikap.rules.rounding import half_up_decimal
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
    parse_decimal,
    read_answer_file,
)
from sikap.scoring.calculators.grades import CONFIDENCE_LABELS


def ipak_items(*, year: int | None = None) -> tuple[tuple[str, str], ...]:
    """(code, short name) of the statements, in the reader's language."""
    return tuple((i.code, str(pick(i, "name"))) for i in ipak.RULEBOOKS.select(year).items)


def _parse_means(text: str) -> dict[str, str]:
    """``"P1=3.80,P2=3.75"`` (or ``;`` between entries, then 3,80 is a decimal comma)."""
    separator = ";" if ";" in text else ","
    means: dict[str, str] = {}
    for entry in text.split(separator):
        if not entry.strip():
            continue
        code, sep, value = entry.partition("=")
        if not sep or not code.strip():
            raise CalculatorError(
                _(
                    "isian %(entry)r harus berbentuk KODE=nilai, mis. P1=3.80 (pakai ; di antara "
                    "isian bila desimal ditulis dengan koma)"
                )
                % {"entry": entry.strip()}
            )
        key = code.strip().upper()
        if key in means:
            raise CalculatorError(_("butir %(code)s diisi dua kali") % {"code": key})
        means[key] = value.strip()
    return means


def ipak_means(means: Mapping[str, str | None] | str, *, year: int | None = None) -> Outcome:
    """IPAK from item means typed per item (a blank item was answered by nobody)."""
    given = _parse_means(means) if isinstance(means, str) else dict(means)
    try:
        codes = ipak.RULEBOOKS.select(year).codes
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    known = {c.upper() for c in codes}
    values: dict[str, Decimal | None] = {}
    for code, raw in given.items():
        key = str(code).strip().upper()
        if key not in known:
            raise CalculatorError(
                _("butir %(code)r tidak dikenal; pilih %(codes)s")
                % {"code": code, "codes": ", ".join(codes)}
            )
        text = "" if raw is None else str(raw).strip()
        values[key] = parse_decimal(text, _("Rata-rata %(code)s") % {"code": key}) if text else None
    try:
        result = ipak.from_means(values, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    data: dict[str, Any] = {
        "version": result.version,
        "index": float(result.index),
        "means": {c: float(v) for c, v in result.means.items()},
    }
    return _outcome(data, result.index, result.means, result.missing, result.confidence, None, year)


def ipak_file(path: str, *, year: int | None = None) -> Outcome:
    """IPAK of a unit from a respondent table with one column per statement (P1…P8, 1–4)."""
    try:
        book = ipak.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    responses = read_answer_file(path, book.codes, book.scale_min, book.scale_max)
    try:
        result = ipak.compute(responses, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    means = {c: i.mean for c, i in result.items.items() if i.mean is not None}
    data: dict[str, Any] = {
        "version": result.version,
        "n": result.n,
        "index": float(result.index),
        "means": {c: float(m) for c, m in means.items()},
    }
    answered = {c: i.answered for c, i in result.items.items()}
    return _outcome(data, result.index, means, result.missing, result.confidence, answered, year)


def _outcome(
    data: dict[str, Any],
    index: Decimal,
    means: Mapping[str, Decimal],
    missing: tuple[str, ...],
    confidence: str,
    answered: Mapping[str, int] | None,
    year: int | None,
) -> Outcome:
    """The shared part: completeness, LKE points, the ZI minimums, and the "why" lines."""
    try:
        points = integrity.survey_points(index, year=year, what="IPAK")
        zi_book = zi.RULEBOOKS.select(year)
        linear = integrity.RULEBOOKS.select(year).survey_method == "linear"
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    lke = half_up_decimal(points, 2)
    data.update(
        {
            "confidence": confidence,
            "complete": not missing,
            "missing": list(missing),
            "category": None,
            "lke_points": float(lke),
            "lke_max": float(zi_book.hasil["ipak"]),
        }
    )
    lines = []
    if "n" in data:
        lines.append(
            _(
                "Indeks IPAK %(index)s (skala 1–4) dari %(n)s responden: rata-rata dari rata-rata butir"
            )
            % {"index": f"{index:.2f}", "n": data["n"]}
        )
    else:
        lines.append(
            _("Indeks IPAK %(index)s (skala 1–4): rata-rata dari %(k)s rata-rata butir")
            % {"index": f"{index:.2f}", "k": len(means)}
        )
    for code, name in ipak_items(year=year):
        if code in means:
            mean = f"{half_up_decimal(means[code], 2):.2f}"
            if answered is None:
                lines.append(f"{code} {name}: {mean}")
            else:
                lines.append(
                    _("%(code)s %(name)s: %(mean)s dari %(answered)s jawaban")
                    % {"code": code, "name": name, "mean": mean, "answered": answered[code]}
                )
    if missing:
        lines.append(
            _("Butir tanpa nilai (tidak dihitung): %(codes)s") % {"codes": ", ".join(missing)}
        )
    lines.append(_("IPAK tidak memiliki kategori; LKE Zona Integritas mengubahnya menjadi poin."))
    top = {"points": f"{lke:.2f}", "max": f"{zi_book.hasil['ipak']:.2f}"}
    if linear:
        line = _("Nilai IPAK pada LKE ZI: %(points)s dari %(max)s poin (indeks / 4 × %(max)s)")
    else:
        line = _("Nilai IPAK pada LKE ZI: %(points)s dari %(max)s poin (tangga nilai aturan)")
    lines.append(line % top)
    for key, th in (("wbk", zi_book.wbk), ("wbbm", zi_book.wbbm)):
        if th.ipak is None:
            continue
        met = lke >= th.ipak
        data[f"{key}_min"] = float(th.ipak)
        data[f"meets_{key}"] = met
        if met:
            lines.append(
                _("%(target)s: nilai IPAK minimal %(need)s terpenuhi")
                % {"target": th.label, "need": f"{th.ipak:.2f}"}
            )
        else:
            lines.append(
                _("%(target)s: nilai IPAK minimal %(need)s belum terpenuhi (kurang %(gap)s)")
                % {"target": th.label, "need": f"{th.ipak:.2f}", "gap": f"{th.ipak - lke:.2f}"}
            )
    lines.append(
        _(
            "aturan %(version)s, keyakinan %(confidence)s: butir survei bukan daftar resmi KemenPANRB"
        )
        % {"version": data["version"], "confidence": CONFIDENCE_LABELS[confidence]}
    )
    return Outcome(data, tuple(lines))
