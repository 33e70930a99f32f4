"""`sikap official ombudsman|pekppp`: record an official result from the command line.

The same rule as the pages: a year already recorded with other values is changed only with
`--reason`; without it the command prints the recorded and the proposed values and writes
nothing. Earlier versions stay.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.core.versioning import ChangeNeedsReason
from sikap.org.models import OrgUnit, Pemda
from sikap.publicservice import domain
from sikap.publicservice.models import ServiceUnit


def _number(raw: str, what: str) -> float:
    try:
        return float(raw.replace(",", ".").strip())
    except ValueError as exc:
        raise CommandError(f"{what} {raw!r} bukan angka.") from exc


class Command(BaseCommand):
    help = "Record an official Ombudsman or PEKPPP result; a change needs --reason."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="scheme", required=True)
        omb = sub.add_parser("ombudsman", help="the Ombudsman's result of a Pemda and year")
        omb.add_argument("--pemda", required=True, help="Pemda code")
        omb.add_argument("--year", required=True, type=int)
        omb.add_argument("--score", required=True, help="0–100, e.g. 86.07 or 86,07")
        omb.add_argument(
            "--sample", nargs="*", default=[], metavar="UNIT", help="OrgUnit codes sampled"
        )
        omb.add_argument("--note", default="")
        omb.add_argument("--reason", default="", help="required when the year is recorded")
        pek = sub.add_parser("pekppp", help="KemenPAN-RB's PEKPPP result of a service unit")
        pek.add_argument("--pemda", required=True, help="Pemda code")
        pek.add_argument("--unit", required=True, help="OrgUnit code of the service unit")
        pek.add_argument("--year", required=True, type=int)
        pek.add_argument("--ipp", required=True, help="0–5, e.g. 4.60")
        pek.add_argument("--note", default="")
        pek.add_argument("--reason", default="", help="required when the year is recorded")
        for p in (omb, pek):
            p.add_argument("--json", action="store_true", help="print the outcome as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        pemda = Pemda.objects.filter(code__iexact=options["pemda"].strip()).first()
        if pemda is None:
            raise CommandError(f"Pemda {options['pemda']!r} tidak ada.")
        try:
            if options["scheme"] == "ombudsman":
                head: Any = domain.ombudsman_result_record(
                    actor="sikap official",
                    pemda=pemda,
                    year=options["year"],
                    score=_number(options["score"], "Nilai"),
                    sampled_units=[self._unit(pemda, c) for c in options["sample"]],
                    note=options["note"],
                    reason=options["reason"],
                )
                value = str(head.score)
            else:
                unit = self._unit(pemda, options["unit"])
                su = ServiceUnit.objects.filter(unit=unit).first()
                if su is None:
                    raise CommandError(f"{unit.code} bukan unit layanan.")
                head = domain.pekppp_official_record(
                    actor="sikap official",
                    service_unit=su,
                    year=options["year"],
                    ipp=_number(options["ipp"], "IPP"),
                    note=options["note"],
                    reason=options["reason"],
                )
                value = str(head.ipp)
        except ChangeNeedsReason as exc:
            if options["json"]:
                payload = {"refused": "reason required", "before": exc.before, "after": exc.after}
                self.stdout.write(json.dumps(payload, ensure_ascii=False))
            changed = [k for k in exc.after if exc.before.get(k) != exc.after.get(k)]
            lines = "\n".join(
                f"  {k}: {exc.before.get(k)!r} → {exc.after.get(k)!r}" for k in changed
            )
            raise CommandError(
                f"{' '.join(exc.messages)} Tidak ada yang disimpan; ulangi dengan --reason.\n"
                + lines
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        number = head.versions.order_by("-number").values_list("number", flat=True).first()
        if options["json"]:
            self.stdout.write(json.dumps({"year": head.year, "value": value, "revision": number}))
        else:
            self.stdout.write(f"{options['scheme']} {head.year}: {value} (versi {number})")

    @staticmethod
    def _unit(pemda: Pemda, code: str) -> OrgUnit:
        unit = OrgUnit.objects.filter(pemda=pemda, code__iexact=code.strip()).first()
        if unit is None:
            raise CommandError(f"Unit {code!r} tidak ada di pemda {pemda.code}.")
        return unit
