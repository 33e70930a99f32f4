"""One error hierarchy for every rulebook.

Each error carries an English message (``str(error)``) and an Indonesian one
(``error.message_id``) so that a page can show the user the latter.
"""

from __future__ import annotations

from collections.abc import Iterable


class RuleError(ValueError):
    """Base class: invalid input or data for a rulebook."""

    def __init__(self, message: str, *, message_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_id = message_id if message_id is not None else message


class ScoreOutOfRangeError(RuleError):
    """A score outside the scheme's scale (e.g. 101 on 0–100)."""

    def __init__(self, scheme: str, score: object, low: object, high: object) -> None:
        self.scheme = scheme
        self.score = score
        self.low = low
        self.high = high
        super().__init__(
            f"{scheme}: score {score} is out of range {low}–{high}",
            message_id=f"{scheme}: nilai {score} di luar rentang {low}–{high}",
        )


class AnswerOutOfScaleError(RuleError):
    """An answer outside its scale (e.g. a 5 on a 1–4 scale)."""

    def __init__(self, item: str, value: object, low: int, high: int) -> None:
        self.item = item
        self.value = value
        self.low = low
        self.high = high
        super().__init__(
            f"answer {value!r} for {item} is not on the {low}–{high} scale",
            message_id=f"jawaban {value!r} untuk {item} tidak pada skala {low}–{high}",
        )


class UnknownYearError(RuleError):
    """No rulebook version applies to the requested year."""

    def __init__(self, scheme: str, year: int, available: Iterable[str]) -> None:
        self.scheme = scheme
        self.year = year
        avail = ", ".join(available) or "none"
        super().__init__(
            f"{scheme}: no rulebook version applies to year {year} (available: {avail})",
            message_id=f"{scheme}: tidak ada versi aturan untuk tahun {year} (tersedia: {avail})",
        )


class UnknownCodeError(RuleError):
    """A code (unsur, indicator, value, predicate, scheme …) that the rulebook does not know."""

    def __init__(self, kind: str, code: object, allowed: Iterable[str] = ()) -> None:
        self.kind = kind
        self.code = code
        self.allowed = tuple(allowed)
        hint = f"; expected one of: {', '.join(self.allowed)}" if self.allowed else ""
        hint_id = f"; seharusnya salah satu dari: {', '.join(self.allowed)}" if self.allowed else ""
        super().__init__(
            f"unknown {kind} {code!r}{hint}",
            message_id=f"{kind} {code!r} tidak dikenal{hint_id}",
        )


class MissingInputError(RuleError):
    """Required codes were not given."""

    def __init__(self, kind: str, missing: Iterable[str]) -> None:
        self.kind = kind
        self.missing = tuple(missing)
        joined = ", ".join(self.missing)
        super().__init__(
            f"missing {kind}: {joined}",
            message_id=f"{kind} belum diisi: {joined}",
        )


class InvalidInputError(RuleError):
    """Any other invalid argument (population ≤ 0, error rate outside (0, 1) …)."""


class NoDataError(RuleError):
    """Nothing to compute from (no respondents, no answers)."""


class BallotError(RuleError):
    """A BerAKHLAK ballot that does not hold exactly K distinct known codes."""


class NipError(RuleError):
    """An invalid NIP where a valid one is required."""

    def __init__(self, nip: str, errors: Iterable[str]) -> None:
        self.nip = nip
        self.errors = tuple(errors)
        joined = "; ".join(self.errors)
        super().__init__(
            f"invalid NIP {nip!r}: {joined}", message_id=f"NIP {nip!r} tidak sah: {joined}"
        )


class RulebookDataError(RuleError):
    """A rulebook data file (TOML) is malformed or inconsistent."""


__all__ = [
    "AnswerOutOfScaleError",
    "BallotError",
    "InvalidInputError",
    "MissingInputError",
    "NipError",
    "NoDataError",
    "RuleError",
    "RulebookDataError",
    "ScoreOutOfRangeError",
    "UnknownCodeError",
    "UnknownYearError",
]
