"""Forms: shapes only; every rule is checked again by the domain functions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sikap.core.i18n import english, pick
from sikap.core.inputs import DayField, IntegerField, UnitPicker
from sikap.publicservice.models import (
    PROFILE_FIELDS,
    SCALE,
    SCALE_POINTS,
    FollowUp,
    Publication,
    ServiceProduct,
    SkmResponse,
)
from sikap.publicservice.periods import parse_period
from sikap.rules import skm

# One face and colour per point of the stored scale (models.SCALE).
SCALE_ICONS = dict(
    zip(
        SCALE_POINTS,
        ("bi-emoji-frown", "bi-emoji-neutral", "bi-emoji-smile", "bi-emoji-laughing"),
        strict=True,
    )
)
SCALE_TONES = dict(zip(SCALE_POINTS, ("danger", "warning", "primary", "success"), strict=True))


class SkmPublicForm(forms.Form):
    product = forms.ModelChoiceField(
        queryset=ServiceProduct.objects.none(),
        required=False,
        label=_("Jenis layanan yang Anda terima"),
        empty_label=_("— pilih jenis layanan —"),
    )
    age_band = forms.ChoiceField(
        label=_("Umur"), required=False, choices=[("", "—"), *SkmResponse.AgeBand.choices]
    )
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"), required=False, choices=[("", "—"), *SkmResponse.Gender.choices]
    )
    education = forms.ChoiceField(
        label=_("Pendidikan"), required=False, choices=[("", "—"), *SkmResponse.Education.choices]
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan"), required=False, choices=[("", "—"), *SkmResponse.Occupation.choices]
    )
    comment = forms.CharField(
        label=_("Saran atau masukan (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    visit_code = forms.CharField(
        label=_("Kode kunjungan (tertera pada tiket antrean)"), required=False, max_length=20
    )

    def __init__(self, *args: Any, service_unit: Any, fixed_product: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.service_unit = service_unit
        self.fixed_product = fixed_product
        self.fields["product"].queryset = ServiceProduct.objects.filter(
            service_unit=service_unit, is_active=True
        )
        if fixed_product is not None:
            del self.fields["product"]
        if service_unit.require_visit_code:
            self.fields["visit_code"].required = True
            self.fields["visit_code"].label = _(
                "Kode kunjungan (wajib, tertera pada tiket antrean)"
            )

    def profile_fields(self) -> list[Any]:
        """The optional respondent profile, as bound fields in PROFILE_FIELDS order."""
        return [self[name] for name in PROFILE_FIELDS]

    def profile_given(self) -> bool:
        return any(field.value() for field in self.profile_fields())

    def unsur_rows(self) -> list[dict[str, Any]]:
        rows = []
        answers_field = "answers_en" if english() else "answers"
        for i, unsur in enumerate(skm.UNSUR, start=1):
            name = f"u{i}"
            bound = self[name]
            current = str(bound.value() or "")
            rows.append(
                {
                    "number": i,
                    "name": name,
                    "code": unsur.code,
                    "title": pick(unsur, "name"),
                    "question": pick(unsur, "question"),
                    "errors": bound.errors,
                    "options": [
                        {
                            "value": v,
                            "label": getattr(unsur, answers_field)[v - SCALE[0]],
                            "icon": SCALE_ICONS[v],
                            "tone": SCALE_TONES[v],
                            "checked": current == str(v),
                            "id": f"id_{name}_{v}",
                        }
                        for v in SCALE_POINTS
                    ],
                }
            )
        return rows


def _invalid_choice() -> str:
    # Formatted in the language of the request, not once at import.
    return gettext("Pilih salah satu jawaban %(lo)s–%(hi)s.") % {"lo": SCALE[0], "hi": SCALE[1]}


# The nine unsur fields are built once from the rulebook, not on every (public) request.
for _i, _unsur in enumerate(skm.UNSUR, start=1):
    SkmPublicForm.base_fields[f"u{_i}"] = forms.TypedChoiceField(
        label=_unsur.question,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(v, _unsur.answers[v - SCALE[0]]) for v in SCALE_POINTS],
        error_messages={"invalid_choice": lazy(_invalid_choice, str)()},
    )


_SMALL = {"class": "form-control-sm"}


class PeriodForm(forms.Form):
    """The period a results page shows: a year, a semester (2024S1) or a quarter (2024Q1)."""

    period = forms.CharField(
        label=_("Periode"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**_SMALL, "placeholder": "2024, 2024S1, 2024Q1", "size": 9}),
    )

    def clean_period(self) -> str:
        raw = self.cleaned_data.get("period") or ""
        if raw:
            parse_period(raw)  # its ValidationError names what is wrong
        return raw


class ProductForm(forms.Form):
    name = forms.CharField(
        label=_("Jenis layanan baru"), max_length=200, widget=forms.TextInput(attrs=_SMALL)
    )


class VolumeForm(forms.Form):
    """One product's yearly volume: one form per row of the product table (`auto_id` names
    the product, so every row's fields and errors have their own ids)."""

    product = IntegerField(widget=forms.HiddenInput)
    year = IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={**_SMALL, "inputmode": "numeric", "size": 4}),
    )
    volume = IntegerField(
        label=_("Volume layanan per tahun"),
        min_value=0,
        widget=forms.TextInput(attrs={**_SMALL, "inputmode": "numeric", "size": 7}),
    )


class VisitCodesForm(forms.Form):
    count = IntegerField(
        label=_("Jumlah kode baru"),
        min_value=1,
        max_value=500,
        initial=50,
        widget=forms.TextInput(attrs={**_SMALL, "inputmode": "numeric", "size": 4}),
    )


class ActivateUnitForm(forms.Form):
    """An organisation unit (one of `candidates`, (id, name) pairs) made a service unit."""

    unit = forms.TypedChoiceField(label=_("Jadikan unit layanan"), coerce=int, widget=UnitPicker)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = candidates


class SettingsForm(forms.Form):
    require_visit_code = forms.BooleanField(
        label=_("Wajibkan kode kunjungan pada formulir publik"), required=False
    )


def unsur_choices() -> list[tuple[str, str]]:
    """The SKM unsur by name in the reader's language (read when a form is rendered)."""
    return [(u.code, f"{u.code} {pick(u, 'name')}") for u in skm.UNSUR]


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["period", "unsur", "action", "owner", "deadline", "status"]
        field_classes = {"deadline": DayField}
        widgets = {
            "action": forms.Textarea(attrs={"rows": 3}),
            "unsur": forms.Select(choices=unsur_choices),
        }


class FollowUpEditForm(FollowUpForm):
    """A follow-up's period and unsur name what it answers, so they are fixed once created."""

    class Meta(FollowUpForm.Meta):
        fields = ["action", "owner", "deadline", "status"]


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["period", "published_on", "channel", "url"]
        field_classes = {"published_on": DayField}

    url = forms.URLField(label=_("Tautan"), required=False, assume_scheme="https")
