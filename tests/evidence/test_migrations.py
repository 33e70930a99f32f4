"""A library filled while it lived in the integrity app comes out whole in the evidence app."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("integrity", "0001_initial"), ("evidence", None)]


@pytest.mark.django_db(transaction=True)
def test_documents_versions_and_attachments_survive_the_move(personas):
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state([("integrity", "0001_initial")]).apps
        Document = old.get_model("integrity", "Document")
        doc = Document.objects.create(
            pemda_id=personas.pemda.pk, unit_id=personas.opd_a.pk, year=2024, doc_type="sk",
            title="SK Tim ZI", kind="file", current_number=1,
        )  # fmt: skip
        old.get_model("integrity", "DocumentVersion").objects.create(
            document=doc, number=1, file="ab/abcd", sha256="ab" + "c" * 62, size=42,
            content_type="application/pdf", original_name="sk-tim.pdf",
        )  # fmt: skip
        assessment = old.get_model("integrity", "Assessment").objects.create(
            pemda_id=personas.pemda.pk, unit_id=personas.opd_a.pk, kind="zi", year=2024,
            pencanangan_document=doc,
        )  # fmt: skip
        item = old.get_model("integrity", "AssessmentItem").objects.create(
            assessment=assessment, code="MP.P.1.a"
        )
        old.get_model("integrity", "Attachment").objects.create(item=item, document=doc)

        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
        moved = new.get_model("evidence", "Document").objects.get(pk=doc.pk)
        assert (moved.title, moved.year, moved.unit_id, moved.current_number) == (
            "SK Tim ZI", 2024, personas.opd_a.pk, 1,
        )  # fmt: skip
        (version,) = new.get_model("evidence", "DocumentVersion").objects.filter(document=moved)
        assert (version.number, version.file.name, version.size, version.original_name) == (
            1, "ab/abcd", 42, "sk-tim.pdf",
        )  # fmt: skip
        link = new.get_model("integrity", "Attachment").objects.get(item__code="MP.P.1.a")
        assert link.document_id == doc.pk
        assert link.document.title == "SK Tim ZI"
        kept = new.get_model("integrity", "Assessment").objects.get(pk=assessment.pk)
        assert kept.pencanangan_document.title == "SK Tim ZI"
    finally:
        # Leave the schema as every other test expects it, whatever happened above.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
