from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sikap.accounts.backends import find_user_for_login
from sikap.accounts.domain import (
    user_is_locked,
    user_record_failed_login,
    user_record_successful_login,
)
from sikap.accounts.models import User


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("NIP atau email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid": _("NIP/email atau kata sandi salah."),
        "locked": _(
            "Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi nanti atau hubungi Admin Pemda."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        identifier = cleaned.get("identifier")
        password = cleaned.get("password")
        if not identifier or not password:
            return cleaned
        candidate = find_user_for_login(identifier)
        if candidate is not None and user_is_locked(user=candidate):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        user = authenticate(self.request, username=identifier, password=password)
        if user is None:
            if candidate is not None and user_record_failed_login(user=candidate):
                raise forms.ValidationError(self.error_messages["locked"], code="locked")
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        user_record_successful_login(user=user)
        self.user = user
        return cleaned
