"""Results recorded before versioning become their version 1, sampled units and all."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("publicservice", "0004_codes_unique_in_any_case")]
AFTER = [("publicservice", "0005_official_result_versions")]


@pytest.mark.django_db(transaction=True)
def test_existing_results_become_version_one_with_their_sample(personas):
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        result = old.get_model("publicservice", "OmbudsmanResult").objects.create(
            pemda_id=personas.pemda.pk,
            year=2023,
            score=Decimal("86.07"),
            grade="B",
            zone="hijau",
            version="ombudsman:2022",
            note="rapor 2023",
        )
        result.sampled_units.set([personas.opd_b.pk, personas.puskesmas.pk])

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        (version,) = new.get_model("publicservice", "OmbudsmanResultVersion").objects.filter(
            head_id=result.pk
        )
        assert (
            version.number,
            str(version.score),
            version.grade,
            version.note,
            version.reason,
        ) == (
            1,
            "86.07",
            "B",
            "rapor 2023",
            "",
        )
        assert sorted(version.sampled_units.values_list("code", flat=True)) == [
            "DINKES-PKM-KAMONJI",
            "DUKCAPIL",
        ]
    finally:
        # Leave the schema as every other test expects it, whatever happened above.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
