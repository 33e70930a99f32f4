"""Helpers shared by SIKAP's management commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from django.core.management.base import CommandError

from sikap.core.rowerrors import RowError


def import_rejected(errors: Sequence[RowError], *, stdout: TextIO, as_json: bool) -> CommandError:
    """Report every bad row (as JSON on stdout when asked) and return the error to raise."""
    if as_json:
        payload = {"errors": [e.to_dict() for e in errors]}
        stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    lines = "\n".join(str(e) for e in errors)
    return CommandError(
        f"Impor dibatalkan, tidak ada yang disimpan ({len(errors)} kesalahan):\n{lines}"
    )
