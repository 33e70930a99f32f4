"""The upload form of the unit and employee imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.core.filelimits import refuse_oversized_upload


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
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        refuse_oversized_upload(upload)
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                _("Jenis berkas tidak didukung (%(name)s); gunakan .csv atau .xlsx.")
                % {"name": upload.name}
            )
        return upload
