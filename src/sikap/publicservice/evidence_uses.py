"""The library's "where used" for Ombudsman and PEKPPP, registered at start-up
(`sikap.evidence.uses`)."""

from __future__ import annotations

from sikap.evidence.uses import UseProvider, register
from sikap.publicservice.domain.library import library_evidence_release
from sikap.publicservice.queries.library import (
    library_documents_readable,
    library_evidence_uses,
)


def connect() -> None:
    register(
        UseProvider(
            name="publicservice",
            uses=library_evidence_uses,
            readable=library_documents_readable,
            release=library_evidence_release,
        )
    )
