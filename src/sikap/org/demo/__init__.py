"""Demo organisation: "Pemerintah Kota Palu (demo)" with its OPD tree and ~2,000 employees.

Loaded through the same imports an Admin Pemda uses (CSV built in memory), so the demo also
exercises them. Deterministic: a fixed random seed, so every run gives the same names and NIPs.
A few records are wrong on purpose, so the data-quality queue has something to show:
three atasan NIPs that match nobody, and one employee left in a closed unit.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from sikap.org.demo.files import SEED, build_files
from sikap.org.demo.tree import CLOSED_UNIT, tree
from sikap.org.domain import employees_import, pemda_create, units_import
from sikap.org.models import Pemda

DEMO_CODE = "palu-demo"
DEMO_NAME = "Pemerintah Kota Palu (demo)"
ACTOR = "demo"

__all__ = ["ACTOR", "CLOSED_UNIT", "DEMO_CODE", "DEMO_NAME", "SEED", "build_files", "load", "tree"]


def load(*, pemda: Pemda | None = None, stdout: Any = None) -> Pemda:
    """Create the demo Pemda with its units and employees; returns it."""
    if pemda is None:
        pemda = pemda_create(
            actor=ACTOR, code=DEMO_CODE, name=DEMO_NAME, level=Pemda.Level.KOTA, is_demo=True
        )
    units_csv, employees_csv = build_files()
    for run, name, data in (
        (units_import, "demo-unit.csv", units_csv),
        (employees_import, "demo-pegawai.csv", employees_csv),
    ):
        report = run(actor=ACTOR, pemda=pemda, file_name=name, data=data)
        if not report.ok:
            raise CommandError(
                "demo data rejected: " + "; ".join(e.as_text() for e in report.errors[:5])
            )
        if stdout is not None:
            stdout.write(
                f"{name}: {report.created} dibuat, {report.updated} diperbarui, "
                f"{len(report.warnings)} peringatan.\n"
            )
    return pemda
