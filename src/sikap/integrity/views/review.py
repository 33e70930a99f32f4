"""The TPI's review of a unit's assessment: scores and notes per item, the unit's replies,
the review finished or handed back."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.core.roles import Cap
from sikap.integrity import domain, forms
from sikap.integrity.views.assessments import workspace_post
from sikap.integrity.views.common import (
    EmptyForm,
    assessment_for,
    posted_row,
    run_form,
    workspace_url,
)


@login_required
@require_POST
def review(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_REVIEW)
    return workspace_post(
        request,
        a,
        forms.ReviewForm(request.POST, row=posted_row(request)),
        lambda d: domain.review_score(
            actor=request.user,
            assessment=a,
            code=d["code"],
            answer=d["answer"],
            note=d["note"],
            flag=d["flag"] or "",
        ),
        ok=_("Nilai TPI disimpan."),
        field="answer",
    )


@login_required
@require_POST
def review_finish(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_REVIEW)
    return run_form(
        request,
        EmptyForm(request.POST),
        lambda d: domain.review_finish(actor=request.user, assessment=a),
        ok=_("Reviu TPI selesai."),
        back=workspace_url(a),
    )


@login_required
@require_POST
def reply(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_MANAGE)
    return workspace_post(
        request,
        a,
        forms.ReplyForm(request.POST, row=posted_row(request)),
        lambda d: domain.review_reply(
            actor=request.user, assessment=a, code=d["code"], reply=d["reply"]
        ),
        ok=_("Tanggapan disimpan."),
        field="reply",
    )


@login_required
@require_POST
def review_return(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    """The TPI hands the assessment back to the unit to complete; its scores stay."""
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_REVIEW)
    return run_form(
        request,
        EmptyForm(request.POST),
        lambda d: domain.review_return(actor=request.user, assessment=a),
        ok=_("Penilaian dikembalikan ke unit."),
        back=workspace_url(a),
    )
