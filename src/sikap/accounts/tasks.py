"""Account tasks: take plain values, safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from sikap.org.tenancy import in_pemda

SEND_PASSWORD_RESET = "sikap.accounts.send_password_reset"  # noqa: S105 (a task name)


@shared_task(name=SEND_PASSWORD_RESET)
def send_password_reset(
    *, email: str, protocol: str, domain: str, language: str, templates: dict[str, Any]
) -> None:
    """Mail a reset link to every active account with `email` (none: nothing is sent).

    Run apart from the request that asked for it, so the request takes as long whether or not
    the address has an account (looking the account up and talking to the mail server are the
    slow parts).
    """
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    # The reset page belongs to no Pemda: its link is short whatever prefix is current.
    with translation.override(language), in_pemda(None):
        PasswordResetForm.save(
            form, domain_override=domain, use_https=protocol == "https", **templates
        )
