"""One form per POST of the library's pages, and the evidence forms other apps embed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import DayField, IntegerField, LaterChoices, UnitPicker
from sikap.evidence.models import Document

_SMALL = {"class": "form-control-sm w-auto"}
_SELECT = {"class": "form-select-sm w-auto"}


class DocumentForm(forms.Form):
    unit = IntegerField(label=_("Unit pemilik"), widget=UnitPicker(attrs=_SELECT))
    year = IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={**_SMALL, "size": 5, "inputmode": "numeric"}),
    )
    doc_type = forms.ChoiceField(
        label=_("Jenis"), choices=Document.Type.choices, widget=forms.Select(attrs=_SELECT)
    )
    title = forms.CharField(label=_("Judul"), max_length=200, widget=forms.TextInput(attrs=_SMALL))
    valid_until = DayField(label=_("Berlaku sampai"), required=False)

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = LaterChoices(lambda: [(u.pk, u.name) for u in units])


class UploadForm(DocumentForm):
    file = forms.FileField(
        label=_("Berkas (PDF, JPG, PNG, XLSX, DOCX)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control-sm"}),
    )


class LinkForm(DocumentForm):
    url = forms.CharField(
        label=_("Tautan (https://…)"), max_length=500, widget=forms.TextInput(attrs=_SMALL)
    )


class ReplaceForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas baru"), widget=forms.ClearableFileInput(attrs={"class": "form-control-sm"})
    )
