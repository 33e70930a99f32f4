"""Start-up check: every SKM rulebook year uses the answer scale the database stores."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register()
def skm_scale_matches_storage(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from sikap.publicservice.models import SCALE
    from sikap.rules import skm

    return [
        checks.Error(
            f"SKM rulebook {book.meta.version} answers on {book.scale_min}-{book.scale_max}, "
            f"but SIKAP stores answers on {SCALE[0]}-{SCALE[1]}",
            hint="A new scale needs a schema change (publicservice.models.SCALE and its check).",
            id="sikap.publicservice.E001",
        )
        for book in skm.RULEBOOKS.all()
        if (book.scale_min, book.scale_max) != SCALE
    ]
