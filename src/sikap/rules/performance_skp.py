"""SKP rules over the performance rulebook: the position level of an eselon, who rates whom
(from the atasan chain), the rating hasil kerja from realisasi, and a unit head's rating from
the unit's PK capaian."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from sikap.rules._numbers import quantize, to_fraction
from sikap.rules.errors import InvalidInputError, UnknownCodeError
from sikap.rules.grading import ResultMixin
from sikap.rules.performance import KEPALA_DAERAH, RULEBOOKS, number_text
from sikap.rules.skp import normalise_level

# --- raters and ratings -------------------------------------------------------------------------------------


def position_level(eselon: str, *, year: int | None = None) -> str:
    """``jpt_pratama``, ``administrator``, ``pengawas`` or ``pelaksana`` from an eselon."""
    text = (eselon or "").strip().upper()
    for prefix, level in RULEBOOKS.select(year).eselon_prefixes:
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] in ("", ".", " ", "/"):
            return level
    return "pelaksana"


def rater_level(level: str, *, year: int | None = None) -> str:
    """The position level that rates `level` (``kepala_daerah`` for JPT Pratama)."""
    book = RULEBOOKS.select(year)
    for lv in book.rater_levels:
        if lv.code == level:
            return lv.rated_by
    raise UnknownCodeError("tingkat jabatan", level, tuple(lv.code for lv in book.rater_levels))


def choose_rater(
    level: str, chain: Sequence[tuple[int, str]], *, year: int | None = None
) -> int | None:
    """The rater among an employee's atasan chain (nearest first, as (id, level) pairs).

    The nearest atasan at the level that rates `level`; failing that, the direct atasan; None
    when the Kepala Daerah rates (JPT Pratama) or there is no atasan at all.
    """
    wanted = rater_level(level, year=year)
    if wanted == KEPALA_DAERAH:
        return None
    for employee_id, lv in chain:
        if lv == wanted:
            return employee_id
    return chain[0][0] if chain else None


@dataclass(frozen=True, slots=True)
class HasilKerjaRating(ResultMixin):
    level: str
    above: int
    expected: int
    below: int
    main_below: int
    explanation: str
    confidence: str


def rating_hasil_kerja(
    results: Sequence[tuple[bool, str]], *, year: int | None = None
) -> HasilKerjaRating:
    """The suggested rating hasil kerja from each result's level, as (is_utama, level) pairs.

    Di atas: most results above expectation and no main result below; di bawah: most results
    below; otherwise sesuai. The rater decides; this is the rule's reading.
    """
    book = RULEBOOKS.select(year)
    levels = [(utama, normalise_level(lv)) for utama, lv in results]
    if not levels:
        raise InvalidInputError(
            "no rated results", message_id="belum ada rencana hasil kerja yang dinilai"
        )
    total = len(levels)
    above = sum(1 for _, lv in levels if lv == "diatas")
    below = sum(1 for _, lv in levels if lv == "dibawah")
    main_below = sum(1 for utama, lv in levels if utama and lv == "dibawah")
    most = book.most_above_pct / 100 * total
    if above > most and main_below == 0:
        level, why = (
            "diatas",
            "sebagian besar hasil kerja di atas ekspektasi, tidak ada hasil utama di bawah",
        )
    elif below > most:
        level, why = "dibawah", "sebagian besar hasil kerja di bawah ekspektasi"
    else:
        level, why = "sesuai", "sebagian besar hasil kerja sesuai ekspektasi"
    return HasilKerjaRating(
        level=level,
        above=above,
        expected=total - above - below,
        below=below,
        main_below=main_below,
        explanation=f"{why} ({above} di atas, {total - above - below} sesuai, {below} di bawah)",
        confidence=book.hasil_kerja_confidence,
    )


@dataclass(frozen=True, slots=True)
class HeadRating(ResultMixin):
    """The rating hasil kerja a unit's head takes from the unit's capaian, and why."""

    level: str
    capaian: float
    rule: str  # the band that applied, e.g. "capaian > 90 dan ≤ 100"
    version: str
    confidence: str
    source: str


def head_rating(unit_capaian: object, *, year: int | None = None) -> HeadRating:
    """The head of a unit's rating hasil kerja from the unit's capaian (PermenPANRB 6/2022).

    The capaian is compared as published (rounded half-up to the rulebook's places) against
    the rulebook's bands, highest first: above a band's edge gives its rating; at or below
    every edge gives the `below` rating.
    """
    book = RULEBOOKS.select(year)
    value = Fraction(quantize(to_fraction(unit_capaian, "capaian unit"), book.places))
    level, rule = book.head_below, "capaian"
    ceiling: Fraction | None = None
    for above, band in book.head_bands:
        if value > above:
            level, rule = band, f"capaian > {number_text(above)}"
            if ceiling is not None:
                rule += f" dan ≤ {number_text(ceiling)}"
            break
        ceiling = above
    else:
        if ceiling is not None:
            rule = f"capaian ≤ {number_text(ceiling)}"
    return HeadRating(
        level=level,
        capaian=float(value),
        rule=rule,
        version=book.meta.version,
        confidence=book.head_rating_confidence,
        source=book.head_rating_source,
    )
