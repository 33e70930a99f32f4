"""Indeks BerAKHLAK: core values, behaviours, health categories and reference indices.

The official per-value formula is proprietary (ACT, Barrett-style, vote based), so two
reference implementations are offered:

* :func:`implementasi_indices` — vote ballots. Each respondent picks behaviours for
  personal values (``pv``), current culture (``cc``) and desired culture (``dc``). The
  index of a value is the share of respondents whose ``cc`` ballot holds at least one of
  its behaviours; entropy is the share of ``cc`` votes that went to limiting behaviours.
* :func:`likert_indices` — 1–5 answers per behaviour; index = 100 × (mean − 1) / 4.

The overall index is the mean of the seven value indices (checked against the national
2022 figures). Categories apply to an index rounded half-up to one decimal, as
KemenPANRB publishes them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sikap.rules._numbers import to_decimal
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    BallotError,
    InvalidInputError,
    MissingInputError,
    NoDataError,
    RulebookDataError,
    ScoreOutOfRangeError,
    UnknownCodeError,
)
from sikap.rules.grading import BandTable, Grade, ResultMixin, parse_bands
from sikap.rules.versions import Table, VersionMeta, VersionSet

BALLOTS = ("pv", "cc", "dc")
TOP_N = 10


@dataclass(frozen=True, slots=True)
class CoreValue:
    code: str
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Behaviour:
    code: str
    value_code: str
    text: str
    text_en: str


@dataclass(frozen=True, slots=True)
class LimitingBehaviour:
    code: str
    text: str
    text_en: str


@dataclass(frozen=True, slots=True)
class BerakhlakRulebook:
    meta: VersionMeta
    values: tuple[CoreValue, ...]
    behaviours: tuple[Behaviour, ...]
    limiting: tuple[LimitingBehaviour, ...]
    limiting_confidence: str
    likert_min: int
    likert_max: int
    bands: BandTable


def _pair(item: object, where: str, size: int) -> list[str]:
    if not isinstance(item, list) or len(item) != size or not all(isinstance(s, str) for s in item):
        raise RulebookDataError(f"{where}: expected {size} strings")
    return [str(s) for s in item]


def _parse(doc: Table, meta: VersionMeta) -> BerakhlakRulebook:
    values: list[CoreValue] = []
    behaviours: list[Behaviour] = []
    for v in doc.tables("values"):
        code = v.text("code")
        values.append(CoreValue(code=code, name=v.text("name"), name_en=v.text("name_en")))
        raw = v.data.get("behaviours")
        if not isinstance(raw, list) or not raw:
            raise RulebookDataError(f"{v.where}: behaviours must be a non-empty array")
        for i, item in enumerate(raw, start=1):
            text, text_en = _pair(item, f"{v.where}.behaviours[{i}]", 2)
            behaviours.append(Behaviour(f"{code}{i}", code, text, text_en))
    lim = doc.table("limiting")
    raw_lim = lim.data.get("behaviours")
    if not isinstance(raw_lim, list):
        raise RulebookDataError(f"{lim.where}: behaviours must be an array")
    limiting = [
        LimitingBehaviour(*_pair(item, f"{lim.where}.behaviours[{i}]", 3))
        for i, item in enumerate(raw_lim)
    ]
    codes = [b.code for b in behaviours] + [b.code for b in limiting]
    if len(set(codes)) != len(codes):
        raise RulebookDataError(f"{doc.where}: behaviour codes must be unique")
    return BerakhlakRulebook(
        meta=meta,
        values=tuple(values),
        behaviours=tuple(behaviours),
        limiting=tuple(limiting),
        limiting_confidence=lim.confidence(),
        likert_min=doc.integer("likert_min"),
        likert_max=doc.integer("likert_max"),
        bands=parse_bands(doc, "berakhlak", meta.version, meta.confidence),
    )


RULEBOOKS: VersionSet[BerakhlakRulebook] = VersionSet("berakhlak", _parse)
_CURRENT = RULEBOOKS.select()
VALUES: tuple[CoreValue, ...] = _CURRENT.values
VALUE_CODES: tuple[str, ...] = tuple(v.code for v in VALUES)
BEHAVIOURS: tuple[Behaviour, ...] = _CURRENT.behaviours
DEFAULT_LIMITING: tuple[LimitingBehaviour, ...] = _CURRENT.limiting


def grade(index: float, *, year: int | None = None) -> Grade:
    """Health category (A Sehat … D Sangat Tidak Sehat) of a value or overall index."""
    return RULEBOOKS.select(year).bands.grade(index, what="BerAKHLAK index")


def band_labels(*, year: int | None = None) -> dict[str, tuple[str, str]]:
    """Rulebook label of each health category: ``{"B": ("Cukup Sehat", "Fairly healthy")}``."""
    return {b.category: (b.label, b.label_en) for b in RULEBOOKS.select(year).bands.bands}


def overall(values: Mapping[str, float]) -> float:
    """Mean of the seven value indices (keys are value codes BP, AK, KO, HA, LO, AD, KL)."""
    given: dict[str, Decimal] = {}
    for key, value in values.items():
        code = str(key).upper()
        if code not in VALUE_CODES:
            raise UnknownCodeError("BerAKHLAK value", key, VALUE_CODES)
        number = to_decimal(value, f"index of {code}")
        if not 0 <= number <= 100:
            raise ScoreOutOfRangeError("berakhlak", value, 0, 100)
        given[code] = number
    missing = [c for c in VALUE_CODES if c not in given]
    if missing:
        raise MissingInputError("BerAKHLAK value", missing)
    return float(sum(given.values(), Decimal(0)) / len(VALUE_CODES))


def validate_ballot(
    codes: Iterable[str], k: int, allowed: Collection[str] | None = None
) -> frozenset[str]:
    """Check that a ballot holds exactly ``k`` distinct codes, all in ``allowed``."""
    items = list(codes)
    known = allowed if allowed is not None else _catalogue(_CURRENT, None)
    unknown = sorted({c for c in items if c not in known})
    if unknown:
        raise BallotError(
            f"unknown behaviour code(s): {', '.join(map(str, unknown))}",
            message_id=f"kode perilaku tidak dikenal: {', '.join(map(str, unknown))}",
        )
    dupes = sorted({c for c in items if items.count(c) > 1})
    if dupes:
        raise BallotError(
            f"a code may be chosen only once: {', '.join(dupes)}",
            message_id=f"kode hanya boleh dipilih sekali: {', '.join(dupes)}",
        )
    if len(items) != k:
        raise BallotError(
            f"a ballot must hold exactly {k} behaviours, not {len(items)}",
            message_id=f"pilihan harus tepat {k} perilaku, bukan {len(items)}",
        )
    return frozenset(items)


@dataclass(frozen=True, slots=True)
class Ballots:
    """One respondent's three ballots: personal values, current and desired culture."""

    pv: Collection[str]
    cc: Collection[str]
    dc: Collection[str]


@dataclass(frozen=True, slots=True)
class ValueIndex(ResultMixin):
    code: str
    name: str
    name_en: str
    index: float | None
    n: int
    category: str | None
    label: str | None
    label_en: str | None


@dataclass(frozen=True, slots=True)
class Gap(ResultMixin):
    code: str
    cc_share: float
    dc_share: float
    gap: float


@dataclass(frozen=True, slots=True)
class ImplementasiResult(ResultMixin):
    scheme: str
    version: str
    n: int
    overall: float
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    breakdown: Mapping[str, ValueIndex]
    entropy: float | None
    energi_positif: float | None
    shares: Mapping[str, Mapping[str, float]]
    top10: Mapping[str, tuple[str, ...]]
    pv_cc_matches: tuple[str, ...]
    cc_dc_matches: tuple[str, ...]
    gaps: tuple[Gap, ...]
    grade: Grade

    @property
    def values(self) -> dict[str, float | None]:
        return {code: v.index for code, v in self.breakdown.items()}


@dataclass(frozen=True, slots=True)
class LikertResult(ResultMixin):
    scheme: str
    version: str
    n: int
    overall: float
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    complete: bool
    missing: tuple[str, ...]
    breakdown: Mapping[str, ValueIndex]
    grade: Grade

    @property
    def values(self) -> dict[str, float | None]:
        return {code: v.index for code, v in self.breakdown.items()}


def _catalogue(
    book: BerakhlakRulebook, limiting: Sequence[LimitingBehaviour] | None
) -> tuple[str, ...]:
    lim = book.limiting if limiting is None else tuple(limiting)
    return tuple(b.code for b in book.behaviours) + tuple(b.code for b in lim)


def _value_index(book: BerakhlakRulebook, code: str, index: Fraction | None, n: int) -> ValueIndex:
    value = next(v for v in book.values if v.code == code)
    g = None if index is None else book.bands.grade(index, what=f"index of {code}")
    return ValueIndex(
        code=code,
        name=value.name,
        name_en=value.name_en,
        index=None if index is None else float(index),
        n=n,
        category=None if g is None else g.category,
        label=None if g is None else g.label,
        label_en=None if g is None else g.label_en,
    )


def _ballot_sets(item: Ballots | Mapping[str, Collection[str]], i: int) -> dict[str, list[str]]:
    if isinstance(item, Ballots):
        return {"pv": list(item.pv), "cc": list(item.cc), "dc": list(item.dc)}
    if isinstance(item, Mapping):
        return {b: list(item.get(b, ())) for b in BALLOTS}
    raise InvalidInputError(f"respondent {i} must be Ballots or a mapping with pv, cc, dc")


def _top(counts: Mapping[str, int], order: Sequence[str]) -> tuple[str, ...]:
    ranked = sorted((c for c in order if counts[c] > 0), key=lambda c: -counts[c])
    return tuple(ranked[:TOP_N])


def implementasi_indices(
    ballots: Sequence[Ballots | Mapping[str, Collection[str]]],
    *,
    k: int | None = None,
    limiting: Sequence[LimitingBehaviour] | None = None,
    year: int | None = None,
) -> ImplementasiResult:
    """Reference vote-based indices; ``k`` (if given) checks each ballot's size."""
    book = RULEBOOKS.select(year)
    order = _catalogue(book, limiting)
    limiting_codes = set(order[len(book.behaviours) :])
    by_value = {
        v.code: {b.code for b in book.behaviours if b.value_code == v.code} for v in book.values
    }
    counts = {b: dict.fromkeys(order, 0) for b in BALLOTS}
    holders = dict.fromkeys(by_value, 0)
    n = 0
    for i, item in enumerate(ballots):
        sets = _ballot_sets(item, i)
        n += 1
        for b in BALLOTS:
            chosen = (
                validate_ballot(sets[b], k, order)
                if k is not None
                else validate_ballot(sets[b], len(set(sets[b])), order)
            )
            for code in chosen:
                counts[b][code] += 1
        cc = set(sets["cc"])
        for value_code, codes in by_value.items():
            holders[value_code] += bool(cc & codes)
    if n == 0:
        raise NoDataError("no ballots to compute from", message_id="belum ada isian survei")
    indices = {c: Fraction(100 * holders[c], n) for c in by_value}
    breakdown = {c: _value_index(book, c, indices[c], holders[c]) for c in by_value}
    mean = sum(indices.values(), Fraction(0)) / len(indices)
    g = book.bands.grade(mean)
    cc_votes = sum(counts["cc"].values())
    entropy = (
        None
        if cc_votes == 0
        else Fraction(100 * sum(counts["cc"][c] for c in limiting_codes), cc_votes)
    )
    shares = {b: {c: float(Fraction(100 * counts[b][c], n)) for c in order} for b in BALLOTS}
    top10 = {b: _top(counts[b], order) for b in BALLOTS}
    gaps = sorted(
        (c for c in order if counts["dc"][c] > counts["cc"][c]),
        key=lambda c: -(counts["dc"][c] - counts["cc"][c]),
    )[:TOP_N]
    ent_text = "" if entropy is None else f"; entropi {float(entropy):.1f}%"
    return ImplementasiResult(
        scheme="berakhlak",
        version=book.meta.version,
        n=n,
        overall=float(mean),
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        confidence="low",  # the vote-to-index formula is a reference, not the official one
        explanation=f"Indeks BerAKHLAK {g.explanation} (n = {n}){ent_text}",
        explanation_en=f"BerAKHLAK index {g.explanation_en} (n = {n})"
        + ("" if entropy is None else f"; entropy {float(entropy):.1f}%"),
        breakdown=breakdown,
        entropy=None if entropy is None else float(entropy),
        energi_positif=None if entropy is None else positive_energy(float(entropy)),
        shares=shares,
        top10=top10,
        pv_cc_matches=tuple(c for c in top10["pv"] if c in top10["cc"]),
        cc_dc_matches=tuple(c for c in top10["cc"] if c in top10["dc"]),
        gaps=tuple(
            Gap(
                code=c,
                cc_share=shares["cc"][c],
                dc_share=shares["dc"][c],
                gap=float(Fraction(100 * (counts["dc"][c] - counts["cc"][c]), n)),
            )
            for c in gaps
        ),
        grade=g,
    )


def positive_energy(entropy: float) -> float:
    """Energi positif: the share of current-culture votes not spent on limiting behaviours."""
    return 100 - entropy


def likert_scale(*, year: int | None = None) -> tuple[int, int]:
    """The Likert answer scale (lowest, highest) of the year's rulebook."""
    book = RULEBOOKS.select(year)
    return book.likert_min, book.likert_max


def likert_index(
    mean: float, *, year: int | None = None, scale: tuple[int, int] | None = None
) -> float:
    """A value's index from the mean of its answers: 100 x (mean - lowest) / (highest - lowest).

    `scale` is `likert_scale(year=…)` looked up once by a caller that converts many means.
    """
    low, high = likert_scale(year=year) if scale is None else scale
    return 100 * (mean - low) / (high - low)


def likert_indices(
    answers: Sequence[Mapping[str, int | None]], *, year: int | None = None
) -> LikertResult:
    """Reference Likert indices: behaviour codes (BP1 … KL3) answered 1–5.

    A value nobody answered has no index; the overall index is then the mean of the
    values that have one, flagged ``complete=False``.
    """
    book = RULEBOOKS.select(year)
    lookup = {b.code: b for b in book.behaviours}
    sums = {v.code: 0 for v in book.values}
    counts = {v.code: 0 for v in book.values}
    n = 0
    for i, response in enumerate(answers):
        if not isinstance(response, Mapping):
            raise InvalidInputError(f"response {i} must be a mapping of behaviour code to answer")
        answered = False
        for key, value in response.items():
            behaviour = lookup.get(str(key).upper())
            if behaviour is None:
                raise UnknownCodeError("behaviour", key, tuple(lookup))
            if value is None:
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not book.likert_min <= value <= book.likert_max
            ):
                raise AnswerOutOfScaleError(behaviour.code, value, book.likert_min, book.likert_max)
            sums[behaviour.value_code] += value
            counts[behaviour.value_code] += 1
            answered = True
        n += answered
    if n == 0:
        raise NoDataError("no respondent answered any item", message_id="belum ada jawaban")
    span = book.likert_max - book.likert_min
    indices: dict[str, Fraction | None] = {
        c: None if counts[c] == 0 else 100 * (Fraction(sums[c], counts[c]) - book.likert_min) / span
        for c in sums
    }
    present = [x for x in indices.values() if x is not None]
    missing = tuple(c for c, x in indices.items() if x is None)
    mean = sum(present, Fraction(0)) / len(present)
    g = book.bands.grade(mean)
    return LikertResult(
        scheme="berakhlak",
        version=book.meta.version,
        n=n,
        overall=float(mean),
        score=g.score,
        category=g.category,
        label=g.label,
        label_en=g.label_en,
        confidence="low",
        explanation=f"Indeks BerAKHLAK {g.explanation} (n = {n})",
        explanation_en=f"BerAKHLAK index {g.explanation_en} (n = {n})",
        complete=not missing,
        missing=missing,
        breakdown={c: _value_index(book, c, indices[c], counts[c]) for c in indices},
        grade=g,
    )


__all__ = [
    "BEHAVIOURS",
    "DEFAULT_LIMITING",
    "RULEBOOKS",
    "VALUES",
    "VALUE_CODES",
    "Ballots",
    "Behaviour",
    "BerakhlakRulebook",
    "CoreValue",
    "Gap",
    "ImplementasiResult",
    "LikertResult",
    "LimitingBehaviour",
    "ValueIndex",
    "grade",
    "implementasi_indices",
    "likert_index",
    "likert_indices",
    "likert_scale",
    "overall",
    "validate_ballot",
]
