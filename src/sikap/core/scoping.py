"""The scoping gate: the one place that decides which organisation data a user may see.

Every read of organisation data narrows its queryset here. A user's reach for a capability is
the union of the OrgUnit subtrees of their role assignments whose role grants it (a NULL unit
means the whole Pemda). Objects fetched by id go through `get_in_scope`, which answers 404 for
"missing" and "not yours" alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from sikap.core.roles import capabilities_of

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Reach:
    """What one capability lets a user see: whole Pemdas and unit subtrees (by path)."""

    whole_pemda_ids: frozenset[int] = frozenset()
    subtrees: tuple[tuple[int, str], ...] = ()  # (pemda_id, path prefix)
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.everything or self.whole_pemda_ids or self.subtrees)

    @property
    def pemda_ids(self) -> frozenset[int]:
        return self.whole_pemda_ids | frozenset(p for p, _ in self.subtrees)

    def unit_q(self, prefix: str = "") -> Q:
        """A Q on OrgUnit (prefix '' ) or on a model reaching OrgUnit through `prefix`."""
        if self.everything:
            return Q()
        if self.empty:
            return Q(pk__in=[])
        join = f"{prefix}__" if prefix else ""
        q = Q()
        if self.whole_pemda_ids:
            q |= Q(**{f"{join}pemda_id__in": sorted(self.whole_pemda_ids)})
        for pemda_id, path in self.subtrees:
            if pemda_id in self.whole_pemda_ids:
                continue
            q |= Q(**{f"{join}pemda_id": pemda_id, f"{join}path__startswith": path})
        return q

    def pemda_q(self, field_name: str = "pemda_id") -> Q:
        """A Q for Pemda-level objects: the user must reach the whole Pemda."""
        if self.everything:
            return Q()
        return Q(**{f"{field_name}__in": sorted(self.whole_pemda_ids)})

    def covers_unit(self, unit: Any) -> bool:
        if self.everything:
            return True
        if unit.pemda_id in self.whole_pemda_ids:
            return True
        return any(unit.pemda_id == p and unit.path.startswith(path) for p, path in self.subtrees)

    def covers_pemda(self, pemda_id: int) -> bool:
        return self.everything or pemda_id in self.whole_pemda_ids


@dataclass
class _ScopeCache:
    reaches: dict[str, Reach] = field(default_factory=dict)


def reach(user: Any, capability: str) -> Reach:
    """The reach of `user` for `capability`, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Reach()
    cache: _ScopeCache | None = getattr(user, "_sikap_scope_cache", None)
    if cache is None:
        cache = _ScopeCache()
        user._sikap_scope_cache = cache
    if capability in cache.reaches:
        return cache.reaches[capability]
    within: int | None = getattr(user, "_sikap_pemda_id", None)
    if user.is_superuser:
        result = Reach(everything=True) if within is None else Reach(frozenset({within}))
    else:
        whole: set[int] = set()
        subtrees: list[tuple[int, str]] = []
        for role, pemda_id, unit_path in _assignments(user):
            if capability not in capabilities_of(role):
                continue
            if within is not None and pemda_id != within:
                continue
            if unit_path is None:
                whole.add(pemda_id)
            else:
                subtrees.append((pemda_id, unit_path))
        result = Reach(frozenset(whole), tuple(sorted(set(subtrees))))
    cache.reaches[capability] = result
    return result


def _assignments(user: Any) -> list[tuple[str, int, str | None]]:
    rows = getattr(user, "_sikap_assignments", None)
    if rows is None:
        # Through the user's own relation, so the gate needs no import of the accounts app.
        rows = [
            (role, pemda_id, path)
            for role, pemda_id, path in user.role_assignments.values_list(
                "role", "pemda_id", "unit__path"
            )
        ]
        user._sikap_assignments = rows
    return rows


def member_pemda_ids(user: Any) -> frozenset[int]:
    """The Pemdas in which `user` holds any role (a superuser's are not listed: all)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(pemda_id for _, pemda_id, _ in _assignments(user))


def enter_pemda(user: Any, pemda_id: int | None) -> None:
    """Narrow every reach of `user` to one Pemda (the Pemda of the page being served).

    A page under `/p/<pemda>/` sees only that Pemda's data even when its user holds roles in
    several: objects of another Pemda answer 404 there like objects of no Pemda of theirs.
    """
    if getattr(user, "_sikap_pemda_id", None) == pemda_id:
        return
    user._sikap_pemda_id = pemda_id
    if hasattr(user, "_sikap_scope_cache"):
        delattr(user, "_sikap_scope_cache")


def forget(user: Any) -> None:
    """Drop cached reach after the user's roles change."""
    for attr in ("_sikap_scope_cache", "_sikap_assignments"):
        if hasattr(user, attr):
            delattr(user, attr)


def has_capability(user: Any, capability: str) -> bool:
    return not reach(user, capability).empty


def scope_units(queryset: QuerySet[M], user: Any, capability: str) -> QuerySet[M]:
    """Narrow an OrgUnit queryset to the subtrees `user` reaches for `capability`."""
    return queryset.filter(reach(user, capability).unit_q())


def scope_by_unit(
    queryset: QuerySet[M], user: Any, capability: str, *, unit_field: str = "unit"
) -> QuerySet[M]:
    """Narrow a queryset of objects that belong to an OrgUnit through `unit_field`."""
    return queryset.filter(reach(user, capability).unit_q(unit_field))


def scope_by_pemda(
    queryset: QuerySet[M], user: Any, capability: str, *, pemda_field: str = "pemda_id"
) -> QuerySet[M]:
    """Narrow Pemda-level objects (campaigns, official results) to whole-Pemda reach."""
    return queryset.filter(reach(user, capability).pemda_q(pemda_field))


def get_in_scope(queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from an already scoped queryset; 404 whether missing or not yours."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


class _SystemUser:
    """The installation operator on the command line: reaches everything, like a superuser."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    display_name = "sikap (command line)"

    def __str__(self) -> str:
        return self.display_name


SYSTEM = _SystemUser()


def system_within(pemda_id: int) -> _SystemUser:
    """The operator on the command line, reaching one Pemda whole and nothing else.

    A command given `--pemda` asks readers that take a user (the providers one app offers
    another) as this operator: it reads what an Admin Pemda of that Pemda may read, and another
    Pemda's data not at all. A fresh object each call, so narrowing it touches no other.
    """
    user = _SystemUser()
    enter_pemda(user, pemda_id)
    return user
