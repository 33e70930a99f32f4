"""View guards over the scoping gate: a capability the user's roles grant nowhere is a 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sikap.core.scoping import has_capability

View = Callable[..., HttpResponse]


def require_capability(request: HttpRequest, capability: str) -> None:
    """Refuse (403) when the user's roles grant `capability` nowhere."""
    if not has_capability(request.user, capability):
        raise PermissionDenied


def requires(capability: str) -> Callable[[View], View]:
    """Decorator: log in first, then require_capability."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_capability(request, capability)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate
