"""Uploaded evidence goes back to users only as a download.

Whatever a file holds (HTML, SVG, a PDF with script), it is sent as an attachment, never
sniffed into another type and, were a browser to render it anyway, in a sandbox without any
origin; and no shared cache keeps it.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from typing import Any

from django.http import FileResponse


def attachment(file: Any, filename: str, content_type: str | None = None) -> FileResponse:
    """A response that downloads `file` (an open file or a FieldFile) as `filename`."""
    if content_type is None:
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    handle = file.open("rb") if hasattr(file, "open") else file
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_name(name: str) -> str:
    """The name a user gave a file stored as `…/<random>/<name>`."""
    return PurePosixPath(name).name
