"""Forms of the organisation pages (browsing filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.org.models import Employee
from sikap.org.queries import EmployeeFilter, golongan_choices, unit_choices, units_visible


class EmployeeFilterForm(forms.Form):
    """The employee list filters; a plain GET form that HTMX also submits."""

    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.TypedChoiceField(
        label=_("Unit (termasuk sub-unit)"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Jenis pegawai"), required=False)
    jenis_jabatan = forms.ChoiceField(label=_("Jenis jabatan"), required=False)
    golongan = forms.ChoiceField(label=_("Golongan"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        everything = [("", _("Semua"))]
        self.fields["unit"].choices = everything + unit_choices(user)  # type: ignore[attr-defined]
        self.fields["kind"].choices = everything + list(Employee.Kind.choices)  # type: ignore[attr-defined]
        self.fields["jenis_jabatan"].choices = everything + list(Employee.JenisJabatan.choices)  # type: ignore[attr-defined]
        self.fields["golongan"].choices = everything + [(g, g) for g in golongan_choices(user)]  # type: ignore[attr-defined]

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
