"""`sikap token create --user USERNAME`: print the API token of a user (created if missing)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.accounts.domain import user_token_create
from sikap.accounts.models import User


class Command(BaseCommand):
    help = "Create (or show) the REST API token of a user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--user", required=True, help="username, NIP or email")
        parser.add_argument(
            "--rotate", action="store_true", help="replace an existing token with a new one"
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from sikap.accounts.backends import find_user_for_login

        user: User | None = find_user_for_login(options["user"])
        if user is None:
            raise CommandError(f"No user {options['user']!r} (give a username, NIP or email).")
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive; no token issued.")
        key, created = user_token_create(actor="cli", user=user, rotate=options["rotate"])
        if options["json"]:
            self.stdout.write(json.dumps({"user": user.username, "token": key, "created": created}))
        else:
            self.stdout.write(key)
