"""Forms of the culture pages. They shape input only; rules live in domain and sikap.rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.i18n import pick
from sikap.core.inputs import DayField, IntegerField, UnitPicker, parse_int
from sikap.culture.models import ActionPlan, Campaign, InstrumentKind, Response
from sikap.rules import berakhlak


class CampaignForm(forms.Form):
    code = forms.SlugField(label=_("Kode"), max_length=40)
    name = forms.CharField(label=_("Nama"), max_length=200)
    kind = forms.ChoiceField(label=_("Instrumen"), choices=InstrumentKind.choices)
    picks = IntegerField(
        label=_("Jumlah pilihan per bagian (K)"), min_value=1, max_value=16, initial=10
    )
    period_start = DayField(label=_("Tanggal mulai"))
    period_end = DayField(label=_("Tanggal selesai"))
    attribution_depth = IntegerField(
        label=_("Tingkat atribusi jawaban (0 = OPD)"), min_value=0, max_value=10, initial=0
    )
    sample_method = forms.ChoiceField(
        label=_("Metode minimal responden"), choices=Campaign.SampleMethod.choices
    )
    target_units = forms.MultipleChoiceField(
        label=_("Unit sasaran (kosong = seluruh pemda)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"data-searchable": _("Cari unit…")}),
    )

    def __init__(self, *args: Any, unit_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_units"].choices = [(str(k), v) for k, v in unit_choices]


class InstrumentForm(forms.Form):
    name = forms.CharField(label=_("Nama instrumen"), max_length=200)
    limiting = forms.CharField(
        label=_("Perilaku pembatas, satu per baris: KODE | uraian"),
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def clean_limiting(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for number, line in enumerate(self.cleaned_data["limiting"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, text = line.partition("|")
            if not sep or not code.strip() or not text.strip():
                raise forms.ValidationError(
                    _("Baris %(n)s harus berbentuk KODE | uraian.") % {"n": number}
                )
            rows.append((code.strip(), text.strip()))
        return rows


def value_choices() -> list[tuple[str, str]]:
    """The BerAKHLAK values by name in the reader's language (read when a form is made)."""
    return [(v.code, f"{v.code} {pick(v, 'name')}") for v in berakhlak.VALUES]


class ActionPlanForm(forms.Form):
    unit = forms.TypedChoiceField(
        label=_("OPD"), coerce=int, widget=forms.Select(attrs={"data-searchable": _("Cari unit…")})
    )
    campaign = forms.TypedChoiceField(label=_("Kampanye acuan"), coerce=int)
    value_code = forms.ChoiceField(label=_("Nilai"), choices=value_choices)
    actions = forms.CharField(label=_("Aksi"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("Penanggung jawab"), max_length=200)
    due_date = DayField(label=_("Tenggat"))
    indicator = forms.CharField(label=_("Indikator keberhasilan"), max_length=300)

    def __init__(
        self,
        *args: Any,
        unit_choices: list[tuple[int, str]],
        campaign_choices: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices
        self.fields["campaign"].choices = campaign_choices


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionPlan.Status.choices)
    progress_percent = IntegerField(label=_("Kemajuan (%)"), min_value=0, max_value=100)
    progress_note = forms.CharField(
        label=_("Catatan kemajuan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def survey_answers(data: Any, kind: str) -> dict[str, Any]:
    """Raw answers from a submitted survey form, validated later by the domain."""
    if kind == InstrumentKind.IMPLEMENTASI:
        return {b: data.getlist(b) for b in ("pv", "cc", "dc")}
    return {b.code: _likert_answer(data.get(b.code, "")) for b in berakhlak.BEHAVIOURS}


def _likert_answer(raw: Any) -> Any:
    """An answer as a number when it is one in ASCII digits; other text goes on as written, for
    the domain to refuse with its message. Text that only looks like digits ("²", "①") is
    marked so that nothing downstream takes it for a number."""
    number = parse_int(raw)
    if number is not None:
        return number
    text = raw.strip() if isinstance(raw, str) else ""
    return f"?{text}" if text.isdigit() else text


def survey_demographics(data: Any) -> dict[str, str]:
    return {k: data.get(k, "") for k in ("employment_kind", "age_band", "tenure_band")}


DEMOGRAPHIC_CHOICES = (
    ("employment_kind", _("Status kepegawaian"), Response.EmploymentKind.choices),
    ("age_band", _("Usia"), Response.AgeBand.choices),
    ("tenure_band", _("Masa kerja"), Response.TenureBand.choices),
)


class InvitationForm(forms.Form):
    """Which employees to invite now and how to hand their links out."""

    OUTPUTS = (("pdf", _("PDF untuk dicetak")), ("page", _("Halaman")))

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)
    email = forms.BooleanField(label=_("Kirim lewat email bila ada alamatnya"), required=False)
    output = forms.ChoiceField(
        label=_("Lembar tautan"), choices=OUTPUTS, initial="pdf", required=False
    )

    def clean_output(self) -> str:
        return str(self.cleaned_data.get("output") or "pdf")

    def __init__(self, *args: Any, unit_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit")), *unit_choices]
        # The searchable picker writes its options in one pass (a campaign may cover
        # thousands of units).
        self.fields["unit"].widget = UnitPicker(choices=self.fields["unit"].choices)
