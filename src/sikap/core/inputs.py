"""The one reading of numbers and text that arrive from outside: requests, files, commands.

`str.isdigit()` is true for "²" and "①", which `int()` refuses, and `int()` itself accepts
"٣", " 7 ", "+7" and "1_000"; a number a user typed means ASCII digits and nothing else.
A NUL byte cannot be stored by PostgreSQL and has no meaning in any SIKAP text.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# 18 digits: every id and count fits in a signed 64-bit column, so no lookup can overflow.
MAX_DIGITS = 18

_UNSIGNED = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)
_SIGNED = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)

# C0 control characters other than tab, line feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_int(text: object, *, allow_negative: bool = False) -> int | None:
    """The integer `text` spells in ASCII digits (surrounding blanks allowed), else None.

    A leading minus is accepted only with `allow_negative`; more than 18 digits is None.
    An `int` (not a bool) is returned as it is when it is in range.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        limit = 10**MAX_DIGITS
        if -limit < text < limit and (allow_negative or text >= 0):
            return text
        return None
    if not isinstance(text, str):
        return None
    stripped = text.strip(" \t\r\n")
    pattern = _SIGNED if allow_negative else _UNSIGNED
    if pattern.fullmatch(stripped) is None:
        return None
    return int(stripped)


def has_nul(text: str) -> bool:
    return "\x00" in text


def clean_text(text: object) -> str:
    """`text` as SIKAP stores it: a string without NUL or other control characters.

    Tab and line breaks are kept; the other C0 controls (and DEL) carry no meaning in a name,
    code or comment and some of them (NUL) cannot be stored by PostgreSQL at all.
    """
    if text is None:
        return ""
    return _CONTROL.sub("", text if isinstance(text, str) else str(text))


class IntegerField(forms.IntegerField):
    """A form integer that accepts ASCII digits only (Django's also takes "٣" and "3.0")."""

    default_error_messages = {"invalid": _("Masukkan bilangan bulat dengan angka 0–9.")}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        floor = self.min_value
        number = parse_int(value, allow_negative=not (isinstance(floor, int) and floor >= 0))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


# Dates as people in Indonesia write them: day/month/year. ISO (2026-12-04) is read too, so a
# link or a script that sends it still works; a form shows dd/mm/yyyy whatever the browser.
DAY_FORMAT = "%d/%m/%Y"
DAY_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DayInput(forms.DateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format=DAY_FORMAT)


class DayField(forms.DateField):
    """A date typed as dd/mm/yyyy (ISO accepted); the error names the expected form."""

    widget = DayInput
    input_formats = DAY_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."),
    }


class LaterChoices:
    """Choices read when first iterated: a form copies its widgets' choices when it is made,
    and a list of thousands of units should be read only if the form is rendered."""

    def __init__(self, read: Any) -> None:
        self.read = read

    def __iter__(self) -> Any:
        return iter(self.read())


class UnitPicker(forms.Select):
    """The searchable unit picker: a select that sikap.js gives a search box (data-searchable).

    A unit list can hold hundreds of options, so they are written here in one pass rather
    than through Django's template per option (about 40 µs each); the markup is the same.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs={"data-searchable": _("Cari unit…"), **(attrs or {})})
        self.choices = choices

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # option groups
        selected = {str(v) for v in self.format_value(value)}
        parts = [
            format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))
        ]
        for raw, label in choices:
            v = "" if raw is None else str(raw)
            mark = " selected" if v in selected else ""
            parts.append(f'<option value="{escape(v)}"{mark}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308  (every value and label escaped above)
