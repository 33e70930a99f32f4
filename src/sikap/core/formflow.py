"""The POST pattern of SIKAP's pages: one form, one domain action, then back.

A refusal (the form's or the domain's ValidationError) changes nothing and says what is wrong:
`form_page` shows the page again with the form bound and each error at its field, `run_form`
flashes it and goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sikap.core.validation import add_to_form, form_error_summary, validation_messages


class EmptyForm(forms.Form):
    """A POST that carries nothing but its CSRF token."""


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
    refused: str | None = None,
) -> HttpResponse:
    """Validate the form, run the one domain action, flash the outcome, go back (a refusal
    to `refused` when given)."""
    if not form.is_valid():
        messages.error(request, form_error_summary(form))
        return redirect(refused or back)
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(validation_messages(exc)) or _("Permintaan ditolak."))
        return redirect(refused or back)
    messages.success(request, ok)
    return redirect(back)
