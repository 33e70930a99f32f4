"""`sikap demo load`: the demo Pemda "Pemerintah Kota Palu (demo)" with data for every module."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.org.demo import DEMO_CODE
from sikap.org.models import Pemda

# Each module's demo loader: `load(*, pemda, stdout) -> None`, run in this order; loaded by
# name so the org app that owns the Pemda needs no import of the apps built on it.
DEMO_MODULES = (
    "sikap.org.demo",
    "sikap.accounts.demo",
    "sikap.culture.demo",
    "sikap.publicservice.demo",
    "sikap.performance.demo",
    "sikap.integrity.demo",
)


class Command(BaseCommand):
    help = "Load the demo Pemda (Kota Palu, demo data) with one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"], help="load: create the demo Pemda")
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when the demo Pemda exists"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        exists = Pemda.objects.filter(code=DEMO_CODE).exists()
        if exists and options["if_missing"]:
            self.stdout.write("Demo Pemda already loaded.")
            self._print_logins()
            return
        if exists:
            raise CommandError(f"Demo Pemda {DEMO_CODE!r} already exists; use --if-missing.")
        pemda: Pemda | None = None
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            result = module.load(pemda=pemda, stdout=self.stdout)
            if isinstance(result, Pemda):
                pemda = result
        self._print_logins()

    def _print_logins(self) -> None:
        # A module that has something to tell (the accounts demo: its logins) offers `describe`.
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            describe = getattr(module, "describe", None)
            if describe is not None:
                describe(stdout=self.stdout)
