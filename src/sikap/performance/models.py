"""Perjanjian Kinerja (PK) with its cascade of sasaran and indicators, realisasi, capaian
snapshots, SKP (rencana hasil kerja, perilaku kerja BerAKHLAK, ratings) and organisation
predicates.

Capaian columns are snapshots written by `performance.domain.capaian.capaian_recompute`
from the targets and realisasi through `sikap.rules.performance`; pages read them only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """PK levels at a Pemda, top first (sikap.rules.performance `levels`)."""

    PEMDA = "pemda", _("Pemerintah Daerah")
    OPD = "opd", _("Perangkat Daerah")
    ESELON3 = "eselon3", _("Eselon III")
    ESELON4 = "eselon4", _("Eselon IV")
    STAFF = "staff", _("Staf")


LEVEL_ORDER = [c.value for c in Level]


class Period(models.TextChoices):
    Q1 = "q1", _("Triwulan I")
    Q2 = "q2", _("Triwulan II")
    Q3 = "q3", _("Triwulan III")
    Q4 = "q4", _("Triwulan IV")
    YEAR = "year", _("Tahunan")


QUARTERS = ("q1", "q2", "q3", "q4")


class PlanningYear(models.Model):
    """A Pemda's settings for one year: the DPA date (PK deadline) and the SKP period."""

    class EvaluationPeriod(models.TextChoices):
        MONTHLY = "monthly", _("Bulanan")
        QUARTERLY = "quarterly", _("Triwulanan")
        SEMESTER = "semester", _("Semesteran")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    dpa_approved_on = models.DateField(_("tanggal DPA disahkan"), null=True, blank=True)
    evaluation_period = models.CharField(
        _("periode evaluasi SKP"),
        max_length=10,
        choices=EvaluationPeriod.choices,
        default=EvaluationPeriod.QUARTERLY,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="planning_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda_id}:{self.year}"


class Agreement(models.Model):
    """One Perjanjian Kinerja: a leader's assignment to the official one level below."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SIGNED = "signed", _("Ditandatangani")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    level = models.CharField(_("tingkat"), max_length=8, choices=Level.choices)
    # NULL for the Pemda's own PK (the Kepala Daerah's).
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        "org.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pihak pertama"),
    )
    holder_name = models.CharField(_("nama pihak pertama"), max_length=200, blank=True)
    supervisor = models.ForeignKey(
        "org.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pihak kedua"),
    )
    supervisor_name = models.CharField(_("nama pihak kedua"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=0)
    capaian = models.DecimalField(
        _("capaian"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "level", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year"],
                condition=Q(unit__isnull=True),
                name="agreement_one_pemda_pk_a_year",
            ),
            models.UniqueConstraint(
                fields=["year", "unit", "level"],
                condition=Q(unit__isnull=False),
                name="agreement_one_per_unit_level_year",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "year"])]
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")

    def __str__(self) -> str:
        return f"PK {self.year} {self.unit or self.pemda}"


class AgreementRevision(models.Model):
    """A revision of a signed PK, with one of the three reasons the rules allow."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    reason = models.CharField(_("alasan"), max_length=12)
    note = models.TextField(_("keterangan"), blank=True)
    before = models.JSONField(default=dict)
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="revision_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} rev {self.number}"


class Sasaran(models.Model):
    """A sasaran (strategic objective) of one PK."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sasaran")
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("sasaran"), max_length=500)
    capaian = models.DecimalField(
        _("capaian"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["agreement", "code"]
        constraints = [
            models.UniqueConstraint(
                "agreement", Lower("code"), name="sasaran_code_once_per_agreement"
            )
        ]
        indexes = [models.Index(fields=["pemda", "year"])]
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    """An indicator (PK row) with its target; `supports` is the row above it in the tree."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")
        ACTIVITY = "activity", _("Kegiatan")

    class Polarity(models.TextChoices):
        HIGHER = "naik", _("Makin tinggi makin baik")
        LOWER = "turun", _("Makin rendah makin baik")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indicators")
    year = models.PositiveSmallIntegerField(_("tahun"))
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("indikator"), max_length=500)
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    is_iku = models.BooleanField(_("IKU"), default=False)
    measure = models.CharField(_("satuan"), max_length=60, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=5, choices=Polarity.choices, default=Polarity.HIGHER
    )
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    target_max = models.DecimalField(
        _("target maksimal"), null=True, blank=True, max_digits=18, decimal_places=4
    )
    target_q1 = models.DecimalField(
        _("target TW I"), null=True, blank=True, max_digits=18, decimal_places=4
    )
    target_q2 = models.DecimalField(
        _("target TW II"), null=True, blank=True, max_digits=18, decimal_places=4
    )
    target_q3 = models.DecimalField(
        _("target TW III"), null=True, blank=True, max_digits=18, decimal_places=4
    )
    target_q4 = models.DecimalField(
        _("target TW IV"), null=True, blank=True, max_digits=18, decimal_places=4
    )
    data_source = models.CharField(_("sumber data"), max_length=255, blank=True)
    # SMART checklist: the letters checked ("S", "M", "A", "R", "T").
    smart = models.JSONField(_("SMART"), default=list, blank=True)
    supports = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supported_by",
        verbose_name=_("mendukung indikator"),
    )
    capaian = models.DecimalField(
        _("capaian"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["sasaran", "code"]
        constraints = [
            models.UniqueConstraint(
                "sasaran", Lower("code"), name="indicator_code_once_per_sasaran"
            ),
            models.CheckConstraint(
                condition=Q(target_max__isnull=True) | Q(target_max__gte=models.F("target")),
                name="indicator_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "year"])]
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def quarter_target(self, quarter: str) -> Decimal | None:
        value = getattr(self, f"target_{quarter}")
        return value if isinstance(value, Decimal) else None


class Realisation(models.Model):
    """Realisasi of an indicator in one quarter (cumulative to its end) or for the year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    period = models.CharField(_("periode"), max_length=4, choices=Period.choices)
    value = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=4)
    evidence = models.TextField(_("bukti"), blank=True)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="realisation_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}:{self.period}"


class UnitResult(models.Model):
    """The capaian snapshot of a unit's PK for a year (unit NULL: the Pemda's own PK)."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="result")
    capaian = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    indicators = models.PositiveIntegerField(default=0)
    measured = models.PositiveIntegerField(default=0)
    rulebook_version = models.CharField(max_length=30, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.agreement_id}:{self.capaian}"


# --- SKP -------------------------------------------------------------------------------------

RATING_CHOICES = [
    ("diatas", _("Di Atas Ekspektasi")),
    ("sesuai", _("Sesuai Ekspektasi")),
    ("dibawah", _("Di Bawah Ekspektasi")),
]


class Skp(models.Model):
    """An employee's Sasaran Kinerja Pegawai for a year and its annual evaluation."""

    class Approach(models.TextChoices):
        QUANTITATIVE = "kuantitatif", _("Kuantitatif")
        QUALITATIVE = "kualitatif", _("Kualitatif")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        AGREED = "agreed", _("Disepakati")
        RATED = "rated", _("Dinilai")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    position_level = models.CharField(_("tingkat jabatan"), max_length=16)
    # NULL: rated by the Kepala Daerah (JPT Pratama).
    rater = models.ForeignKey(
        "org.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pejabat penilai"),
    )
    approach = models.CharField(
        _("pendekatan"), max_length=12, choices=Approach.choices, default=Approach.QUANTITATIVE
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    # The head of the unit takes the unit's capaian as their rating hasil kerja.
    is_unit_head = models.BooleanField(_("kepala unit"), default=False)
    # For a head: the unit's capaian the rating hasil kerja was taken from, and the band.
    unit_capaian = models.DecimalField(
        _("capaian unit"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    rating_basis = models.CharField(_("dasar rating hasil kerja"), max_length=300, blank=True)
    rating_hasil = models.CharField(
        _("rating hasil kerja"), max_length=8, choices=RATING_CHOICES, blank=True
    )
    rating_perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=8, choices=RATING_CHOICES, blank=True
    )
    predicate = models.CharField(_("predikat kinerja"), max_length=30, blank=True)
    # Lampiran SKP (PermenPANRB 6/2022): one item per line in each part.
    annex_resources = models.TextField(_("dukungan sumber daya"), blank=True)
    annex_accountability = models.TextField(_("skema pertanggungjawaban"), blank=True)
    annex_consequences = models.TextField(_("konsekuensi"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "unit__path", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="skp_one_per_employee_year")
        ]
        indexes = [models.Index(fields=["pemda", "year", "unit"])]
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")

    def __str__(self) -> str:
        return f"SKP {self.year} {self.employee_id}"

    @staticmethod
    def annex_items(text: str) -> list[str]:
        """The items of one part of the Lampiran SKP (stored one per line)."""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def annex(self) -> list[tuple[str, list[str]]]:
        """The Lampiran SKP parts with their items, in the form's order."""
        return [
            (str(_("Dukungan sumber daya")), self.annex_items(self.annex_resources)),
            (str(_("Skema pertanggungjawaban")), self.annex_items(self.annex_accountability)),
            (str(_("Konsekuensi")), self.annex_items(self.annex_consequences)),
        ]


class SkpResult(models.Model):
    """A rencana hasil kerja: it intervenes a row of the atasan's SKP or a PK indicator."""

    class Kind(models.TextChoices):
        MAIN = "utama", _("Utama")
        EXTRA = "tambahan", _("Tambahan")

    class Aspect(models.TextChoices):
        QUANTITY = "kuantitas", _("Kuantitas")
        QUALITY = "kualitas", _("Kualitas")
        TIME = "waktu", _("Waktu")
        COST = "biaya", _("Biaya")

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices, default=Kind.MAIN)
    text = models.CharField(_("rencana hasil kerja"), max_length=500)
    intervenes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intervened_by",
        verbose_name=_("hasil kerja atasan yang diintervensi"),
    )
    intervenes_indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_results",
        verbose_name=_("indikator PK yang diintervensi"),
    )
    aspect = models.CharField(
        _("aspek"), max_length=10, choices=Aspect.choices, default=Aspect.QUANTITY
    )
    indicator = models.CharField(_("indikator kinerja individu"), max_length=500)
    target = models.CharField(_("target"), max_length=120)
    realisation = models.CharField(_("realisasi"), max_length=500, blank=True)
    evidence = models.TextField(_("bukti dukung"), blank=True)
    level = models.CharField(_("penilaian"), max_length=8, choices=RATING_CHOICES, blank=True)

    class Meta:
        ordering = ["skp", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intervenes__isnull=True) | Q(intervenes_indicator__isnull=True),
                name="skp_result_intervenes_one_row",
            )
        ]

    def __str__(self) -> str:
        return self.text


class SkpBehaviour(models.Model):
    """Perilaku kerja for one BerAKHLAK value: the leader's expectation and the rating."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="behaviours")
    value = models.CharField(_("nilai dasar"), max_length=2)
    expectation = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)
    level = models.CharField(_("penilaian"), max_length=8, choices=RATING_CHOICES, blank=True)
    feedback = models.TextField(_("umpan balik"), blank=True)

    class Meta:
        ordering = ["skp", "id"]
        constraints = [models.UniqueConstraint(fields=["skp", "value"], name="skp_behaviour_once")]
        indexes = [models.Index(fields=["value", "level"])]

    def __str__(self) -> str:
        return f"{self.skp_id}:{self.value}"


class SkpCheckIn(models.Model):
    """A periodic evaluation entry: realisasi so far and continuous feedback for a period."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="checkins")
    period = models.CharField(_("periode"), max_length=10)
    realisation = models.TextField(_("realisasi"), blank=True)
    feedback = models.TextField(_("umpan balik"), blank=True)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["skp", "period"]
        constraints = [models.UniqueConstraint(fields=["skp", "period"], name="skp_checkin_once")]

    def __str__(self) -> str:
        return f"{self.skp_id}:{self.period}"


class OrgPredicate(models.Model):
    """Predikat kinerja organisasi of a unit for a year, set by the leader one level up."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    predicate = models.CharField(_("predikat organisasi"), max_length=20)
    capaian_seen = models.DecimalField(
        _("capaian saat ditetapkan"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    set_at = models.DateTimeField(auto_now=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="org_predicate_once")]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.year}:{self.predicate}"


class PredicateTally(models.Model):
    """How many SKPs of a unit (the unit itself, not its subtree) carry each employee predicate
    in a year: kept by `skp_rate` in the rating's transaction, so the distribution check sums
    a subtree's few tally rows instead of counting its SKPs."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    predicate = models.CharField(max_length=30)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "predicate"], name="predicate_tally_once"
            )
        ]
        indexes = [models.Index(fields=["pemda", "year"])]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.year}:{self.predicate}={self.n}"
