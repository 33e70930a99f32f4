"""Grades of a score under any gradable rulebook, and the rulebook list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.rules import registry, sakip
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
    parse_decimal,
)

GRADE_SCHEMES: tuple[str, ...] = registry.GRADABLE

# How the page and the command name each scheme (display only; numbers come from sikap.rules).
SCHEME_TITLES = {
    "berakhlak": gettext_lazy("Indeks BerAKHLAK"),
    "skm": gettext_lazy("Survei Kepuasan Masyarakat (IKM)"),
    "ipak": gettext_lazy("Survei Persepsi Anti Korupsi (IPAK)"),
    "ombudsman": gettext_lazy("Ombudsman RI: kepatuhan pelayanan publik"),
    "pekppp": gettext_lazy("PEKPPP: Indeks Pelayanan Publik"),
    "skp": gettext_lazy("SKP: Predikat Kinerja Pegawai"),
    "zi": gettext_lazy("Zona Integritas menuju WBK/WBBM"),
    "sakip": gettext_lazy("Evaluasi SAKIP"),
    "performance": gettext_lazy("Perjanjian Kinerja: capaian dan penilai SKP"),
}
CONFIDENCE_LABELS = {
    "high": gettext_lazy("tinggi"),
    "medium": gettext_lazy("sedang"),
    "low": gettext_lazy("rendah"),
}


def _years_text(years: Sequence[int | None]) -> str:
    start, end = years[0], years[1]
    if end is None:
        return _("%(start)s–sekarang") % {"start": start}
    if end == start:
        return str(start)
    return f"{start}–{end}"


def rulebooks_list() -> Outcome:
    """Every version of every rulebook."""
    books = [info.to_dict() for info in registry.list_rulebooks()]
    data = {
        "rulebooks": [
            {
                "scheme": b["scheme"],
                "version": b["version"],
                "years": {"from": b["years"][0], "to": b["years"][1]},
                "source": b["source"],
                "url": b["url"],
                "confidence": b["confidence"],
            }
            for b in books
        ]
    }
    lines = tuple(
        _("%(version)s  %(years)s  keyakinan %(confidence)s  %(source)s")
        % {
            "version": b["version"].ljust(16),
            "years": _years_text(b["years"]).ljust(14),
            "confidence": str(CONFIDENCE_LABELS[b["confidence"]]).ljust(7),
            "source": b["source"],
        }
        for b in books
    )
    return Outcome(data, lines)


def grade(
    scheme: str, score: str | float, *, year: int | None = None, inclusive: bool = False
) -> Outcome:
    """Category of one score; ``inclusive`` reads SAKIP's lower bounds as ≥."""
    if scheme not in GRADE_SCHEMES:
        raise CalculatorError(
            _("skema %(scheme)r tidak dikenal; pilih %(choices)s")
            % {"scheme": scheme, "choices": ", ".join(GRADE_SCHEMES)}
        )
    if inclusive and scheme != "sakip":
        raise CalculatorError(_("pilihan batas bawah inklusif hanya berlaku untuk SAKIP"))
    value = parse_decimal(str(score), _("Nilai"))
    try:
        if inclusive:
            g = sakip.grade(value, year=year, inclusive=True)  # type: ignore[arg-type]
            data: dict[str, Any] = {
                "scheme": scheme,
                "version": g.version,
                "score": g.score,
                "category": g.category,
                "label": g.label,
            }
            explanation, zone_label, confidence = g.explanation, g.zone_label, g.confidence
        else:
            sg = registry.grade(scheme, value, year=year)  # type: ignore[arg-type]
            data = sg.to_dict()
            explanation, zone_label = sg.explanation, sg.grade.zone_label
            confidence = sg.confidence
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    lines = [explanation]
    if zone_label:
        lines.append(zone_label)
    lines.append(
        _("aturan %(version)s, keyakinan %(confidence)s")
        % {"version": data["version"], "confidence": CONFIDENCE_LABELS[confidence]}
    )
    return Outcome(data, tuple(lines))


def _version_entry(info: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "version": info.version,
        "years": _years_text(info.years),
        "source_regulation": info.source,
        "source_url": info.url,
        "confidence": info.confidence,
        "bands": [],
        "has_zones": False,
        "has_low": info.confidence == "low",
    }
    if info.scheme in GRADE_SCHEMES:
        th = registry.thresholds(info.scheme, year=info.years[0])
        # A later version starting the same year would shadow this one: show no table then.
        if th.version == info.version:
            entry["bands"] = [b.to_dict() for b in th.bands]
            entry["has_zones"] = any(b.zone for b in th.bands)
            entry["has_low"] = entry["has_low"] or any(b.confidence == "low" for b in th.bands)
            entry["lower_bound"] = th.lower_bound
    return entry


def rulebooks_overview() -> list[dict[str, Any]]:
    """Schemes with their versions (newest first) and bands, for the page."""
    by_scheme: dict[str, list[Any]] = {}
    for info in registry.list_rulebooks():
        by_scheme.setdefault(info.scheme, []).append(info)
    overview = []
    for scheme, infos in by_scheme.items():
        entry: dict[str, Any] = {
            "scheme": scheme,
            "title": SCHEME_TITLES.get(scheme, scheme),
            "gradable": scheme in GRADE_SCHEMES,
            "versions": [_version_entry(info) for info in reversed(infos)],
        }
        if entry["gradable"]:
            newest = registry.thresholds(scheme)
            entry["scale"] = f"{newest.min:g}–{newest.max:g}"
        overview.append(entry)
    return overview
