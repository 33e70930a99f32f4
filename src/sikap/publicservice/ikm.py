"""SKM results from the snapshot's sums and counts, through the SKM rulebook.

Dashboards never see single answers, only per-unsur sums and counts; the IKM, mutu and
kinerja come from `sikap.rules.skm.compute_totals` over those. Blank answers only lower the
count of their unsur, as the Permen's NRR requires.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sikap.core.i18n import english, pick
from sikap.rules import sampling, skm, skm_publish


@dataclass(frozen=True)
class Totals:
    n: int = 0
    comments: int = 0
    sums: Mapping[str, int] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def total(cls, parts: Iterable[Totals]) -> Totals:
        """The sum of many totals in one pass (`sum()` would build a dict per addition)."""
        n = comments = 0
        sums: dict[str, int] = {}
        counts: dict[str, int] = {}
        for t in parts:
            n += t.n
            comments += t.comments
            for c, v in t.sums.items():
                sums[c] = sums.get(c, 0) + v
            for c, v in t.counts.items():
                counts[c] = counts.get(c, 0) + v
        return cls(n=n, comments=comments, sums=sums, counts=counts)

    def __add__(self, other: Totals) -> Totals:
        codes = set(self.sums) | set(other.sums)
        return Totals(
            n=self.n + other.n,
            comments=self.comments + other.comments,
            sums={c: self.sums.get(c, 0) + other.sums.get(c, 0) for c in codes},
            counts={c: self.counts.get(c, 0) + other.counts.get(c, 0) for c in codes},
        )


@dataclass(frozen=True)
class UnsurScore:
    code: str
    name: str
    answered: int
    nrr: float | None


@dataclass(frozen=True)
class SkmScore:
    n: int
    version: str
    unsur: tuple[UnsurScore, ...]
    ikm_raw: float | None  # 1–4 scale
    ikm: float | None  # 25–100 scale, two decimals
    category: str | None  # mutu A–D
    label: str | None  # kinerja unit
    explanation: str
    weakest: tuple[str, ...]
    complete: bool

    @property
    def nrr(self) -> dict[str, float | None]:
        return {u.code: u.nrr for u in self.unsur}


# NRR as SKM results publish it (pages, API, exports, `sikap skm results`).
NRR_DECIMALS = skm_publish.NRR_DECIMALS


def score_totals(totals: Totals, *, year: int) -> SkmScore:
    codes = [u.code for u in skm.RULEBOOKS.select(year).unsur]
    return _score(
        totals.n,
        tuple(totals.sums.get(c, 0) for c in codes),
        tuple(totals.counts.get(c, 0) for c in codes),
        year,
        english(),
    )


@lru_cache(maxsize=4096)
def _score(n: int, sums: tuple[int, ...], counts: tuple[int, ...], year: int, en: bool) -> SkmScore:
    # Pure in its arguments, so a dashboard of hundreds of units reuses earlier results.
    book = skm.RULEBOOKS.select(year)
    codes = [u.code for u in book.unsur]
    if n == 0 or not any(counts):
        unsur = tuple(
            UnsurScore(u.code, pick(u, "name", en=en), c, None)
            for u, c in zip(book.unsur, counts, strict=True)
        )
        return SkmScore(n, book.meta.version, unsur, None, None, None, None, "", (), False)
    result = skm.compute_totals(
        n, dict(zip(codes, sums, strict=True)), dict(zip(codes, counts, strict=True)), year=year
    )
    unsur = tuple(
        UnsurScore(
            code=u.code,
            name=pick(u, "name", en=en),
            answered=u.answered,
            nrr=skm_publish.nrr(u.total, u.answered),
        )
        for u in result.breakdown.values()
    )
    return SkmScore(
        n=result.n,
        version=result.version,
        unsur=unsur,
        ikm_raw=skm_publish.ikm_raw(result.ikm),
        ikm=result.ikm_converted,
        category=result.category,
        label=pick(result, "label", en=en),
        explanation=pick(result.grade, "explanation", en=en),
        weakest=result.weakest,
        complete=result.complete,
    )


def sample_needed(volume: int | None) -> int | None:
    """Respondents needed for a population by Krejcie & Morgan; None when no volume is known."""
    if not volume:
        return None
    return sampling.krejcie_morgan(volume)
