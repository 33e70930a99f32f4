"""`sikap culture …`: create, close and mix campaigns, import responses, recompute, results."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone

from sikap.accounts.scoping import SYSTEM
from sikap.core.cli import import_rejected
from sikap.core.inputs import clean_text
from sikap.core.validation import validation_messages
from sikap.culture import domain, queries
from sikap.culture.domain import ballot_box
from sikap.culture.models import Campaign
from sikap.org.queries import pemda_by_code


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Tanggal {text!r} harus berformat YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = "BerAKHLAK culture surveys: campaigns, response import, recompute, results."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create-campaign", help="create a campaign (snapshots the tree)")
        create.add_argument("--pemda", required=True, help="Pemda code")
        create.add_argument("--code", required=True, help="campaign code, unique in the Pemda")
        create.add_argument("--instrument", required=True, choices=["implementasi", "likert"])
        create.add_argument("--picks", type=int, default=10, help="K behaviours per ballot")
        create.add_argument("--name", default="", help="campaign name")
        create.add_argument("--start", help="period start YYYY-MM-DD (default today)")
        create.add_argument("--end", help="period end YYYY-MM-DD (default start + 30 days)")
        create.add_argument(
            "--depth", type=int, default=0, help="attribution depth (0 = OPD level)"
        )
        create.add_argument(
            "--sample", default="krejcie_morgan", choices=["krejcie_morgan", "slovin"]
        )
        create.add_argument("--json", action="store_true")
        due = sub.add_parser(
            "recompute-due",
            help="recompute every open campaign and any closed since its last recompute "
            "(the nightly job; for cron where Celery beat does not run)",
        )
        due.add_argument("--json", action="store_true")
        for name, text in (
            (
                "close",
                "close a campaign: mix every ballot left and publish its results",
            ),
            ("mix", "mix the ballot box of an open campaign (units with at least k sheets)"),
            ("recompute", "recompute the result snapshots of a campaign"),
            ("results", "print the results of a campaign"),
            ("import-responses", "import offline or past responses from CSV (all or nothing)"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("--campaign", required=True, help="campaign code")
            p.add_argument("--pemda", help="Pemda code (needed when the code is not unique)")
            p.add_argument("--json", action="store_true")
            if name == "import-responses":
                p.add_argument("file", help="CSV file")
            if name == "recompute":
                p.add_argument(
                    "--full",
                    action="store_true",
                    help="read every response again (forget the sums of closed days first), "
                    "e.g. after responses were written outside SIKAP",
                )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create-campaign":
            self._create(options)
            return
        if action == "recompute-due":
            done = domain.results_recompute_due(actor="sikap culture recompute-due")
            self._out(
                options,
                {"campaigns": done},
                f"{len(done)} kampanye dihitung ulang"
                + "".join(f"\n  {code}: {n} kelompok" for code, n in done.items()),
            )
            return
        campaign = self._campaign(options)
        if action == "close":
            self._close(options, campaign)
            return
        if action == "mix":
            result = ballot_box.ballots_mix(campaign=campaign, actor="sikap culture mix")
            self._out(
                options,
                {"campaign": campaign.code, "mixed": result.mixed, "waiting": result.waiting},
                f"{result.mixed} jawaban dicampur ke {campaign.code}; "
                f"{result.waiting} masih menunggu di kotak suara.",
            )
            return
        if action == "recompute":
            if options["full"]:
                domain.tallies_reset(campaign=campaign)
                campaign.refresh_from_db()
            count = domain.results_recompute(campaign=campaign, actor="sikap culture recompute")
            self._out(
                options,
                {"campaign": campaign.code, "groups": count},
                f"{count} kelompok hasil dihitung ulang untuk {campaign.code}.",
            )
        elif action == "results":
            self._results(options, campaign)
        else:
            self._import(options, campaign)

    def _out(self, options: dict[str, Any], payload: dict[str, Any], text: str) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False) if options["json"] else text)

    def _campaign(self, options: dict[str, Any]) -> Campaign:
        try:
            return queries.campaign_by_code(SYSTEM, options["campaign"], options["pemda"])
        except Http404 as exc:
            raise CommandError(
                f"Kampanye {options['campaign']!r} tidak ada"
                + (
                    " atau ada di lebih dari satu pemda; sebutkan --pemda."
                    if not options["pemda"]
                    else f" di pemda {options['pemda']!r}."
                )
            ) from exc

    def _create(self, options: dict[str, Any]) -> None:
        pemda = pemda_by_code(SYSTEM, options["pemda"])
        if pemda is None:
            raise CommandError(f"Pemda {options['pemda']!r} tidak ada.")
        start = _date(options["start"]) if options["start"] else timezone.localdate()
        end = _date(options["end"]) if options["end"] else start + dt.timedelta(days=30)
        try:
            campaign = domain.campaign_create(
                actor="sikap culture create-campaign",
                pemda=pemda,
                code=clean_text(options["code"]),
                name=clean_text(options["name"]),
                kind=options["instrument"],
                period_start=start,
                period_end=end,
                picks=options["picks"],
                attribution_depth=options["depth"],
                sample_method=options["sample"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(validation_messages(exc, with_field=True))) from exc
        self._out(
            options,
            {
                "campaign": campaign.code,
                "instrument": campaign.kind,
                "picks": campaign.picks,
                "units": campaign.units.count(),
                "eligible": campaign.eligible,
                "minimum": campaign.minimum,
            },
            f"Kampanye {campaign.code} dibuat ({campaign.units.count()} unit, "
            f"{campaign.eligible} pegawai sasaran, minimal {campaign.minimum} responden).",
        )

    def _import(self, options: dict[str, Any], campaign: Campaign) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}") from exc
        # The bytes go to the one table reader, as an upload does: UTF-8 or Windows-1252 (Excel),
        # title rows, NUL bytes and an unreadable file all answered as row errors.
        try:
            count = domain.responses_import(
                actor="sikap culture import-responses", campaign=campaign, file=io.BytesIO(data)
            )
        except domain.ImportRejected as exc:
            raise import_rejected(
                exc.row_errors, stdout=self.stdout, as_json=options["json"]
            ) from exc
        self._out(
            options,
            {"campaign": campaign.code, "imported": count},
            f"{count} jawaban diimpor ke {campaign.code}.",
        )

    def _close(self, options: dict[str, Any], campaign: Campaign) -> None:
        actor = "sikap culture close"
        if campaign.status != Campaign.Status.CLOSED:
            try:
                campaign = domain.campaign_close(actor=actor, campaign=campaign)
            except ValidationError as exc:
                raise CommandError("; ".join(validation_messages(exc))) from exc
        count = domain.results_recompute(campaign=campaign, actor=actor)
        campaign.refresh_from_db()
        held = campaign.publication_held
        self._out(
            options,
            {
                "campaign": campaign.code,
                "groups": count,
                "published": not held,
                "held": held,
            },
            f"Kampanye {campaign.code} ditutup; {count} kelompok "
            + (
                "diterbitkan."
                if not held
                else "dihitung, tetapi tidak diterbitkan: perubahan kurang dari k responden di "
                + ", ".join(f"{h['unit']} ({h['change']:+d})" for h in held)
                + "."
            ),
        )

    def _results(self, options: dict[str, Any], campaign: Campaign) -> None:
        data = queries.results_json(SYSTEM, campaign)
        if not data["published"]:
            # Nothing but participation is shown before a campaign is closed and published.
            data["participation"] = [
                {"unit": r.unit.code, "responded": r.responded, "minimum": r.minimum}
                for r in queries.participation(campaign)
            ]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{campaign.code} ({campaign.kind})")
        if not data["published"]:
            self.stdout.write(
                "  Hasil belum diterbitkan: hasil terbit setelah kampanye ditutup "
                f"(sikap culture close --campaign {campaign.code}). Partisipasi:"
            )
            for p in data["participation"]:
                self.stdout.write(f"  {p['unit']}: {p['responded']} dari minimal {p['minimum']}")
            return
        for g in data["groups"]:
            if g["suppressed"]:
                self.stdout.write(f"  {g['unit']}: n = {g['n']} — disembunyikan (anonimitas)")
                continue
            values = " ".join(f"{c} {v['index']}" for c, v in g["values"].items())
            self.stdout.write(
                f"  {g['unit']}: n = {g['n']}, indeks {g['overall']['index']} "
                f"({g['overall']['band']}); {values}"
            )
