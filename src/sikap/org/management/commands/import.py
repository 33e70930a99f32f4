"""`sikap import units|employees --pemda CODE FILE [--json]`: all-or-nothing imports.

Exits non-zero on any error, printing every row error as
`baris N, kolom X, nilai 'V': reason`. A progress bar is drawn in place on stderr.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikap.core.scoping import SYSTEM
from sikap.org.domain import employees_import, units_import
from sikap.org.imports.report import ImportReport
from sikap.org.queries import pemda_by_code

BAR_WIDTH = 30


class ProgressBar:
    """A plain-text bar redrawn in place with a carriage return; silent when asked to be."""

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.last_line = ""
        self.last_draw = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, message: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        final = total and done >= total
        if not final and now - self.last_draw < 0.1:
            return
        if total:
            filled = int(BAR_WIDTH * done / total)
            line = (
                f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done * 100 // total:3d}% {message}"
            )
        else:
            line = f"[{'.' * BAR_WIDTH}]      {message}"
        if line == self.last_line:
            return
        padding = " " * max(0, len(self.last_line) - len(line))
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()
        self.last_line, self.last_draw, self.drawn = line, now, True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Import units or employees of a Pemda from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["units", "employees"])
        parser.add_argument("file", help="path of the .csv or .xlsx file")
        parser.add_argument("--pemda", required=True, help="code of the Pemda")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--no-progress", action="store_true", help="do not draw progress")

    def handle(self, *args: Any, **options: Any) -> None:
        pemda = pemda_by_code(SYSTEM, options["pemda"])
        if pemda is None:
            raise CommandError(
                _("Pemda dengan kode '%(code)s' tidak ditemukan.") % {"code": options["pemda"]}
            )
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(reason)s")
                % {"path": path, "reason": exc.strerror}
            ) from exc
        stderr = getattr(self.stderr, "_out", sys.stderr)
        bar = ProgressBar(stderr, enabled=not options["no_progress"])
        run = units_import if options["what"] == "units" else employees_import
        try:
            report = run(actor="cli", pemda=pemda, file_name=path.name, data=data, progress=bar)
        finally:
            bar.close()
        self._print(report, as_json=options["json"])
        if not report.ok:
            raise CommandError(
                _("Impor dibatalkan: %(n)s kesalahan; tidak ada data yang disimpan.")
                % {"n": len(report.errors)}
            )

    def _print(self, report: ImportReport, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False))
            return
        for error in report.errors:
            self.stdout.write(error.as_text())
        for warning in report.warnings:
            self.stdout.write(_("peringatan: %(text)s") % {"text": warning.as_text()})
        if report.ok:
            self.stdout.write(
                _(
                    "%(file)s: %(rows)s baris; %(created)s dibuat, %(updated)s diperbarui, "
                    "%(unchanged)s tidak berubah, %(warnings)s peringatan."
                )
                % {
                    "file": report.file_name,
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "warnings": len(report.warnings),
                }
            )
