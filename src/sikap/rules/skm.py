"""Survei Kepuasan Masyarakat / Indeks Kepuasan Masyarakat (PermenPANRB 14/2017).

NRR of an unsur = sum of its answers ÷ the respondents who answered it; IKM = Σ NRR × 1/9
(or × 0.111 in the ``"0.111"`` variant some units use); IKM unit = IKM × 25, rounded
half-up to two decimals before it is banded, so 88.31 is A and 88.30 is B.

An unsur nobody answered is left out and the equal weights are spread over the unsur
that were answered (1/k instead of 1/9; 0.999/k in the ``"0.111"`` variant); the result
is then flagged ``complete=False`` and lists the ``missing`` unsur.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from sikap.rules._numbers import check_int, quantize, to_decimal
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    InvalidInputError,
    NoDataError,
    RulebookDataError,
    UnknownCodeError,
)
from sikap.rules.grading import BandTable, Grade, ResultMixin, parse_bands
from sikap.rules.versions import Table, VersionMeta, VersionSet

Weighting = Literal["exact", "0.111"]


@dataclass(frozen=True, slots=True)
class Unsur:
    code: str
    name: str
    name_en: str
    question: str
    question_en: str
    answers: tuple[str, ...]
    answers_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkmRulebook:
    meta: VersionMeta
    unsur: tuple[Unsur, ...]
    scale_min: int
    scale_max: int
    conversion: int
    rounded_weight: Fraction
    bands: BandTable


def _parse(doc: Table, meta: VersionMeta) -> SkmRulebook:
    unsur: list[Unsur] = []
    lo, hi = doc.integer("scale_min"), doc.integer("scale_max")
    for u in doc.tables("unsur"):
        answers, answers_en = u.strs("answers"), u.strs("answers_en")
        if len(answers) != hi - lo + 1 or len(answers_en) != len(answers):
            raise RulebookDataError(f"{u.where}: one answer label per scale point is needed")
        unsur.append(
            Unsur(
                code=u.text("code"),
                name=u.text("name"),
                name_en=u.text("name_en"),
                question=u.text("question"),
                question_en=u.text("question_en"),
                answers=tuple(answers),
                answers_en=tuple(answers_en),
            )
        )
    if len({u.code for u in unsur}) != len(unsur):
        raise RulebookDataError(f"{doc.where}: unsur codes must be unique")
    return SkmRulebook(
        meta=meta,
        unsur=tuple(unsur),
        scale_min=lo,
        scale_max=hi,
        conversion=doc.integer("conversion"),
        rounded_weight=Fraction(doc.number("rounded_weight")),
        bands=parse_bands(doc, "skm", meta.version, meta.confidence),
    )


RULEBOOKS: VersionSet[SkmRulebook] = VersionSet("skm", _parse)
UNSUR: tuple[Unsur, ...] = RULEBOOKS.select().unsur
UNSUR_CODES: tuple[str, ...] = tuple(u.code for u in UNSUR)


@dataclass(frozen=True, slots=True)
class UnsurResult(ResultMixin):
    code: str
    name: str
    name_en: str
    answered: int
    total: int
    nrr: float | None
    weight: float
    weighted: float


@dataclass(frozen=True, slots=True)
class IkmResult(ResultMixin):
    scheme: str
    version: str
    n: int
    ikm: float
    ikm_converted: float
    score: float
    category: str
    label: str
    label_en: str
    confidence: str
    explanation: str
    explanation_en: str
    weighting: str
    complete: bool
    missing: tuple[str, ...]
    weakest: tuple[str, ...]
    breakdown: Mapping[str, UnsurResult]
    grade: Grade

    @property
    def mutu(self) -> str:
        return self.category

    @property
    def kinerja(self) -> str:
        return self.label

    @property
    def nrr(self) -> dict[str, float | None]:
        return {code: u.nrr for code, u in self.breakdown.items()}


def _answer(code: str, value: object, book: SkmRulebook) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerOutOfScaleError(code, value, book.scale_min, book.scale_max)
    if not book.scale_min <= value <= book.scale_max:
        raise AnswerOutOfScaleError(code, value, book.scale_min, book.scale_max)
    return value


def compute(
    responses: Sequence[Mapping[str, int | None]],
    *,
    weighting: Weighting = "exact",
    year: int | None = None,
) -> IkmResult:
    """IKM of a service unit from respondents' answers (``{"U1": 4, "U2": 3, …}``)."""
    book = RULEBOOKS.select(year)
    codes = [u.code for u in book.unsur]
    lookup = {c.upper(): c for c in codes}
    sums = dict.fromkeys(codes, 0)
    counts = dict.fromkeys(codes, 0)
    n = 0
    for i, response in enumerate(responses):
        if not isinstance(response, Mapping):
            raise InvalidInputError(f"response {i} must be a mapping of unsur code to answer")
        answered = False
        for key, value in response.items():
            code = lookup.get(str(key).upper())
            if code is None:
                raise UnknownCodeError("unsur", key, codes)
            answer = _answer(code, value, book)
            if answer is not None:
                sums[code] += answer
                counts[code] += 1
                answered = True
        n += answered
    return compute_totals(n, sums, counts, weighting=weighting, year=year)


def compute_totals(
    n: int,
    sums: Mapping[str, int],
    counts: Mapping[str, int],
    *,
    weighting: Weighting = "exact",
    year: int | None = None,
) -> IkmResult:
    """IKM from per-unsur sums and answered counts (what a results snapshot keeps).

    ``n`` is the number of respondents who answered at least one unsur; an unsur with a count
    of 0 is left out and the weights are spread over the answered ones.
    """
    if weighting not in ("exact", "0.111"):
        raise InvalidInputError(f"weighting must be 'exact' or '0.111', not {weighting!r}")
    book = RULEBOOKS.select(year)
    codes = [u.code for u in book.unsur]
    unknown = [c for c in (*sums, *counts) if c not in codes]
    if unknown:
        raise UnknownCodeError("unsur", unknown[0], codes)
    sums = {c: check_int(sums.get(c, 0), f"sum of {c}") for c in codes}
    counts = {c: check_int(counts.get(c, 0), f"count of {c}") for c in codes}
    n = check_int(n, "n")
    if n < max(counts.values(), default=0):
        raise InvalidInputError(f"n = {n} is smaller than an unsur's answered count")
    for c in codes:
        if counts[c] < 0 or not book.scale_min * counts[c] <= sums[c] <= book.scale_max * counts[c]:
            raise InvalidInputError(f"sum {sums[c]} of {c} does not fit {counts[c]} answers")
    if n == 0:
        raise NoDataError(
            "no respondent answered any unsur", message_id="belum ada responden yang menjawab"
        )
    answered_codes = [c for c in codes if counts[c]]
    missing = tuple(c for c in codes if not counts[c])
    k = len(answered_codes)
    total_weight = Fraction(1) if weighting == "exact" else book.rounded_weight * len(codes)
    weight = total_weight / k
    nrr = {c: Fraction(sums[c], counts[c]) for c in answered_codes}
    ikm = sum((nrr[c] * weight for c in answered_codes), Fraction(0))
    converted = ikm * book.conversion
    # The variant's total weight of 0.999 can take an all-1 IKM just under 25.
    grade = book.bands.grade(converted, check_range=False)
    low = min(nrr.values())
    weakest = tuple(c for c in answered_codes if nrr[c] == low)
    names = {u.code: u for u in book.unsur}
    breakdown = {
        u.code: UnsurResult(
            code=u.code,
            name=u.name,
            name_en=u.name_en,
            answered=counts[u.code],
            total=sums[u.code],
            nrr=float(nrr[u.code]) if u.code in nrr else None,
            weight=float(weight) if u.code in nrr else 0.0,
            weighted=float(nrr[u.code] * weight) if u.code in nrr else 0.0,
        )
        for u in book.unsur
    }
    weak_id = ", ".join(f"{c} {names[c].name} (NRR {quantize(low, 2)})" for c in weakest)
    weak_en = ", ".join(f"{c} {names[c].name_en} (NRR {quantize(low, 2)})" for c in weakest)
    note_id = f"; unsur tanpa jawaban: {', '.join(missing)}" if missing else ""
    note_en = f"; unanswered unsur: {', '.join(missing)}" if missing else ""
    return IkmResult(
        scheme="skm",
        version=book.meta.version,
        n=n,
        ikm=float(ikm),
        ikm_converted=grade.score,
        score=grade.score,
        category=grade.category,
        label=grade.label,
        label_en=grade.label_en,
        confidence=grade.confidence,
        explanation=f"IKM {grade.explanation} (n = {n}); unsur terlemah: {weak_id}{note_id}",
        explanation_en=f"IKM {grade.explanation_en} (n = {n}); weakest unsur: {weak_en}{note_en}",
        weighting=weighting,
        complete=not missing,
        missing=missing,
        weakest=weakest,
        breakdown=breakdown,
        grade=grade,
    )


def grade(ikm_converted: float, year: int | None = None) -> Grade:
    """Mutu (A–D) and kinerja unit of an IKM on the 25–100 scale."""
    return RULEBOOKS.select(year).bands.grade(ikm_converted, what="IKM")


def grade_ikm(ikm: float, *, year: int | None = None) -> Grade:
    """Grade an IKM on the 1–4 scale (converted × 25 first)."""
    book = RULEBOOKS.select(year)
    value = to_decimal(ikm, "IKM") * book.conversion
    return book.bands.grade(value, what="IKM")


__all__ = [
    "RULEBOOKS",
    "UNSUR",
    "UNSUR_CODES",
    "IkmResult",
    "SkmRulebook",
    "Unsur",
    "UnsurResult",
    "compute",
    "grade",
    "grade_ikm",
]
