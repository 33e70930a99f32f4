"""Reads of the integrity app, always scoped; one module per topic, re-exported here."""

from sikap.integrity.queries.assessments import (
    assessment_get,
    assessments_visible,
    instrument_rows,
    workspace,
    zi_status_dict,
)
from sikap.integrity.queries.documents import (
    ATTACH_CHOICES,
    document_get,
    document_usage,
    documents_for,
    documents_visible,
    version_for_download,
)
from sikap.integrity.queries.overview import pemda_overview

__all__ = [
    "ATTACH_CHOICES",
    "assessment_get",
    "assessments_visible",
    "document_get",
    "document_usage",
    "documents_for",
    "documents_visible",
    "instrument_rows",
    "pemda_overview",
    "version_for_download",
    "workspace",
    "zi_status_dict",
]
