"""`sikap pemda create --code CODE --name NAME [--level ...] [--time-zone ...]`."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikap.core.inputs import clean_text
from sikap.core.validation import validation_messages
from sikap.org.domain import pemda_create
from sikap.org.models import Pemda


class Command(BaseCommand):
    help = "Manage Pemda records (create)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a Pemda")
        create.add_argument("--code", required=True, help="short code, e.g. palu")
        create.add_argument("--name", required=True, help='e.g. "Pemerintah Kota Palu"')
        create.add_argument("--level", choices=Pemda.Level.values, default=Pemda.Level.KOTA)
        create.add_argument("--time-zone", default="Asia/Makassar", dest="time_zone")
        create.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pemda = pemda_create(
                actor="cli",
                code=clean_text(options["code"]),
                name=clean_text(options["name"]),
                level=options["level"],
                time_zone=options["time_zone"],
            )
        except ValidationError as exc:
            messages = validation_messages(exc, with_field=True)
            if options["json"]:
                self.stdout.write(json.dumps({"ok": False, "errors": messages}))
            raise CommandError("; ".join(messages)) from exc
        if options["json"]:
            payload = {
                "ok": True,
                "id": pemda.pk,
                "code": pemda.code,
                "name": pemda.name,
                "level": pemda.level,
                "time_zone": pemda.time_zone,
            }
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(
                _("Pemda %(code)s dibuat: %(name)s (id %(id)s).")
                % {"code": pemda.code, "name": pemda.name, "id": pemda.pk}
            )
