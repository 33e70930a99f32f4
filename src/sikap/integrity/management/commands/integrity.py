"""`sikap integrity zi-import|zi-status`: scripted checks of a unit's Zona Integritas.

zi-import reads a filled LKE sheet (columns `kode, jawaban`, as `sikap rules zi-template`
gives) into the unit's self-assessment of the year, all or nothing; zi-status prints the
score, areas and WBK/WBBM eligibility with the hasil figures as they stand now: where the unit
chose SIKAP's data, the figure SIKAP holds today, read as an operator who reaches the Pemda
given by --pemda and nothing else (`core.scoping.system_within`); external figures as entered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.core.cli import import_rejected
from sikap.core.codes import get_by_code
from sikap.core.rowerrors import ImportRejected
from sikap.core.scoping import system_within
from sikap.integrity import domain, queries
from sikap.integrity.models import Assessment
from sikap.org.models import OrgUnit, Pemda

ACTOR = "sikap integrity"
YEARS = (2000, 2100)


class Command(BaseCommand):
    help = "Zona Integritas from the command line: import a filled LKE, print the status."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("zi-import", help="a filled LKE sheet (kode, jawaban) → answers")
        st = sub.add_parser("zi-status", help="score, areas and WBK/WBBM eligibility")
        for p in (imp, st):
            p.add_argument("--pemda", required=True, help="Pemda code")
            p.add_argument("--unit", required=True, help="OrgUnit code")
            p.add_argument("--year", required=True, type=int)
            p.add_argument("--json", action="store_true", help="print the outcome as JSON")
        imp.add_argument("file", help="CSV or XLSX")
        st.add_argument("--level", default="self", choices=("self", "tpi", "tpn"))

    def handle(self, *args: Any, **o: Any) -> None:
        for name in ("pemda", "unit"):
            if not o[name].strip() or not o[name].isprintable() or len(o[name]) > 100:
                raise CommandError(f"--{name} {o[name]!r} bukan kode yang sah.")
        if not YEARS[0] <= o["year"] <= YEARS[1]:
            raise CommandError(f"--year {o['year']}: tahun harus {YEARS[0]}–{YEARS[1]}.")
        pemda = get_by_code(Pemda.objects.all(), o["pemda"])
        if pemda is None:
            raise CommandError(f"Pemda {o['pemda']!r} tidak ada.")
        unit = get_by_code(OrgUnit.objects.filter(pemda=pemda), o["unit"])
        if unit is None:
            raise CommandError(f"Unit {o['unit']!r} tidak ada di pemda {pemda.code}.")
        if o["action"] == "zi-import":
            self._import(unit, o)
        else:
            self._status(unit, o)

    def _assessment(self, unit: OrgUnit, year: int, *, create: bool) -> Assessment:
        found = Assessment.objects.filter(unit=unit, kind="zi", year=year).first()
        if found is not None:
            return found
        if not create:
            raise CommandError(f"Unit {unit.code} belum memulai Zona Integritas {year}.")
        try:
            return domain.assessment_start(actor=ACTOR, unit=unit, kind="zi", year=year)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _import(self, unit: OrgUnit, o: dict[str, Any]) -> None:
        path = Path(o["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}") from exc
        assessment = self._assessment(unit, o["year"], create=True)
        try:
            got = domain.lke_import(
                actor=ACTOR, assessment=assessment, file_name=path.name, data=data
            )
        except ImportRejected as exc:
            raise import_rejected(exc.row_errors, stdout=self.stdout, as_json=o["json"]) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if o["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "imported": got.answers,
                        "counts": got.counts,
                        "unit": unit.code,
                        "year": o["year"],
                    }
                )
            )
        else:
            counts = f" dan {got.counts} baris jumlah" if got.counts else ""
            self.stdout.write(
                f"{got.answers} jawaban{counts} LKE {unit.code} {o['year']} tersimpan."
            )

    def _status(self, unit: OrgUnit, o: dict[str, Any]) -> None:
        assessment = self._assessment(unit, o["year"], create=False)
        operator = system_within(unit.pemda_id)
        data = queries.zi_status_dict(assessment, o["level"], user=operator)
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        lines = [
            f"{unit.code} {o['year']} ({o['level']}): total {data['total']:.2f}, "
            f"pengungkit {data['pengungkit']:.2f}, hasil {data['hasil']:.2f}"
        ]
        for code, a in data["areas"].items():
            lines.append(f"  {code}: {a['score']:.2f} ({a['percent']:.2f}%)")
        for target in ("wbk", "wbbm"):
            v = data[target]
            state = "memenuhi syarat" if v["eligible"] else "belum memenuhi syarat"
            lines.append(f"{target.upper()}: {state} (keyakinan {v['confidence']})")
            lines.extend(
                f"  - {s['rule']}: {s['actual']:.2f} < {s['required']:.2f} (kurang {s['short']:.2f})"
                for s in v["shortfalls"]
            )
        for key, src in data["hasil_sources"].items():
            if src["source"]:
                live = " (data SIKAP saat ini)" if src["live"] else ""
                points = "—" if src["points"] is None else f"{src['points']:.4f}"
                lines.append(f"  {key}: {points} [{src['source']}{live}] {src['note']}".rstrip())
        if data["hasil_missing"]:
            lines.append("Nilai hasil belum tercatat: " + ", ".join(data["hasil_missing"]))
        self.stdout.write("\n".join(lines))
