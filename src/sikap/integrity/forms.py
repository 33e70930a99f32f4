"""One form per POST of the integrity pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sikap.core.filelimits import refuse_oversized_upload
from sikap.core.inputs import DayField, IntegerField, LaterChoices, UnitPicker
from sikap.evidence.models import Document
from sikap.integrity.models import (
    Assessment,
    HasilFigure,
    ItemScore,
    TeamMember,
    TpnResult,
)

GRADES = [("", "—")] + [(g, g) for g in ("AA", "A", "BB", "B", "CC", "C", "D", "E")]


class _OnePass:
    """A widget written in one pass rather than through Django's widget templates (about
    40 µs each): the workspace shows a few forms per LKE item, hundreds per page. The
    markup is the one Django's templates write."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        w = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        if w.get("template_name", "").endswith("select.html"):
            parts = [format_html('<select name="{}"{}>', w["name"], flatatt(w["attrs"]))]
            selected = {str(v) for v in w["value"]}
            for raw, label in self.choices:  # type: ignore[attr-defined]
                v = "" if raw is None else str(raw)
                mark = " selected" if v in selected else ""
                parts.append(f'<option value="{escape(v)}"{mark}>{escape(label)}</option>')
            parts.append("</select>")
            return mark_safe("".join(parts))  # noqa: S308  (every value and label escaped)
        value = "" if w["value"] is None else format_html(' value="{}"', str(w["value"]))
        return format_html(
            '<input type="{}" name="{}"{}{}>', w["type"], w["name"], value, flatatt(w["attrs"])
        )


class TextInput(_OnePass, forms.TextInput):
    pass


class HiddenInput(_OnePass, forms.HiddenInput):
    pass


class Select(_OnePass, forms.Select):
    pass


_SMALL = {"class": "form-control-sm w-auto"}
_SELECT = {"class": "form-select-sm w-auto"}


def _text(size: int | None = None, placeholder: Any = None, **attrs: Any) -> TextInput:
    extra: dict[str, Any] = {**_SMALL, **attrs}
    if size:
        extra["size"] = size
    if placeholder:
        extra["placeholder"] = placeholder
    return TextInput(attrs=extra)


class WorkspaceForm(forms.Form):
    """A form of the workspace page. `slot` names it there; `row` (an LKE item code, a team
    member, a hasil key) names the row it belongs to, so each row's fields and errors have
    their own ids and the labels name the row. `testids` gives fields a per-row data-testid."""

    slot = ""
    testids: dict[str, str] = {}

    def __init__(self, *args: Any, row: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.slot}-%s-{row}" if row else f"{self.slot}-%s")
        super().__init__(*args, **kwargs)
        self.row = row
        for name, prefix in self.testids.items():
            self.fields[name].widget.attrs["data-testid"] = f"{prefix}-{row}"
        if row:
            for field in self.fields.values():
                if not field.widget.is_hidden:
                    field.label = f"{field.label} {row}"

    def holds(self, slot: str, row: str = "") -> bool:
        return self.slot == slot and self.row.casefold() == row.casefold()  # codes: any case


class SettingsForm(WorkspaceForm):
    slot = "st"
    target = forms.ChoiceField(
        label=_("Target"), choices=Assessment.Target.choices, widget=Select(attrs=_SELECT)
    )
    pencanangan_date = DayField(label=_("Tanggal pencanangan"), required=False)
    pencanangan_document = IntegerField(
        label=_("Dokumen pencanangan"), required=False, widget=Select(attrs=_SELECT)
    )
    sakip_inclusive = forms.BooleanField(
        label=_("Batas bawah predikat inklusif (>=)"), required=False
    )

    def __init__(
        self, *args: Any, kind: str = "", documents: Sequence[Document] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pencanangan_document"].widget.choices = [("", "—")] + [
            (d.pk, f"{d.title} ({d.year})") for d in documents
        ]
        if kind != Assessment.Kind.SAKIP:
            del self.fields["sakip_inclusive"]


class AnswerForm(WorkspaceForm):
    slot = "ans"
    testids = {"answer": "answer"}
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    answer = forms.CharField(
        label=_("Jawaban"), max_length=20, required=False, widget=_text(size=8)
    )
    justification = forms.CharField(
        label=_("Penjelasan"),
        max_length=2000,
        required=False,
        widget=_text(placeholder=_("penjelasan singkat")),
    )


class CountsForm(WorkspaceForm):
    """The count rows ("jumlah") of a percent item: one field per row, named by its code. The
    whole-number check is the domain's (`domain.counts_record`), its error at the row's field."""

    slot = "cnt"
    testid_prefix = "count"
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)

    def __init__(self, *args: Any, counts: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_codes = [c.code for c in counts]
        for c in counts:
            field = forms.CharField(
                label=f"{c.code} {c.text}", max_length=20, required=False, widget=_text(size=6)
            )
            field.widget.attrs["data-testid"] = f"{self.testid_prefix}-{c.code}"
            self.fields[c.code] = field


class ReviewCountsForm(CountsForm):
    """The TPI's count rows of a percent item, beside the unit's."""

    slot = "rcnt"
    testid_prefix = "tpi-count"


class HasilForm(WorkspaceForm):
    slot = "h"
    key = forms.ChoiceField(
        label=_("Komponen"), choices=HasilFigure.Key.choices, widget=Select(attrs=_SELECT)
    )
    value = forms.CharField(
        label=_("Nilai (opsi A–E / indeks 1–4)"), max_length=20, widget=_text(size=8)
    )
    source = forms.ChoiceField(
        label=_("Sumber"),
        choices=[c for c in HasilFigure.Source.choices if c[0] != HasilFigure.Source.SIKAP],
        widget=Select(attrs=_SELECT),
    )
    source_note = forms.CharField(
        label=_("Keterangan sumber"), max_length=300, required=False, widget=_text()
    )


class AttachForm(WorkspaceForm):
    slot = "doc"
    testids = {"document": "pick"}
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    document = IntegerField(
        label=_("Dokumen dari pustaka"),
        widget=_text(size=12, placeholder=_("dokumen pustaka"), list="library-docs"),
    )


class DetachForm(AttachForm):
    slot = "detach"
    testids = {}
    document = IntegerField(label=_("Dokumen"), widget=HiddenInput)


class ReviewForm(WorkspaceForm):
    slot = "tpi"
    testids = {"answer": "tpi-answer", "flag": "flag", "note": "note"}
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    answer = forms.CharField(
        label=_("Nilai TPI"),
        max_length=20,
        required=False,
        widget=_text(size=8, placeholder=_("nilai TPI")),
    )
    flag = forms.ChoiceField(
        label=_("Tindak lanjut"),
        choices=ItemScore.Flag.choices,
        required=False,
        widget=Select(attrs=_SELECT),
    )
    note = forms.CharField(
        label=_("Catatan"),
        max_length=2000,
        required=False,
        widget=_text(placeholder=_("catatan TPI")),
    )


class ReplyForm(WorkspaceForm):
    slot = "rep"
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    reply = forms.CharField(
        label=_("Tanggapan"), max_length=2000, widget=_text(placeholder=_("tanggapan"))
    )


class TeamForm(WorkspaceForm):
    slot = "tm"
    name = forms.CharField(label=_("Nama"), max_length=150, widget=_text(placeholder=_("nama")))
    position = forms.CharField(
        label=_("Jabatan"), max_length=150, required=False, widget=_text(placeholder=_("jabatan"))
    )
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=[(TeamMember.Role.MEMBER, _("Anggota")), (TeamMember.Role.LEAD, _("Ketua"))],
        widget=Select(attrs=_SELECT),
    )


class TeamRemoveForm(WorkspaceForm):
    slot = "tmr"
    member = IntegerField(label=_("Anggota tim"), widget=HiddenInput)


class TpnScoreForm(WorkspaceForm):
    slot = "tpn"
    testids = {"answer": "tpn-answer"}
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    answer = forms.CharField(
        label=_("Nilai TPN"),
        max_length=20,
        required=False,
        widget=_text(size=8, placeholder=_("nilai TPN")),
    )
    note = forms.CharField(
        label=_("Catatan TPN"),
        max_length=2000,
        required=False,
        widget=_text(placeholder=_("catatan TPN")),
    )


class HasilSikapForm(WorkspaceForm):
    slot = "hs"
    key = forms.ChoiceField(
        label=_("Komponen"), choices=HasilFigure.Key.choices, widget=HiddenInput
    )


class SikapEvidenceForm(WorkspaceForm):
    slot = "se"
    ref = forms.CharField(label=_("Dokumen kinerja"), max_length=40, widget=HiddenInput)
    code = forms.CharField(label=_("Butir"), max_length=40, widget=Select(attrs=_SELECT))

    def __init__(
        self, *args: Any, codes: Sequence[str] = (), title: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.choices = [(c, c) for c in codes]
        if title:
            self.fields["code"].label = f"{_('Butir')} {title}"


class PicForm(WorkspaceForm):
    slot = "pic"
    code = forms.CharField(label=_("Butir"), max_length=40, widget=HiddenInput)
    pic = forms.CharField(
        label=_("Penanggung jawab"),
        max_length=150,
        required=False,
        widget=_text(size=10, placeholder=_("PIC")),
    )


class ImportForm(WorkspaceForm):
    slot = "imp"
    file = forms.FileField(
        label=_("Berkas LKE (CSV atau XLSX)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control-sm"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        refuse_oversized_upload(upload)
        return upload


class ProposalForm(WorkspaceForm):
    slot = "p"
    target = forms.ChoiceField(
        label=_("Target"), choices=Assessment.Target.choices, widget=Select(attrs=_SELECT)
    )
    number = forms.CharField(label=_("Nomor surat"), max_length=100, required=False, widget=_text())
    signatory = forms.CharField(label=_("Penandatangan"), max_length=150, widget=_text())
    signatory_position = forms.CharField(
        label=_("Jabatan penandatangan"), max_length=150, widget=_text()
    )


class TpnForm(WorkspaceForm):
    slot = "t"
    selection = forms.ChoiceField(
        label=_("Seleksi administrasi"),
        choices=TpnResult.Selection.choices,
        widget=Select(attrs=_SELECT),
    )
    verdict = forms.ChoiceField(
        label=_("Penetapan"), choices=TpnResult.Verdict.choices, widget=Select(attrs=_SELECT)
    )
    score = forms.CharField(
        label=_("Nilai TPN"), max_length=10, required=False, widget=_text(size=6)
    )
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False, widget=_text())
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=1000, required=False)
    confirm_version = IntegerField(label=_("Versi"), required=False)

    SHOWN = ("selection", "verdict", "score", "note")

    @property
    def shown(self) -> list[Any]:
        """The fields the workspace shows; the reason and version come from the confirm page."""
        return [self[name] for name in self.SHOWN]


class YesNoUnknown(forms.NullBooleanSelect):
    """Yes, no or not known (—), in the page's words."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", "—"), ("true", _("Ya")), ("false", _("Tidak"))]


class YearForm(forms.Form):
    """The year a page shows (?year=)."""

    year = IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, widget=_text(size=5, inputmode="numeric")
    )


class StartForm(forms.Form):
    unit = IntegerField(label=_("Unit"), widget=UnitPicker(attrs=_SELECT))
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=Assessment.Kind.choices, widget=Select(attrs=_SELECT)
    )
    year = IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, widget=_text(size=5, inputmode="numeric")
    )
    target = forms.ChoiceField(
        label=_("Target ZI"),
        choices=Assessment.Target.choices,
        required=False,
        widget=Select(attrs=_SELECT),
    )
    pencanangan_date = DayField(label=_("Tanggal pencanangan"), required=False)

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "s-%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = LaterChoices(lambda: [(u.pk, u.name) for u in units])


class GatesForm(forms.Form):
    year = IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, widget=HiddenInput)
    wtp = forms.NullBooleanField(
        label=_("Opini WTP"),
        required=False,
        widget=YesNoUnknown(attrs=_SELECT),
    )
    akip = forms.ChoiceField(
        label=_("Predikat AKIP"), choices=GRADES, required=False, widget=Select(attrs=_SELECT)
    )
    indeks_rb = forms.ChoiceField(
        label=_("Predikat Indeks RB"),
        choices=GRADES,
        required=False,
        widget=Select(attrs=_SELECT),
    )
    window_start = DayField(label=_("Awal masa usulan (bila diubah surat edaran)"), required=False)
    window_end = DayField(label=_("Akhir masa usulan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "g-%s")
        super().__init__(*args, **kwargs)
