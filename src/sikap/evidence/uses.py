"""Where a library document is used, asked of the feature apps that use it.

The library imports no feature app (an import contract holds this). Each app that attaches
documents to its own items registers a `UseProvider` at start-up (`AppConfig.ready`):

- `uses(document_ids)` lists every use of those documents: what uses it (label), the page
  that shows it (url) and what breaks if the document is removed (breaks); a use that
  `blocks` forbids removing the document (evidence of a ZI already proposed, say);
- `readable(user, pemda)` names the documents a user may read because they are evidence of
  something the user may read (a TPI reads what its units attached), as a queryset of ids;
- `release(actor, document)` takes the document off every item of the app, audited, when it
  leaves the library.

The library's document page, its list, the download's scope and the removal ask every
registered provider, so a new app's uses count without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

_PROVIDERS: dict[str, UseProvider] = {}


@dataclass(frozen=True, slots=True)
class Use:
    document_id: int
    label: str
    url: str
    breaks: str
    blocks: bool = False


@dataclass(frozen=True, slots=True)
class UseProvider:
    name: str
    uses: Callable[[list[int]], list[Use]]
    readable: Callable[[Any, Any], Any] | None = None
    release: Callable[..., Any] | None = None


def register(provider: UseProvider) -> None:
    _PROVIDERS[provider.name] = provider


def providers() -> list[UseProvider]:
    return list(_PROVIDERS.values())


def uses_of(document_ids: Iterable[int]) -> dict[int, list[Use]]:
    """Every registered use of the documents, by document id (each provider asked once)."""
    ids = sorted(set(document_ids))
    found: dict[int, list[Use]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for provider in providers():
        for use in provider.uses(ids):
            found.setdefault(use.document_id, []).append(use)
    return found


def readable_q(user: Any, pemda: Any, field: str = "pk") -> Q:
    """Documents the user reads through a use in some app (`field` names the document's id);
    an empty condition matches nothing."""
    q = Q(pk__in=[])
    for provider in providers():
        if provider.readable is not None:
            q |= Q(**{f"{field}__in": provider.readable(user, pemda)})
    return q


def release_all(*, actor: Any, document: Any) -> None:
    """Take the document off every item of every app (inside the caller's transaction)."""
    for provider in providers():
        if provider.release is not None:
            provider.release(actor=actor, document=document)
