"""One form style: `{{ field|styled }}` renders a field's widget with the framework's classes;
`{% row_form form %}` writes partials/form_row.html in one pass.

A page with many small forms (the ZI workspace shows a few per LKE item, hundreds on a page)
pays two template includes per field through the partial. `row_form` writes the same markup
(the partial's non-field errors, hidden fields, and _form_field_inline.html per visible field,
widgets through `styled`), so such a page keeps the one form style at a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def widget_class(widget: forms.Widget, invalid: bool) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        name = "form-check-input"
    elif isinstance(widget, forms.Select):
        name = "form-select"
    else:
        name = "form-control"
    return f"{name} is-invalid" if invalid else name


@register.filter
def styled(field: Any) -> Any:
    """The field's widget with `form-control`/`form-select`/`form-check-input` (and
    `is-invalid` when it has errors), keeping the classes the form itself set."""
    own = field.field.widget.attrs.get("class", "")
    classes = " ".join(c for c in (widget_class(field.field.widget, bool(field.errors)), own) if c)
    attrs: dict[str, Any] = {"class": classes}
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}-error"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: Any) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(field: Any) -> bool:
    """Radio buttons or checkboxes of one field: a fieldset whose legend is the field's label."""
    return isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.simple_tag
def row_form(form: Any, labels_shown: bool = False) -> SafeString:
    """partials/form_row.html of `form` (labels shown with `labels_shown`), in one pass."""
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
