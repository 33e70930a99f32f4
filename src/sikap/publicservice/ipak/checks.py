"""Start-up check: every IPAK rulebook year asks the items and scale the database stores."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register()
def ipak_items_match_storage(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from sikap.publicservice.ipak.models import ITEM_FIELDS, SCALE
    from sikap.rules import ipak

    stored = tuple(f.upper() for f in ITEM_FIELDS)
    return [
        checks.Error(
            f"IPAK rulebook {book.meta.version} asks {', '.join(book.codes)} on "
            f"{book.scale_min}-{book.scale_max}, but SIKAP stores {', '.join(stored)} on "
            f"{SCALE[0]}-{SCALE[1]}",
            hint="Other items or another scale need a schema change (publicservice/ipak/).",
            id="sikap.publicservice.E002",
        )
        for book in ipak.RULEBOOKS.all()
        if book.codes != stored or (book.scale_min, book.scale_max) != SCALE
    ]
