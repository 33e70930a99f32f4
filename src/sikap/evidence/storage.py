"""Where evidence files live: SIKAP_EVIDENCE_ROOT, outside MEDIA_ROOT and the web root."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class EvidenceStorage(FileSystemStorage):
    """Evidence files have no URL: only the library's scoped download serves them. The
    setting is read on every use."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.SIKAP_EVIDENCE_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def base_url(self) -> None:
        return None


def evidence_storage() -> FileSystemStorage:
    return EvidenceStorage()
