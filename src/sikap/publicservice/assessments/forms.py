"""Forms of the Ombudsman and PEKPPP pages: they parse what people type (decimal commas,
years, scores) and name what is wrong; the rules themselves are checked by the domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import IntegerField, LaterChoices, parse_int
from sikap.evidence.models import Document
from sikap.publicservice.domain import ScoreAnswer
from sikap.rules import RuleError, ombudsman, pekppp


class WholeNumberField(forms.CharField):
    """An optional integer in ASCII digits (a sign allowed: the domain says why it is refused)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        raw = super().to_python(value).strip()
        if raw == "":
            return None
        number = parse_int(raw, allow_negative=True)
        if number is None:
            raise forms.ValidationError(gettext("%(v)r bukan bilangan bulat.") % {"v": raw})
        return number


class DecimalCommaField(forms.CharField):
    """A number typed with a decimal comma or point ("4,6" or "4.6"); ASCII only."""

    def __init__(self, *, message: Any, **kwargs: Any) -> None:
        self.message = message  # "%(v)r" is the text typed
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        typed = super().to_python(value).strip()
        if typed == "" and not self.required:
            return None
        try:
            if not typed.isascii():
                raise ValueError(typed)
            return float(typed.replace(",", "."))
        except ValueError as exc:
            raise forms.ValidationError(str(self.message) % {"v": typed}) from exc


class RulebookYearField(forms.CharField):
    """A year a rulebook of the scheme knows (the page's ?year=, sent back as a hidden field)."""

    def __init__(self, *, rulebooks: Any, **kwargs: Any) -> None:
        self.rulebooks = rulebooks
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        raw = super().to_python(value).strip()
        if raw == "":
            return None
        year = parse_int(raw)
        if year is None:
            raise forms.ValidationError(gettext("%(v)r bukan bilangan bulat.") % {"v": raw})
        try:
            if not 2000 <= year <= 2100:
                raise RuleError(str(year))
            self.rulebooks.select(year)
        except RuleError as exc:
            raise forms.ValidationError(
                gettext("Tidak ada aturan untuk tahun %(y)s.") % {"y": year}
            ) from exc
        return year


class ReasonedChangeForm(forms.Form):
    """The reason and the version a person confirmed when an official result changes."""

    note = forms.CharField(required=False, strip=False, label=_("Catatan"))
    reason = forms.CharField(required=False, strip=False, label=_("Alasan perubahan"))
    confirm_version = WholeNumberField(label=_("Versi yang dikonfirmasi"))

    def _shown_names(self) -> list[str]:
        return ["note"]

    def shown(self) -> list[Any]:
        """The bound fields the page shows (the reason is asked on the confirmation page)."""
        return [self[name] for name in self._shown_names()]

    def other_errors(self) -> list[str]:
        """The errors the shown fields cannot carry: the form's, and those of the hidden year,
        the reason and the confirmed version (sent by the confirmation page), each named by
        its label."""
        shown = set(self._shown_names())
        errors = [str(e) for e in self.non_field_errors()]
        for name, messages in self.errors.items():
            if name != "__all__" and name not in shown:
                label = self.fields[name].label if name in self.fields else name
                errors += [f"{label}: {m}" for m in messages]
        return errors


class OmbudsmanResultForm(ReasonedChangeForm):
    """The Ombudsman's published result of a year: score, its dimensions and sampled units.

    `dimensions` (the page year's) and `units` (those the user may name) make the fields the
    page shows; the dimensions and units taken are those of the year posted."""

    year = WholeNumberField(label=_("Tahun"))
    score = DecimalCommaField(label=_("Nilai"), message=_("Nilai %(v)r bukan angka."))
    sampled = forms.Field(
        required=False,
        label=_("Unit sampel"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    note = forms.CharField(
        required=False, strip=False, label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, dimensions: Sequence[Any] = (), units: Sequence[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimension_codes = [d.code for d in dimensions]
        for d in dimensions:
            self.fields[d.code] = forms.CharField(required=False, label=d.name)
        widget = self.fields["sampled"].widget
        assert isinstance(widget, forms.SelectMultiple)
        widget.choices = [(u.pk, u.name) for u in units]

    def _shown_names(self) -> list[str]:
        return ["year", "score", *self.dimension_codes, "sampled", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year = data.get("year")
        if "year" not in self.errors and year is None:
            self.add_error("year", gettext("Tahun wajib diisi."))
            return data
        if year is None:
            return data
        try:
            codes = [d.code for d in ombudsman.dimensions(year)]
        except RuleError as exc:
            self.add_error("year", exc.message_id)
            return data
        # The dimensions of the chosen year; a blank one is left out.
        dims: dict[str, float] = {}
        for code in codes:
            raw = (self.data.get(code) or "").replace(",", ".").strip()
            if not raw:
                continue
            try:
                if not raw.isascii():
                    raise ValueError(raw)
                dims[code] = float(raw)
            except ValueError:
                self.add_error(
                    code if code in self.fields else None,
                    gettext("Nilai dimensi %(d)s bukan angka.") % {"d": code},
                )
        data["dimensions"] = dims
        data["sampled"] = [i for i in map(parse_int, self.data.getlist("sampled")) if i is not None]
        return data


class OmbudsmanFindingForm(forms.Form):
    text = forms.CharField(
        required=False,
        label=_("Temuan baru"),
        widget=forms.TextInput(attrs={"class": "form-control-sm", "placeholder": _("temuan baru")}),
    )
    unit = forms.CharField(required=False, label=_("Unit"))

    def clean_unit(self) -> int | None:
        # A unit that is named but unreadable becomes id 0, which no unit has: the view then
        # answers 404, as for a unit outside the user's reach.
        raw = self.cleaned_data["unit"]
        return None if raw == "" else (parse_int(raw) or 0)


class OmbudsmanFindingUpdateForm(forms.Form):
    status = forms.CharField(
        required=False,
        label=_("Status"),
        widget=forms.Select(
            choices=[("in_progress", _("Ditindaklanjuti")), ("closed", _("Selesai"))],
            attrs={"class": "form-select-sm"},
        ),
    )
    closure_note = forms.CharField(
        required=False,
        label=_("Catatan penyelesaian"),
        widget=forms.TextInput(attrs={"class": "form-control-sm", "placeholder": _("catatan")}),
    )
    evidence = forms.FileField(
        required=False,
        label=_("Bukti"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control-sm"}),
    )


class OmbudsmanFilterForm(forms.Form):
    """The year and the readiness target of the Pemda page (GET)."""

    year = RulebookYearField(rulebooks=ombudsman.RULEBOOKS, required=False, label=_("Tahun"))
    target = forms.ChoiceField(required=False, label=_("Target"), choices=())

    def __init__(self, *args: Any, targets: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c, f"{gettext('target')} {c}") for c in targets]
        field.widget.attrs["class"] = "form-select-sm"
        self.fields["year"].widget.attrs.update({"class": "form-control-sm", "size": 5})


_SMALL = {"class": "form-control-sm"}


class OmbudsmanItemForm(forms.Form):
    """One checklist row: `scale` (the year's values) makes the score a choice; `auto_id`
    names the indicator, so each row's fields and errors have their own ids."""

    year = RulebookYearField(
        rulebooks=ombudsman.RULEBOOKS, required=False, label=_("Tahun"), widget=forms.HiddenInput
    )
    code = forms.CharField(required=False, label=_("Indikator"), widget=forms.HiddenInput)
    score = WholeNumberField(label=_("Nilai"))
    note = forms.CharField(required=False, label=_("Catatan"), widget=forms.TextInput(attrs=_SMALL))

    def __init__(self, *args: Any, scale: Sequence[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scale is not None:
            self.scale = scale
            self.fields["score"].widget = forms.Select(
                choices=[("", "—"), *((str(v), str(v)) for v in scale)],
                attrs={"class": "form-select-sm"},
            )

    def clean_score(self) -> int | None:
        score = self.cleaned_data.get("score")
        scale = getattr(self, "scale", None)
        if score is not None and scale and not min(scale) <= score <= max(scale):
            raise forms.ValidationError(
                _("Nilai indikator harus 0–%(m)s.") % {"m": max(scale)}, code="range"
            )
        return score


class OmbudsmanComplaintsForm(forms.Form):
    year = RulebookYearField(
        rulebooks=ombudsman.RULEBOOKS, required=False, label=_("Tahun"), widget=forms.HiddenInput
    )
    received = WholeNumberField(
        label=_("Pengaduan diterima"), widget=forms.TextInput(attrs={**_SMALL, "size": 6})
    )
    resolved = WholeNumberField(
        label=_("Pengaduan diselesaikan"), widget=forms.TextInput(attrs={**_SMALL, "size": 6})
    )

    def clean(self) -> dict[str, Any]:
        """The domain's checks, each put next to the field it concerns (the domain checks
        again before it stores)."""
        data = super().clean()
        received, resolved = data.get("received"), data.get("resolved")
        if "received" in self.errors or "resolved" in self.errors:
            return data
        if (received is None) != (resolved is None):
            self.add_error(
                "received" if received is None else "resolved",
                _("Isi jumlah pengaduan diterima dan diselesaikan, atau kosongkan keduanya."),
            )
        elif received is not None and resolved is not None:
            if received < 0 or resolved < 0:
                self.add_error(
                    "received" if received < 0 else "resolved",
                    _("Jumlah pengaduan tidak boleh negatif."),
                )
            elif resolved > received:
                self.add_error(
                    "resolved", _("Pengaduan diselesaikan tidak boleh melebihi yang diterima.")
                )
        return data


class PekpppYearForm(forms.Form):
    year = RulebookYearField(rulebooks=pekppp.RULEBOOKS, required=False, label=_("Tahun"))


class PekpppScoreForm(PekpppYearForm):
    code = forms.CharField(required=False, label=_("Indikator"))
    score = WholeNumberField(label=_("Nilai"))
    note = forms.CharField(required=False, label=_("Catatan"))


class PekpppPageForm(PekpppYearForm):
    """The whole evaluation page: a score and a note per indicator, named `score-<code>` and
    `note-<code>`; a page without a field keeps its row. Evidence comes from the library
    (`assessments.library`), never as a file of this form."""

    PAGE = "pekppp-page"  # the id of the page's one form, which the fields of every row join

    def __init__(
        self,
        *args: Any,
        codes: list[str],
        scale: Sequence[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.codes = codes
        joined = {"form": self.PAGE}
        for code in codes:
            score = WholeNumberField(label=f"{code} · {_('Nilai')}")
            if scale is not None:
                score.widget = forms.Select(
                    choices=[("", "—"), *((str(v), str(v)) for v in scale)],
                    attrs={**joined, "class": "form-select-sm"},
                )
            self.fields[f"score-{code}"] = score
            self.fields[f"note-{code}"] = forms.CharField(
                required=False,
                label=f"{code} · {_('Catatan')}",
                widget=forms.TextInput(attrs={**joined, **_SMALL, "placeholder": _("catatan")}),
            )

    def row(self, code: str) -> list[Any]:
        """The bound fields of one indicator's row: score and note."""
        return [self[f"{name}-{code}"] for name in ("score", "note")]

    def answers(self) -> list[ScoreAnswer]:
        data = self.cleaned_data
        return [
            ScoreAnswer(
                code=code,
                score=data[f"score-{code}"],
                note=data[f"note-{code}"],
            )
            for code in self.codes
            if f"score-{code}" in self.data
        ]


class PekpppReviewForm(PekpppYearForm):
    """A penilai's decision on one indicator; the decision is the button pressed."""

    code = forms.CharField(required=False, label=_("Indikator"), widget=forms.HiddenInput)
    decision = forms.CharField(required=False, label=_("Keputusan"))
    review_note = forms.CharField(
        required=False,
        label=_("Catatan penilai"),
        widget=forms.TextInput(attrs={**_SMALL, "placeholder": _("catatan penilai")}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.HiddenInput()

    def shown(self) -> list[Any]:
        """The field the row shows; the decision comes from the button pressed."""
        return [self["review_note"]]


class PekpppOfficialForm(PekpppYearForm, ReasonedChangeForm):
    ipp = DecimalCommaField(
        label=_("IPP (0–5)"),
        message=_("IPP %(v)r bukan angka."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.HiddenInput()

    def _shown_names(self) -> list[str]:
        return ["ipp", "note"]


class LibraryEvidenceForm(forms.Form):
    """Evidence of a row from the library: the page's year and the row's code (the domain
    refuses a code the year's rulebook does not know)."""

    year = RulebookYearField(
        rulebooks=ombudsman.RULEBOOKS, required=False, label=_("Tahun"), widget=forms.HiddenInput
    )
    code = forms.CharField(label=_("Indikator"), max_length=20)

    def __init__(
        self, *args: Any, rulebooks: Any = None, codes: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if rulebooks is not None:
            self.fields["year"].rulebooks = rulebooks  # type: ignore[attr-defined]
        if codes:
            self.fields["code"].widget = forms.Select(
                choices=[(c, c) for c in codes], attrs={"class": "form-select-sm"}
            )


class LibraryFileForm(forms.Form):
    """A file entering the library: its type, title and bytes (checked by the library)."""

    doc_type = forms.ChoiceField(
        label=_("Jenis"),
        choices=Document.Type.choices,
        widget=forms.Select(attrs={"class": "form-select-sm"}),
    )
    title = forms.CharField(label=_("Judul"), max_length=200, widget=forms.TextInput(attrs=_SMALL))
    file = forms.FileField(
        label=_("Berkas (PDF, JPG, PNG, XLSX, DOCX)"),
        widget=forms.ClearableFileInput(attrs=_SMALL),
    )


class LibraryDocumentForm(forms.Form):
    """A library document picked from `documents` (any id may be posted: the view fetches it
    in the user's reach and the domain checks its year)."""

    document = IntegerField(label=_("Dokumen pustaka"))

    def __init__(self, *args: Any, documents: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].widget = forms.Select(
            choices=LaterChoices(
                lambda: [(d.pk, f"{d.title} ({d.year}, {d.unit.name})") for d in documents]
            ),
            attrs={"class": "form-select-sm"},
        )


class LibraryDetachDocumentForm(forms.Form):
    document = IntegerField(label=_("Dokumen pustaka"), widget=forms.HiddenInput)


class LibraryUploadForm(LibraryEvidenceForm, LibraryFileForm):
    field_order = ["year", "code", "doc_type", "title", "file"]


class LibraryPickForm(LibraryEvidenceForm, LibraryDocumentForm):
    field_order = ["year", "code", "document"]


class LibraryDetachForm(LibraryEvidenceForm, LibraryDetachDocumentForm):
    pass
