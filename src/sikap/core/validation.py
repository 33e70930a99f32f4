"""Django ValidationErrors as the interfaces show them: lines for a CLI or a page, form errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def validation_messages(exc: ValidationError, *, with_field: bool = False) -> list[str]:
    """Every message of `exc`; with_field prefixes each with its field ("name: message")."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [
        f"{field}: {message}" if with_field and field != "__all__" else message
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


def form_error_summary(form: Any) -> str:
    """A refused form's errors in one line for a flash message: "Label: message; Label: …"
    (an error of the whole form without a label)."""
    return "; ".join(
        " ".join(v)
        if k == NON_FIELD_ERRORS
        else f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
        for k, v in form.errors.items()
    )


def add_to_form(form: Any, exc: ValidationError) -> None:
    """Put a domain ValidationError on `form`: on its field where the form has one, else on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
