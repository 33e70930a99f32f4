"""Pemda, its organisation tree (OrgUnit) and its employees."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Each tree level adds one fixed-width segment to OrgUnit.path, so a subtree is a prefix match.
PATH_SEGMENT_WIDTH = 7


def path_segment(unit_id: int) -> str:
    return f"{unit_id:0{PATH_SEGMENT_WIDTH - 1}x}/"


def path_root_id(path: str) -> int:
    """The id of the root unit (the OPD) at the head of a unit's materialised path."""
    return int(path[: PATH_SEGMENT_WIDTH - 1], 16)


class Pemda(models.Model):
    class Level(models.TextChoices):
        KOTA = "kota", _("Pemerintah Kota")
        KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
        PROVINSI = "provinsi", _("Pemerintah Provinsi")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices, default=Level.KOTA)
    time_zone = models.CharField(_("zona waktu"), max_length=40, default="Asia/Makassar")
    is_demo = models.BooleanField(_("data demo"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # Codes are kept as typed but name one Pemda in any case (sikap.core.codes).
            models.UniqueConstraint(Lower("code"), name="pemda_unique_code_any_case"),
        ]
        verbose_name = _("pemda")
        verbose_name_plural = _("pemda")

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        SETDA = "setda", _("Sekretariat Daerah")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KANTOR = "kantor", _("Kantor / Satuan")
        RSUD = "rsud", _("RSUD")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan / Desa")
        BAGIAN = "bagian", _("Bagian")
        BIDANG = "bidang", _("Bidang")
        SUBBAGIAN = "subbagian", _("Sub Bagian")
        SEKSI = "seksi", _("Seksi")
        UPT = "upt", _("UPT / UPTD")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        SEKOLAH = "sekolah", _("Sekolah")
        LAINNYA = "lainnya", _("Lainnya")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("berlaku sejak"), default=dt.date(2000, 1, 1))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("digabung ke"),
    )

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                "pemda", Lower("code"), name="orgunit_unique_code_any_case_per_pemda"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "path"])]
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None and self.valid_to < dt.date.today()


class Employee(models.Model):
    class Kind(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"

    class JenisJabatan(models.TextChoices):
        STRUKTURAL = "struktural", _("Struktural")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    class Gender(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="employees")
    nip = models.CharField("NIP", max_length=18)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis pegawai"), max_length=4, choices=Kind.choices)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=255, blank=True)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=12, choices=JenisJabatan.choices, blank=True
    )
    eselon = models.CharField(_("eselon / JPT"), max_length=20, blank=True)
    golongan = models.CharField(_("golongan"), max_length=10, blank=True)
    email = models.EmailField(_("email"), blank=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="employees")
    atasan = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="bawahan"
    )
    # The atasan NIP as given by the source file; kept when it matches nobody, for the data-quality queue.
    atasan_nip = models.CharField(_("NIP atasan"), max_length=18, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nip"], name="employee_unique_nip_per_pemda"),
        ]
        indexes = [models.Index(fields=["pemda", "unit"]), models.Index(fields=["pemda", "name"])]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"
