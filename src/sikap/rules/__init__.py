"""Rulebook core: pure-Python scoring rules of the Indonesian assessment schemes.

One module per scheme (``berakhlak``, ``skm``, ``ombudsman``, ``pekppp``, ``skp``, ``zi``,
``sakip``, ``performance``) plus ``sampling``, ``stats``, ``nip``, ``disclosure`` (what published group counts
may show) and the dispatching ``registry``.
Numbers live in ``data/<scheme>/<year>.toml``; see ``docs/rulebooks.md``.
This package must not import Django.
"""

from sikap.rules.errors import (
    AnswerOutOfScaleError,
    BallotError,
    InvalidInputError,
    MissingInputError,
    NipError,
    NoDataError,
    RulebookDataError,
    RuleError,
    ScoreOutOfRangeError,
    UnknownCodeError,
    UnknownYearError,
)

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
