"""One form per POST of the integrity pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.core.inputs import IntegerField
from sikap.integrity.models import (
    Assessment,
    Document,
    HasilFigure,
    ItemScore,
    TeamMember,
    TpnResult,
)

GRADES = [("", "—")] + [(g, g) for g in ("AA", "A", "BB", "B", "CC", "C", "D", "E")]


class StartForm(forms.Form):
    unit = IntegerField(label=_("Unit"))
    kind = forms.ChoiceField(label=_("Jenis"), choices=Assessment.Kind.choices)
    year = IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    target = forms.ChoiceField(label=_("Target"), choices=Assessment.Target.choices, required=False)
    pencanangan_date = forms.DateField(label=_("Tanggal pencanangan"), required=False)


class SettingsForm(forms.Form):
    target = forms.ChoiceField(label=_("Target"), choices=Assessment.Target.choices)
    pencanangan_date = forms.DateField(label=_("Tanggal pencanangan"), required=False)
    pencanangan_document = IntegerField(label=_("Dokumen pencanangan"), required=False)
    sakip_inclusive = forms.BooleanField(label=_("Batas bawah predikat inklusif"), required=False)


class AnswerForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    answer = forms.CharField(label=_("Jawaban"), max_length=20, required=False)
    justification = forms.CharField(label=_("Penjelasan"), max_length=2000, required=False)


class HasilForm(forms.Form):
    key = forms.ChoiceField(label=_("Komponen"), choices=HasilFigure.Key.choices)
    value = forms.CharField(label=_("Nilai"), max_length=20)
    source = forms.ChoiceField(
        label=_("Sumber"),
        choices=[c for c in HasilFigure.Source.choices if c[0] != HasilFigure.Source.SIKAP],
    )
    source_note = forms.CharField(label=_("Keterangan sumber"), max_length=300, required=False)


class AttachForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    document = IntegerField(label=_("Dokumen"))


class ReviewForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    answer = forms.CharField(label=_("Nilai TPI"), max_length=20, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)
    flag = forms.ChoiceField(
        label=_("Tindak lanjut"), choices=ItemScore.Flag.choices, required=False
    )


class ReplyForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    reply = forms.CharField(label=_("Tanggapan"), max_length=2000)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150)
    position = forms.CharField(label=_("Jabatan"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=TeamMember.Role.choices)


class TeamRemoveForm(forms.Form):
    member = IntegerField(label=_("Anggota tim"))


class TpnScoreForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    answer = forms.CharField(label=_("Nilai TPN"), max_length=20, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)


class HasilSikapForm(forms.Form):
    key = forms.ChoiceField(label=_("Komponen"), choices=HasilFigure.Key.choices)


class SikapEvidenceForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    ref = forms.CharField(label=_("Dokumen kinerja"), max_length=40)


class PicForm(forms.Form):
    code = forms.CharField(label=_("Butir"), max_length=40)
    pic = forms.CharField(label=_("Penanggung jawab"), max_length=150, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas LKE (CSV atau XLSX)"))


class ProposalForm(forms.Form):
    target = forms.ChoiceField(label=_("Target"), choices=Assessment.Target.choices)
    number = forms.CharField(label=_("Nomor surat"), max_length=100, required=False)
    signatory = forms.CharField(label=_("Penandatangan"), max_length=150)
    signatory_position = forms.CharField(label=_("Jabatan penandatangan"), max_length=150)


class TpnForm(forms.Form):
    selection = forms.ChoiceField(
        label=_("Seleksi administrasi"), choices=TpnResult.Selection.choices
    )
    verdict = forms.ChoiceField(label=_("Penetapan"), choices=TpnResult.Verdict.choices)
    score = forms.CharField(label=_("Nilai TPN"), max_length=10, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=1000, required=False)
    confirm_version = IntegerField(label=_("Versi"), required=False)


class GatesForm(forms.Form):
    year = IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    wtp = forms.NullBooleanField(label=_("Opini WTP"), required=False)
    akip = forms.ChoiceField(label=_("Predikat AKIP"), choices=GRADES, required=False)
    indeks_rb = forms.ChoiceField(label=_("Predikat Indeks RB"), choices=GRADES, required=False)
    window_start = forms.DateField(label=_("Awal masa usulan"), required=False)
    window_end = forms.DateField(label=_("Akhir masa usulan"), required=False)


class DocumentForm(forms.Form):
    unit = IntegerField(label=_("Unit pemilik"))
    year = IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    doc_type = forms.ChoiceField(label=_("Jenis dokumen"), choices=Document.Type.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    valid_until = forms.DateField(label=_("Berlaku sampai"), required=False)


class UploadForm(DocumentForm):
    file = forms.FileField(label=_("Berkas"))


class LinkForm(DocumentForm):
    url = forms.CharField(label=_("Tautan"), max_length=500)


class ReplaceForm(forms.Form):
    file = forms.FileField(label=_("Berkas baru"))
