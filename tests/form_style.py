"""What the one form style shows for a refused value: the error next to its field, tied to it."""

from __future__ import annotations

import re


def field_error(html: str, field_id: str) -> str:
    """The error text shown for the field `field_id`, whose widget must point at it."""
    widget = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert widget is not None, f"no field {field_id}"
    tag = widget.group(0)
    assert f'aria-describedby="{field_id}-error"' in tag, tag
    assert 'aria-invalid="true"' in tag and "is-invalid" in tag, tag
    error = re.search(rf'<div[^>]*id="{re.escape(field_id)}-error"[^>]*>([^<]*)</div>', html)
    assert error is not None, f"no error for {field_id}"
    return error.group(1)
