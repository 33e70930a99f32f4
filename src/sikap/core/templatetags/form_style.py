"""One form style: `{{ field|styled }}` renders a field's widget with the framework's classes."""

from __future__ import annotations

from typing import Any

from django import forms, template

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
