"""Limits on uploaded tables, checked before and while they are read.

An XLSX is a zip: a 700 KB upload can unpack to hundreds of megabytes. Its members' declared
sizes are summed before anything is unpacked (Python's zipfile never inflates a member past
its declared size, so the sum bounds the work). Rows are counted while they are read, so a
file over the cap stops at the first row too many instead of after the whole file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

T = TypeVar("T")

# More members than any workbook a person saves; each also costs a directory entry to read.
MAX_ZIP_MEMBERS = 10_000


def refuse_oversized_upload(upload: Any) -> None:
    """A form's check of an uploaded table's size, before any of it is read."""
    limit = settings.SIKAP_IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte).")
            % {"size": upload.size, "limit": limit}
        )


class FileLimitError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def xlsx_check_unzipped(data: bytes) -> None:
    """Refuse a workbook whose members would unpack past SIKAP_IMPORT_MAX_UNZIPPED_BYTES.

    A file that is not a readable zip is left to the reader, which reports it as damaged.
    """
    limit = settings.SIKAP_IMPORT_MAX_UNZIPPED_BYTES
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = sum(max(m.file_size, 0) for m in members)
    if len(members) > MAX_ZIP_MEMBERS or total > limit:
        raise FileLimitError(
            _(
                "buku kerja ini berisi %(size)s MB data setelah dibuka; batasnya %(limit)s MB "
                "(SIKAP_IMPORT_MAX_UNZIPPED_BYTES). Bagi berkas menjadi beberapa bagian."
            )
            % {"size": _megabytes(total), "limit": _megabytes(limit)}
        )


def rows_capped(rows: Iterable[T], *, extra: int = 1) -> Iterator[T]:
    """Yield rows until there are more than SIKAP_IMPORT_MAX_ROWS (+ `extra` for headers)."""
    limit = settings.SIKAP_IMPORT_MAX_ROWS
    for count, row in enumerate(rows, 1):
        if count > limit + extra:
            raise FileLimitError(
                _(
                    "berkas berisi lebih dari %(limit)s baris data; batasnya %(limit)s baris "
                    "(SIKAP_IMPORT_MAX_ROWS). Bagi berkas menjadi beberapa bagian."
                )
                % {"limit": limit}
            )
        yield row
