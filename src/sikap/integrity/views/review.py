"""The TPI's review of a unit's assessment: scores and notes per item, the unit's replies,
the review finished or handed back."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from sikap.core.roles import Cap
from sikap.integrity import domain, forms
from sikap.integrity.models import Assessment
from sikap.integrity.views.assessments import workspace_action
from sikap.integrity.views.common import EmptyForm


@workspace_action(
    forms.ReviewForm,
    ok=gettext_lazy("Nilai TPI disimpan."),
    field="answer",
    capability=Cap.INTEGRITY_REVIEW,
)
def review(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.review_score(
        actor=request.user,
        assessment=a,
        code=d["code"],
        answer=d["answer"],
        note=d["note"],
        flag=d["flag"] or "",
    )


@workspace_action(
    EmptyForm, ok=gettext_lazy("Reviu TPI selesai."), button=True, capability=Cap.INTEGRITY_REVIEW
)
def review_finish(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.review_finish(actor=request.user, assessment=a)


@workspace_action(forms.ReplyForm, ok=gettext_lazy("Tanggapan disimpan."), field="reply")
def reply(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.review_reply(actor=request.user, assessment=a, code=d["code"], reply=d["reply"])


@workspace_action(
    EmptyForm,
    ok=gettext_lazy("Penilaian dikembalikan ke unit."),
    button=True,
    capability=Cap.INTEGRITY_REVIEW,
)
def review_return(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    """The TPI hands the assessment back to the unit to complete; its scores stay."""
    domain.review_return(actor=request.user, assessment=a)
