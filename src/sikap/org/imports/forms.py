"""The upload form of the unit and employee imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.org.models import Pemda


class ImportUploadForm(forms.Form):
    what = forms.ChoiceField(
        label=gettext_lazy("Data yang diimpor"),
        choices=[
            ("units", gettext_lazy("Unit organisasi (OPD, bidang, seksi, UPT)")),
            ("employees", gettext_lazy("Pegawai (PNS dan PPPK)")),
        ],
        widget=forms.RadioSelect,
        initial="employees",
    )
    pemda = forms.ModelChoiceField(queryset=Pemda.objects.none(), label=gettext_lazy("Pemda"))
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args: Any, pemdas: QuerySet[Pemda], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pemda"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = pemdas
        if len(pemdas) == 1:
            field.initial = pemdas[0]
            field.widget = forms.HiddenInput()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.SIKAP_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s byte; maksimal %(limit)s byte).")
                % {"size": upload.size, "limit": limit}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                _("Jenis berkas tidak didukung (%(name)s); gunakan .csv atau .xlsx.")
                % {"name": upload.name}
            )
        return upload
