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
    attachments_of,
    documents_for,
    documents_readable,
)
from sikap.integrity.queries.overview import pemda_overview

__all__ = [
    "ATTACH_CHOICES",
    "assessment_get",
    "assessments_visible",
    "attachments_of",
    "documents_for",
    "documents_readable",
    "instrument_rows",
    "pemda_overview",
    "workspace",
    "zi_status_dict",
]
