"""Zona Integritas and SAKIP self-assessment work on top of the ``zi`` and ``sakip`` LKEs.

One engine for both instruments: items with answer types and weights, scored by a rulebook.
This module adds what the work around the LKE needs (numbers in ``data/integrity/``):

- the hasil figures: capaian kinerja option A–E → 0–5, IPAK/IPKP survey index → 0–17.5
  (linear by default, the method a rulebook choice of low confidence);
- every WBK and WBBM condition shown as met or short by how many points, each with its own
  confidence (WBBM's total and pengungkit minimums are low: not found in any source);
- the items that would close the gap fastest (points an item still gives at full answer);
- (the proposal gates and window are in ``integrity_proposal``, the SAKIP LKE's status in
  ``integrity_sakip``; both read this module's rulebook).

Percent items also take two counts, ``"12/15"`` (a count that feeds the percentage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sikap.rules import sakip, zi
from sikap.rules._numbers import quantize, to_decimal
from sikap.rules.errors import (
    InvalidInputError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import ResultMixin
from sikap.rules.versions import CONFIDENCES, Table, VersionMeta, VersionSet

KINDS = ("zi", "sakip")
TARGETS = ("wbk", "wbbm")
HASIL_KEYS = ("capaian_kinerja", "ipak", "ipkp")
CONDITION_KEYS = (
    "total", "pengungkit", "area_pct", "birokrasi_bersih", "ipak", "capaian_kinerja",
    "pelayanan_prima",
)  # fmt: skip
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class GateRule:
    wtp: bool
    akip_min: str
    indeks_rb_min: str


@dataclass(frozen=True, slots=True)
class Window:
    start: dt.date
    end: dt.date
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class IntegrityRulebook:
    meta: VersionMeta
    capaian: Mapping[str, Decimal]
    capaian_text: Mapping[str, str]
    capaian_max: Decimal
    capaian_confidence: str
    capaian_target_pct: Decimal
    capaian_derive_confidence: str
    ipkp_divisor: Decimal
    ipkp_confidence: str
    survey_method: str
    survey_steps: tuple[tuple[Decimal, Decimal], ...]
    survey_index: tuple[Decimal, Decimal]
    survey_points_max: Decimal
    survey_confidence: str
    conditions: Mapping[str, Mapping[str, str]]
    grades: tuple[str, ...]
    gates: Mapping[str, GateRule]
    gates_confidence: str
    window_default: tuple[str, str]
    windows: Mapping[int, Window]
    windows_confidence: str
    sakip_options: Mapping[str, tuple[str, ...]]
    sakip_evidence: Mapping[str, str]


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise RulebookDataError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from exc


def _parse(doc: Table, meta: VersionMeta) -> IntegrityRulebook:
    cp = doc.table("capaian")
    capaian = {k: Decimal(cp.number(k)) for k in "ABCDE"}
    sv = doc.table("survey")
    method = sv.text("method")
    if method not in ("linear", "steps"):
        raise RulebookDataError(f"{sv.where}: method must be 'linear' or 'steps'")
    steps: list[tuple[Decimal, Decimal]] = []
    for pair in sv.data.get("steps", []):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise RulebookDataError(f"{sv.where}: steps must be [min_index, points] pairs")
        steps.append((to_decimal(pair[0]), to_decimal(pair[1])))
    if method == "steps" and not steps:
        raise RulebookDataError(f"{sv.where}: method 'steps' needs steps")
    cond = doc.table("conditions")
    conditions: dict[str, dict[str, str]] = {}
    for target in TARGETS:
        t = cond.table(target)
        conditions[target] = {k: t.confidence(k) for k in CONDITION_KEYS if t.has(k)}
    gt = doc.table("gates")
    grades = tuple(gt.strs("grades"))
    gates = {}
    for target in TARGETS:
        g = gt.table(target)
        rule = GateRule(bool(g.data.get("wtp")), g.text("akip_min"), g.text("indeks_rb_min"))
        if rule.akip_min not in grades or rule.indeks_rb_min not in grades:
            raise RulebookDataError(f"{g.where}: minimum grades must be among {grades}")
        gates[target] = rule
    wt = doc.table("windows")
    windows = {}
    for w in wt.tables("years") if wt.has("years") else []:
        windows[w.integer("year")] = Window(
            _date(w.text("start"), w.where),
            _date(w.text("end"), w.where),
            w.text("source", ""),
            w.confidence(default=wt.confidence()),
        )
    sl = doc.table("sakip_lke")
    se = doc.table("sakip_evidence")
    codes = sakip_codes(year=meta.year_from)
    sakip_evidence = {}
    for doc_type in se.data:
        code = se.text(doc_type).strip().lower()
        if code not in codes:
            raise RulebookDataError(f"{se.where}.{doc_type}: {code!r} is not a SAKIP LKE item")
        sakip_evidence[doc_type] = code
    derive = cp.table("derive")
    ikm = doc.table("ipkp_from_ikm")
    divisor = Decimal(ikm.number("divisor"))
    if divisor <= 0:
        raise RulebookDataError(f"{ikm.where}: divisor must be positive")
    return IntegrityRulebook(
        meta=meta,
        capaian=capaian,
        capaian_text={k: cp.table("text").text(k) for k in "ABCDE"},
        capaian_max=Decimal(cp.number("max")),
        capaian_confidence=cp.confidence(),
        capaian_target_pct=Decimal(derive.number("target_pct")),
        capaian_derive_confidence=derive.confidence(),
        ipkp_divisor=divisor,
        ipkp_confidence=ikm.confidence(),
        survey_method=method,
        survey_steps=tuple(sorted(steps, reverse=True)),
        survey_index=(Decimal(sv.number("index_min")), Decimal(sv.number("index_max"))),
        survey_points_max=Decimal(sv.number("points_max")),
        survey_confidence=sv.confidence(),
        conditions=conditions,
        grades=grades,
        gates=gates,
        gates_confidence=gt.confidence(),
        window_default=(wt.text("default_start"), wt.text("default_end")),
        windows=windows,
        windows_confidence=wt.confidence(),
        sakip_options={p: tuple(sl.strs(p)) for p in sakip.PARTS},
        sakip_evidence=sakip_evidence,
    )


RULEBOOKS: VersionSet[IntegrityRulebook] = VersionSet("integrity", _parse)


# --- hasil --------------------------------------------------------------------------------


def capaian_points(option: str, *, year: int | None = None) -> Decimal:
    """LKE points (0–5) of the capaian kinerja option A–E."""
    book = RULEBOOKS.select(year)
    key = option.strip().upper() if isinstance(option, str) else ""
    if key not in book.capaian:
        raise UnknownCodeError("capaian kinerja option", option, tuple(book.capaian))
    return book.capaian[key] * book.capaian_max


def survey_points(index: object, *, year: int | None = None, what: str = "survey") -> Decimal:
    """LKE points (0–17.5) of an IPAK/IPKP survey index (1–4), by the rulebook's method."""
    book = RULEBOOKS.select(year)
    value = to_decimal(index, what)
    lo, hi = book.survey_index
    if not lo <= value <= hi:
        raise ScoreOutOfRangeError(f"{what} index", index, lo, hi)
    if book.survey_method == "linear":
        return value / hi * book.survey_points_max
    for minimum, points in book.survey_steps:
        if value >= minimum:
            return points
    return _ZERO


@dataclass(frozen=True, slots=True)
class CapaianOption(ResultMixin):
    """The capaian kinerja option derived from a PK, why, and its LKE points."""

    option: str  # A…E
    points: Decimal
    reason: str  # "not_outcome" | "below_target" | "not_better" | "better" | "best"
    capaian: Decimal | None
    previous: Decimal | None
    confidence: str


def capaian_option(
    capaian: object,
    *,
    previous: object = None,
    outcome_oriented: bool,
    peer_average: object = None,
    year: int | None = None,
) -> CapaianOption:
    """The LKE option A–E for a unit's PK capaian (percent) against last year's.

    Not outcome-oriented → E; below the target percentage → D; at least the target but not
    better than last year (or last year unknown) → C; better than last year → B; above the
    target, better than last year and than `peer_average` → A (only with a peer average).
    """
    book = RULEBOOKS.select(year)
    value = None if capaian is None else to_decimal(capaian, "capaian")
    before = None if previous is None else to_decimal(previous, "capaian tahun lalu")
    peer = None if peer_average is None else to_decimal(peer_average, "rata-rata pembanding")
    target = book.capaian_target_pct
    if not outcome_oriented:
        option, reason = "E", "not_outcome"
    elif value is None:
        raise InvalidInputError(
            "an outcome-oriented PK without capaian gives no option",
            message_id="PK belum memiliki capaian",
        )
    elif value < target:
        option, reason = "D", "below_target"
    elif before is None or value <= before:
        option, reason = "C", "not_better"
    elif value > target and peer is not None and value > peer:
        option, reason = "A", "best"
    else:
        option, reason = "B", "better"
    return CapaianOption(
        option,
        book.capaian[option] * book.capaian_max,
        reason,
        value,
        before,
        book.capaian_derive_confidence,
    )


def ipkp_index_from_ikm(ikm: object, *, year: int | None = None) -> Decimal:
    """The IPKP survey index (1–4) an SKM IKM (25–100) stands for: IKM / divisor (low)."""
    book = RULEBOOKS.select(year)
    value = to_decimal(ikm, "IKM")
    lo, hi = book.survey_index
    low, high = lo * book.ipkp_divisor, hi * book.ipkp_divisor
    if not low <= value <= high:
        raise ScoreOutOfRangeError("IKM", ikm, low, high)
    return value / book.ipkp_divisor


def survey_index_needed(points: Decimal, *, year: int | None = None) -> Decimal | None:
    """The lowest survey index that gives ``points`` (linear method only)."""
    book = RULEBOOKS.select(year)
    if book.survey_method != "linear":
        return None
    return quantize(points / book.survey_points_max * book.survey_index[1], 2)


# --- answers ------------------------------------------------------------------------------


def normalise_answer(kind: str, code: str, raw: object, *, year: int | None = None) -> str:
    """The stored form of an answer, or a RuleError naming the item and the allowed answers.

    ZI: Ya/Tidak (also Y/T), A…E per type, percentages as "85%", 0.85 or two counts "12/15".
    SAKIP: AA…E per part (pemenuhan also Y/T).
    """
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise InvalidInputError(f"answer for {code} is empty", message_id=f"jawaban {code} kosong")
    if kind == "zi":
        item = zi_item(code, year=year)
        if item.answer_type == "persen":
            ratio = percent_ratio(text, item=item.code)
            return f"{quantize(ratio * 100, 2).normalize():f}%"
        zi.score_answer(item.answer_type, text, item=item.code, year=year)
        key = text.lower()
        if item.answer_type == "ya/tidak":
            return "Ya" if key in ("ya", "y", "yes") else "Tidak"
        return key.upper()
    if kind == "sakip":
        part = sakip_part(code, year=year)
        options = RULEBOOKS.select(year).sakip_options[part]
        if text.upper() not in options:
            shown = ", ".join(options)
            raise InvalidInputError(
                f"answer {text!r} for {code} must be one of {shown}",
                message_id=f"jawaban {text!r} untuk {code} harus salah satu dari {shown}",
            )
        return text.upper()
    raise UnknownCodeError("assessment kind", kind, KINDS)


def percent_ratio(text: str, *, item: str = "item") -> Decimal:
    """A percentage answer as a ratio: "85%", "0.85", "85,5%" or counts "12/15" (capped at 1)."""
    text = text.strip().replace(",", ".")
    if "/" in text:
        part, _, whole = text.partition("/")
        p, w = to_decimal(part.strip(), f"jumlah {item}"), to_decimal(whole.strip(), item)
        if p < 0 or w <= 0:
            raise InvalidInputError(
                f"counts {text!r} for {item} need 0 ≤ part and a positive whole",
                message_id=f"jumlah {text!r} untuk {item}: pembilang ≥ 0, penyebut > 0",
            )
        return min(p / w, _ONE)
    if text.endswith("%"):
        return zi.score_answer("persen", text, item=item)
    return zi.score_answer("persen", float(to_decimal(text, f"answer for {item}")), item=item)


def zi_item(code: str, *, year: int | None = None) -> zi.Item:
    for item in zi.RULEBOOKS.select(year).items:
        if item.code.upper() == str(code).strip().upper():
            return item
    raise UnknownCodeError("LKE item", code)


def sakip_codes(*, year: int | None = None) -> tuple[str, ...]:
    return tuple(
        f"{c.code}.{p}" for c in sakip.RULEBOOKS.select(year).components for p in sakip.PARTS
    )


def sakip_part(code: str, *, year: int | None = None) -> str:
    key = str(code).strip().lower()
    if key not in sakip_codes(year=year):
        raise UnknownCodeError("SAKIP LKE item", code, sakip_codes(year=year))
    return key.rsplit(".", 1)[1]


# --- ZI: conditions and gap -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Condition(ResultMixin):
    target: str  # "WBK" | "WBBM"
    rule: str  # "total", "area:MP", …
    actual: float
    required: float
    met: bool
    short: float  # points still missing, 0 when met
    confidence: str


@dataclass(frozen=True, slots=True)
class Closer(ResultMixin):
    """An item and the LKE points it still gives when answered in full."""

    code: str
    area: str
    subcomponent: str
    fraction: float | None
    gain: float


@dataclass(frozen=True, slots=True)
class ZiStatus(ResultMixin):
    result: zi.ZiResult
    conditions: Mapping[str, tuple[Condition, ...]]
    confidence: Mapping[str, str]
    closers: tuple[Closer, ...]
    # Stored answers the year's LKE no longer takes (an item it does not have, or an answer
    # its type does not allow: kept from an earlier item list); left out of the score.
    stale: tuple[str, ...] = ()

    def closers_for(self, target: str) -> tuple[Closer, ...]:
        """The items that close `target`'s unmet pengungkit conditions, fastest first: those
        of a short area when an area is short, any item when the total or pengungkit is; none
        when only hasil figures are short (no LKE item moves them)."""
        short = [c.rule for c in self.conditions[target] if not c.met]
        areas = {r.split(":", 1)[1] for r in short if r.startswith("area:")}
        if areas:
            return tuple(c for c in self.closers if c.area in areas)
        if {"total", "pengungkit"} & set(short):
            return self.closers
        return ()


def _lowest(confidences: list[str]) -> str:
    return max(confidences, key=CONFIDENCES.index) if confidences else "high"


def zi_status(
    answers: Mapping[str, str],
    *,
    counts: Mapping[str, object] | None = None,
    capaian_kinerja: object,
    ipak: object,
    ipkp: object,
    year: int | None = None,
) -> ZiStatus:
    """The live ZI score from stored answers and hasil points, every condition, and the closers.

    ``answers`` are normalised answers by item code (see :func:`normalise_answer`). An answer
    the year's LKE does not take (an item it lacks, or a value its type does not allow, as
    stored for an earlier item list) is left out and listed in ``stale``. ``counts`` are the
    count rows given ({"PW.R.3.a.5": 6}); they make a percent item's answer where it has none.
    """
    zbook = zi.RULEBOOKS.select(year)
    items = {i.code: i for i in zbook.items}
    given: dict[str, str | float] = {}
    stale: list[str] = []
    for code, answer in answers.items():
        try:
            item = zi_item(code, year=year)
            if item.answer_type == "persen":
                given[item.code] = float(percent_ratio(str(answer), item=item.code))
            else:
                zi.score_answer(item.answer_type, answer, item=item.code, year=year)
                given[item.code] = answer
        except (UnknownCodeError, InvalidInputError):
            stale.append(str(code))
    count_codes = {c.code.upper() for c in zbook.counts}
    for code, value in (counts or {}).items():
        if str(code).strip().upper() in count_codes:
            given[str(code)] = str(value)
        else:
            stale.append(str(code))
    result = zi.compute(
        given,
        ipak=float(to_decimal(ipak, "ipak")),
        ipkp=float(to_decimal(ipkp, "ipkp")),
        capaian_kinerja=float(to_decimal(capaian_kinerja, "capaian_kinerja")),
        year=year,
    )
    values = {k: Decimal(repr(getattr(result, k))) for k in CONDITION_KEYS if k != "area_pct"}
    areas = {c: Decimal(repr(a.total)) for c, a in result.breakdown.items()}
    conditions, confidence = _conditions(values, areas, year)
    closers: list[Closer] = []
    for sub in zbook.subcomponents:
        share = sub.weight / len(sub.items)
        for item in sub.items:
            frac = result.subcomponents[sub.code].items[item.code]
            gain = quantize((_ONE - Decimal(repr(frac or 0.0))) * share, 4)
            if gain > 0:
                closers.append(Closer(item.code, sub.area_code, sub.code, frac, float(gain)))
    closers.sort(key=lambda c: (-c.gain, list(items).index(c.code)))
    return ZiStatus(result, conditions, confidence, tuple(closers), tuple(sorted(stale)))


def _conditions(
    values: Mapping[str, Decimal], areas: Mapping[str, Decimal], year: int | None
) -> tuple[dict[str, tuple[Condition, ...]], dict[str, str]]:
    book = RULEBOOKS.select(year)
    zbook = zi.RULEBOOKS.select(year)
    conditions: dict[str, tuple[Condition, ...]] = {}
    confidence: dict[str, str] = {}
    for target in TARGETS:
        th: zi.Thresholds = getattr(zbook, target)
        conf = book.conditions[target]
        rows: list[Condition] = []
        for key in CONDITION_KEYS:
            need = getattr(th, key)
            if need is None:
                continue
            if key == "area_pct":
                for area in zbook.areas:
                    req = quantize(area.weight * need / 100, 2)
                    act = areas[area.code]
                    rows.append(_condition(th.label, f"area:{area.code}", act, req, conf[key]))
                continue
            rows.append(_condition(th.label, key, values[key], need, conf.get(key, th.confidence)))
        conditions[target] = tuple(rows)
        confidence[target] = _lowest([c.confidence for c in rows])
    return conditions, confidence


def zi_conditions_from_areas(
    areas: Mapping[str, object],
    *,
    capaian_kinerja: object,
    ipak: object,
    ipkp: object,
    year: int | None = None,
) -> tuple[dict[str, Decimal], dict[str, tuple[Condition, ...]]]:
    """Totals and every WBK/WBBM condition from area scores and hasil points.

    For hand computations as the worked cases give them (area scores, not item answers);
    :func:`zi_status` applies the same conditions to a scored LKE.
    """
    zbook = zi.RULEBOOKS.select(year)
    got = {str(k).upper(): to_decimal(v, f"area {k}") for k, v in areas.items()}
    missing = [a.code for a in zbook.areas if a.code not in got]
    if missing or len(got) != len(zbook.areas):
        raise UnknownCodeError("ZI areas", ",".join(sorted(got)), [a.code for a in zbook.areas])
    cap, ip, kp = (
        to_decimal(v, n) for v, n in ((capaian_kinerja, "capaian"), (ipak, "ipak"), (ipkp, "ipkp"))
    )
    pengungkit = sum(got.values(), _ZERO)
    values = {
        "pengungkit": quantize(pengungkit, 2),
        "capaian_kinerja": quantize(cap, 2),
        "ipak": quantize(ip, 2),
        "birokrasi_bersih": quantize(cap + ip, 2),
        "pelayanan_prima": quantize(kp, 2),
        "total": quantize(pengungkit + cap + ip + kp, 2),
    }
    conditions, _ = _conditions(values, {k: quantize(v, 2) for k, v in got.items()}, year)
    return values, conditions


def _condition(target: str, rule: str, actual: Decimal, need: Decimal, conf: str) -> Condition:
    short = max(need - actual, _ZERO)
    return Condition(target, rule, float(actual), float(need), short == 0, float(short), conf)


__all__ = [
    "CONDITION_KEYS",
    "HASIL_KEYS",
    "KINDS",
    "RULEBOOKS",
    "TARGETS",
    "CapaianOption",
    "Closer",
    "Condition",
    "IntegrityRulebook",
    "ZiStatus",
    "capaian_option",
    "capaian_points",
    "ipkp_index_from_ikm",
    "normalise_answer",
    "percent_ratio",
    "sakip_codes",
    "sakip_part",
    "survey_index_needed",
    "survey_points",
    "zi_conditions_from_areas",
    "zi_item",
    "zi_status",
]
