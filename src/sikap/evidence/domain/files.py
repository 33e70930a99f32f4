"""Checks on an uploaded evidence file: name, size, type by extension and by content."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → (content type, magic prefixes). Only formats a browser will not run: no HTML,
# SVG or script; Office files are zips.
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
}
NAME_MAX = 150
_UNSAFE = re.compile(r"[^\w .()\-]+")


@dataclass(frozen=True, slots=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def clean_name(name: str) -> str:
    """The base name with path parts, control characters and odd symbols dropped."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base).replace("\x00", "")
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot else base[:NAME_MAX]
    return base


def evidence_check(upload: Any) -> CheckedFile:
    """Read and check an upload; a ValidationError names the file and what is wrong."""
    name = clean_name(getattr(upload, "name", "") or "")
    shown = name or "?"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError(
            _("Berkas %(name)s: jenis tidak diterima (PDF, JPG, PNG, XLSX atau DOCX).")
            % {"name": shown}
        )
    limit = settings.SIKAP_EVIDENCE_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(_too_big(shown, limit))
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_too_big(shown, limit))
    if not data:
        raise ValidationError(_("Berkas %(name)s kosong.") % {"name": shown})
    content_type, magics = ALLOWED[ext]
    if not any(data.startswith(m) for m in magics):
        raise ValidationError(
            _("Isi berkas %(name)s tidak sesuai dengan jenisnya (.%(ext)s).")
            % {"name": shown, "ext": ext}
        )
    return CheckedFile(name, content_type, len(data), hashlib.sha256(data).hexdigest(), data)


def _too_big(name: str, limit: int) -> str:
    return _("Berkas %(name)s lebih dari %(mb)s MB (SIKAP_EVIDENCE_MAX_BYTES).") % {
        "name": name,
        "mb": f"{limit / (1024 * 1024):.1f}",
    }


def storage_name(checked: CheckedFile) -> str:
    """Where the bytes live: by content hash, no user text and no extension in the path."""
    return f"{checked.sha256[:2]}/{checked.sha256}"
