"""Forms of the organisation pages (browsing filters)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import IntegerField, LaterChoices, UnitPicker
from sikap.org.models import Employee
from sikap.org.queries import EmployeeFilter, golongan_choices, unit_choices, units_visible


class UnitOptionsMixin:
    """The choices of a unit picker over thousands of units, read only when rendered (the
    form's `UnitPicker` iterates `unit_choice_list` through `LaterChoices`).

    Subclasses give `first_option` and `unit_choices_for()`.
    """

    data: Any
    first_option: tuple[Any, str]

    def unit_choices_for(self) -> list[tuple[Any, str]]:
        raise NotImplementedError

    @cached_property
    def unit_choice_list(self) -> list[tuple[Any, str]]:
        return [self.first_option, *self.unit_choices_for()]


class EmployeeFilterForm(UnitOptionsMixin, forms.Form):
    """The employee list filters; a plain GET form that HTMX also submits."""

    q = forms.CharField(
        label=_("Cari nama atau NIP"),
        required=False,
        max_length=100,
        widget=forms.TextInput({"type": "search"}),
    )
    # An integer, checked against the scoped units in to_filter(); a ChoiceField would normalise
    # thousands of choices on every request.
    unit = IntegerField(label=_("Unit (termasuk sub-unit)"), required=False, min_value=1)
    kind = forms.ChoiceField(label=_("Jenis pegawai"), required=False)
    jenis_jabatan = forms.ChoiceField(label=_("Jenis jabatan"), required=False)
    golongan = forms.ChoiceField(label=_("Golongan"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        everything = [("", _("Semua"))]
        self.first_option = everything[0]
        # The searchable unit picker, its options read only when it is rendered.
        self.fields["unit"].widget = UnitPicker(choices=LaterChoices(lambda: self.unit_choice_list))
        self.fields["kind"].choices = everything + list(Employee.Kind.choices)  # type: ignore[attr-defined]
        self.fields["jenis_jabatan"].choices = everything + list(Employee.JenisJabatan.choices)  # type: ignore[attr-defined]
        self.fields["golongan"].choices = everything + [(g, g) for g in golongan_choices(user)]  # type: ignore[attr-defined]

    def unit_choices_for(self) -> list[tuple[Any, str]]:
        return unit_choices(self.user)

    def to_filter(self) -> EmployeeFilter:
        """The filter to apply; invalid fields are ignored so a stale link still lists something."""
        self.is_valid()
        data = self.cleaned_data
        unit = None
        if data.get("unit"):
            unit = units_visible(self.user).filter(pk=data["unit"]).first()
        return EmployeeFilter(
            q=data.get("q", ""),
            unit=unit,
            kind=data.get("kind", ""),
            jenis_jabatan=data.get("jenis_jabatan", ""),
            golongan=data.get("golongan", ""),
        )
