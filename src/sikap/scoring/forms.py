"""Calculator forms: they only read the typed input; sikap.rules judges it (via calculators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import IntegerField
from sikap.scoring import calculators

LEVEL_CHOICES = calculators.skp_levels()


class GradeForm(forms.Form):
    scheme = forms.ChoiceField(
        label=_("Skema"),
        choices=[(s, s) for s in calculators.GRADE_SCHEMES],
        widget=forms.HiddenInput,
    )
    score = forms.CharField(label=_("Nilai"), max_length=32)
    year = IntegerField(label=_("Tahun"), required=False)
    inclusive = forms.BooleanField(
        label=_("Batas bawah inklusif (≥, bukan >)"),
        required=False,
        help_text=_("Hanya SAKIP: banyak aplikasi memakai ≥, sedangkan regulasi memakai >."),
    )

    def __init__(self, *args: Any, scheme: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The inclusive reading is a SAKIP question; other schemes do not offer it.
        if scheme is not None and scheme != "sakip":
            del self.fields["inclusive"]

    def run(self) -> calculators.Outcome:
        d = self.cleaned_data
        return calculators.grade(
            d["scheme"], d["score"], year=d["year"], inclusive=bool(d.get("inclusive"))
        )


class IpakForm(forms.Form):
    """One mean per IPAK statement (``p1`` … ``p8``), built from the rulebook; blank = no answer."""

    year = IntegerField(label=_("Tahun"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_fields: list[tuple[str, str]] = []
        year_field = self.fields.pop("year")
        for code, name in calculators.ipak_items():
            field_name = code.lower()
            self.fields[field_name] = forms.CharField(
                label=f"{code} {name}", max_length=16, required=False
            )
            self.item_fields.append((field_name, code))
        self.fields["year"] = year_field

    def run(self) -> calculators.Outcome:
        d = self.cleaned_data
        means = {code: d[name] for name, code in self.item_fields}
        return calculators.ipak_means(means, year=d["year"])


class SampleSizeForm(forms.Form):
    population = forms.CharField(label=_("Populasi (N)"), max_length=32)
    method = forms.ChoiceField(
        label=_("Metode"),
        choices=[("krejcie-morgan", "Krejcie & Morgan"), ("slovin", "Slovin")],
    )
    error = forms.CharField(
        label=_("Batas kesalahan e (Slovin)"),
        max_length=16,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set per request so the help follows the reader's language.
        self.fields["error"].help_text = _("Kosongkan untuk nilai baku %(e)s.") % {
            "e": calculators.SLOVIN_DEFAULT_ERROR
        }

    def run(self) -> calculators.Outcome:
        d = self.cleaned_data
        return calculators.sample_size(d["population"], method=d["method"], error=d["error"])


class NipForm(forms.Form):
    nip = forms.CharField(label=_("NIP"), max_length=40)

    def run(self) -> calculators.Outcome:
        return calculators.nip_check(self.cleaned_data["nip"])


class SkpForm(forms.Form):
    hasil = forms.ChoiceField(label=_("Rating Hasil Kerja"), choices=LEVEL_CHOICES)
    perilaku = forms.ChoiceField(label=_("Rating Perilaku Kerja"), choices=LEVEL_CHOICES)

    def run(self) -> calculators.Outcome:
        d = self.cleaned_data
        return calculators.skp_predicate(d["hasil"], d["perilaku"])


class SkpDistributionForm(forms.Form):
    """One count field per employee predicate, named ``n<index>``, built from the rulebook."""

    org = forms.ChoiceField(label=_("Predikat Kinerja Organisasi"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_predicates, employee_predicates = calculators.skp_predicates()
        org_field = self.fields["org"]
        assert isinstance(org_field, forms.ChoiceField)
        org_field.choices = [(p, p) for p in org_predicates]
        self.predicate_fields: list[tuple[str, str]] = []
        for i, predicate in enumerate(employee_predicates):
            name = f"n{i}"
            self.fields[name] = forms.CharField(
                label=predicate, max_length=9, required=False, initial="0"
            )
            self.predicate_fields.append((name, predicate))

    def run(self) -> calculators.Outcome:
        d = self.cleaned_data
        counts = {predicate: d[name] or "0" for name, predicate in self.predicate_fields}
        return calculators.skp_distribution(d["org"], counts)
