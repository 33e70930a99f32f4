from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from sikap.accounts.models import User
from sikap.rules import nip


def find_user_for_login(identifier: str) -> User | None:
    """The user whose NIP, email or username is `identifier` (NIP may contain spaces)."""
    identifier = identifier.strip()
    if not identifier:
        return None
    compact = nip.normalise(identifier)
    if compact.isascii() and compact.isdigit():
        user = User.objects.filter(nip=compact).first()
        if user is not None:
            return user
    if "@" in identifier:
        user = User.objects.filter(email__iexact=identifier).first()
        if user is not None:
            return user
    return User.objects.filter(username=identifier).first()


class NipOrEmailBackend(ModelBackend):
    """Authenticate by NIP or email (or username) with a password; lockout is checked by the form."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        user = find_user_for_login(username)
        if user is None:
            # Run the hasher anyway so timing does not reveal which identifiers exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
