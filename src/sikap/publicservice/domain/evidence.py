"""Evidence files attached to follow-up, Ombudsman findings and PEKPPP scores."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# --- evidence, follow-up and publication ---------------------------------------------------

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
_EVIDENCE_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}


def evidence_validate(upload: Any) -> None:
    """Evidence must be a PDF, image or Office file of at most 10 MB, by name and by content."""
    if upload is None:
        return
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in _EVIDENCE_MAGIC:
        raise ValidationError(
            _("Berkas bukti %(name)s: jenis tidak diterima (PDF, JPG, PNG, XLSX atau DOCX).")
            % {"name": name}
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Berkas bukti %(name)s lebih dari 10 MB.") % {"name": name})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(m) for m in _EVIDENCE_MAGIC[ext]):
        raise ValidationError(
            _("Isi berkas bukti %(name)s tidak sesuai dengan jenisnya (.%(ext)s).")
            % {"name": name, "ext": ext}
        )
