"""Survei Persepsi Anti Korupsi (SPAK): the IPAK index (1–4) a unit's own survey gives.

No official KemenPANRB SPAK item list was found; the items (``data/ipak/``), their wording, the
1–4 agreement scale and the formula are a rulebook choice of low confidence:

- item mean = sum of its answers ÷ the respondents who answered it;
- IPAK index = mean of the item means, rounded half-up to the rulebook's decimals (2);
- an item nobody answered is left out (``complete=False``, listed in ``missing``).

``from_means`` gives the same index from item means already computed elsewhere (a report, a
spreadsheet); it has no n. The index has no bands: the ZI LKE only converts it to points.

The ZI LKE converts the index to hasil points in ``sikap.rules.integrity.survey_points``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sikap.rules._numbers import check_int, quantize, to_decimal
from sikap.rules.errors import (
    AnswerOutOfScaleError,
    InvalidInputError,
    NoDataError,
    RulebookDataError,
    UnknownCodeError,
)
from sikap.rules.grading import ResultMixin
from sikap.rules.versions import CONFIDENCES, Table, VersionMeta, VersionSet


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: str
    name_en: str
    statement: str
    statement_en: str


@dataclass(frozen=True, slots=True)
class IpakRulebook:
    meta: VersionMeta
    items: tuple[Item, ...]
    scale_min: int
    scale_max: int
    decimals: int
    formula_confidence: str
    answers: tuple[str, ...]
    answers_en: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


def _parse(doc: Table, meta: VersionMeta) -> IpakRulebook:
    lo, hi = doc.integer("scale_min"), doc.integer("scale_max")
    if not 0 <= lo < hi:
        raise RulebookDataError(f"{doc.where}: scale_min must be below scale_max")
    items = tuple(
        Item(
            code=t.text("code"),
            name=t.text("name"),
            name_en=t.text("name_en"),
            statement=t.text("statement"),
            statement_en=t.text("statement_en"),
        )
        for t in doc.tables("items")
    )
    if not items or len({i.code for i in items}) != len(items):
        raise RulebookDataError(f"{doc.where}: item codes must be given and unique")
    ans = doc.table("answers")
    labels, labels_en = ans.strs("labels"), ans.strs("labels_en")
    if len(labels) != hi - lo + 1 or len(labels_en) != len(labels):
        raise RulebookDataError(f"{ans.where}: one answer label per scale point is needed")
    decimals = doc.integer("decimals")
    if not 0 <= decimals <= 6:
        raise RulebookDataError(f"{doc.where}: decimals must be 0–6")
    return IpakRulebook(
        meta=meta,
        items=items,
        scale_min=lo,
        scale_max=hi,
        decimals=decimals,
        formula_confidence=doc.confidence("formula_confidence"),
        answers=tuple(labels),
        answers_en=tuple(labels_en),
    )


RULEBOOKS: VersionSet[IpakRulebook] = VersionSet("ipak", _parse)


@dataclass(frozen=True, slots=True)
class ItemResult(ResultMixin):
    code: str
    name: str
    name_en: str
    answered: int
    total: int
    mean: Decimal | None  # rounded like the index; None when nobody answered


@dataclass(frozen=True, slots=True)
class IpakResult(ResultMixin):
    scheme: str
    version: str
    n: int
    index: Decimal  # rounded half-up to the rulebook's decimals
    index_exact: Fraction
    confidence: str
    complete: bool
    missing: tuple[str, ...]
    items: Mapping[str, ItemResult]
    source: str


def compute(responses: Sequence[Mapping[str, object]], *, year: int | None = None) -> IpakResult:
    """IPAK of a unit from respondents' answers (``{"P1": 4, "P2": 3, …}``; None = skipped)."""
    book = RULEBOOKS.select(year)
    codes = book.codes
    lookup = {c.upper(): c for c in codes}
    sums = dict.fromkeys(codes, 0)
    counts = dict.fromkeys(codes, 0)
    n = 0
    for i, response in enumerate(responses):
        if not isinstance(response, Mapping):
            raise InvalidInputError(f"response {i} must be a mapping of item code to answer")
        answered = False
        for key, value in response.items():
            code = lookup.get(str(key).upper())
            if code is None:
                raise UnknownCodeError("IPAK item", key, codes)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise AnswerOutOfScaleError(code, value, book.scale_min, book.scale_max)
            if not book.scale_min <= value <= book.scale_max:
                raise AnswerOutOfScaleError(code, value, book.scale_min, book.scale_max)
            sums[code] += value
            counts[code] += 1
            answered = True
        n += answered
    return compute_totals(n, sums, counts, year=year)


def compute_totals(
    n: int, sums: Mapping[str, int], counts: Mapping[str, int], *, year: int | None = None
) -> IpakResult:
    """IPAK from per-item sums and answered counts; ``n`` respondents answered at least one."""
    book = RULEBOOKS.select(year)
    codes = book.codes
    unknown = [c for c in (*sums, *counts) if c not in codes]
    if unknown:
        raise UnknownCodeError("IPAK item", unknown[0], codes)
    s = {c: check_int(sums.get(c, 0), f"sum of {c}") for c in codes}
    k = {c: check_int(counts.get(c, 0), f"count of {c}") for c in codes}
    n = check_int(n, "n")
    if n < max(k.values(), default=0):
        raise InvalidInputError(f"n = {n} is smaller than an item's answered count")
    for c in codes:
        if k[c] < 0 or not book.scale_min * k[c] <= s[c] <= book.scale_max * k[c]:
            raise InvalidInputError(f"sum {s[c]} of {c} does not fit {k[c]} answers")
    if n == 0:
        raise NoDataError(
            "no respondent answered any IPAK item",
            message_id="belum ada responden yang menjawab survei IPAK",
        )
    means = {c: Fraction(s[c], k[c]) for c in codes if k[c]}
    exact = sum(means.values(), Fraction(0)) / len(means)
    return IpakResult(
        scheme="ipak",
        version=book.meta.version,
        n=n,
        index=quantize(exact, book.decimals),
        index_exact=exact,
        confidence=max((book.meta.confidence, book.formula_confidence), key=CONFIDENCES.index),
        complete=len(means) == len(codes),
        missing=tuple(c for c in codes if not k[c]),
        items={
            i.code: ItemResult(
                code=i.code,
                name=i.name,
                name_en=i.name_en,
                answered=k[i.code],
                total=s[i.code],
                mean=quantize(means[i.code], book.decimals) if i.code in means else None,
            )
            for i in book.items
        },
        source=book.meta.source.regulation,
    )


@dataclass(frozen=True, slots=True)
class IpakMeansResult(ResultMixin):
    scheme: str
    version: str
    index: Decimal  # rounded half-up to the rulebook's decimals
    index_exact: Fraction
    confidence: str
    complete: bool
    missing: tuple[str, ...]
    means: Mapping[str, Decimal]  # as given, by item code in rulebook order
    source: str


def from_means(means: Mapping[str, object], *, year: int | None = None) -> IpakMeansResult:
    """IPAK from item means (``{"P1": "3.5", …}``; None = nobody answered that item)."""
    book = RULEBOOKS.select(year)
    codes = book.codes
    lookup = {c.upper(): c for c in codes}
    given: dict[str, Decimal] = {}
    for key, value in means.items():
        code = lookup.get(str(key).strip().upper())
        if code is None:
            raise UnknownCodeError("IPAK item", key, codes)
        if code in given:
            raise InvalidInputError(
                f"IPAK item {code} given twice", message_id=f"butir IPAK {code} diisi dua kali"
            )
        if value is None:
            continue
        number = to_decimal(value, f"rata-rata {code}")
        if not book.scale_min <= number <= book.scale_max:
            raise InvalidInputError(
                f"mean of {code} {value} is outside {book.scale_min}–{book.scale_max}",
                message_id=(
                    f"rata-rata {code} {value} di luar skala {book.scale_min}–{book.scale_max}"
                ),
            )
        given[code] = number
    if not given:
        raise NoDataError(
            "no IPAK item mean given", message_id="belum ada rata-rata butir IPAK yang diisi"
        )
    exact = sum((Fraction(v) for v in given.values()), Fraction(0)) / len(given)
    return IpakMeansResult(
        scheme="ipak",
        version=book.meta.version,
        index=quantize(exact, book.decimals),
        index_exact=exact,
        confidence=max((book.meta.confidence, book.formula_confidence), key=CONFIDENCES.index),
        complete=len(given) == len(codes),
        missing=tuple(c for c in codes if c not in given),
        means={c: given[c] for c in codes if c in given},
        source=book.meta.source.regulation,
    )


__all__ = [
    "RULEBOOKS",
    "IpakMeansResult",
    "IpakResult",
    "IpakRulebook",
    "Item",
    "ItemResult",
    "compute",
    "compute_totals",
    "from_means",
]
