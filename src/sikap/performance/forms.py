"""Forms of the performance pages: shapes only; every rule is checked again by the domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import DayField, IntegerField
from sikap.performance.domain.imports import parse_number
from sikap.performance.models import RATING_CHOICES, Indicator, Period, PlanningYear, SkpResult
from sikap.rules import performance as rules
from sikap.rules import skp


class NumberField(forms.CharField):
    """A number as typed in Indonesia or elsewhere: 86,07 or 86.07 (no thousands marks)."""

    default_error_messages = {"invalid": _("Masukkan angka, mis. 86,07.")}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        number = parse_number(text)
        if number is None or abs(number) >= Decimal(10) ** 14:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class YearField(IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=2000, max_value=2100, label=_("Tahun"), **kwargs)


class YearFilterForm(forms.Form):
    """The year a list page shows; empty or refused: the current year."""

    year = YearField(required=False)


class AgreementForm(forms.Form):
    year = YearField()
    unit_code = forms.CharField(
        label=_("Kode unit"),
        required=False,
        max_length=40,
        help_text=_("Kosongkan untuk PK Pemerintah Daerah."),
    )
    holder_name = forms.CharField(label=_("Pihak pertama"), required=False, max_length=200)
    supervisor_name = forms.CharField(label=_("Pihak kedua"), required=False, max_length=200)


class AgreementPartiesForm(forms.Form):
    """The two parties of a PK: an employee by NIP, or a name (e.g. the Kepala Daerah)."""

    holder_nip = forms.CharField(
        label=_("NIP pihak pertama"),
        required=False,
        max_length=18,
        help_text=_("Kosongkan bila pihak pertama tidak ada di daftar pegawai."),
    )
    holder_name = forms.CharField(label=_("Nama pihak pertama"), required=False, max_length=200)
    supervisor_nip = forms.CharField(label=_("NIP pihak kedua"), required=False, max_length=18)
    supervisor_name = forms.CharField(label=_("Nama pihak kedua"), required=False, max_length=200)


class PlanningYearForm(forms.Form):
    year = YearField()
    dpa_approved_on = DayField(label=_("Tanggal DPA disahkan"), required=False)
    evaluation_period = forms.ChoiceField(
        label=_("Periode evaluasi SKP"), choices=PlanningYear.EvaluationPeriod.choices
    )


class SasaranForm(forms.Form):
    code = forms.CharField(label=_("Kode sasaran"), max_length=40)
    name = forms.CharField(label=_("Sasaran"), max_length=500)


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Kode indikator"), max_length=40)
    name = forms.CharField(label=_("Indikator"), max_length=500)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Indicator.Kind.choices)
    is_iku = forms.BooleanField(label=_("IKU"), required=False)
    measure = forms.CharField(label=_("Satuan"), required=False, max_length=60)
    polarity = forms.ChoiceField(label=_("Polaritas"), choices=Indicator.Polarity.choices)
    target = NumberField(label=_("Target"))
    target_max = NumberField(label=_("Target maksimal (rentang)"), required=False)
    target_q1 = NumberField(label=_("Target TW I"), required=False)
    target_q2 = NumberField(label=_("Target TW II"), required=False)
    target_q3 = NumberField(label=_("Target TW III"), required=False)
    target_q4 = NumberField(label=_("Target TW IV"), required=False)
    data_source = forms.CharField(label=_("Sumber data"), required=False, max_length=255)
    smart = forms.MultipleChoiceField(
        label=_("SMART"),
        required=False,
        choices=[
            ("S", _("Spesifik")),
            ("M", _("Terukur")),
            ("A", _("Dapat dicapai")),
            ("R", _("Relevan")),
            ("T", _("Berjangka waktu")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    supports = IntegerField(label=_("Mendukung indikator (id)"), required=False, min_value=1)

    def __init__(self, *args: Any, above: Any = None, **kwargs: Any) -> None:
        """`above`: the indicators the user sees above, offered to support (the view checks
        the one chosen is still within reach)."""
        super().__init__(*args, **kwargs)
        if above is not None:
            field = self.fields["supports"]
            field.label = _("Mendukung indikator di atasnya")
            field.widget = forms.Select(choices=[("", "—"), *above])


class IndicatorEditForm(IndicatorForm):
    """An indicator's fields; the row it supports is chosen among those the user sees above."""

    supports = forms.TypedChoiceField(
        label=_("Mendukung indikator di atasnya"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
    )

    def __init__(self, *args: Any, above: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supports"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *above]


class RealisationForm(forms.Form):
    period = forms.ChoiceField(label=_("Periode"), choices=Period.choices)
    value = NumberField(label=_("Realisasi"))
    evidence = forms.CharField(
        label=_("Bukti"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignForm(forms.Form):
    signed_on = DayField(label=_("Tanggal tanda tangan"))


class RevisionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan revisi"), choices=())
    note = forms.CharField(
        label=_("Keterangan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(r.code, r.label) for r in rules.revision_reasons(year=year)]


class SkpCreateForm(forms.Form):
    year = YearField(widget=forms.HiddenInput)
    employee = IntegerField(label=_("Pegawai"), min_value=1, widget=forms.Select)
    approach = forms.ChoiceField(
        label=_("Pendekatan"),
        choices=[("kuantitatif", _("Kuantitatif")), ("kualitatif", _("Kualitatif"))],
    )

    def __init__(self, *args: Any, employees: Any = (), **kwargs: Any) -> None:
        """`employees`: those whose SKP the user may start, offered in the picker."""
        super().__init__(*args, **kwargs)
        widget = self.fields["employee"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [(e.pk, f"{e.name} — {e.jabatan}") for e in employees]


class SkpResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=SkpResult.Kind.choices)
    text = forms.CharField(label=_("Rencana hasil kerja"), max_length=500)
    intervenes = forms.ChoiceField(
        label=_("Hasil kerja pimpinan yang diintervensi"), required=False, choices=()
    )
    aspect = forms.ChoiceField(label=_("Aspek"), choices=SkpResult.Aspect.choices)
    indicator = forms.CharField(label=_("Indikator kinerja individu"), max_length=500)
    target = forms.CharField(label=_("Target"), max_length=120)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervenes"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *choices]


class AnnexForm(forms.Form):
    """Lampiran SKP: one item per line in each part."""

    resources = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        max_length=16000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu butir per baris, mis. anggaran, sarana, pelatihan."),
    )
    accountability = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        max_length=16000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu butir per baris, mis. laporan bulanan kepada atasan."),
    )
    consequences = forms.CharField(
        label=_("Konsekuensi"),
        required=False,
        max_length=16000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu butir per baris, mis. akibat bila target tidak tercapai."),
    )


class AssessForm(forms.Form):
    realisation = forms.CharField(label=_("Realisasi"), max_length=500)
    evidence = forms.CharField(label=_("Bukti dukung"), required=False, max_length=4000)
    level = forms.ChoiceField(label=_("Penilaian"), choices=RATING_CHOICES)


class BehaviourForm(forms.Form):
    value = forms.CharField(label=_("Nilai dasar"), max_length=2, widget=forms.HiddenInput)
    level = forms.ChoiceField(label=_("Penilaian"), choices=RATING_CHOICES)
    feedback = forms.CharField(label=_("Umpan balik"), required=False, max_length=4000)


class ExpectationForm(forms.Form):
    value = forms.CharField(label=_("Nilai dasar"), max_length=2, widget=forms.HiddenInput)
    expectation = forms.CharField(
        label=_("Ekspektasi khusus pimpinan"), required=False, max_length=2000
    )


class CheckInForm(forms.Form):
    period = forms.CharField(label=_("Periode"), max_length=10)
    realisation = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback = forms.CharField(
        label=_("Umpan balik"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RateForm(forms.Form):
    rating_hasil = forms.ChoiceField(label=_("Rating hasil kerja"), choices=RATING_CHOICES)
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=RATING_CHOICES)


class OrgPredicateForm(forms.Form):
    year = YearField(widget=forms.HiddenInput)
    predicate = forms.ChoiceField(label=_("Predikat kinerja organisasi"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["predicate"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p, p) for p in skp.ORG_PREDICATES]
