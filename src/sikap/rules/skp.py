"""SKP (PermenPANRB 6/2022): predikat kinerja pegawai and the distribution curve.

The employee predicate comes from a 3×3 matrix of rating hasil kerja × rating perilaku
kerja (levels ``diatas``, ``sesuai``, ``dibawah``). The organisation's predicate sets how
employee predicates may be distributed; :func:`check_distribution` checks a count of
employees per predicate against that curve. "Most employees" is read as "no other
predicate has more employees" (a tie does not break the rule).

Names are matched without regard to case, spaces, ``_`` or ``-``; ``Cukup`` is an alias
of Butuh Perbaikan and, for employees, ``Kurang`` of Kurang/Misconduct.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sikap.rules._numbers import check_int, fmt
from sikap.rules.errors import InvalidInputError, NoDataError, RulebookDataError, UnknownCodeError
from sikap.rules.grading import ResultMixin
from sikap.rules.versions import Table, VersionMeta, VersionSet

RULE_KINDS = ("largest", "max_pct", "min_pct", "min_count")
# How a percentage of a small unit becomes a number of employees: "down" (floor), "up"
# (ceiling) or "nearest" (half-up).
ROUNDINGS = ("down", "up", "nearest")


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch == "/")


@dataclass(frozen=True, slots=True)
class Level:
    code: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Named:
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class DistributionRule:
    kind: str
    predicates: tuple[str, ...]
    value: Fraction


@dataclass(frozen=True, slots=True)
class OrgPredicate:
    name: str
    name_en: str
    confidence: str
    rules: tuple[DistributionRule, ...]


@dataclass(frozen=True, slots=True)
class SkpRulebook:
    meta: VersionMeta
    levels: tuple[Level, ...]
    predicates: tuple[Named, ...]
    matrix: Mapping[tuple[str, str], str]
    organisation: tuple[OrgPredicate, ...]
    level_keys: Mapping[str, str]
    predicate_keys: Mapping[str, str]
    org_keys: Mapping[str, str]
    max_rounding: str = "down"
    min_rounding: str = "up"
    rounding_confidence: str = "low"


def _aliases(t: Table, canonical: str, target: dict[str, str]) -> None:
    for alias in [canonical, *(t.strs("aliases") if t.has("aliases") else [])]:
        key = _key(alias)
        if key in target and target[key] != canonical:
            raise RulebookDataError(f"{t.where}: alias {alias!r} is ambiguous")
        target[key] = canonical


def _parse(doc: Table, meta: VersionMeta) -> SkpRulebook:
    level_keys: dict[str, str] = {}
    levels: list[Level] = []
    for t in doc.tables("levels"):
        lv = Level(t.text("code"), t.text("label"), t.text("label_en"))
        levels.append(lv)
        _aliases(t, lv.code, level_keys)
        level_keys[_key(lv.label)] = lv.code
    predicate_keys: dict[str, str] = {}
    predicates: list[Named] = []
    for t in doc.tables("predicates"):
        p = Named(t.text("name"), t.text("name_en"))
        predicates.append(p)
        _aliases(t, p.name, predicate_keys)
    names = {p.name for p in predicates}
    matrix: dict[tuple[str, str], str] = {}
    m = doc.table("matrix")
    for hasil in levels:
        row = m.table(hasil.code)
        for perilaku in levels:
            value = row.text(perilaku.code)
            if value not in names:
                raise RulebookDataError(f"{row.where}: unknown predicate {value!r}")
            matrix[(hasil.code, perilaku.code)] = value
    org_keys: dict[str, str] = {}
    organisation: list[OrgPredicate] = []
    for t in doc.tables("organisation"):
        rules: list[DistributionRule] = []
        for r in t.tables("rules"):
            kind = r.text("kind")
            preds = tuple(r.strs("predicates"))
            if kind not in RULE_KINDS or not set(preds) <= names:
                raise RulebookDataError(f"{r.where}: bad rule kind or predicate")
            limit = Fraction(r.number("value")) if r.has("value") else Fraction(0)
            rules.append(DistributionRule(kind, preds, limit))
        org = OrgPredicate(t.text("name"), t.text("name_en"), t.confidence(), tuple(rules))
        organisation.append(org)
        _aliases(t, org.name, org_keys)
    rounding = doc.table("rounding") if doc.has("rounding") else None
    max_rounding = rounding.text("max", "down") if rounding else "down"
    min_rounding = rounding.text("min", "up") if rounding else "up"
    if max_rounding not in ROUNDINGS or min_rounding not in ROUNDINGS:
        raise RulebookDataError(f"{doc.where}: rounding must be one of {ROUNDINGS}")
    return SkpRulebook(
        max_rounding=max_rounding,
        min_rounding=min_rounding,
        rounding_confidence=rounding.confidence(default="low") if rounding else "low",
        meta=meta,
        levels=tuple(levels),
        predicates=tuple(predicates),
        matrix=matrix,
        organisation=tuple(organisation),
        level_keys=level_keys,
        predicate_keys=predicate_keys,
        org_keys=org_keys,
    )


RULEBOOKS: VersionSet[SkpRulebook] = VersionSet("skp", _parse)
_CURRENT = RULEBOOKS.select()
LEVELS: tuple[Level, ...] = _CURRENT.levels
PREDICATES: tuple[str, ...] = tuple(p.name for p in _CURRENT.predicates)
ORG_PREDICATES: tuple[str, ...] = tuple(o.name for o in _CURRENT.organisation)


def _lookup(value: object, keys: Mapping[str, str], kind: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or _key(value) not in keys:
        raise UnknownCodeError(kind, value, allowed)
    return keys[_key(value)]


def normalise_level(level: str, *, year: int | None = None) -> str:
    book = RULEBOOKS.select(year)
    return _lookup(level, book.level_keys, "SKP rating", tuple(lv.code for lv in book.levels))


def normalise_predicate(name: str, *, year: int | None = None) -> str:
    book = RULEBOOKS.select(year)
    names = tuple(p.name for p in book.predicates)
    return _lookup(name, book.predicate_keys, "employee predicate", names)


def normalise_org_predicate(name: str, *, year: int | None = None) -> str:
    book = RULEBOOKS.select(year)
    names = tuple(o.name for o in book.organisation)
    return _lookup(name, book.org_keys, "organisation predicate", names)


def predicate(hasil: str, perilaku: str, *, year: int | None = None) -> str:
    """Predikat kinerja pegawai from rating hasil kerja and rating perilaku kerja."""
    book = RULEBOOKS.select(year)
    h = normalise_level(hasil, year=year)
    p = normalise_level(perilaku, year=year)
    return book.matrix[(h, p)]


@dataclass(frozen=True, slots=True)
class Violation(ResultMixin):
    rule: str
    predicates: tuple[str, ...]
    actual_pct: float
    actual_count: int
    required_pct: float | None
    required_count: int | None
    message: str
    message_en: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class DistributionResult(ResultMixin):
    ok: bool
    org_predicate: str
    version: str
    confidence: str
    total: int
    counts: Mapping[str, int]
    percentages: Mapping[str, float]
    violations: tuple[Violation, ...]


def _pct(x: Fraction) -> str:
    return f"{fmt(x, 2)}%"


def limit_count(pct: Fraction, total: int, rounding: str) -> int:
    """A percentage of `total` employees as a whole number of employees."""
    exact = pct * total / 100
    if rounding == "down":
        return math.floor(exact)
    if rounding == "up":
        return math.ceil(exact)
    return math.floor(exact + Fraction(1, 2))


def _check(
    rule: DistributionRule,
    counts: Mapping[str, int],
    total: int,
    rounding: tuple[str, str] = ("down", "up"),
) -> Violation | None:
    group = " dan/atau ".join(rule.predicates)
    group_en = " and/or ".join(rule.predicates)
    count = sum(counts[p] for p in rule.predicates)
    share = Fraction(100 * count, total)
    now = f"sekarang {_pct(share)} ({count} dari {total} pegawai)"
    now_en = f"now {_pct(share)} ({count} of {total} employees)"
    base: dict[str, Any] = {
        "rule": rule.kind,
        "predicates": rule.predicates,
        "actual_pct": float(share),
        "actual_count": count,
    }
    if rule.kind == "max_pct" and count > limit_count(rule.value, total, rounding[0]):
        if rule.value == 0:
            msg = f"tidak boleh ada {group}: {now}"
            msg_en = f"no {group_en} allowed: {now_en}"
        else:
            msg = f"{group} paling banyak {rule.value}%: {now}"
            msg_en = f"{group_en} at most {rule.value}%: {now_en}"
        return Violation(**base, required_pct=float(rule.value),
                         required_count=limit_count(rule.value, total, rounding[0]),
                         message=msg, message_en=msg_en)  # fmt: skip
    if rule.kind == "min_pct" and count < limit_count(rule.value, total, rounding[1]):
        return Violation(
            **base,
            required_pct=float(rule.value),
            required_count=limit_count(rule.value, total, rounding[1]),
            message=f"{group} minimal {rule.value}%: {now}",
            message_en=f"{group_en} at least {rule.value}%: {now_en}",
        )
    if rule.kind == "min_count" and count < rule.value:
        need = int(rule.value)
        return Violation(
            **base,
            required_pct=None,
            required_count=need,
            message=f"harus ada minimal {need} pegawai {group}: {now}",
            message_en=f"at least {need} employee(s) {group_en} required: {now_en}",
        )
    if rule.kind == "largest":
        bigger = [p for p in counts if p not in rule.predicates and counts[p] > count]
        if bigger:
            top = max(bigger, key=lambda p: counts[p])
            top_share = Fraction(100 * counts[top], total)
            return Violation(
                **base,
                required_pct=float(top_share),
                required_count=counts[top],
                message=f"sebagian besar pegawai harus {group}: {now}, "
                f"lebih sedikit dari {top} {_pct(top_share)} ({counts[top]} pegawai)",
                message_en=f"most employees must be {group_en}: {now_en}, "
                f"fewer than {top} {_pct(top_share)} ({counts[top]} employees)",
            )
    return None


def check_distribution(
    org_predicate: str, counts: Mapping[str, int], *, year: int | None = None
) -> DistributionResult:
    """Check employee predicate counts against the organisation's distribution curve."""
    book = RULEBOOKS.select(year)
    org_name = normalise_org_predicate(org_predicate, year=year)
    org = next(o for o in book.organisation if o.name == org_name)
    tally = {p.name: 0 for p in book.predicates}
    seen: dict[str, str] = {}
    for key, value in counts.items():
        name = normalise_predicate(key, year=year)
        if name in seen:
            raise InvalidInputError(
                f"{name} is given twice (as {seen[name]!r} and {key!r})",
                message_id=f"{name} disebut dua kali (sebagai {seen[name]!r} dan {key!r})",
            )
        seen[name] = key
        number = check_int(value, f"count of {name}")
        if number < 0:
            raise InvalidInputError(f"count of {name} must not be negative, not {number}")
        tally[name] = number
    total = sum(tally.values())
    if total == 0:
        raise NoDataError("no employees to check", message_id="belum ada pegawai yang dinilai")
    rounding = (book.max_rounding, book.min_rounding)
    violations = tuple(v for r in org.rules if (v := _check(r, tally, total, rounding)) is not None)
    return DistributionResult(
        ok=not violations,
        org_predicate=org.name,
        version=book.meta.version,
        confidence=org.confidence,
        total=total,
        counts=tally,
        percentages={p: float(Fraction(100 * c, total)) for p, c in tally.items()},
        violations=violations,
    )


__all__ = [
    "LEVELS",
    "ORG_PREDICATES",
    "PREDICATES",
    "RULEBOOKS",
    "DistributionResult",
    "DistributionRule",
    "Level",
    "OrgPredicate",
    "SkpRulebook",
    "Violation",
    "check_distribution",
    "limit_count",
    "normalise_level",
    "normalise_org_predicate",
    "normalise_predicate",
    "predicate",
]
