"""Service units, SKM answers and their snapshots, follow-up, Ombudsman and PEKPPP records.

Anonymity of SKM: a response holds no user, IP, session, NIK, name or exact time (the day
only); visit codes hold a hash and a used time and cannot be joined to a response.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from sikap.core.models import RecordVersion

UNSUR_FIELDS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
# The SKM answer scale is schema (a database check, the form's four faces), like the nine
# unsur columns: PermenPANRB 14/2017's 1-4. A rulebook year with another scale is refused at
# start-up by a system check (publicservice/checks.py) rather than stored wrongly.
SCALE = (1, 4)
SCALE_POINTS = tuple(range(SCALE[0], SCALE[1] + 1))
SUM_FIELDS = tuple(f"s{i}" for i in range(1, 10))
COUNT_FIELDS = tuple(f"c{i}" for i in range(1, 10))


def new_public_slug() -> str:
    return secrets.token_urlsafe(8).replace("-", "x").replace("_", "y").lower()


def new_kiosk_key() -> str:
    return secrets.token_urlsafe(16)


def evidence_path(instance: models.Model, filename: str) -> str:
    return f"bukti/layanan/{instance._meta.model_name}/{secrets.token_hex(8)}/{filename}"


class ServiceUnit(models.Model):
    """An OrgUnit that serves the public (unit layanan) and runs its SKM."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    unit = models.OneToOneField(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="service_unit"
    )
    public_slug = models.SlugField(max_length=24, unique=True, default=new_public_slug)
    kiosk_key = models.CharField(max_length=40, default=new_kiosk_key)
    require_visit_code = models.BooleanField(_("wajib kode kunjungan"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("unit layanan")
        verbose_name_plural = _("unit layanan")

    def __str__(self) -> str:
        return str(self.unit)


class ServiceProduct(models.Model):
    """A jenis layanan of a service unit."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("jenis layanan"), max_length=200)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # A product is named in SKM files in any case (sikap.core.codes).
            models.UniqueConstraint(
                "service_unit", Lower("name"), name="product_unique_name_any_case"
            )
        ]
        verbose_name = _("jenis layanan")
        verbose_name_plural = _("jenis layanan")

    def __str__(self) -> str:
        return self.name


class ProductVolume(models.Model):
    """The yearly number of services delivered: the population for the SKM sample size."""

    product = models.ForeignKey(ServiceProduct, on_delete=models.CASCADE, related_name="volumes")
    year = models.PositiveSmallIntegerField(_("tahun"))
    volume = models.PositiveIntegerField(_("volume layanan per tahun"))

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["product", "year"], name="volume_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.year}: {self.volume}"


# The optional respondent profile of an SKM answer: each a choice field of SkmResponse.
PROFILE_FIELDS = ("age_band", "gender", "education", "occupation")


class SkmResponse(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("Formulir daring")
        KIOSK = "kiosk", _("Kios")
        PAPER = "paper", _("Kertas (impor)")

    class AgeBand(models.TextChoices):
        UNDER_20 = "<20", _("di bawah 20 tahun")
        A20 = "20-29", _("20–29 tahun")
        A30 = "30-39", _("30–39 tahun")
        A40 = "40-49", _("40–49 tahun")
        A50 = "50-59", _("50–59 tahun")
        A60 = "60+", _("60 tahun ke atas")

    class Gender(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    class Education(models.TextChoices):
        SD = "SD", _("SD ke bawah")
        SMP = "SMP", _("SMP")
        SMA = "SMA", _("SMA/SMK")
        D3 = "D1-D3", _("D1–D3")
        S1 = "D4-S1", _("D4/S1")
        S2 = "S2+", _("S2 ke atas")

    class Occupation(models.TextChoices):
        PNS = "PNS", _("PNS")
        TNI = "TNI", _("TNI")
        POLRI = "POLRI", _("POLRI")
        SWASTA = "SWASTA", _("Pegawai swasta")
        WIRAUSAHA = "WIRAUSAHA", _("Wirausaha")
        PELAJAR = "PELAJAR", _("Pelajar/mahasiswa")
        LAINNYA = "LAINNYA", _("Lainnya")

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(
        ServiceProduct, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField()
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    education = models.CharField(max_length=6, choices=Education.choices, blank=True)
    occupation = models.CharField(max_length=10, choices=Occupation.choices, blank=True)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.WEB)

    class Meta:
        indexes = [models.Index(fields=["service_unit", "submitted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{f}__isnull": True})
                | Q(**{f"{f}__gte": SCALE[0], f"{f}__lte": SCALE[1]}),
                name=f"skm_{f}_scale",
            )
            for f in UNSUR_FIELDS
        ]

    def __str__(self) -> str:
        return f"SKM {self.pk}"


class VisitCode(models.Model):
    """A queue-ticket code: one answer per visit. Only the hash is kept."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_on = models.DateField(auto_now_add=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"visit code {self.pk}"


class SkmSums(models.Model):
    """The sums every SKM snapshot row holds: answers `n`, comments, and per unsur U1…U9 the sum
    of its values `s<i>` and the count of answers to it `c<i>`."""

    n = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    s1 = models.PositiveIntegerField(default=0)
    s2 = models.PositiveIntegerField(default=0)
    s3 = models.PositiveIntegerField(default=0)
    s4 = models.PositiveIntegerField(default=0)
    s5 = models.PositiveIntegerField(default=0)
    s6 = models.PositiveIntegerField(default=0)
    s7 = models.PositiveIntegerField(default=0)
    s8 = models.PositiveIntegerField(default=0)
    s9 = models.PositiveIntegerField(default=0)
    c1 = models.PositiveIntegerField(default=0)
    c2 = models.PositiveIntegerField(default=0)
    c3 = models.PositiveIntegerField(default=0)
    c4 = models.PositiveIntegerField(default=0)
    c5 = models.PositiveIntegerField(default=0)
    c6 = models.PositiveIntegerField(default=0)
    c7 = models.PositiveIntegerField(default=0)
    c8 = models.PositiveIntegerField(default=0)
    c9 = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class SkmMonthly(SkmSums):
    """Sums and counts per unsur for one unit, product and month: the dashboards' source.

    Written only by the recompute task (SQL GROUP BY); any period is a SUM over its months.
    """

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        ServiceProduct, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["service_unit", "month"])]

    def __str__(self) -> str:
        return f"{self.service_unit_id} {self.month:%Y-%m}"


class SkmPeriodTotals(SkmSums):
    """The monthly snapshot summed per service unit and reporting period ("2024", "2024S1",
    "2024Q3"), products pooled: what the Pemda dashboard and trends read, so a page sums no
    months. Written with SkmMonthly by the same two writers (the rebuild, or an answer in its
    own transaction in embedded mode)."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_unit", "period"], name="skm_period_totals_one_per_period"
            )
        ]
        indexes = [models.Index(fields=["period", "service_unit"])]

    def __str__(self) -> str:
        return f"{self.service_unit_id} {self.period}"


class SkmRollupTotals(SkmSums):
    """The period snapshot summed per OPD (a root unit of the Pemda's tree: every service unit
    in its subtree) and per Pemda (`unit` empty), products pooled: what the Pemda dashboard's
    OPD table, Pemda figure and Pemda trend read, so a page sums no units. Written in the
    same transaction as SkmPeriodTotals by the same writers, and rebuilt for a Pemda whose
    units moved to another OPD."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(max_length=7)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "unit", "period"],
                condition=models.Q(unit__isnull=False),
                name="skm_rollup_one_per_opd_period",
            ),
            models.UniqueConstraint(
                fields=["pemda", "period"],
                condition=models.Q(unit__isnull=True),
                name="skm_rollup_one_per_pemda_period",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "period"])]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.unit_id or '-'} {self.period}"


class SkmRecomputeState(models.Model):
    """When a unit's snapshot was last rebuilt (shown as "data per …")."""

    service_unit = models.OneToOneField(
        ServiceUnit, on_delete=models.CASCADE, related_name="recompute_state"
    )
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.service_unit_id} {self.computed_at}"


class FollowUp(models.Model):
    """Tindak lanjut: an action on a weak unsur, with owner, deadline, evidence and status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        IN_PROGRESS = "in_progress", _("Sedang berjalan")
        DONE = "done", _("Selesai")

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("periode"), max_length=8)
    unsur = models.CharField(_("unsur"), max_length=4)
    action = models.TextField(_("rencana tindak lanjut"))
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    deadline = models.DateField(_("batas waktu"))
    evidence = models.FileField(_("bukti"), upload_to=evidence_path, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.action[:60]}"


class Publication(models.Model):
    """The publication of a period's SKM results (website, notice board …)."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("periode"), max_length=8)
    published_on = models.DateField(_("tanggal publikasi"))
    channel = models.CharField(_("media publikasi"), max_length=200)
    url = models.URLField(_("tautan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.period} {self.channel}"


class OmbudsmanResult(models.Model):
    """The Ombudsman's official result for a Pemda and year: the head of its versions.

    Its values mirror the latest OmbudsmanResultVersion (sikap.core.versioning writes both);
    the sampled units belong to each version, so a correction never drops an earlier sample.
    """

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    score = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("opini/kategori"), max_length=4, blank=True)
    zone = models.CharField(_("zona"), max_length=20, blank=True)
    version = models.CharField(max_length=40, blank=True)
    dimensions = models.JSONField(_("nilai dimensi"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="ombudsman_unique_year")
        ]

    def __str__(self) -> str:
        return f"Ombudsman {self.year}: {self.score}"

    @property
    def current(self) -> OmbudsmanResultVersion:
        """The latest version (from a prefetch of `versions` when there is one)."""
        return self.versions.all()[0]


class OmbudsmanResultVersion(RecordVersion):
    """One recorded value of an Ombudsman result, with the units sampled for it."""

    head = models.ForeignKey(OmbudsmanResult, on_delete=models.PROTECT, related_name="versions")
    score = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("opini/kategori"), max_length=4, blank=True)
    zone = models.CharField(_("zona"), max_length=20, blank=True)
    version = models.CharField(_("aturan"), max_length=40, blank=True)
    dimensions = models.JSONField(_("nilai dimensi"), default=dict, blank=True)
    sampled_units = models.ManyToManyField("org.OrgUnit", blank=True, related_name="+")
    note = models.TextField(_("catatan"), blank=True)

    class Meta(RecordVersion.Meta):
        constraints = [
            models.UniqueConstraint(fields=["head", "number"], name="ombudsman_version_unique")
        ]
        verbose_name = _("versi hasil Ombudsman")
        verbose_name_plural = _("versi hasil Ombudsman")

    def __str__(self) -> str:
        return f"Ombudsman v{self.number}: {self.score}"


class OmbudsmanFinding(models.Model):
    """A finding of the rapor, tracked to closure with evidence."""

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        IN_PROGRESS = "in_progress", _("Ditindaklanjuti")
        CLOSED = "closed", _("Selesai")

    result = models.ForeignKey(OmbudsmanResult, on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("temuan"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    evidence = models.FileField(_("bukti"), upload_to=evidence_path, blank=True)
    closure_note = models.TextField(_("catatan penyelesaian"), blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["status", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class OmbudsmanAssessment(models.Model):
    """A unit's self-assessment against the Ombudsman's current method, per year."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    complaints_received = models.PositiveIntegerField(null=True, blank=True)
    complaints_resolved = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["service_unit", "year"], name="omb_assess_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_unit} {self.year}"


class OmbudsmanItem(models.Model):
    """One checklist indicator of a self-assessment, scored 0–3 with evidence."""

    assessment = models.ForeignKey(
        OmbudsmanAssessment, on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(max_length=20)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.FileField(_("bukti"), upload_to=evidence_path, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="omb_item_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=3), name="omb_item_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.assessment}"


class PekpppEvaluation(models.Model):
    """A unit's PEKPPP self-evaluation (PermenPANRB 29/2022) for one year."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["service_unit", "year"], name="pekppp_eval_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_unit} {self.year}"


class PekpppScore(models.Model):
    class Review(models.TextChoices):
        PENDING = "pending", _("Belum direviu")
        ACCEPTED = "accepted", _("Diterima")
        RETURNED = "returned", _("Dikembalikan")

    evaluation = models.ForeignKey(
        PekpppEvaluation, on_delete=models.CASCADE, related_name="scores"
    )
    code = models.CharField(max_length=20)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.FileField(_("bukti"), upload_to=evidence_path, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    prefilled = models.BooleanField(default=False)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.PENDING)
    review_note = models.TextField(_("catatan penilai"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="pekppp_score_unique"),
            models.CheckConstraint(
                # The widest scale of any PEKPPP rulebook; each year's own is checked by the domain.
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=5),
                name="pekppp_score_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.evaluation}"


class PekpppOfficialResult(models.Model):
    """KemenPAN-RB's official PEKPPP result of a unit and year: the head of its versions.

    Apart from the unit's self-evaluation; its values mirror the latest version.
    """

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    ipp = models.DecimalField(_("IPP"), max_digits=3, decimal_places=2)
    category = models.CharField(_("predikat"), max_length=4, blank=True)
    version = models.CharField(max_length=40, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_unit", "year"], name="pekppp_official_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_unit} {self.year}: {self.ipp}"

    @property
    def current(self) -> PekpppOfficialResultVersion:
        return self.versions.all()[0]


class PekpppOfficialResultVersion(RecordVersion):
    head = models.ForeignKey(
        PekpppOfficialResult, on_delete=models.PROTECT, related_name="versions"
    )
    ipp = models.DecimalField(_("IPP"), max_digits=3, decimal_places=2)
    category = models.CharField(_("predikat"), max_length=4, blank=True)
    version = models.CharField(_("aturan"), max_length=40, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta(RecordVersion.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["head", "number"], name="pekppp_official_version_unique"
            )
        ]
        verbose_name = _("versi hasil resmi PEKPPP")
        verbose_name_plural = _("versi hasil resmi PEKPPP")

    def __str__(self) -> str:
        return f"PEKPPP v{self.number}: {self.ipp}"


# The IPAK survey answers live in their own module (publicservice/ipak/), library evidence on
# service rows in library_models.
from sikap.publicservice.ipak.models import IpakResponse  # noqa: E402, F401
from sikap.publicservice.library_models import LibraryEvidence  # noqa: E402, F401
