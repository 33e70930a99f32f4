"""`{% row_form form %}`: partials/form_row.html written in one pass.

The workspace shows a few small forms per LKE item, hundreds on a page; through the partial
each field costs two template includes. This tag writes the same markup (the partial's
non-field errors, hidden fields, and _form_field_inline.html per visible field, widgets
through `styled`), so the page keeps the one form style at a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sikap.core.templatetags.form_style import is_checkbox, styled

register = template.Library()


@register.simple_tag
def row_form(form: Any, labels_shown: bool = False) -> SafeString:
    parts: list[Any] = []
    if form.non_field_errors():
        parts.append(
            format_html(
                '<div class="invalid-feedback d-block w-100" role="alert">{}</div>',
                " ".join(form.non_field_errors()),
            )
        )
    parts.extend(str(field) for field in form.hidden_fields())
    label_class = "form-label small" if labels_shown else "visually-hidden"
    for field in form.visible_fields():
        if is_checkbox(field):
            parts.append(
                render_to_string(
                    "partials/_form_field_inline.html",
                    {"field": field, "labels_shown": labels_shown},
                )
            )
            continue
        parts.append(
            format_html(
                '<div class="row-field">\n  <label class="{}" for="{}">{}</label>{}\n',
                label_class,
                field.id_for_label,
                field.label,
                styled(field),
            )
        )
        if field.errors:
            parts.append(
                format_html(
                    '  <div class="invalid-feedback d-block" id="{}-error" role="alert">{}</div>\n',
                    field.auto_id,
                    " ".join(field.errors),
                )
            )
        parts.append(mark_safe("</div>\n"))
    return mark_safe("".join(conditional_escape(p) for p in parts))  # noqa: S308
