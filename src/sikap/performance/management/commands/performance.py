"""`sikap performance import|results|recompute --pemda CODE --year Y`: the PK on the command line.

`import FILE` reads kode_unit, kode_sasaran, sasaran, kode_indikator, indikator, jenis,
satuan, polaritas, target, target_maks, realisasi (all or nothing; every bad cell printed,
exit 1). `results --json` prints ``{"units": [{"unit", "capaian", "sasaran": [...]}]}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikap.core.cli import import_rejected
from sikap.core.scoping import SYSTEM
from sikap.org.queries import pemda_by_code
from sikap.performance import domain, queries


class Command(BaseCommand):
    help = "Perjanjian Kinerja of a Pemda: import PK rows and realisasi, print capaian."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="SUBCOMMAND")

        def add(name: str, help_text: str) -> CommandParser:
            p: CommandParser = sub.add_parser(name, help=help_text, description=help_text)
            p.add_argument("--pemda", required=True, help="code of the Pemda")
            p.add_argument("--year", required=True, type=int, help="the PK year")
            p.add_argument("--json", action="store_true", dest="as_json")
            return p

        p = add("import", "PK sasaran, indicators, targets and realisasi from CSV/XLSX")
        p.add_argument("file", help="path of the .csv or .xlsx file")
        add("results", "capaian per unit, sasaran and indicator")
        add("recompute", "recompute every capaian of the year from targets and realisasi")

    def handle(self, *args: Any, **options: Any) -> None:
        pemda = pemda_by_code(SYSTEM, options["pemda"])
        if pemda is None:
            raise CommandError(
                _("Pemda dengan kode '%(code)s' tidak ditemukan.") % {"code": options["pemda"]}
            )
        year: int = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})
        as_json: bool = options["as_json"]
        action = options["action"]
        if action == "import":
            self._import(pemda, year, Path(options["file"]), as_json)
        elif action == "recompute":
            count = domain.capaian_recompute(actor="cli", pemda=pemda, year=year)
            self._out(
                {"indicators": count}, as_json, _("%(n)s indikator dihitung ulang.") % {"n": count}
            )
        else:
            data = queries.results(pemda, year)
            if as_json:
                self.stdout.write(json.dumps(data, ensure_ascii=False))
                return
            for unit in data["units"]:
                self.stdout.write(f"{unit['unit']}: {_fmt(unit['capaian'])}")
                for s in unit["sasaran"]:
                    self.stdout.write(f"  {s['code']}: {_fmt(s['capaian'])}")
                    for i in s["indicators"]:
                        self.stdout.write(f"    {i['code']}: {_fmt(i['capaian'])}")

    def _import(self, pemda: Any, year: int, path: Path, as_json: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(reason)s")
                % {"path": path, "reason": exc.strerror}
            ) from exc
        try:
            result = domain.pk_import(
                actor="cli", pemda=pemda, year=year, file_name=path.name, data=data
            )
        except domain.PkImportError as exc:
            raise import_rejected(exc.row_errors, stdout=self.stdout, as_json=as_json) from exc
        summary = {
            "agreements_created": result.agreements_created,
            "sasaran_created": result.sasaran_created,
            "indicators_created": result.indicators_created,
            "indicators_updated": result.indicators_updated,
            "realisations": result.realisations,
        }
        text = _(
            "%(file)s: %(pk)s PK, %(s)s sasaran, %(i)s indikator baru, %(u)s diperbarui, "
            "%(r)s realisasi."
        ) % {
            "file": path.name,
            "pk": result.agreements_created,
            "s": result.sasaran_created,
            "i": result.indicators_created,
            "u": result.indicators_updated,
            "r": result.realisations,
        }
        self._out(summary, as_json, text)

    def _out(self, data: dict[str, Any], as_json: bool, text: str) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False) if as_json else text)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
