"""The performance chain: capaian of Perjanjian Kinerja indicators, roll-ups, dates and raters.

Capaian (PermenPANRB 8/2021 annex, LKjIP practice), in percent:

* higher is better (``naik``): R / T × 100;
* lower is better (``turun``): (2 − R / T) × 100 (or T / R × 100 when the rulebook says
  ``inverse_ratio``);
* a target range [T, Tmax]: 100 inside it; against Tmax when R is above it and against T when
  R is below it;
* an optional cap (none by default) and floor, both rulebook settings.

A sasaran's capaian is the mean of its indicators'; a unit's the mean of its sasaran. Values
stay exact (``Fraction``) through the roll-up and are rounded half-up once, at the end.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sikap.rules._numbers import quantize, to_fraction
from sikap.rules.errors import InvalidInputError, RulebookDataError, UnknownCodeError
from sikap.rules.grading import ResultMixin
from sikap.rules.versions import Table, VersionMeta, VersionSet

HIGHER = "naik"
LOWER = "turun"
POLARITIES = (HIGHER, LOWER)
_POLARITY_ALIASES = {
    "naik": HIGHER,
    "higher": HIGHER,
    "positif": HIGHER,
    "maksimal": HIGHER,
    "max": HIGHER,
    "turun": LOWER,
    "lower": LOWER,
    "negatif": LOWER,
    "minimal": LOWER,
    "min": LOWER,
}
LOWER_BETTER_FORMULAS = ("two_minus_ratio", "inverse_ratio")
KEPALA_DAERAH = "kepala_daerah"
HUNDRED = Fraction(100)


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Coded:
    code: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class PkLevel:
    code: str
    label: str
    label_en: str
    iku_minimum: str


@dataclass(frozen=True, slots=True)
class RaterLevel:
    code: str
    label: str
    rated_by: str


@dataclass(frozen=True, slots=True)
class PerformanceRulebook:
    meta: VersionMeta
    lower_better: str
    lower_better_confidence: str
    cap: Fraction | None
    cap_confidence: str
    floor: Fraction | None
    floor_confidence: str
    aggregation_confidence: str
    places: int
    behind_below: Fraction
    on_track_confidence: str
    pk_months_after_dpa: int
    pk_confidence: str
    lkjip_pemda: tuple[int, int]
    lkjip_opd_month: int
    lkjip_opd_confidence: str
    revision_reasons: tuple[Coded, ...]
    kinds: tuple[Coded, ...]
    kind_keys: Mapping[str, str]
    levels: tuple[PkLevel, ...]
    iku_confidence: str
    eselon_prefixes: tuple[tuple[str, str], ...]
    rater_levels: tuple[RaterLevel, ...]
    raters_confidence: str
    most_above_pct: Fraction
    hasil_kerja_confidence: str
    head_bands: tuple[tuple[Fraction, str], ...]
    head_below: str
    head_rating_confidence: str
    head_rating_source: str


def _opt_fraction(t: Table, key: str) -> Fraction | None:
    return Fraction(t.number(key)) if t.has(key) else None


def _parse(doc: Table, meta: VersionMeta) -> PerformanceRulebook:
    cap = doc.table("capaian")
    formula = cap.text("lower_better")
    if formula not in LOWER_BETTER_FORMULAS:
        raise RulebookDataError(f"{cap.where}: lower_better must be one of {LOWER_BETTER_FORMULAS}")
    kinds: list[Coded] = []
    kind_keys: dict[str, str] = {}
    for t in doc.tables("kinds"):
        kind = Coded(t.text("code"), t.text("label"), t.text("label_en"))
        kinds.append(kind)
        for alias in [kind.code, kind.label, *(t.strs("aliases") if t.has("aliases") else [])]:
            kind_keys[_key(alias)] = kind.code
    kind_codes = {k.code for k in kinds}
    levels = tuple(
        PkLevel(t.text("code"), t.text("label"), t.text("label_en"), t.text("iku_minimum"))
        for t in doc.tables("levels")
    )
    if any(lv.iku_minimum not in kind_codes for lv in levels):
        raise RulebookDataError(f"{doc.where}: levels name an unknown iku_minimum kind")
    raters = doc.table("raters")
    prefixes: list[tuple[str, str]] = []
    for item in raters.data.get("eselon_prefixes", []):
        if not (
            isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)
        ):
            raise RulebookDataError(
                f"{raters.where}: eselon_prefixes must be [prefix, level] pairs"
            )
        prefixes.append((item[0], item[1]))
    rater_levels = tuple(
        RaterLevel(t.text("code"), t.text("label"), t.text("rated_by"))
        for t in raters.tables("levels")
    )
    on_track = doc.table("on_track")
    cal = doc.table("calendar")
    hk = doc.table("hasil_kerja")
    head = doc.table("head_rating")
    head_bands = tuple(
        (Fraction(t.number("above")), t.text("rating")) for t in head.tables("bands")
    )
    head_below = head.text("below")
    if not {r for _a, r in head_bands} | {head_below} <= {"diatas", "sesuai", "dibawah"}:
        raise RulebookDataError(f"{head.where}: ratings must be diatas, sesuai or dibawah")
    if [a for a, _r in head_bands] != sorted((a for a, _r in head_bands), reverse=True):
        raise RulebookDataError(f"{head.where}: bands must go from the highest `above` down")
    # Longest prefix first, so "III" is not read as "II".
    prefixes.sort(key=lambda p: -len(p[0]))
    return PerformanceRulebook(
        meta=meta,
        lower_better=formula,
        lower_better_confidence=cap.confidence("lower_better_confidence"),
        cap=_opt_fraction(cap, "cap"),
        cap_confidence=cap.confidence("cap_confidence"),
        floor=_opt_fraction(cap, "floor"),
        floor_confidence=cap.confidence("floor_confidence"),
        aggregation_confidence=cap.confidence("aggregation_confidence"),
        places=cap.integer("places"),
        behind_below=Fraction(on_track.number("behind_below")),
        on_track_confidence=on_track.confidence(),
        pk_months_after_dpa=cal.integer("pk_months_after_dpa"),
        pk_confidence=cal.confidence("pk_confidence"),
        lkjip_pemda=(cal.integer("lkjip_pemda_month"), cal.integer("lkjip_pemda_day")),
        lkjip_opd_month=cal.integer("lkjip_opd_month"),
        lkjip_opd_confidence=cal.confidence("lkjip_opd_confidence"),
        revision_reasons=tuple(
            Coded(t.text("code"), t.text("label"), t.text("label_en"))
            for t in doc.tables("revision_reasons")
        ),
        kinds=tuple(kinds),
        kind_keys=kind_keys,
        levels=levels,
        iku_confidence=doc.table("iku").confidence(),
        eselon_prefixes=tuple(prefixes),
        rater_levels=rater_levels,
        raters_confidence=raters.confidence(),
        most_above_pct=Fraction(hk.number("most_above_pct")),
        hasil_kerja_confidence=hk.confidence(),
        head_bands=head_bands,
        head_below=head_below,
        head_rating_confidence=head.confidence(),
        head_rating_source=head.text("source"),
    )


RULEBOOKS: VersionSet[PerformanceRulebook] = VersionSet("performance", _parse)


def normalise_polarity(value: object) -> str:
    """``naik`` or ``turun`` from any of their names (higher/lower, positif/negatif …)."""
    if isinstance(value, str) and _key(value) in _POLARITY_ALIASES:
        return _POLARITY_ALIASES[_key(value)]
    raise UnknownCodeError("polaritas", value, POLARITIES)


def normalise_kind(value: object, *, year: int | None = None) -> str:
    book = RULEBOOKS.select(year)
    if isinstance(value, str) and _key(value) in book.kind_keys:
        return book.kind_keys[_key(value)]
    raise UnknownCodeError("jenis indikator", value, tuple(k.code for k in book.kinds))


@dataclass(frozen=True, slots=True)
class Capaian(ResultMixin):
    """One indicator's capaian: exact ``value`` and, for display, ``rounded``."""

    value: Fraction
    rounded: float
    polarity: str
    against: Fraction
    bound: str  # "target", "lower", "upper" or "inside"
    capped: bool
    formula: str
    version: str
    confidence: str


def number_text(value: Fraction) -> str:
    """A fraction as the explanations write it (`0.9`, `105`)."""
    return f"{float(value):g}"


def _check_target(value: Fraction, what: str) -> None:
    if value <= 0:
        raise InvalidInputError(
            f"{what} must be greater than 0 to compute a capaian, not {number_text(value)}",
            message_id=f"{what} harus lebih dari 0 untuk menghitung capaian, bukan {number_text(value)}",
        )


def capaian(
    target: object,
    realisasi: object,
    *,
    polarity: str = HIGHER,
    target_max: object | None = None,
    cap: object | None = None,
    year: int | None = None,
) -> Capaian:
    """Capaian in percent of realisasi against a target (or a target range)."""
    book = RULEBOOKS.select(year)
    pol = normalise_polarity(polarity)
    low = to_fraction(target, "target")
    real = to_fraction(realisasi, "realisasi")
    high = low if target_max is None else to_fraction(target_max, "target maksimal")
    _check_target(low, "target")
    if high < low:
        raise InvalidInputError(
            f"the upper target {number_text(high)} is below the target {number_text(low)}",
            message_id=f"target maksimal {number_text(high)} lebih kecil dari target {number_text(low)}",
        )
    if low <= real <= high and target_max is not None:
        value, against, bound, formula = HUNDRED, real, "inside", "R dalam rentang target"
    else:
        against = high if real > high else low
        bound = "target" if target_max is None else ("upper" if real > high else "lower")
        if pol == HIGHER:
            value, formula = real / against * HUNDRED, "R / T × 100"
        elif book.lower_better == "inverse_ratio":
            if real <= 0:
                raise InvalidInputError(
                    "realisasi must be greater than 0 for the T / R formula",
                    message_id="realisasi harus lebih dari 0 untuk rumus T / R",
                )
            value, formula = against / real * HUNDRED, "T / R × 100"
        else:
            value, formula = (2 - real / against) * HUNDRED, "(2 − R / T) × 100"
    limit = to_fraction(cap, "batas capaian") if cap is not None else book.cap
    capped = limit is not None and value > limit
    if limit is not None and capped:
        value = limit
    if book.floor is not None and value < book.floor:
        value = book.floor
    confidence = "high" if pol == HIGHER else book.lower_better_confidence
    if limit is not None:
        confidence = _weakest(confidence, book.cap_confidence)
    return Capaian(
        value=value,
        rounded=round_capaian(value, year=year),
        polarity=pol,
        against=against,
        bound=bound,
        capped=capped,
        formula=formula,
        version=book.meta.version,
        confidence=confidence,
    )


def _weakest(*confidences: str) -> str:
    order = ("low", "medium", "high")
    return min(confidences, key=order.index)


def round_capaian(value: Fraction | None, *, year: int | None = None) -> float:
    """A capaian as published: half-up to the rulebook's places (two)."""
    if value is None:
        raise InvalidInputError("no capaian to round")
    return float(quantize(value, RULEBOOKS.select(year).places))


def mean(values: Iterable[Fraction | None]) -> Fraction | None:
    """The plain mean of the capaian that exist (None: nothing measured yet)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Fraction(0)) / len(present)


@dataclass(frozen=True, slots=True)
class SasaranCapaian(ResultMixin):
    code: str
    capaian: float | None
    indicators: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class UnitCapaian(ResultMixin):
    unit: str
    capaian: float | None
    sasaran: tuple[SasaranCapaian, ...]


def rollup(
    units: Mapping[str, Mapping[str, Mapping[str, Fraction | None]]], *, year: int | None = None
) -> tuple[UnitCapaian, ...]:
    """Unit → sasaran → indicator capaian rolled up by means, rounded only at the end."""

    def rounded(v: Fraction | None) -> float | None:
        return None if v is None else round_capaian(v, year=year)

    out: list[UnitCapaian] = []
    for unit, sasaran in units.items():
        rows: list[SasaranCapaian] = []
        exact: list[Fraction | None] = []
        for code, indicators in sasaran.items():
            value = mean(indicators.values())
            exact.append(value)
            rows.append(
                SasaranCapaian(code, rounded(value), {k: rounded(v) for k, v in indicators.items()})
            )
        out.append(UnitCapaian(unit, rounded(mean(exact)), tuple(rows)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OnTrack(ResultMixin):
    status: str  # "on_track", "behind" or "no_target"
    capaian: float | None
    behind_below: float
    confidence: str


def on_track(
    quarter_target: object | None,
    quarter_realisasi: object,
    *,
    polarity: str = HIGHER,
    year: int | None = None,
) -> OnTrack:
    """A quarter's realisasi against the quarter's target: on track or behind."""
    book = RULEBOOKS.select(year)
    if quarter_target is None:
        return OnTrack("no_target", None, float(book.behind_below), book.on_track_confidence)
    result = capaian(quarter_target, quarter_realisasi, polarity=polarity, year=year)
    status = "behind" if result.value < book.behind_below else "on_track"
    return OnTrack(status, result.rounded, float(book.behind_below), book.on_track_confidence)


# --- Perjanjian Kinerja ----------------------------------------------------------------------


def revision_reasons(*, year: int | None = None) -> tuple[Coded, ...]:
    return RULEBOOKS.select(year).revision_reasons


def normalise_revision_reason(value: object, *, year: int | None = None) -> str:
    reasons = revision_reasons(year=year)
    for r in reasons:
        if isinstance(value, str) and _key(value) in (_key(r.code), _key(r.label)):
            return r.code
    raise UnknownCodeError("alasan revisi PK", value, tuple(r.code for r in reasons))


def pk_levels(*, year: int | None = None) -> tuple[PkLevel, ...]:
    return RULEBOOKS.select(year).levels


def iku_warning(level: str, kind: str, *, year: int | None = None) -> str | None:
    """Why an IKU's kind is below what its level expects ("bukan outcome"), else None."""
    book = RULEBOOKS.select(year)
    order = [k.code for k in book.kinds]
    lv = next((lv for lv in book.levels if lv.code == level), None)
    if lv is None:
        raise UnknownCodeError("tingkat PK", level, tuple(lv.code for lv in book.levels))
    code = normalise_kind(kind, year=year)
    if order.index(code) <= order.index(lv.iku_minimum):
        return None
    if lv.iku_minimum == "outcome":
        return f"bukan outcome: IKU {lv.label} seharusnya indikator outcome"
    minimum = next(k.label for k in book.kinds if k.code == lv.iku_minimum)
    return f"IKU {lv.label} seharusnya minimal {minimum}"


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def pk_due(dpa_approved_on: dt.date, *, year: int | None = None) -> dt.date:
    """The last day to sign the PK: one month after the DPA is approved."""
    return _add_months(dpa_approved_on, RULEBOOKS.select(year).pk_months_after_dpa)


def lkjip_due(year: int, *, pemda_level: bool) -> dt.date:
    """LKjIP of `year`: the Pemda's by 31 March, an OPD's by the end of February, next year."""
    book = RULEBOOKS.select(year)
    if pemda_level:
        month, day = book.lkjip_pemda
        return dt.date(year + 1, month, day)
    month = book.lkjip_opd_month
    return dt.date(year + 1, month, calendar.monthrange(year + 1, month)[1])


__all__ = [
    "number_text",
    "HIGHER",
    "KEPALA_DAERAH",
    "LOWER",
    "POLARITIES",
    "RULEBOOKS",
    "Capaian",
    "Coded",
    "OnTrack",
    "PerformanceRulebook",
    "PkLevel",
    "SasaranCapaian",
    "UnitCapaian",
    "capaian",
    "iku_warning",
    "lkjip_due",
    "mean",
    "normalise_kind",
    "normalise_polarity",
    "normalise_revision_reason",
    "on_track",
    "pk_due",
    "pk_levels",
    "revision_reasons",
    "rollup",
    "round_capaian",
]
