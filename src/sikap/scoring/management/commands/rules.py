"""`sikap rules …`: the rulebooks (sikap.rules) on the command line.

Exit status: 0 on success, 1 when the input is invalid (the reason is printed; with
``--json`` as ``{"error": "..."}`` on stdout), 2 on wrong usage (argparse).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikap.scoring import calculators
from sikap.scoring.calculators import CalculatorError, Outcome

LEVEL_HELP = "diatas | sesuai | dibawah (Di Atas / Sesuai / Di Bawah Ekspektasi)"


class Command(BaseCommand):
    help = (
        "Rulebooks of BerAKHLAK, SKM, IPAK, Ombudsman, PEKPPP, SKP, Zona Integritas, SAKIP and "
        "NIP: list them, grade a score, compute an IKM, IPAK or LKE from a file, check a NIP."
    )
    # Pure calculations: no database, so no system or migration checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="SUBCOMMAND")

        def add(name: str, help_text: str) -> CommandParser:
            p: CommandParser = sub.add_parser(name, help=help_text, description=help_text)
            p.add_argument(
                "--json", action="store_true", dest="as_json", help="print the result as JSON"
            )
            return p

        add("list", "every rulebook with its version, years, source and confidence")

        p = add("grade", "category of a score for a scheme (the newest version without --year)")
        p.add_argument("scheme", choices=calculators.GRADE_SCHEMES)
        p.add_argument("score", help="the score, e.g. 86.07")
        p.add_argument("--year", type=int, help="assessment year selecting the rulebook version")
        p.add_argument(
            "--inclusive",
            action="store_true",
            help="sakip only: read each band's lower bound as >= instead of >",
        )

        p = add("skm", "IKM from a CSV/XLSX file: one row per respondent, columns U1…U9 (1–4)")
        p.add_argument("file")
        p.add_argument("--year", type=int)

        p = add(
            "ipak",
            "IPAK index (1–4) from a CSV/XLSX file (one row per respondent, columns P1…P8, "
            "1–4) or from item means (--means); its LKE points and the WBK/WBBM minimum",
        )
        p.add_argument("file", nargs="?", help="respondent file (leave out with --means)")
        p.add_argument(
            "--means",
            help='item means, e.g. "P1=3.80,P2=3.75,…" (";" between entries for 3,80)',
        )
        p.add_argument("--year", type=int)

        p = add("sample-size", "respondents needed for a population")
        p.add_argument("population", help="population size N")
        p.add_argument("--method", choices=calculators.SAMPLE_METHODS, default="krejcie-morgan")
        p.add_argument("--error", help="slovin only: tolerated error e (default 0.05)")

        p = add("capaian", "capaian (%) of a realisasi against its target or target range")
        p.add_argument("--target", required=True, help="target T (the lower bound of a range)")
        p.add_argument("--realisasi", required=True, help="realisasi R")
        p.add_argument(
            "--polarity",
            choices=calculators.POLARITY_CHOICES,
            default="naik",
            help="naik: higher is better (default); turun: lower is better",
        )
        p.add_argument("--target-max", help="upper bound of a target range")
        p.add_argument("--year", type=int)

        p = add("nip", "check and read an 18-digit NIP (PNS or PPPK)")
        p.add_argument("nip")

        p = add("skp", "Predikat Kinerja Pegawai from the two SKP ratings")
        p.add_argument("--hasil", required=True, choices=calculators.SKP_LEVELS, help=LEVEL_HELP)
        p.add_argument("--perilaku", required=True, choices=calculators.SKP_LEVELS, help=LEVEL_HELP)

        p = add(
            "skp-distribution",
            "check employee predicates against the organisation's distribution curve",
        )
        p.add_argument("--org", required=True, help="Predikat Kinerja Organisasi, e.g. Baik")
        p.add_argument(
            "--counts",
            required=True,
            help='employees per predicate, e.g. "Sangat Baik=2,Baik=10,Butuh Perbaikan=3"',
        )

        p = add(
            "zi",
            "Zona Integritas LKE from a CSV with columns kode,jawaban; IPAK, IPKP and "
            "CAPAIAN_KINERJA as rows (kode=IPAK …) or as options",
        )
        p.add_argument("file")
        p.add_argument("--ipak", help="Indeks Persepsi Anti Korupsi (survey index)")
        p.add_argument("--ipkp", help="Indeks Persepsi Kualitas Pelayanan (survey index)")
        p.add_argument("--capaian", help="capaian kinerja lebih baik, LKE value 0–5")
        p.add_argument(
            "--survey-scale",
            choices=calculators.SURVEY_SCALES,
            default="lke",
            help="lke: IPAK/IPKP as LKE values (0–17.5, default); index: 1–4 survey indices",
        )
        p.add_argument("--year", type=int)

        p = add("zi-template", "a blank LKE answer sheet (CSV) for `sikap rules zi`")
        p.add_argument("--year", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action: str = options["action"]
        as_json: bool = options["as_json"]
        try:
            outcome = self._run(action, options)
        except CalculatorError as exc:
            if as_json:
                self._write_json(exc.to_dict())
            elif exc.outcome is not None:
                self._write_lines(exc.outcome)
            raise CommandError(exc.message, returncode=1) from exc
        if as_json:
            self._write_json(outcome.data)
        else:
            self._write_lines(outcome)

    def _run(self, action: str, o: dict[str, Any]) -> Outcome:
        if action == "list":
            return calculators.rulebooks_list()
        if action == "grade":
            return calculators.grade(
                o["scheme"], o["score"], year=o["year"], inclusive=o["inclusive"]
            )
        if action == "skm":
            return calculators.skm_file(o["file"], year=o["year"])
        if action == "ipak":
            if (o["file"] is None) == (o["means"] is None):
                raise CalculatorError(_("berikan berkas responden atau --means, salah satu saja"))
            if o["means"] is not None:
                return calculators.ipak_means(o["means"], year=o["year"])
            return calculators.ipak_file(o["file"], year=o["year"])
        if action == "sample-size":
            return calculators.sample_size(o["population"], method=o["method"], error=o["error"])
        if action == "capaian":
            return calculators.capaian(
                o["target"],
                o["realisasi"],
                polarity=o["polarity"],
                target_max=o["target_max"],
                year=o["year"],
            )
        if action == "nip":
            return calculators.nip_check(o["nip"])
        if action == "skp":
            return calculators.skp_predicate(o["hasil"], o["perilaku"])
        if action == "skp-distribution":
            return calculators.skp_distribution(o["org"], o["counts"])
        if action == "zi":
            return calculators.zi_file(
                o["file"],
                ipak=o["ipak"],
                ipkp=o["ipkp"],
                capaian=o["capaian"],
                survey_scale=o["survey_scale"],
                year=o["year"],
            )
        if action == "zi-template":
            return calculators.zi_template(year=o["year"])
        raise CommandError(f"unknown subcommand {action!r}", returncode=2)

    def _write_json(self, data: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _write_lines(self, outcome: Outcome) -> None:
        for line in outcome.lines:
            self.stdout.write(line)
