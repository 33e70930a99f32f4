"""Writes of the evidence library: one module per topic, re-exported here."""

from sikap.evidence.domain.documents import (
    actor_user,
    document_link_add,
    document_page_link,
    document_remove,
    document_replace,
    document_title,
    document_upload,
    evidence_fit_check,
    year_fits,
)
from sikap.evidence.domain.files import evidence_check

__all__ = [
    "actor_user",
    "document_link_add",
    "document_page_link",
    "document_remove",
    "document_replace",
    "document_title",
    "document_upload",
    "evidence_check",
    "evidence_fit_check",
    "year_fits",
]
