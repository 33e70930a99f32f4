"""BerAKHLAK culture surveys: instruments, campaigns, anonymous responses and result snapshots.

Anonymity is structural (docs/anonymity.md): a Response has a random UUID key, the day of
submission at most, and no link to a user, an employee or the Invitation it was answered with.
"""

from __future__ import annotations

import functools
import operator
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from sikap.core.fields import IntListField, JSONTextField

# The 21 BerAKHLAK behaviours as Likert columns. They are schema (one column per item), not
# rules; tests check they match sikap.rules.berakhlak.BEHAVIOURS.
LIKERT_COLUMNS: tuple[str, ...] = tuple(
    f"{value.lower()}{i}" for value in ("BP", "AK", "KO", "HA", "LO", "AD", "KL") for i in (1, 2, 3)
)
# Ballot codes are stored as bits of a signed 64-bit integer.
MAX_CODES = 63


class InstrumentKind(models.TextChoices):
    IMPLEMENTASI = "implementasi", _("Implementasi (pemilihan perilaku)")
    LIKERT = "likert", _("Likert 1–5")


class Instrument(models.Model):
    """A versioned questionnaire. Editable until a campaign using it launches."""

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis instrumen"), max_length=14, choices=InstrumentKind.choices)
    version = models.PositiveIntegerField(_("versi"), default=1)
    name = models.CharField(_("nama"), max_length=200)
    # Every behaviour code the ballots may hold, in bit order: [{"code", "text", "limiting"}].
    behaviours = models.JSONField(_("perilaku"), default=list)
    rulebook_year = models.PositiveSmallIntegerField(_("tahun aturan"), null=True, blank=True)
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "kind", "version"], name="instrument_unique_version"
            )
        ]
        ordering = ["pemda", "kind", "-version"]
        verbose_name = _("instrumen")
        verbose_name_plural = _("instrumen")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    @property
    def codes(self) -> list[str]:
        return [b["code"] for b in self.behaviours]

    @property
    def limiting_codes(self) -> list[str]:
        return [b["code"] for b in self.behaviours if b.get("limiting")]


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    class SampleMethod(models.TextChoices):
        KREJCIE_MORGAN = "krejcie_morgan", _("Krejcie–Morgan")
        SLOVIN = "slovin", _("Slovin (e = 5%)")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    period_start = models.DateField(_("mulai"))
    period_end = models.DateField(_("selesai"))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="campaigns")
    kind = models.CharField(_("jenis instrumen"), max_length=14, choices=InstrumentKind.choices)
    picks = models.PositiveSmallIntegerField(_("jumlah pilihan (K)"), default=10)
    # Responses are attributed to the unit at this depth of the tree (0 = OPD), or to the
    # employee's own unit when it is shallower: deeper means finer results, smaller groups.
    attribution_depth = models.PositiveSmallIntegerField(_("tingkat atribusi"), default=0)
    target_units = models.ManyToManyField(
        "org.OrgUnit", blank=True, related_name="+", verbose_name=_("unit sasaran")
    )
    sample_method = models.CharField(
        _("metode sampel"),
        max_length=16,
        choices=SampleMethod.choices,
        default=SampleMethod.KREJCIE_MORGAN,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    eligible = models.PositiveIntegerField(_("pegawai sasaran"), default=0)
    minimum = models.PositiveIntegerField(_("minimal responden"), default=0)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    recomputed_at = models.DateTimeField(null=True, blank=True)
    # Results are published once the campaign closes (docs/anonymity.md): ResultGroup rows exist
    # only for a published version. A later recompute whose change would single out fewer than
    # k respondents is held back; `publication_held` lists why ([{"unit", "change"}]).
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    publication_held = models.JSONField(default=list, blank=True)
    # How the published rows' `sums` read: {"columns": [sum names, in order], "rulebook_year"}
    # (written with them; null before a version is published in that form).
    result_layout = models.JSONField(null=True, blank=True)
    # Responses dated before this day are already summed into the campaign's CampaignTally
    # (see sikap.culture.domain.results_recompute); a bulk write of responses clears it and
    # bumps the generation, so a recompute that read the old rows does not store its sums.
    tallied_before = models.DateField(null=True, blank=True)
    tally_generation = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            # Kept as typed, unique in any case (sikap.core.codes).
            models.UniqueConstraint(
                models.F("pemda"), Lower("code"), name="campaign_unique_code_any_case"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="campaign_period"
            ),
        ]
        ordering = ["-period_start", "code"]
        verbose_name = _("kampanye survei")
        verbose_name_plural = _("kampanye survei")

    def __str__(self) -> str:
        return self.name

    @property
    def year(self) -> int:
        return self.period_start.year

    @property
    def rulebook_year(self) -> int:
        """The year whose BerAKHLAK rulebook scores this campaign (the instrument may name one)."""
        return self.instrument.rulebook_year or self.year


class CampaignUnit(models.Model):
    """A unit of the organisation tree as it stood when the campaign was launched.

    The root (depth 0, empty path) stands for the whole Pemda; `path` is the unit's
    OrgUnit.path at snapshot time, so the scoping gate narrows results by it.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    path = models.CharField(max_length=255, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    eligible_direct = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(_("pegawai sasaran"), default=0)
    minimum = models.PositiveIntegerField(_("minimal responden"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaignunit_unique_code"),
            # What a result row's composite key refers to (ResultGroup, migration 0014).
            models.UniqueConstraint(fields=["campaign", "id"], name="campaignunit_of_campaign"),
        ]
        indexes = [models.Index(fields=["campaign", "path"])]
        ordering = ["campaign", "path"]
        verbose_name = _("unit kampanye")
        verbose_name_plural = _("unit kampanye")

    def __str__(self) -> str:
        return self.name

    @property
    def is_root(self) -> bool:
        return self.parent_id is None


class Invitation(models.Model):
    """A one-time token. Only its hash is kept; no Response refers to it."""

    # Spending a token changes `used` and `employee`, which no index holds: with room left on
    # each page (fillfactor, migration 0005) PostgreSQL then rewrites the row in place (a HOT
    # update) and no index at all. The (campaign, campaign_unit) index serves lookups by
    # campaign too.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", db_index=False
    )
    campaign_unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="+")
    # Kept only to send the link and reminders to those who have not answered yet, and cleared
    # in the transaction that spends the token: a spent invitation names nobody, so even the
    # database's own transaction ids cannot tie a response to a person (docs/anonymity.md).
    employee = models.ForeignKey(
        "org.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    token_hash = models.CharField(max_length=64)
    used = models.BooleanField(default=False)

    class Meta:
        # A constraint rather than unique=True: PostgreSQL then gets no second, LIKE-only index.
        constraints = [models.UniqueConstraint(fields=["token_hash"], name="invitation_token_once")]
        indexes = [models.Index(fields=["campaign", "campaign_unit"])]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.token_hash[:8]}"


class Invitee(models.Model):
    """Who was invited to a campaign, so a second run of invitations skips them.

    Holds no token, hash or answered flag, and is written in employee order rather than token
    order, so it cannot be lined up with the invitations.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "employee"], name="invitee_once_per_campaign"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.employee_id}"


class Ballot(models.Model):
    """An accepted answer sheet waiting in the ballot box, sealed with the application's key.

    The submit that spends a token writes a Ballot, never a Response: the two share the
    database's transaction id, so the ballot is encrypted with a key the database does not hold,
    padded to one fixed size (its length says nothing about a comment), and carries no date.
    The mixing step (sikap.culture.domain.ballot_box) opens ballots and moves them to Response in
    batches of at least k per unit, in random order, and deletes them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    campaign_unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["campaign", "campaign_unit"])]
        verbose_name = _("kotak suara")
        verbose_name_plural = _("kotak suara")

    def __str__(self) -> str:
        return str(self.id)


class Response(models.Model):
    """One anonymous answer sheet. Deliberately no user, employee, invitation, IP or time."""

    class EmploymentKind(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"

    class AgeBand(models.TextChoices):
        UNDER_30 = "<30", _("di bawah 30 tahun")
        FROM_30 = "30-39", _("30–39 tahun")
        FROM_40 = "40-49", _("40–49 tahun")
        FROM_50 = "50+", _("50 tahun ke atas")

    class TenureBand(models.TextChoices):
        UNDER_5 = "<5", _("di bawah 5 tahun")
        FROM_5 = "5-14", _("5–14 tahun")
        FROM_15 = "15+", _("15 tahun ke atas")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Served by the (campaign, campaign_unit) index below.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    campaign_unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="+")
    created_on = models.DateField(_("tanggal"))
    employment_kind = models.CharField(max_length=4, choices=EmploymentKind.choices, blank=True)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    tenure_band = models.CharField(max_length=4, choices=TenureBand.choices, blank=True)
    # Optional free text; shown only for groups of at least max(10, k) respondents.
    comment = models.TextField(_("komentar"), blank=True, default="", db_default="")
    # Implementasi ballots as bit sets over Instrument.behaviours (bit i = code i).
    pv = models.BigIntegerField(null=True, blank=True)
    cc = models.BigIntegerField(null=True, blank=True)
    dc = models.BigIntegerField(null=True, blank=True)
    # Likert answers 1–5, one column per behaviour.
    bp1 = models.PositiveSmallIntegerField(null=True, blank=True)
    bp2 = models.PositiveSmallIntegerField(null=True, blank=True)
    bp3 = models.PositiveSmallIntegerField(null=True, blank=True)
    ak1 = models.PositiveSmallIntegerField(null=True, blank=True)
    ak2 = models.PositiveSmallIntegerField(null=True, blank=True)
    ak3 = models.PositiveSmallIntegerField(null=True, blank=True)
    ko1 = models.PositiveSmallIntegerField(null=True, blank=True)
    ko2 = models.PositiveSmallIntegerField(null=True, blank=True)
    ko3 = models.PositiveSmallIntegerField(null=True, blank=True)
    ha1 = models.PositiveSmallIntegerField(null=True, blank=True)
    ha2 = models.PositiveSmallIntegerField(null=True, blank=True)
    ha3 = models.PositiveSmallIntegerField(null=True, blank=True)
    lo1 = models.PositiveSmallIntegerField(null=True, blank=True)
    lo2 = models.PositiveSmallIntegerField(null=True, blank=True)
    lo3 = models.PositiveSmallIntegerField(null=True, blank=True)
    ad1 = models.PositiveSmallIntegerField(null=True, blank=True)
    ad2 = models.PositiveSmallIntegerField(null=True, blank=True)
    ad3 = models.PositiveSmallIntegerField(null=True, blank=True)
    kl1 = models.PositiveSmallIntegerField(null=True, blank=True)
    kl2 = models.PositiveSmallIntegerField(null=True, blank=True)
    kl3 = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            # The rulebook's scale (1-5) is checked where answers come in; the database keeps
            # every answer within 1-7, the three bits the recompute reads it in
            # (compute.LIKERT_BITS).
            models.CheckConstraint(
                condition=functools.reduce(
                    operator.and_,
                    (
                        Q(**{f"{c}__isnull": True}) | Q(**{f"{c}__gte": 1, f"{c}__lte": 7})
                        for c in LIKERT_COLUMNS
                    ),
                ),
                name="response_likert_in_3_bits",
            )
        ]
        # Serves participation counts per unit and the recompute's read of recent days alike.
        indexes = [
            models.Index(fields=["campaign", "created_on", "campaign_unit"]),
            # Only the few responses with a comment: group pages list them without a scan of
            # every answer below the group.
            models.Index(
                fields=["campaign", "campaign_unit"],
                condition=~models.Q(comment=""),
                name="response_commented",
            ),
        ]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")

    def __str__(self) -> str:
        return str(self.id)


class CampaignTally(models.Model):
    """Additive sums of each attribution unit's answers from days that can no longer change.

    One row per campaign: `units` lists campaign unit ids, and `sums` holds their vectors (in
    sikap.culture.compute.layout_for's order, `width` long; counts and sums only, never a single
    answer) one after another, packed (core.fields.pack_int_rows). An internal cache of the
    recompute, written and read whole, by no page, endpoint or export.
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    units = IntListField()
    width = models.PositiveIntegerField()
    sums = IntListField()

    def __str__(self) -> str:
        return f"{self.campaign_id}: {len(self.units)} units"


class ResultGroupManager(models.Manager["ResultGroup"]):
    def get_queryset(self) -> models.QuerySet[ResultGroup]:
        # A group's figures are read through its campaign's result layout: always joined, so a
        # list of groups never fetches its campaign once per row.
        return super().get_queryset().select_related("campaign")


class ResultGroup(models.Model):
    """Published results of one group: a snapshot unit with every unit below it.

    A shown group stores its additive sums (`sums`: vote counts, respondents holding each value,
    Likert sums and sums of squares, in the order of its campaign's `result_layout`) and its
    change against the previous campaign (`changes`); every other figure (value indices, bands,
    intervals, behaviour shares, item means) is worked out from them when read, by the same
    functions that publish the overall index (sikap.culture.figures). A suppressed group keeps
    only n and the flag; every figure is null.
    """

    # No index of its own: result_unique (campaign, campaign_unit) serves every lookup by
    # campaign, and one index fewer is one fewer to maintain on each write of 5,000 rows.
    # On PostgreSQL the two keys are one composite foreign key, (campaign, campaign_unit) to the
    # campaign's snapshot units: the unit must be one of the row's own campaign (migration 0014).
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="results", db_index=False
    )
    campaign_unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="+")
    n = models.PositiveIntegerField(default=0)
    # Respondents attributed to this unit itself (not below it): its comments need this many.
    n_direct = models.PositiveIntegerField(default=0)
    suppressed = models.BooleanField(default=True)
    # Comments readable in this group: those attributed to its own unit, when that unit's own
    # respondents number at least max(10, k) (culture/queries/comments.py: group_comments); else 0.
    comment_count = models.PositiveIntegerField(default=0)
    # Why a group is hidden: "small" (n < k) or "complementary" (a sibling could be derived).
    suppressed_reason = models.CharField(max_length=14, blank=True)
    overall = models.FloatField(null=True, blank=True)
    overall_band = models.CharField(max_length=2, blank=True)
    overall_delta = models.FloatField(null=True, blank=True)
    overall_significant = models.BooleanField(null=True, blank=True)
    entropy = models.FloatField(null=True, blank=True)
    # The group's additive sums, in campaign.result_layout's order (packed integers, core.fields.pack_ints).
    sums = IntListField(null=True, blank=True)
    # Per value, its change against the previous campaign: {"BP": [delta, significant], …}.
    changes = JSONTextField(null=True, blank=True)
    # Rows published before `sums` was kept carry their figures as they were stored then (read
    # as they are; a republication rewrites the row in the new form and clears these).
    # values: {"BP": {"index", "band", "ci", "delta", "significant"}, …}; shares: implementasi
    # {"pv": {code: share}, "cc": …, "dc": …}, likert {"items": {code: mean}}.
    stored_values = JSONTextField(null=True, blank=True, db_column="values")
    stored_shares = JSONTextField(null=True, blank=True, db_column="shares")
    stored_stats = JSONTextField(null=True, blank=True, db_column="stats")
    stored_ci = JSONTextField(null=True, blank=True, db_column="overall_ci")
    rulebook_version = models.CharField(max_length=30, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    objects = ResultGroupManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "campaign_unit"], name="result_unique")
        ]
        ordering = ["campaign", "campaign_unit__path"]
        verbose_name = _("hasil kelompok")
        verbose_name_plural = _("hasil kelompok")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.campaign_unit_id}"

    def _figures(self, *, with_shares: bool = False) -> Any:
        """The figures worked out from `sums` (None without sums), once per row read; the
        behaviour shares (item means) only when asked for, as a group's own page does."""
        if self.sums is None:
            return None
        cached = self.__dict__.get("_figures_cache")
        stale = cached is None or cached[0] is not self.sums or cached[1] is not self.changes
        if stale or (with_shares and cached[2].shares is None):
            from sikap.culture.figures import figures_from_sums  # it reads these models

            figures = figures_from_sums(
                self.campaign.kind,
                self.campaign.result_layout,
                self.sums,
                self.changes,
                with_shares=with_shares,
            )
            cached = (self.sums, self.changes, figures)
            self.__dict__["_figures_cache"] = cached
        return cached[2]

    @property
    def values(self) -> dict[str, dict[str, Any]] | None:
        """Per value: {"index", "band", "ci", …, and "delta", "significant" with a previous
        campaign}; None when suppressed."""
        figures = self._figures()
        return self.stored_values if figures is None else figures.values

    @property
    def shares(self) -> dict[str, Any] | None:
        """implementasi: {"pv": {code: share %}, "cc": …, "dc": …}; likert: {"items": {code:
        mean}}; None when suppressed."""
        figures = self._figures(with_shares=True)
        return self.stored_shares if figures is None else figures.shares

    @property
    def stats(self) -> dict[str, Any] | None:
        """The sums a change is tested with (n and the spreads); None when suppressed."""
        figures = self._figures()
        return self.stored_stats if figures is None else figures.stats

    @property
    def overall_ci(self) -> list[float] | None:
        """The overall index's 95% interval (implementasi), or None."""
        figures = self._figures()
        return self.stored_ci if figures is None else figures.overall_ci


class ActionPlan(models.Model):
    """Rencana aksi of an OPD for a weak value, with its progress."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        ONGOING = "ongoing", _("Berjalan")
        DONE = "done", _("Selesai")

    pemda = models.ForeignKey("org.Pemda", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="action_plans")
    value_code = models.CharField(_("nilai"), max_length=2)
    actions = models.TextField(_("aksi"))
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    due_date = models.DateField(_("tenggat"))
    indicator = models.CharField(_("indikator keberhasilan"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    progress_percent = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    progress_note = models.TextField(_("catatan kemajuan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="actionplan_progress_range"
            )
        ]
        ordering = ["due_date", "id"]
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")

    def __str__(self) -> str:
        return f"{self.value_code}: {self.actions[:60]}"
