"""The LKE's count rows ("jumlah") of a percent item: the unit's and the TPI's."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.core.roles import Cap
from sikap.integrity import domain, forms
from sikap.integrity.views.assessments import count_rows, workspace_post
from sikap.integrity.views.common import assessment_for, posted_row


@login_required
@require_POST
def counts(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    """The unit's count rows of one percent item; a refused row stores nothing, its error at
    its field."""
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_MANAGE)
    row = posted_row(request)
    form = forms.CountsForm(request.POST, row=row, counts=count_rows(a, row))

    def act(d: dict[str, Any]) -> None:
        domain.counts_record(
            actor=request.user,
            assessment=a,
            code=d["code"],
            values={c: d[c] for c in form.count_codes},
        )

    return workspace_post(request, a, form, act, ok=_("Jumlah disimpan."))


@login_required
@require_POST
def review_counts(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    """The TPI's count rows of one percent item, beside the unit's."""
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_REVIEW)
    row = posted_row(request)
    form = forms.ReviewCountsForm(request.POST, row=row, counts=count_rows(a, row))

    def act(d: dict[str, Any]) -> None:
        domain.review_counts_record(
            actor=request.user,
            assessment=a,
            code=d["code"],
            values={c: d[c] for c in form.count_codes},
        )

    return workspace_post(request, a, form, act, ok=_("Jumlah TPI disimpan."))
