from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from sikap.core.roles import Cap
from sikap.core.scoping import has_capability


def sikap(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    caps: dict[str, bool] = {}
    if user is not None and user.is_authenticated:
        caps = {
            name.lower(): has_capability(user, value)
            for name, value in vars(Cap).items()
            if not name.startswith("_")
        }
    return {"caps": caps, "SIKAP_ENV": settings.SIKAP_ENV}
