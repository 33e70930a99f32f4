from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from sikap.accounts.domain import (
    login_attempt_begin,
    login_attempt_failed,
    login_attempt_succeeded,
)
from sikap.accounts.models import User
from sikap.core.clientip import UNKNOWN, client_ip
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
    """Authenticate by NIP or email (or username) with a password, throttled.

    The throttle sits here rather than in a form so that every way to check a password (the
    login page, the Django admin's login, any later API) is slowed down alike.
    """

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
        attempt = login_attempt_begin(
            identifier=username,
            user=user,
            address=client_ip(request) if request is not None else UNKNOWN,
        )
        if attempt is None:
            return None
        if user is None:
            # Run the hasher anyway so timing does not reveal which identifiers exist.
            User().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            login_attempt_succeeded(attempt=attempt)
            return user
        login_attempt_failed(attempt=attempt)
        return None
