"""Zona Integritas menuju WBK/WBBM (PermenPANRB 90/2021): the LKE score.

Pengungkit (60) = pemenuhan (30) + reform (30) over six areas; each sub-component scores
the mean of its items' fractions × its weight. Hasil (40) = capaian kinerja (5) + IPAK
(17.5) + IPKP (17.5).

IPAK and IPKP are given, by default (``survey_scale="lke"``), as the LKE values already
converted to 0–17.5. With ``survey_scale="index"`` they are the 1–4 survey indices and
are converted linearly (index / 4 × 17.5), so the WBK minimum IPAK 15.75 is an index of
3.60 and the IPKP minimum 14.00 an index of 3.20. Capaian kinerja is the LKE value 0–5.

Unanswered items score 0 and are listed in ``unanswered``. Percent items take a ratio
(0.85, capped at 1) or a string with a percent sign ("85%"). Totals are rounded half-up
to two decimals and compared with the thresholds at that precision.

The official LKE asks counts ("jumlah") that feed its percentage items: a percent item
carries its count rows (``Item.counts``, codes such as ``PW.R.3.a.5``). Counts are not scored
themselves; given in ``compute`` they make the item's percentage when it is not answered
directly (:func:`percent_from_counts`: part / whole, or the fall (before − after) / before).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sikap.rules._numbers import fmt, quantize, to_decimal
from sikap.rules.errors import (
    InvalidInputError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import ResultMixin

# The rulebook's data (areas, items, count rows, thresholds) lives in zi_rulebook.
from sikap.rules.zi_rulebook import (  # noqa: F401
    ANSWER_TYPES,
    AREAS,
    COMPONENTS,
    COUNT_ROLES,
    ITEMS,
    RULEBOOKS,
    SUBCOMPONENTS,
    THRESHOLD_KEYS,
    Area,
    Count,
    Item,
    SubComponent,
    Thresholds,
    ZiRulebook,
)

SurveyScale = Literal["lke", "index"]
_ZERO = Decimal(0)
_ONE = Decimal(1)
_ALIASES = {"y": "ya", "yes": "ya", "t": "tidak", "no": "tidak"}


def score_answer(
    answer_type: str, answer: str | float, *, item: str = "item", year: int | None = None
) -> Decimal:
    """Fraction (0–1) of an item earned by an answer of the given type."""
    book = RULEBOOKS.select(year)
    if answer_type == "persen":
        if isinstance(answer, str):
            text = answer.strip()
            if not text.endswith("%"):
                raise InvalidInputError(
                    f"answer {answer!r} for {item} must be a ratio (0.85) or a percent ('85%')"
                )
            value = to_decimal(text[:-1].strip(), f"answer for {item}") / 100
        else:
            value = to_decimal(answer, f"answer for {item}")
        if value < 0:
            raise InvalidInputError(f"answer {answer!r} for {item} must not be negative")
        return min(value, _ONE)
    table = book.scoring.get(answer_type)
    if table is None:
        raise UnknownCodeError("answer type", answer_type, ANSWER_TYPES)
    key = answer.strip().lower() if isinstance(answer, str) else answer
    if isinstance(key, bool) and answer_type == "ya/tidak":
        key = "ya" if key else "tidak"
    if isinstance(key, str):
        key = _ALIASES.get(key, key) if answer_type == "ya/tidak" else key
    if not isinstance(key, str) or key not in table:
        options = ", ".join(k.capitalize() if len(k) > 1 else k.upper() for k in table)
        raise InvalidInputError(
            f"answer {answer!r} for {item} must be one of {options}",
            message_id=f"jawaban {answer!r} untuk {item} harus salah satu dari {options}",
        )
    return table[key]


def percent_from_counts(item: Item, counts: Mapping[str, object]) -> Decimal | None:
    """The fraction (0–1) a percent item's count rows give, or None when they cannot give one.

    ``counts`` maps count codes (any case; ``PW.R.3.a.5``) to whole numbers ≥ 0; blank (None)
    rows are left out. Ratio: part / whole, a blank whole being the sum of the "adds" rows; a
    whole of 0 gives None (nothing to measure). Decrease: (before − after) / before, floored at 0;
    before 0 gives 1 when after is 0 too (no breach either year) and 0 otherwise. Capped at 1.
    """
    if item.formula is None:
        raise InvalidInputError(f"{item.code} has no count rows")
    given = {str(k).strip().upper(): v for k, v in counts.items() if v not in (None, "")}
    values: dict[str, list[Decimal]] = {}
    for c in item.counts:
        raw = given.get(c.code.upper())
        if raw is None:
            continue
        value = to_decimal(raw, f"jumlah {c.code}")
        if value < 0 or value != value.to_integral_value():
            raise InvalidInputError(
                f"count {raw!r} for {c.code} must be a whole number ≥ 0",
                message_id=f"jumlah {raw!r} untuk {c.code} harus bilangan bulat ≥ 0",
            )
        values.setdefault(c.role, []).append(value)

    def one(role: str) -> Decimal | None:
        got = values.get(role)
        return got[0] if got else None

    if item.formula == "decrease":
        before, after = one("before"), one("after")
        if before is None or after is None:
            return None
        if before == 0:
            return _ONE if after == 0 else _ZERO
        return min(max((before - after) / before, _ZERO), _ONE)
    part, whole = one("part"), one("whole")
    if whole is None and "adds" in values:
        whole = sum(values["adds"], _ZERO)
    if part is None or whole is None or whole == 0:
        return None
    return min(part / whole, _ONE)


@dataclass(frozen=True, slots=True)
class SubComponentScore(ResultMixin):
    code: str
    name: str
    name_en: str
    component: str
    weight: float
    fraction: float
    value: float
    answered: int
    items: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class AreaScore(ResultMixin):
    code: str
    name: str
    name_en: str
    weight: float
    pemenuhan: float
    reform: float
    total: float
    percent: float


@dataclass(frozen=True, slots=True)
class Shortfall(ResultMixin):
    rule: str
    actual: float
    required: float
    missing: float
    message: str
    message_en: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class ZiVerdict(ResultMixin):
    target: str
    passed: bool
    confidence: str
    shortfalls: tuple[Shortfall, ...]


@dataclass(frozen=True, slots=True)
class ZiResult(ResultMixin):
    scheme: str
    version: str
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    total: float
    pengungkit: float
    pemenuhan: float
    reform: float
    hasil: float
    birokrasi_bersih: float
    pelayanan_prima: float
    capaian_kinerja: float
    ipak: float
    ipkp: float
    breakdown: Mapping[str, AreaScore]
    subcomponents: Mapping[str, SubComponentScore]
    unanswered: tuple[str, ...]
    wbk: ZiVerdict
    wbbm: ZiVerdict


def _hasil_input(
    value: object, name: str, top: Decimal, scale: SurveyScale, book: ZiRulebook
) -> Decimal:
    number = to_decimal(value, name)
    if scale == "index":
        lo, hi = book.hasil["survey_index_min"], book.hasil["survey_index_max"]
        if not lo <= number <= hi:
            raise ScoreOutOfRangeError(f"zi {name} (survey index)", value, lo, hi)
        return number / hi * top
    if not 0 <= number <= top:
        raise ScoreOutOfRangeError(f"zi {name}", value, 0, top)
    return number


def _verdict(
    th: Thresholds,
    values: Mapping[str, Decimal],
    areas: Mapping[str, tuple[Area, Decimal]],
) -> ZiVerdict:
    labels = {
        "total": ("Nilai total", "Total score"),
        "pengungkit": ("Total pengungkit", "Total enablers"),
        "birokrasi_bersih": ("Birokrasi bersih dan akuntabel", "Clean and accountable bureaucracy"),
        "ipak": ("Nilai IPAK", "IPAK value"),
        "capaian_kinerja": ("Capaian kinerja", "Performance results"),
        "pelayanan_prima": ("Pelayanan publik prima", "Excellent public service"),
        "ipkp": ("Nilai IPKP", "IPKP value"),
    }
    out: list[Shortfall] = []

    def check(rule: str, actual: Decimal, need: Decimal, what: str, what_en: str) -> None:
        if actual < need:
            gap = need - actual
            out.append(
                Shortfall(
                    rule=rule,
                    actual=float(actual),
                    required=float(need),
                    missing=float(gap),
                    message=f"{what} {fmt(actual, 2)} < {fmt(need, 2)} (kurang {fmt(gap, 2)})",
                    message_en=f"{what_en} {fmt(actual, 2)} < {fmt(need, 2)} ({fmt(gap, 2)} short)",
                )
            )

    for key in ("total", "pengungkit"):
        need = getattr(th, key)
        if need is not None:
            check(key, values[key], need, *labels[key])
    if th.area_pct is not None:
        for code, (area, value) in areas.items():
            need = quantize(area.weight * th.area_pct / 100, 2)
            pct = f"{th.area_pct.normalize():f}%"
            check(
                f"area:{code}",
                value,
                need,
                f"Area {area.name} ({pct} dari {fmt(area.weight, 2)})",
                f"Area {area.name_en} ({pct} of {fmt(area.weight, 2)})",
            )
    for key in ("birokrasi_bersih", "ipak", "capaian_kinerja", "pelayanan_prima", "ipkp"):
        need = getattr(th, key)
        if need is not None:
            check(key, values[key], need, *labels[key])
    return ZiVerdict(
        target=th.label, passed=not out, confidence=th.confidence, shortfalls=tuple(out)
    )


def _override(base: Thresholds, override: Mapping[str, float] | None) -> Thresholds:
    if override is None:
        return base
    values: dict[str, Decimal | None] = {k: getattr(base, k) for k in THRESHOLD_KEYS}
    for key, value in override.items():
        if key not in THRESHOLD_KEYS:
            raise UnknownCodeError("ZI threshold", key, THRESHOLD_KEYS)
        values[key] = None if value is None else to_decimal(value, key)
    return Thresholds(label=base.label, confidence=base.confidence, **values)


def compute(
    answers: Mapping[str, str | float],
    *,
    ipak: float,
    ipkp: float,
    capaian_kinerja: float,
    survey_scale: SurveyScale = "lke",
    year: int | None = None,
    wbk_thresholds: Mapping[str, float] | None = None,
    wbbm_thresholds: Mapping[str, float] | None = None,
) -> ZiResult:
    """LKE score and WBK/WBBM verdicts from item answers and the hasil values.

    ``answers`` may also hold count rows (``PW.R.3.a.5``); they make a percent item's answer
    when the item itself is not answered (:func:`percent_from_counts`).
    """
    if survey_scale not in ("lke", "index"):
        raise InvalidInputError(f"survey_scale must be 'lke' or 'index', not {survey_scale!r}")
    book = RULEBOOKS.select(year)
    items = {i.code: i for i in book.items}
    lookup = {c.upper(): c for c in items}
    count_items = {c.code.upper(): items[c.item] for c in book.counts}
    fractions: dict[str, Decimal] = {}
    counted: dict[str, dict[str, object]] = {}
    for key, answer in answers.items():
        upper = str(key).strip().upper()
        if upper in count_items:
            counted.setdefault(count_items[upper].code, {})[upper] = answer
            continue
        code = lookup.get(upper)
        if code is None:
            raise UnknownCodeError("LKE item", key)
        if answer is None:
            continue
        fractions[code] = score_answer(items[code].answer_type, answer, item=code, year=year)
    for code, counts in counted.items():
        from_counts = percent_from_counts(items[code], counts)
        if code not in fractions and from_counts is not None:
            fractions[code] = from_counts
    unanswered = tuple(c for c in items if c not in fractions)

    sub_scores: dict[str, SubComponentScore] = {}
    sub_values: dict[str, Decimal] = {}
    for s in book.subcomponents:
        got = [fractions.get(i.code, _ZERO) for i in s.items]
        mean = sum(got, _ZERO) / len(got)
        sub_values[s.code] = mean * s.weight
        sub_scores[s.code] = SubComponentScore(
            code=s.code,
            name=s.name,
            name_en=s.name_en,
            component=s.component,
            weight=float(s.weight),
            fraction=float(mean),
            value=float(quantize(mean * s.weight, 2)),
            answered=sum(i.code in fractions for i in s.items),
            items={
                i.code: float(fractions[i.code]) if i.code in fractions else None for i in s.items
            },
        )

    def part(area: str, comp: str) -> Decimal:
        return sum(
            (sub_values[s.code] for s in book.subcomponents
             if s.area_code == area and s.component == comp),
            _ZERO,
        )  # fmt: skip

    area_scores: dict[str, AreaScore] = {}
    area_values: dict[str, tuple[Area, Decimal]] = {}
    pemenuhan = reform = _ZERO
    for a in book.areas:
        p, r = part(a.code, "pemenuhan"), part(a.code, "reform")
        pemenuhan += p
        reform += r
        total_a = quantize(p + r, 2)
        area_values[a.code] = (a, total_a)
        area_scores[a.code] = AreaScore(
            code=a.code,
            name=a.name,
            name_en=a.name_en,
            weight=float(a.weight),
            pemenuhan=float(quantize(p, 2)),
            reform=float(quantize(r, 2)),
            total=float(total_a),
            percent=float(quantize((p + r) / a.weight * 100, 2)),
        )
    h = book.hasil
    ipak_v = _hasil_input(ipak, "ipak", h["ipak"], survey_scale, book)
    ipkp_v = _hasil_input(ipkp, "ipkp", h["ipkp"], survey_scale, book)
    capaian_v = _hasil_input(capaian_kinerja, "capaian_kinerja", h["capaian_kinerja"], "lke", book)
    values = {
        "pengungkit": quantize(pemenuhan + reform, 2),
        "pemenuhan": quantize(pemenuhan, 2),
        "reform": quantize(reform, 2),
        "ipak": quantize(ipak_v, 2),
        "ipkp": quantize(ipkp_v, 2),
        "capaian_kinerja": quantize(capaian_v, 2),
        "birokrasi_bersih": quantize(capaian_v + ipak_v, 2),
        "pelayanan_prima": quantize(ipkp_v, 2),
        "hasil": quantize(capaian_v + ipak_v + ipkp_v, 2),
        "total": quantize(pemenuhan + reform + capaian_v + ipak_v + ipkp_v, 2),
    }
    wbk = _verdict(_override(book.wbk, wbk_thresholds), values, area_values)
    wbbm = _verdict(_override(book.wbbm, wbbm_thresholds), values, area_values)
    if wbbm.passed and wbk.passed:
        category, label, label_en, conf = (
            "WBBM",
            "Memenuhi syarat WBBM",
            "Meets WBBM",
            wbbm.confidence,
        )
    elif wbk.passed:
        category, label, label_en, conf = "WBK", "Memenuhi syarat WBK", "Meets WBK", wbk.confidence
    else:
        category, label, label_en = "-", "Belum memenuhi syarat WBK", "Does not yet meet WBK"
        conf = wbk.confidence
    total = fmt(values["total"], 2)
    nxt = wbk if not wbk.passed else wbbm if not wbbm.passed else None
    if nxt is None:
        tail_id = tail_en = ""
    else:
        tail_id = f"; untuk {nxt.target}: " + "; ".join(s.message for s in nxt.shortfalls)
        tail_en = f"; for {nxt.target}: " + "; ".join(s.message_en for s in nxt.shortfalls)
    return ZiResult(
        scheme="zi",
        version=book.meta.version,
        score=float(values["total"]),
        category=category,
        label=label,
        label_en=label_en,
        confidence=conf,
        explanation=f"Nilai LKE {total}: {label}{tail_id}",
        explanation_en=f"LKE score {total}: {label_en}{tail_en}",
        total=float(values["total"]),
        pengungkit=float(values["pengungkit"]),
        pemenuhan=float(values["pemenuhan"]),
        reform=float(values["reform"]),
        hasil=float(values["hasil"]),
        birokrasi_bersih=float(values["birokrasi_bersih"]),
        pelayanan_prima=float(values["pelayanan_prima"]),
        capaian_kinerja=float(values["capaian_kinerja"]),
        ipak=float(values["ipak"]),
        ipkp=float(values["ipkp"]),
        breakdown=area_scores,
        subcomponents=sub_scores,
        unanswered=unanswered,
        wbk=wbk,
        wbbm=wbbm,
    )


__all__ = [
    "ANSWER_TYPES",
    "AREAS",
    "ITEMS",
    "RULEBOOKS",
    "SUBCOMPONENTS",
    "Area",
    "AreaScore",
    "COUNT_ROLES",
    "Count",
    "Item",
    "Shortfall",
    "SubComponent",
    "SubComponentScore",
    "Thresholds",
    "ZiResult",
    "ZiRulebook",
    "ZiVerdict",
    "compute",
    "percent_from_counts",
    "score_answer",
]
