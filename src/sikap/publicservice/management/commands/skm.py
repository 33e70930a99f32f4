"""`sikap skm import` (paper forms, CSV) and `sikap skm results` (IKM of a unit and period)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from sikap.accounts.scoping import SYSTEM
from sikap.core.cli import import_rejected
from sikap.org.queries import pemda_by_code
from sikap.publicservice import domain, queries
from sikap.publicservice.ikm import NRR_DECIMALS
from sikap.publicservice.periods import parse_period


class Command(BaseCommand):
    help = "SKM: import paper forms from CSV, or print a unit's results for a period."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="CSV with tanggal (YYYY-MM-DD), layanan, U1…U9 and optional profile columns",
        )
        imp.add_argument("--pemda", required=True, help="Pemda code")
        imp.add_argument("--unit", required=True, help="OrgUnit code of the service unit")
        imp.add_argument("file", help="path of the CSV file")
        imp.add_argument("--json", action="store_true", help="print the outcome as JSON")
        res = sub.add_parser("results", help="IKM of a unit (with its products and sub-units)")
        res.add_argument("--pemda", required=True, help="Pemda code")
        res.add_argument("--unit", required=True, help="OrgUnit code")
        res.add_argument("--period", required=True, help="2024, 2024S1 or 2024Q1")
        res.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        else:
            self._results(options)

    def _import(self, options: dict[str, Any]) -> None:
        pemda = pemda_by_code(SYSTEM, options["pemda"])
        if pemda is None:
            raise CommandError(f"Pemda {options['pemda']!r} tidak ada.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}") from exc
        try:
            result = domain.skm_import(
                actor="sikap skm import", pemda=pemda, unit_code=options["unit"], data=data
            )
        except domain.SkmImportError as exc:
            raise import_rejected(
                exc.row_errors, stdout=self.stdout, as_json=options["json"]
            ) from exc
        payload = {
            "unit": options["unit"],
            "created": result.created,
            "new_products": list(result.new_products),
            "service_unit_created": result.unit_created,
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{result.created} jawaban diimpor ke {options['unit']}"
                + (
                    f"; jenis layanan baru: {', '.join(result.new_products)}"
                    if result.new_products
                    else ""
                )
            )

    def _results(self, options: dict[str, Any]) -> None:
        try:
            unit = queries.get_unit_by_code(
                SYSTEM,
                "service.results",
                pemda_code=options["pemda"],
                unit_code=options["unit"],
            )
        except Http404 as exc:
            raise CommandError(
                f"Unit {options['unit']!r} tidak ada di pemda {options['pemda']!r}."
            ) from exc
        try:
            period = parse_period(options["period"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # The command line answers from fresh data: rebuild the subtree's snapshots first.
        domain.skm_recompute_many(service_unit_ids=queries.subtree_service_unit_ids(unit))
        result = queries.unit_result(unit, period)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        s = result.score
        self.stdout.write(f"{unit.code} {unit.name} — {period.key}: n = {s.n}")
        for u in s.unsur:
            # NRR as the results publish it (skm_publish.NRR_DECIMALS), not padded further.
            nrr = "-" if u.nrr is None else f"{u.nrr:.{NRR_DECIMALS}f}"
            self.stdout.write(f"  {u.code} {u.name}: {nrr}")
        if s.ikm is None:
            self.stdout.write("  IKM: belum ada jawaban")
        else:
            self.stdout.write(f"  IKM {s.ikm:.2f} — mutu {s.category} ({s.label})")
