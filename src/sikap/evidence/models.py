"""The evidence library: a document (file or link) kept once per Pemda with its owner unit,
year, type and validity, and the versions of a file document.

Feature apps attach documents to their own items (a ZI or SAKIP item, an Ombudsman checklist
item, a PEKPPP indicator) with link rows of their own; the library learns where a document is
used from the providers they register (`sikap.evidence.uses`). The tables keep the names they
had when the library lived in the integrity app, so no row moved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.evidence.storage import evidence_storage


class Document(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")

    class Type(models.TextChoices):
        SK = "sk", _("Surat Keputusan")
        PLAN = "rencana", _("Rencana / program kerja")
        REPORT = "laporan", _("Laporan")
        SOP = "sop", _("SOP")
        MINUTES = "notulen", _("Notulen / daftar hadir")
        PHOTO = "foto", _("Foto / dokumentasi")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP / laporan kinerja")
        OTHER = "lainnya", _("Lainnya")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    doc_type = models.CharField(_("jenis dokumen"), max_length=20, choices=Type.choices)
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("bentuk"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    current_number = models.PositiveIntegerField(_("versi terkini"), default=0)
    removed_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        db_table = "integrity_document"
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["pemda", "unit", "year"], name="integrity_doc_unit_year")]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One uploaded file of a document; a replacement adds a version, the old ones stay."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    file = models.FileField(storage=evidence_storage, max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("ukuran"))
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(_("nama berkas"), max_length=150)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "integrity_documentversion"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="integrity_docver_unique")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} v{self.number}"
