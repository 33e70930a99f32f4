"""What the Ombudsman and PEKPPP pages share: the page's year, the Pemda a manager records
for, form data with the page's year, and the confirmation of a changed official result."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import reach
from sikap.core.inputs import parse_int
from sikap.core.validation import form_error_summary
from sikap.core.versioning import ChangeNeedsReason, change_rows
from sikap.org.models import Pemda
from sikap.rules import RuleError


def page_year(request: HttpRequest, rulebooks: Any) -> int:
    """The ?year= of the page (or the older ?tahun=), if a rulebook of the scheme knows it;
    else this year."""
    asked = parse_int(request.GET.get("year") or request.GET.get("tahun"))
    if asked is not None and 2000 <= asked <= 2100:
        try:
            rulebooks.select(asked)
            return asked
        except RuleError:
            messages.error(request, _("Tidak ada aturan untuk tahun %(y)s.") % {"y": asked})
    return timezone.localdate().year


def posted(request: HttpRequest) -> QueryDict:
    """The POST data with its `year`: the form's own, else the page's ?year= (a form or link
    made before the English names may still say `tahun`)."""
    data = request.POST.copy()
    for source, key in ((request.POST, "tahun"), (request.GET, "year"), (request.GET, "tahun")):
        if data.get("year"):
            break
        if source.get(key):
            data["year"] = source[key]
    return data


def refuse(request: HttpRequest, form: Any) -> None:
    messages.error(request, form_error_summary(form))


def pemda_managed(request: HttpRequest) -> Pemda:
    """The Pemda whose official results the user records; 403 without the right to."""
    pemda: Pemda = request.pemda  # type: ignore[attr-defined]
    if not reach(request.user, Cap.SERVICE_MANAGE).covers_pemda(pemda.pk):
        raise PermissionDenied
    return pemda


def confirm_change(
    request: HttpRequest,
    exc: ChangeNeedsReason,
    *,
    labels: dict[str, Any],
    title: str,
    back_url: str,
) -> HttpResponse:
    """Show the recorded and the proposed values and ask for the reason; nothing was saved."""
    skip = {"csrfmiddlewaretoken", "reason", "confirm_version"}
    return render(
        request,
        "core/record_change_confirm.html",
        {
            "title": title,
            "number": exc.number,
            "rows": change_rows(exc.before, exc.after, labels),
            "hidden": [
                (k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)
            ],
            "action_url": request.path,
            "back_url": back_url,
            "reason_missing": "confirm_version" in request.POST,
        },
        status=409,
    )
