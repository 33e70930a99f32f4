"""One rule for the codes users type (Pemda, unit, campaign, SKM product).

A code is stored as the user typed it (trimmed) and is unique case-insensitively: each model
carries a database constraint on `Lower(code)`. Every command, page and endpoint that takes a
code finds it through `code_filter`/`get_by_code`, so `FND`, `fnd` and `Fnd` name the same
Pemda everywhere. In-memory matching (imports that hold a Pemda's units in a dict) uses
`code_key`, which folds the same way PostgreSQL's LOWER does.

SQLite's LOWER folds ASCII letters only, so on an embedded install two codes that differ only
in the case of a non-ASCII letter are distinct to the database; SIKAP's code-like fields are
ASCII in practice (Pemda and campaign codes are slugs).
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import CharField, Model, QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

M = TypeVar("M", bound=Model)


def code_clean(code: str) -> str:
    """The code as it is stored: what the user typed, without surrounding whitespace."""
    return code.strip()


def code_key(code: str) -> str:
    """The form under which two codes are the same code."""
    return code.strip().lower()


def code_filter(field: str, code: str) -> Exact:
    """A filter expression: `field` names the same code as `code`, whatever the case."""
    return Exact(Lower(field), Lower(Value(code_clean(code), output_field=CharField())))


def by_code(queryset: QuerySet[M], code: str, *, field: str = "code") -> QuerySet[M]:
    return queryset.filter(code_filter(field, code))


def get_by_code(queryset: QuerySet[M], code: str, *, field: str = "code") -> M | None:
    """The one object whose code matches, or None (blank codes match nothing)."""
    if not code_clean(code):
        return None
    return by_code(queryset, code, field=field).first()


def refuse_case_clashes(
    queryset: QuerySet[M], *, scope: tuple[str, ...], field: str, what: str
) -> None:
    """Stop a migration that adds a `Lower(field)` constraint while stored rows clash.

    The message lists every clash so an administrator can rename the rows and migrate again;
    without it the database would only answer with an anonymous integrity error.
    """
    from django.db.models import Count

    clashes = (
        queryset.values(*scope, key=Lower(field))
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by(*scope, "key")
    )
    lines = []
    for clash in clashes:
        rows = queryset.filter(**{s: clash[s] for s in scope}).filter(
            Exact(Lower(field), clash["key"])
        )
        values = sorted(str(v) for v in rows.values_list(field, flat=True))
        where = ", ".join(f"{s}={clash[s]}" for s in scope)
        lines.append(f"  {where + ': ' if where else ''}{', '.join(values)}")
    if lines:
        raise RuntimeError(
            f"Cannot make {what} unique in any case: these differ only in case. "
            "Rename all but one of each group, then migrate again.\n" + "\n".join(lines)
        )
