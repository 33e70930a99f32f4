"""What the integrity pages share: the request's Pemda, scoped fetches, the POST pattern."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.inputs import parse_int
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_units
from sikap.core.validation import add_to_form, form_error_summary, validation_messages
from sikap.integrity import queries
from sikap.integrity.models import Assessment
from sikap.org.models import OrgUnit, Pemda


class EmptyForm(forms.Form):
    """A POST that carries nothing but its CSRF token."""


def pemda_of(request: HttpRequest) -> Pemda:
    """The page's Pemda, set by the tenancy middleware from the /p/<code>/ prefix."""
    pemda: Pemda = request.pemda  # type: ignore[attr-defined]
    return pemda


def page_year(request: HttpRequest) -> int:
    """The ?year= of the page when it is a plausible year, else this year."""
    asked = parse_int(request.GET.get("year"))
    return asked if asked is not None and 2000 <= asked <= 2100 else timezone.localdate().year


def year_picker(request: HttpRequest) -> tuple[int, Any]:
    """The page's year and the form that picks it; a bad ?year= is shown at the field and the
    page shows this year."""
    from sikap.integrity.forms import YearForm

    year = page_year(request)
    if "year" in request.GET:
        form = YearForm(request.GET, auto_id="year-%s")
        form.is_valid()
    else:
        form = YearForm(initial={"year": year}, auto_id="year-%s")
    return year, form


def assessment_for(
    request: HttpRequest, kind: str, year: int, unit: str, capability: str = Cap.INTEGRITY_VIEW
) -> Assessment:
    """The assessment of the URL (kind, year, unit code in any case), scoped; 404 otherwise.
    The official actions (proposal, TPN) are the instansi's: they need the whole Pemda (403
    for reach over the unit alone), as the workspace offers them."""
    a = queries.assessment_get(
        request.user, pemda_of(request), kind=kind, year=year, unit_code=unit, capability=capability
    )
    if capability == Cap.INTEGRITY_OFFICIAL and not reach(request.user, capability).covers_pemda(
        a.pemda_id
    ):
        raise PermissionDenied
    return a


def unit_for(request: HttpRequest, pk: object, capability: str = Cap.INTEGRITY_MANAGE) -> OrgUnit:
    qs = scope_units(OrgUnit.objects.filter(pemda=pemda_of(request)), request.user, capability)
    return get_in_scope(qs, pk=pk)


def units_for(request: HttpRequest, capability: str = Cap.INTEGRITY_MANAGE) -> list[OrgUnit]:
    qs = OrgUnit.objects.filter(pemda=pemda_of(request), valid_to__isnull=True)
    return list(scope_units(qs, request.user, capability).order_by("path"))


def form_page(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    ok: str,
    back: str,
    page: Callable[[Any], HttpResponse],
    field: str | None = None,
) -> HttpResponse:
    """Validate the form and run the one domain action, then go back. A refusal shows the
    page again (`page(form)`) with the form bound, each error next to its field (a domain
    refusal that names no field at `field`, else above the form), and stores nothing."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") or field is None:
                add_to_form(form, exc)
            else:
                form.add_error(field, validation_messages(exc) or [_("Permintaan ditolak.")])
        else:
            messages.success(request, ok)
            return redirect(back)
    messages.error(request, form_error_summary(form))
    return page(form)


def run_form(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    ok: str,
    back: str,
) -> HttpResponse:
    """Validate the form, run the one domain action, flash the outcome, go back."""
    if not form.is_valid():
        messages.error(request, form_error_summary(form))
        return redirect(back)
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(validation_messages(exc)) or _("Permintaan ditolak."))
        return redirect(back)
    messages.success(request, ok)
    return redirect(back)


def posted_row(request: HttpRequest) -> str:
    """The LKE item a row form of the workspace was posted from."""
    return request.POST.get("code", "")[:40]


def workspace_url(a: Assessment, code: str = "") -> str:
    """The unit's workspace, at the row of item `code` when given."""
    url = reverse("integrity:workspace", args=[a.kind, a.year, a.unit.code])
    return f"{url}#item-{code}" if code else url
