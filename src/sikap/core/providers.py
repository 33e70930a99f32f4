"""Named read-only answers one feature app offers another, without an import between them.

Feature apps do not import each other (an import contract holds this). Where one page needs
another app's published figure (the SKP values beside the culture survey's index), the owning
app registers a reader here at start-up (`AppConfig.ready`) and the other asks by name;
without the owning app installed the answer is None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_READERS: dict[str, Callable[..., Any]] = {}

# The latest published BerAKHLAK index of one unit's group, for a user who may read it:
# reader(user=..., unit=...) -> {"campaign", "n", "values": {code: index}} or None.
CULTURE_UNIT_VALUES = "culture.unit_values"

# A unit's own Perjanjian Kinerja of a year and its capaian beside last year's, for a user who
# may read that PK: reader(user=..., unit=..., year=...) -> {"agreement", "year", "signed",
# "capaian", "previous", "outcome_oriented", "indicators", "measured"} or None.
PERFORMANCE_UNIT_CAPAIAN = "performance.unit_capaian"

# The documents of a unit's signed PK of a year that serve as SAKIP evidence (the PK, its
# realisasi, the LKjIP draft), as links to the scoped performance pages:
# reader(user=..., unit=..., year=...) -> [{"key", "type", "title", "url"}] (empty: none).
PERFORMANCE_UNIT_EVIDENCE = "performance.unit_evidence"

# A unit's SKM result of a year (its subtree pooled), for a user who may read its results:
# reader(user=..., unit=..., year=...) -> {"ikm", "n", "period", "category", "version"} or None.
PUBLICSERVICE_UNIT_IKM = "publicservice.unit_ikm"

# The IPAK index (1-4) of a unit's own anti-corruption perception survey in a year, for a user
# who may read its results: reader(user=..., unit=..., year=...) -> {"index", "n", "period",
# "source", "version", "confidence", "complete", "missing"} or None.
PUBLICSERVICE_UNIT_IPAK = "publicservice.unit_ipak"


def provide(name: str, reader: Callable[..., Any]) -> None:
    _READERS[name] = reader


def ask(name: str, **kwargs: Any) -> Any:
    reader = _READERS.get(name)
    return None if reader is None else reader(**kwargs)
