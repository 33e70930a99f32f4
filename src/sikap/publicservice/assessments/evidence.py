"""The file stored on a row (an Ombudsman finding's evidence; the earlier evidence of a
follow-up, an Ombudsman checklist item or a PEKPPP indicator, uploaded before these rows took
evidence from the library), for whoever may read the page that lists it; read-only.

Each kind is found through the same scoped query as its page, so another unit's or another
Pemda's file is a 404 like a missing one; the file always leaves as a download
(`core.downloads.attachment`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope
from sikap.core.downloads import attachment, stored_name
from sikap.publicservice import queries
from sikap.publicservice.models import OmbudsmanItem, PekpppScore


def _checklist_items(user: Any) -> QuerySet[Any]:
    return OmbudsmanItem.objects.filter(
        assessment__in=queries.ombudsman_assessments(user, Cap.SERVICE_RESULTS)
    )


def _pekppp_scores(user: Any) -> QuerySet[Any]:
    return PekpppScore.objects.filter(
        evaluation__in=queries.pekppp_evaluations(user, Cap.SERVICE_RESULTS)
    )


# The word in the address -> the rows of that kind the user may read.
KINDS: dict[str, Callable[[Any], QuerySet[Any]]] = {
    "tindak-lanjut": lambda user: queries.follow_ups(user, Cap.SERVICE_RESULTS),
    "temuan": lambda user: queries.ombudsman_findings(user, Cap.SERVICE_RESULTS),
    "ombudsman": _checklist_items,
    "pekppp": _pekppp_scores,
}


@login_required
@require_GET
def evidence_download(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    rows = KINDS.get(kind)
    if rows is None:
        raise Http404
    row = get_in_scope(rows(request.user), pk=pk)
    if not row.evidence:
        raise Http404
    try:
        return attachment(row.evidence, stored_name(row.evidence.name))
    except FileNotFoundError as exc:
        raise Http404 from exc
