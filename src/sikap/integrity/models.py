"""Zona Integritas and SAKIP self-assessments on the evidence library (`sikap.evidence`).

An Attachment ties a library Document to an item of an assessment. An Assessment (ZI or
SAKIP, unit × year) holds its items' answers per level (self, TPI, TPN) side by side: one ItemScore per item and
level, so a review never overwrites the unit's answer. The TPN's official result is a head
with versions (sikap.core.versioning).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.core.models import RecordVersion
from sikap.evidence.models import Document


class Assessment(models.Model):
    class Kind(models.TextChoices):
        ZI = "zi", _("Zona Integritas")
        SAKIP = "sakip", _("SAKIP")

    class Stage(models.TextChoices):
        DRAFT = "isian", _("Pengisian mandiri")
        REVIEW = "reviu", _("Reviu TPI")
        REVIEWED = "direviu", _("Selesai direviu TPI")
        PROPOSED = "diusulkan", _("Diusulkan")

    class Target(models.TextChoices):
        WBK = "wbk", "WBK"
        WBBM = "wbbm", "WBBM"

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    target = models.CharField(_("target"), max_length=4, choices=Target.choices, default="wbk")
    pencanangan_date = models.DateField(_("tanggal pencanangan"), null=True, blank=True)
    pencanangan_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sakip_inclusive = models.BooleanField(_("batas bawah predikat inklusif (>=)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year"], name="integrity_assessment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit_id} {self.year}"


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "ketua", _("Ketua")
        MEMBER = "anggota", _("Anggota")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default="anggota")

    class Meta:
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class AssessmentItem(models.Model):
    """An item of an assessment that someone touched: its PIC, justification, reply."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("kode butir"), max_length=40)
    pic = models.CharField(_("penanggung jawab"), max_length=150, blank=True)
    justification = models.TextField(_("penjelasan"), blank=True)
    unit_reply = models.TextField(_("tanggapan unit"), blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="integrity_item_unique")
        ]

    def __str__(self) -> str:
        return self.code


class ItemScore(models.Model):
    class Level(models.TextChoices):
        SELF = "self", _("Mandiri")
        TPI = "tpi", _("TPI")
        TPN = "tpn", _("TPN")

    class Flag(models.TextChoices):
        NONE = "", _("—")
        EVIDENCE_MISSING = "eviden_kurang", _("Eviden belum ada")
        WRONG_YEAR = "tahun_eviden", _("Eviden bukan tahun berjalan")
        WRONG_NAMING = "penamaan", _("Penamaan eviden")
        OTHER = "lainnya", _("Lainnya")

    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="scores")
    level = models.CharField(_("tingkat"), max_length=4, choices=Level.choices)
    answer = models.CharField(_("jawaban"), max_length=20, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    flag = models.CharField(_("tindak lanjut"), max_length=16, choices=Flag.choices, blank=True)
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "level"], name="integrity_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.level}: {self.answer}"


class ItemCount(models.Model):
    """A count row ("jumlah", e.g. PW.R.3.a.5) of the official ZI LKE at a level, beside the
    answers: the rows feed their percent item's percentage when the item is left blank."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="counts")
    code = models.CharField(_("kode jumlah"), max_length=40)
    level = models.CharField(_("tingkat"), max_length=4, choices=ItemScore.Level.choices)
    value = models.PositiveIntegerField(_("jumlah"))
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code", "level"], name="integrity_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.level}: {self.value}"


class Attachment(models.Model):
    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="attachments")
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "document"], name="integrity_attach_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ← {self.document_id}"


class HasilFigure(models.Model):
    """A hasil figure of a ZI (capaian kinerja, IPAK, IPKP) with where it comes from."""

    class Key(models.TextChoices):
        CAPAIAN = "capaian_kinerja", _("Capaian kinerja")
        IPAK = "ipak", _("IPAK (persepsi anti korupsi)")
        IPKP = "ipkp", _("IPKP (persepsi kualitas pelayanan)")

    class Source(models.TextChoices):
        SIKAP = "sikap", _("Data SIKAP")
        EXTERNAL = "eksternal", _("Eksternal (survei KemenPANRB)")
        MANUAL = "manual", _("Diisi unit")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="hasil")
    key = models.CharField(max_length=20, choices=Key.choices)
    raw = models.CharField(_("nilai asal"), max_length=20)
    points = models.DecimalField(_("nilai LKE"), max_digits=7, decimal_places=4)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    source_note = models.CharField(_("keterangan sumber"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="integrity_hasil_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.points}"


class PemdaGates(models.Model):
    """The instansi's proposal gates of a year, and the proposal window if the circular moved it."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    wtp = models.BooleanField(_("opini WTP"), null=True, blank=True)
    akip = models.CharField(_("predikat AKIP"), max_length=2, blank=True)
    indeks_rb = models.CharField(_("predikat Indeks RB"), max_length=2, blank=True)
    window_start = models.DateField(_("awal masa usulan"), null=True, blank=True)
    window_end = models.DateField(_("akhir masa usulan"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="integrity_gates_unique")
        ]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.year}"


class Proposal(models.Model):
    """The proposal of a unit to KemenPANRB, with what the checks saw when it was made."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="proposal")
    target = models.CharField(max_length=4, choices=Assessment.Target.choices)
    number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    signatory = models.CharField(_("penandatangan"), max_length=150)
    signatory_position = models.CharField(_("jabatan penandatangan"), max_length=150)
    snapshot = models.JSONField(default=dict)
    made_by_label = models.CharField(max_length=200, blank=True)
    made_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.assessment_id} → {self.target}"


class TpnResult(models.Model):
    """KemenPANRB's (TPN) result for a proposed unit: the head of its versions."""

    class Selection(models.TextChoices):
        PASSED = "lulus", _("Lulus")
        NOTES = "lulus_catatan", _("Lulus dengan catatan")
        FAILED = "tidak_lulus", _("Tidak lulus")

    class Verdict(models.TextChoices):
        NONE = "-", _("Belum ditetapkan")
        WBK = "WBK", "WBK"
        WBBM = "WBBM", "WBBM"

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="tpn")
    selection = models.CharField(
        _("seleksi administrasi"), max_length=16, choices=Selection.choices
    )
    score = models.DecimalField(_("nilai TPN"), max_digits=5, decimal_places=2, null=True)
    verdict = models.CharField(_("penetapan"), max_length=4, choices=Verdict.choices)
    note = models.TextField(_("catatan"), blank=True)

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.verdict}"


class TpnResultVersion(RecordVersion):
    head = models.ForeignKey(TpnResult, on_delete=models.PROTECT, related_name="versions")
    selection = models.CharField(_("seleksi administrasi"), max_length=16)
    score = models.DecimalField(_("nilai TPN"), max_digits=5, decimal_places=2, null=True)
    verdict = models.CharField(_("penetapan"), max_length=4)
    note = models.TextField(_("catatan"), blank=True)

    class Meta(RecordVersion.Meta):
        constraints = [
            models.UniqueConstraint(fields=["head", "number"], name="integrity_tpn_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.head_id} v{self.number}: {self.verdict}"


class ScoreSnapshot(models.Model):
    """The score of an assessment at a level, rewritten by every change that moves it, so the
    Pemda view reads one row per unit and level instead of every answer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    level = models.CharField(max_length=4, choices=ItemScore.Level.choices)
    total = models.DecimalField(max_digits=6, decimal_places=2)
    pengungkit = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    hasil = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    category = models.CharField(max_length=8, blank=True)
    answered = models.PositiveIntegerField(default=0)
    shortfalls = models.JSONField(default=dict)
    confidence = models.JSONField(default=dict)
    version = models.CharField(max_length=40)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "level"], name="integrity_snapshot_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.level}: {self.total}"
