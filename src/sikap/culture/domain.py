"""Writes of the culture survey: instruments, campaigns, invitations, responses, results.

Every function is keyword-only, atomic and audited. Responses are anonymous by construction:
the audit row of a submission names the campaign only, never the invitation or the response.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import random
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core import pgcopy
from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.codes import by_code, code_clean
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.core.tables import TableError, read_csv
from sikap.culture import ballot_box, compute
from sikap.culture.groups import COMMENT_MIN_GROUP, comment_min_group_size, min_group_size  # noqa: F401
from sikap.culture.models import (
    LIKERT_COLUMNS,
    MAX_CODES,
    ActionPlan,
    Campaign,
    CampaignUnit,
    Instrument,
    InstrumentKind,
    Invitation,
    Invitee,
    Response,
    ResultGroup,
    UnitTally,
)
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.rules import berakhlak, disclosure, sampling
from sikap.rules.errors import RuleError

logger = logging.getLogger(__name__)

TOKEN_BYTES = 16


class TokenRefused(Exception):
    """The token is unknown, used, or its campaign is not open. One message for all three."""


# ImportRejected lives in sikap.core.rowerrors; re-exported for callers of this module.


@dataclass(frozen=True)
class IssuedToken:
    """A plain token, handed out once at generation time and never stored."""

    token: str
    campaign_unit_id: int
    unit_code: str
    unit_name: str
    email: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


COMMENT_MAX_CHARS = 1000


# What would tie a comment to a person outright: an email address, or a long number (a phone
# number has 10-13 digits, a NIK 16, a NIP 18), written with or without spaces, dots or dashes.
# Sums of money written with thousands dots ("Rp 1.500.000.000") are not numbers of a person.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){9,}(?!\d)")
_MONEY = re.compile(r"\d{1,3}(?:\.\d{3})+")


def identifying_detail(text: str) -> str | None:
    """Why `text` could name its writer ("email" or "number"), or None."""
    if _EMAIL.search(text):
        return "email"
    if any(not _MONEY.fullmatch(m.group()) for m in _LONG_NUMBER.finditer(text)):
        return "number"
    return None


def clean_comment(text: Any) -> str:
    """A respondent's comment with control characters dropped and blank runs collapsed.

    Raises ValidationError keyed "comment" when it is longer than COMMENT_MAX_CHARS or holds an
    email address or a long number (NIP, NIK, telephone): the survey is anonymous.
    """
    raw = "" if text is None else str(text)
    kept = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in raw)
    lines = [" ".join(line.split()) for line in kept.splitlines()]
    cleaned = "\n".join(line for line in lines if line).strip()
    if len(cleaned) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {
                "comment": _("komentar paling banyak %(max)s karakter, bukan %(n)s")
                % {"max": COMMENT_MAX_CHARS, "n": len(cleaned)}
            }
        )
    detail = identifying_detail(cleaned)
    if detail == "email":
        raise ValidationError(
            {"comment": _("komentar memuat alamat email; hapus agar jawaban tetap tanpa nama")}
        )
    if detail == "number":
        raise ValidationError(
            {
                "comment": _(
                    "komentar memuat nomor panjang (NIP, NIK atau telepon); hapus agar jawaban "
                    "tetap tanpa nama"
                )
            }
        )
    return cleaned


# --- instruments ---------------------------------------------------------------------------


def _behaviour_rows(kind: str, limiting: Sequence[tuple[str, str]] | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"code": b.code, "value": b.value_code, "text": b.text, "limiting": False}
        for b in berakhlak.BEHAVIOURS
    ]
    if kind == InstrumentKind.IMPLEMENTASI:
        chosen = (
            [(b.code, b.text) for b in berakhlak.DEFAULT_LIMITING] if limiting is None else limiting
        )
        seen = {r["code"] for r in rows}
        for code, text in chosen:
            code = code.strip().upper()
            if not code or code in seen:
                raise ValidationError(
                    _("Kode perilaku pembatas %(code)s kosong atau ganda.") % {"code": code}
                )
            seen.add(code)
            rows.append({"code": code, "value": "", "text": text.strip(), "limiting": True})
    if len(rows) > MAX_CODES:
        raise ValidationError(
            _("Paling banyak %(max)s perilaku dalam satu instrumen.") % {"max": MAX_CODES}
        )
    return rows


def instrument_create(
    *,
    actor: Any,
    pemda: Pemda,
    kind: str,
    name: str = "",
    limiting: Sequence[tuple[str, str]] | None = None,
    rulebook_year: int | None = None,
) -> Instrument:
    if kind not in InstrumentKind.values:
        raise ValidationError(_("Jenis instrumen tidak dikenal: %(kind)s") % {"kind": kind})
    with transaction.atomic():
        last = Instrument.objects.filter(pemda=pemda, kind=kind).aggregate(v=Max("version"))["v"]
        instrument = Instrument.objects.create(
            pemda=pemda,
            kind=kind,
            version=(last or 0) + 1,
            name=name or f"BerAKHLAK {InstrumentKind(kind).label}",
            behaviours=_behaviour_rows(kind, limiting),
            rulebook_year=rulebook_year,
        )
        audit_record(
            actor=actor,
            action="culture.instrument.create",
            obj=instrument,
            after=snapshot(instrument, ["kind", "version", "name"]),
        )
    return instrument


def instrument_update(
    *, actor: Any, instrument: Instrument, name: str, limiting: Sequence[tuple[str, str]]
) -> Instrument:
    with transaction.atomic():
        locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if locked.locked:
            raise ValidationError(_("Instrumen sudah dikunci karena kampanye telah dimulai."))
        return audited_save(
            locked,
            actor=actor,
            action="culture.instrument.update",
            changes={
                "name": name.strip() or locked.name,
                "behaviours": _behaviour_rows(locked.kind, limiting),
            },
        )


def _lock_instrument(instrument: Instrument) -> None:
    Instrument.objects.filter(pk=instrument.pk, locked_at__isnull=True).update(
        locked_at=timezone.now()
    )


# --- campaigns -----------------------------------------------------------------------------


def _minimum(eligible: int, method: str) -> int:
    if eligible <= 0:
        return 0
    if method == Campaign.SampleMethod.SLOVIN:
        return sampling.slovin(eligible)
    return sampling.krejcie_morgan(eligible)


def _snapshot_tree(campaign: Campaign, *, today: dt.date) -> None:
    """Copy the organisation tree and its eligible employees into CampaignUnits."""
    CampaignUnit.objects.filter(campaign=campaign).delete()
    units = list(
        OrgUnit.objects.filter(pemda_id=campaign.pemda_id)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("depth", "path")
    )
    targets = list(campaign.target_units.all())
    if targets:
        prefixes = tuple(t.path for t in targets)
        units = [u for u in units if u.path.startswith(prefixes)]
    counts = dict(
        Employee.objects.filter(pemda_id=campaign.pemda_id, is_active=True)
        .values_list("unit_id")
        .annotate(c=Count("id"))
        .values_list("unit_id", "c")
    )
    pemda = campaign.pemda
    root = CampaignUnit.objects.create(
        campaign=campaign, pemda=pemda, code=pemda.code, name=pemda.name, path="", depth=0
    )
    by_unit: dict[int, CampaignUnit] = {}
    rows = []
    for u in units:
        cu = CampaignUnit(
            campaign=campaign,
            unit=u,
            pemda=pemda,
            code=u.code,
            name=u.name,
            path=u.path,
            depth=u.depth + 1,
            eligible_direct=counts.get(u.pk, 0),
        )
        rows.append((u, cu))
    # Parents come before children (ordered by depth), so each parent has its pk in time.
    for depth in sorted({u.depth for u, _cu in rows}):
        level = [(u, cu) for u, cu in rows if u.depth == depth]
        for u, cu in level:
            parent = by_unit.get(u.parent_id) if u.parent_id else None
            cu.parent = parent or root
        CampaignUnit.objects.bulk_create([cu for _u, cu in level])
        for u, cu in level:
            by_unit[u.pk] = cu
    all_units = [root] + [cu for _u, cu in rows]
    eligible = compute.roll_up(all_units, {cu.pk: [cu.eligible_direct] for cu in all_units}, 1)
    for cu in all_units:
        cu.eligible = eligible[cu.pk][0]
        cu.minimum = _minimum(cu.eligible, campaign.sample_method)
    CampaignUnit.objects.bulk_update(all_units, ["eligible", "minimum"], batch_size=1000)
    campaign.eligible = root.eligible
    campaign.minimum = root.minimum
    campaign.save(update_fields=["eligible", "minimum"])


def campaign_create(
    *,
    actor: Any,
    pemda: Pemda,
    code: str,
    name: str,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    picks: int = 10,
    attribution_depth: int = 0,
    sample_method: str = Campaign.SampleMethod.KREJCIE_MORGAN,
    target_units: Iterable[OrgUnit] = (),
    instrument: Instrument | None = None,
    today: dt.date | None = None,
) -> Campaign:
    """Create a draft campaign and snapshot the current tree (refreshed again at launch)."""
    code = code_clean(code)
    errors: dict[str, str] = {}
    if kind not in InstrumentKind.values:
        errors["kind"] = _("Jenis instrumen harus implementasi atau likert.")
    if not code:
        errors["code"] = _("Kode kampanye wajib diisi.")
    elif by_code(Campaign.objects.filter(pemda=pemda), code).exists():
        errors["code"] = _("Kode kampanye %(code)s sudah dipakai.") % {"code": code}
    if period_end < period_start:
        errors["period_end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if sample_method not in Campaign.SampleMethod.values:
        errors["sample_method"] = _("Metode sampel tidak dikenal.")
    if attribution_depth < 0 or attribution_depth > 10:
        errors["attribution_depth"] = _("Tingkat atribusi harus antara 0 dan 10.")
    targets = list(target_units)
    if any(t.pemda_id != pemda.pk for t in targets):
        errors["target_units"] = _("Unit sasaran berasal dari pemda lain.")
    if instrument is not None and (instrument.pemda_id != pemda.pk or instrument.kind != kind):
        errors["instrument"] = _("Instrumen tidak cocok dengan pemda atau jenis kampanye.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if instrument is None:
            instrument = instrument_create(
                actor=actor, pemda=pemda, kind=kind, rulebook_year=period_start.year
            )
        n_codes = len(instrument.codes)
        if kind == InstrumentKind.IMPLEMENTASI and not 1 <= picks <= n_codes // 2:
            raise ValidationError(
                {"picks": _("K harus antara 1 dan %(max)s.") % {"max": n_codes // 2}}
            )
        campaign = Campaign.objects.create(
            pemda=pemda,
            code=code,
            name=name.strip() or code,
            kind=kind,
            instrument=instrument,
            period_start=period_start,
            period_end=period_end,
            picks=picks if kind == InstrumentKind.IMPLEMENTASI else 0,
            attribution_depth=attribution_depth,
            sample_method=sample_method,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        campaign.target_units.set(targets)
        _snapshot_tree(campaign, today=today or timezone.localdate())
        audit_record(
            actor=actor,
            action="culture.campaign.create",
            obj=campaign,
            after=snapshot(
                campaign,
                [
                    "code",
                    "name",
                    "kind",
                    "picks",
                    "attribution_depth",
                    "period_start",
                    "period_end",
                    "sample_method",
                ],
            ),
        )
    return campaign


def campaign_launch(*, actor: Any, campaign: Campaign, today: dt.date | None = None) -> Campaign:
    """Open the campaign: re-snapshot the tree and eligible employees, lock the instrument."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.DRAFT:
            raise ValidationError(_("Hanya kampanye berstatus draf yang dapat dimulai."))
        if Response.objects.filter(campaign=locked).exists():
            raise ValidationError(
                _("Kampanye ini sudah berisi jawaban impor; tidak dapat dimulai ulang.")
            )
        _snapshot_tree(locked, today=today or timezone.localdate())
        _lock_instrument(locked.instrument)
        locked.status = Campaign.Status.OPEN
        locked.launched_at = timezone.now()
        _SPECS.pop(locked.pk, None)
        locked.save(update_fields=["status", "launched_at"])
        audit_record(
            actor=actor,
            action="culture.campaign.launch",
            obj=locked,
            before={"status": "draft"},
            after={"status": "open"},
        )
    return locked


def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Close the campaign; its results are published once the ballot box is mixed in full.

    A draft that holds imported responses (a past campaign typed in from paper) may be closed
    too. The caller then runs `results_recompute` (a task after commit on the web), which mixes
    every ballot left and publishes.
    """
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        was = locked.status
        imported = (
            was == Campaign.Status.DRAFT and Response.objects.filter(campaign=locked).exists()
        )
        if was != Campaign.Status.OPEN and not imported:
            raise ValidationError(_("Hanya kampanye yang dibuka dapat ditutup."))
        locked.status = Campaign.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action="culture.campaign.close",
            obj=locked,
            before={"status": was},
            after={"status": "closed"},
        )
    return locked


def campaigns_past_end(today: dt.date | None = None) -> list[Campaign]:
    """Open campaigns whose end date has passed: the nightly job closes them."""
    day = today or timezone.localdate()
    return list(
        Campaign.objects.filter(status=Campaign.Status.OPEN, period_end__lt=day).order_by("pk")
    )


# --- invitations ---------------------------------------------------------------------------


def attribution_units(campaign: Campaign) -> dict[int, CampaignUnit]:
    """Map each snapshot unit's pk to the unit its responses are attributed to."""
    units = {u.pk: u for u in CampaignUnit.objects.filter(campaign=campaign)}
    target_depth = campaign.attribution_depth + 1
    result: dict[int, CampaignUnit] = {}
    for u in units.values():
        node = u
        while node.depth > target_depth and node.parent_id is not None:
            node = units[node.parent_id]
        result[u.pk] = node
    return result


def invitations_generate(*, actor: Any, campaign: Campaign) -> list[IssuedToken]:
    """One invitation per eligible employee not yet invited. The plain tokens are returned
    once, shuffled within each unit, for printing or email; only their hashes are stored."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.OPEN:
            raise ValidationError(_("Undangan hanya dapat dibuat untuk kampanye yang dibuka."))
        snapshot_units = {
            u.unit_id: u for u in CampaignUnit.objects.filter(campaign=locked, unit__isnull=False)
        }
        attributed = attribution_units(locked)
        invited = set(Invitee.objects.filter(campaign=locked).values_list("employee_id", flat=True))
        employees = Employee.objects.filter(
            pemda_id=locked.pemda_id, is_active=True, unit_id__in=list(snapshot_units)
        ).values_list("id", "unit_id", "email")
        issued: list[IssuedToken] = []
        rows: list[Invitation] = []
        for employee_id, unit_id, email in employees:
            if employee_id in invited:
                continue
            target = attributed[snapshot_units[unit_id].pk]
            token = secrets.token_urlsafe(TOKEN_BYTES)
            rows.append(
                Invitation(
                    campaign=locked,
                    campaign_unit=target,
                    employee_id=employee_id,
                    token_hash=token_hash(token),
                )
            )
            issued.append(IssuedToken(token, target.pk, target.code, target.name, email))
        # Random order so a printed sheet cannot be matched to the employee list.
        random.SystemRandom().shuffle(rows)
        Invitation.objects.bulk_create(rows, batch_size=2000)
        Invitee.objects.bulk_create(
            [
                Invitee(campaign=locked, employee_id=e)
                for e in sorted(r.employee_id for r in rows if r.employee_id is not None)
            ],
            batch_size=2000,
        )
        audit_record(
            actor=actor,
            action="culture.invitations.generate",
            obj=locked,
            after={"count": len(rows)},
        )
    random.SystemRandom().shuffle(issued)
    issued.sort(key=lambda t: t.unit_code)
    return issued


def survey_link(token: str, base: str | None = None) -> str:
    """The respondent's link: the token after "#", which browsers never send to a server, so
    no access log, proxy or referrer ever holds it (the page's script posts it)."""
    root = (settings.SIKAP_PUBLIC_BASE_URL if base is None else base).rstrip("/")
    return f"{root}{reverse('culture:survey')}#{token}"


def _survey_mail(campaign: Campaign, token: str, email: str, *, reminder: bool) -> EmailMessage:
    url = survey_link(token)
    subject = (_("Pengingat: %(name)s") if reminder else _("Undangan: %(name)s")) % {
        "name": campaign.name
    }
    body = _(
        "Anda diundang mengisi %(name)s sampai %(end)s. Jawaban Anda anonim.\n\n"
        "Tautan pribadi (hanya dapat dipakai sekali):\n%(url)s\n"
    ) % {"name": campaign.name, "end": campaign.period_end.isoformat(), "url": url}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def invitations_email(*, campaign: Campaign, issued: Sequence[IssuedToken]) -> int:
    """E-mail freshly issued tokens to the employees that have an address; returns the count."""
    messages = [_survey_mail(campaign, t.token, t.email, reminder=False) for t in issued if t.email]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def invitations_remind(*, actor: Any, campaign: Campaign) -> int:
    """E-mail a fresh link to every invited employee who has not answered yet.

    Plain tokens are never stored, so a reminder replaces the unused token's hash with a new
    one; the old link stops working. Who was reminded is never shown, only how many.
    """
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != Campaign.Status.OPEN:
            raise ValidationError(_("Pengingat hanya untuk kampanye yang dibuka."))
        pending = list(
            Invitation.objects.filter(campaign=locked, used=False, employee__isnull=False)
            .exclude(employee__email="")
            .select_related("employee")
        )
        mails = []
        for invitation in pending:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            invitation.token_hash = token_hash(token)
            assert invitation.employee is not None
            mails.append(_survey_mail(locked, token, invitation.employee.email, reminder=True))
        Invitation.objects.bulk_update(pending, ["token_hash"], batch_size=1000)
        audit_record(
            actor=actor,
            action="culture.invitations.remind",
            obj=locked,
            after={"count": len(mails)},
        )
        # Sent only when the new hashes are committed, so every mailed link works.
        transaction.on_commit(lambda: get_connection().send_messages(mails))
    return len(mails)


@dataclass(frozen=True)
class SurveySpec:
    """What checking a campaign's answers needs; fixed from launch on (kind, K, instrument)."""

    campaign_id: int
    name: str
    kind: str
    picks: int
    instrument: Instrument
    rulebook_year: int


@dataclass(frozen=True)
class SurveyTicket:
    """An open, unused invitation as the respondent's pages see it; it names no employee."""

    token_hash: str
    campaign_unit_id: int
    unit_name: str
    spec: SurveySpec


# A launched campaign's kind, K and (locked) instrument never change, so the survey's hot path
# keeps them per process. Launch empties the cache, which matters only where ids are reused
# (a test database rolled back); PostgreSQL never reuses them.
_SPECS: dict[int, SurveySpec] = {}


def survey_spec(campaign_id: int) -> SurveySpec | None:
    """The answer-checking spec of a launched campaign, or None (unknown or still a draft)."""
    spec = _SPECS.get(campaign_id)
    if spec is None:
        campaign = (
            Campaign.objects.select_related("instrument")
            .filter(pk=campaign_id, launched_at__isnull=False)
            .first()
        )
        if campaign is None:
            return None
        spec = SurveySpec(
            campaign_id=campaign.pk,
            name=campaign.name,
            kind=campaign.kind,
            picks=campaign.picks,
            instrument=campaign.instrument,
            rulebook_year=campaign.rulebook_year,
        )
        if len(_SPECS) >= 256:
            _SPECS.clear()
        _SPECS[campaign_id] = spec
    return spec


def _table(model: Any) -> str:
    return str(model._meta.db_table)


def ticket_for_token(token: str) -> SurveyTicket | None:
    """The open, unused invitation of `token`, or None (one answer for every refusal)."""
    if not token or len(token) > 100:
        return None
    hashed = token_hash(token)
    sql = (
        "SELECT i.campaign_id, i.campaign_unit_id, u.name "  # noqa: S608
        f"FROM {_table(Invitation)} i "
        f"JOIN {_table(Campaign)} c ON c.id = i.campaign_id "
        f"JOIN {_table(CampaignUnit)} u ON u.id = i.campaign_unit_id "
        "WHERE i.token_hash = %s AND NOT i.used AND c.status = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [hashed, Campaign.Status.OPEN])
        row = cursor.fetchone()
    spec = None if row is None else survey_spec(row[0])
    if row is None or spec is None:
        return None
    return SurveyTicket(token_hash=hashed, campaign_unit_id=row[1], unit_name=row[2], spec=spec)


# --- answers -------------------------------------------------------------------------------


def ballot_mask(codes: Iterable[str], instrument: Instrument) -> int:
    position = {c: i for i, c in enumerate(instrument.codes)}
    return sum(1 << position[c] for c in codes)


def mask_codes(mask: int | None, instrument: Instrument) -> list[str]:
    if mask is None:
        return []
    return [c for i, c in enumerate(instrument.codes) if mask & (1 << i)]


def clean_answers(campaign: Campaign | SurveySpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Validate answers against the instrument; return Response field values.

    Raises ValidationError keyed by ballot or behaviour code.
    """
    instrument = campaign.instrument
    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        for ballot in compute.BALLOTS:
            raw = answers.get(ballot) or []
            codes = [str(c).strip().upper() for c in raw if str(c).strip()]
            try:
                berakhlak.validate_ballot(codes, campaign.picks, instrument.codes)
            except RuleError as exc:
                errors[ballot] = exc.message_id
                continue
            fields[ballot] = ballot_mask(codes, instrument)
    else:
        low, high = berakhlak.likert_scale(year=campaign.rulebook_year)
        for col in LIKERT_COLUMNS:
            value = answers.get(col.upper(), answers.get(col))
            if value in (None, ""):
                fields[col] = None
                continue
            text = str(value).strip()
            number = int(text) if text.isdigit() else None
            if number is None or not low <= number <= high:
                errors[col.upper()] = _("jawaban harus %(low)s–%(high)s") % {
                    "low": low,
                    "high": high,
                }
                continue
            fields[col] = number
    if errors:
        raise ValidationError(errors)
    return fields


def _demographics(data: Mapping[str, Any] | None) -> dict[str, str]:
    data = data or {}
    result: dict[str, str] = {}
    for name, choices in (
        ("employment_kind", Response.EmploymentKind.values),
        ("age_band", Response.AgeBand.values),
        ("tenure_band", Response.TenureBand.values),
    ):
        value = str(data.get(name) or "")
        if value and value not in choices:
            raise ValidationError({name: _("Pilihan tidak dikenal.")})
        result[name] = value
    return result


def response_submit(
    *,
    token: str,
    answers: Mapping[str, Any],
    demographics: Mapping[str, Any] | None = None,
    campaign_id: int | None = None,
    comment: str = "",
) -> None:
    """Accept one anonymous answer sheet for `token`: spend the token and drop the sheet, sealed,
    into the ballot box (sikap.culture.ballot_box), in one atomic statement.

    The sheet reaches the response table only when the box is mixed, together with at least k
    sheets of its unit, so nothing written with the spend can be read as this person's answer.
    Invalid answers raise ValidationError and spend nothing; a spent, unknown or closed token, or
    one of another campaign than `campaign_id`, raises TokenRefused. `campaign_id` (the survey
    form carries it) spares the lookup of the token before the answers are checked; the write
    itself still requires the token to belong to it.

    Submissions are deliberately not audited one by one: an audit row carries the exact time;
    participation counts stand in for it.
    """
    if not token or len(token) > 100:
        raise TokenRefused
    spec = None if campaign_id is None else survey_spec(campaign_id)
    if spec is None:
        ticket = ticket_for_token(token)
        if ticket is None:
            raise TokenRefused
        spec = ticket.spec
    errors: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for part in (
        lambda: clean_answers(spec, answers),
        lambda: _demographics(demographics),
        lambda: {"comment": clean_comment(comment)},
    ):
        try:
            fields.update(part())
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    sealed = ballot_box.seal(spec.campaign_id, fields)
    if not ballot_box.spend_and_drop(token_hash(token), spec.campaign_id, sealed):
        raise TokenRefused


def _split_codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(";") if c.strip()]


def responses_import(
    *, actor: Any, campaign: Campaign, file: IO[str] | IO[bytes], today: dt.date | None = None
) -> int:
    """Import offline or past responses from CSV, all or nothing.

    implementasi: columns unit, pv, cc, dc (each ballot ;-separated codes);
    likert: columns unit, BP1 … KL3 (1–5 or blank); either may add a `komentar` column.
    """
    try:
        table = read_csv(file.read(), require_rows=False, refuse_nul=False)
    except TableError as exc:
        raise ImportRejected([exc.error]) from exc
    header = table.headers
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        required = ["unit", *compute.BALLOTS]
    else:
        required = ["unit", *(c.upper() for c in LIKERT_COLUMNS)]
    lowered = {h.lower(): h for h in header}
    missing = [c for c in required if c.lower() not in lowered]
    if missing:
        raise ImportRejected([RowError(1, c, "", _("kolom wajib tidak ada")) for c in missing])
    units = {u.code: u for u in CampaignUnit.objects.filter(campaign=campaign)}
    attributed = attribution_units(campaign)
    errors: list[RowError] = []
    rows: list[Response] = []
    day = today or min(timezone.localdate(), campaign.period_end)
    for number, record in table.records():
        row = {k.strip().lower(): (v or "").strip() for k, v in record.items() if k}
        unit_code = row.get("unit", "")
        unit = units.get(unit_code)
        if unit is None or unit.parent_id is None:
            errors.append(RowError(number, "unit", unit_code, _("unit tidak ada dalam kampanye")))
            continue
        if campaign.kind == InstrumentKind.IMPLEMENTASI:
            answers: dict[str, Any] = {b: _split_codes(row.get(b, "")) for b in compute.BALLOTS}
        else:
            answers = {c.upper(): row.get(c, "") for c in LIKERT_COLUMNS}
        try:
            fields = clean_answers(campaign, answers)
            fields["comment"] = clean_comment(row.get("komentar", ""))
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                name = "komentar" if column == "comment" else column
                value = row.get(name.lower(), "")
                value = value if len(value) <= 40 else value[:40] + "…"
                errors.append(RowError(number, name, value, "; ".join(messages)))
            continue
        if campaign.kind == InstrumentKind.LIKERT and all(
            fields[c] is None for c in LIKERT_COLUMNS
        ):
            errors.append(RowError(number, "BP1…KL3", "", _("tidak ada jawaban sama sekali")))
            continue
        rows.append(
            Response(campaign=campaign, campaign_unit=attributed[unit.pk], created_on=day, **fields)
        )
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(2, "unit", "", _("berkas tidak berisi baris jawaban"))])
    random.SystemRandom().shuffle(rows)
    with transaction.atomic():
        Response.objects.bulk_create(rows, batch_size=2000)
        tallies_reset(campaign=campaign)
        _lock_instrument(campaign.instrument)
        audit_record(
            actor=actor, action="culture.responses.import", obj=campaign, after={"count": len(rows)}
        )
    return len(rows)


# --- results -------------------------------------------------------------------------------


# A submission stamps its own day in the statement that stores it, so once a whole day has
# passed after a day ends, no response of that day can still arrive. Bulk writers of responses
# (import, demo) call tallies_reset.
TALLY_OPEN_DAYS = 1


@dataclass
class _Tally:
    since: dt.date | None  # responses before this day are in `sums`
    cutoff: dt.date  # this recompute folds responses before this day into the tallies
    generation: int
    sums: dict[int, list[int]]


def _tally_read(campaign: Campaign, layout: compute.Layout, today: dt.date) -> _Tally:
    cutoff = today - dt.timedelta(days=TALLY_OPEN_DAYS)
    since = campaign.tallied_before
    sums: dict[int, list[int]] = {}
    if since is not None:
        sums = {
            pk: _loads(text)
            for pk, text in UnitTally.objects.filter(campaign=campaign).values_list(
                "campaign_unit_id", Cast("sums", TextField())
            )
        }
        if any(len(v) != len(layout.names) for v in sums.values()):  # another layout
            since, sums = None, {}
    if since is not None:
        # Sheets of closed days written behind SIKAP's back (by hand, without tallies_reset)
        # or deleted: the tallies no longer hold every row before `since`, so start again.
        folded = sum(vector[layout.rows_at] for vector in sums.values())
        stored = Response.objects.filter(campaign=campaign, created_on__lt=since).count()
        if folded != stored:
            logger.warning(
                "culture campaign %s: tallies hold %s sheets before %s, the table %s; "
                "recomputing from every row",
                campaign.code,
                folded,
                since,
                stored,
            )
            since, sums = None, {}
    if since is not None and since > cutoff:  # the clock went back: fold nothing new
        cutoff = since
    return _Tally(since, cutoff, campaign.tally_generation, sums)


def _tally_write(
    campaign: Campaign, tally: _Tally, sums: Mapping[int, list[int]], moved: Iterable[int]
) -> None:
    """Store the closed-day sums, unless responses were bulk-written since they were read.

    When the tallies read were current (`tally.since`), only the units in `moved` (those with
    newly closed days) are rewritten; the others' rows already hold their sums.
    """
    generation = (
        Campaign.objects.select_for_update()
        .filter(pk=campaign.pk)
        .values_list("tally_generation", flat=True)
        .get()
    )
    if generation != tally.generation:
        return
    stale = UnitTally.objects.filter(campaign=campaign)
    if tally.since is not None:
        changed = sorted(set(moved))
        stale = stale.filter(campaign_unit_id__in=changed)
        sums = {pk: sums[pk] for pk in changed}
    stale.delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            pgcopy.write_rows(
                cursor.cursor,
                _table(UnitTally),
                ["campaign_id", "campaign_unit_id", "sums"],
                ((campaign.pk, pk, vector) for pk, vector in sums.items()),
            )
    else:
        UnitTally.objects.bulk_create(
            [
                UnitTally(campaign=campaign, campaign_unit_id=pk, sums=vector)
                for pk, vector in sums.items()
            ],
            batch_size=2000,
        )
    Campaign.objects.filter(pk=campaign.pk).update(tallied_before=tally.cutoff)


def _loads(text: str | None) -> Any:
    """A JSON field read as text (Cast to TextField), decoded by orjson: several times faster
    than the standard decoder Django applies to each JSONField value, for the same values."""
    return None if text is None else orjson.loads(text)


def tallies_reset(*, campaign: Campaign) -> None:
    """Forget a campaign's closed-day sums; every bulk write of responses calls this."""
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(
            tallied_before=None, tally_generation=F("tally_generation") + 1
        )
        UnitTally.objects.filter(campaign=campaign).delete()


def _previous_results(campaign: Campaign) -> dict[str, dict[str, Any]]:
    """The shown groups of the kind's latest earlier published campaign, by unit code: what a
    change is measured against."""
    previous = _previous_campaign(campaign)
    if previous is None:
        return {}
    # No order: the model's default order would join the campaign and sort by unit path.
    shown = (
        ResultGroup.objects.filter(campaign=previous, suppressed=False)
        .order_by()
        .values_list(
            "campaign_unit__code",
            "overall",
            Cast("values", TextField()),
            Cast("stats", TextField()),
        )
    )
    return {
        code: {"overall": overall, "values": _loads(values), "stats": _loads(stats_)}
        for code, overall, values, stats_ in shown
    }


def _previous_campaign(campaign: Campaign) -> Campaign | None:
    return (
        Campaign.objects.filter(
            pemda_id=campaign.pemda_id,
            kind=campaign.kind,
            period_start__lt=campaign.period_start,
            published_at__isnull=False,
        )
        .order_by("-period_start")
        .first()
    )


@dataclass(slots=True)
class GroupRow:
    """One result row on its way to ResultGroup: thousands of these cost a fraction of as many
    model instances. The fields are ResultGroup's columns, in the order they are copied."""

    campaign_id: int
    campaign_unit_id: int
    n: int
    n_direct: int
    suppressed: bool = True
    suppressed_reason: str = ""
    comment_count: int = 0
    overall: float | None = None
    overall_band: str = ""
    overall_ci: list[float] | None = None
    overall_delta: float | None = None
    overall_significant: bool | None = None
    values: dict[str, dict[str, Any]] | None = None
    entropy: float | None = None
    shares: dict[str, Any] | None = None
    stats: dict[str, Any] | None = None
    rulebook_version: str = ""


_GROUP_FIELDS = tuple(f.name for f in dataclasses.fields(GroupRow))
_GROUP_COLUMNS = [*_GROUP_FIELDS, "computed_at"]


def _delete_groups(campaign: Campaign) -> None:
    ResultGroup.objects.filter(campaign=campaign).delete()


def _write_groups(rows: Sequence[GroupRow], figures: Callable[[GroupRow], None]) -> None:
    """Work out each row's figures (`figures`) and insert the rows.

    On PostgreSQL one COPY streams the rows as they are worked out, so the server parses and
    stores one batch while the next is computed (thousands of JSON documents cost the server
    more than computing them).
    """
    if connection.vendor != "postgresql":
        groups = []
        for row in rows:
            figures(row)
            groups.append(ResultGroup(**{f: getattr(row, f) for f in _GROUP_FIELDS}))
        ResultGroup.objects.bulk_create(groups, batch_size=1000)
        return
    now = timezone.now()

    def values() -> Iterator[list[Any]]:
        for row in rows:
            figures(row)
            yield [*(getattr(row, f) for f in _GROUP_FIELDS), now]

    with connection.cursor() as cursor:
        pgcopy.prefer_lz4(cursor.cursor)
        pgcopy.write_rows(cursor.cursor, _table(ResultGroup), _GROUP_COLUMNS, values())


def results_recompute(
    *, campaign: Campaign, actor: Any = "system", today: dt.date | None = None
) -> int:
    """Mix the ballot box, then recompute every group of the snapshot tree; returns the count.

    Nothing is published while the campaign is open: the run only mixes and keeps the closed-day
    tallies current (responses of days that can no longer change are summed once into UnitTally
    rows, so each run reads only the last days' responses). Once the campaign is closed, the
    final mix empties the box and the groups become the published ResultGroup rows, unless they
    would differ from the version already published by 1 … k−1 respondents somewhere
    (`publication_blockers`); then the published version stays and `publication_held` says why.
    """
    campaign = Campaign.objects.select_related("instrument").get(pk=campaign.pk)
    closed_campaign = campaign.status == Campaign.Status.CLOSED
    ballot_box.ballots_mix(campaign=campaign, final=closed_campaign, actor=actor, today=today)
    units = [
        compute.Unit(*row)
        for row in CampaignUnit.objects.filter(campaign=campaign).values_list(
            "id", "parent_id", "depth", "code"
        )
    ]
    layout = compute.layout_for(campaign)
    tally = _tally_read(campaign, layout, today or timezone.localdate())
    parts = compute.aggregate_parts(campaign, layout, since=tally.since, cutoff=tally.cutoff)
    closed = tally.sums
    compute.add_into(closed, parts.closed)
    direct = {pk: list(vector) for pk, vector in closed.items()}
    compute.add_into(direct, parts.recent)
    rows: list[GroupRow] = []
    if closed_campaign:
        with compute.gc_paused():
            rows, figures = _result_groups(campaign, units, layout, direct)
    hidden_count = sum(1 for row in rows if row.suppressed)
    with transaction.atomic():
        held: list[dict[str, Any]] = []
        if closed_campaign:
            # Decided on the groups' sizes alone: held figures are never worked out.
            held = publication_blockers(campaign, units, rows)
            if not held:
                _delete_groups(campaign)
                with compute.gc_paused():
                    _write_groups(rows, figures)
        else:
            _delete_groups(campaign)
        if parts.closed or tally.since != tally.cutoff:
            _tally_write(campaign, tally, closed, parts.closed)
        now = timezone.now()
        update: dict[str, Any] = {"recomputed_at": now, "publication_held": held}
        if closed_campaign and not held:
            update["published_at"] = now
        Campaign.objects.filter(pk=campaign.pk).update(**update)
        audit_record(
            actor=actor,
            action="culture.results.held" if held else "culture.results.recompute",
            obj=campaign,
            after={
                "groups": len(rows),
                "suppressed": hidden_count,
                "k": min_group_size(),
                "published": closed_campaign and not held,
                **({"held": held} if held else {}),
            },
        )
    return len(rows)


def publication_blockers(
    campaign: Campaign, units: Sequence[compute.UnitNode], rows: Sequence[GroupRow]
) -> list[dict[str, Any]]:
    """Why `rows` may not replace the published version: [{"unit", "change"}], empty when they may.

    Between two published versions, every part of the tree that one can isolate by subtracting
    shown groups (and every unit whose comments are listed) must change by 0 or by at least k
    respondents (sikap.rules.disclosure.republication_blockers); otherwise the difference of the
    two versions would be the answers of fewer than k people.
    """
    # (n, n_direct, suppressed, comment_count) of each published group
    old = {
        pk: rest
        for pk, *rest in ResultGroup.objects.filter(campaign=campaign)
        .order_by()
        .values_list("campaign_unit_id", "n", "n_direct", "suppressed", "comment_count")
    }
    if not old:
        return []
    k = min_group_size()
    nodes = [disclosure.Node(u.pk, u.parent_id, u.code) for u in units]
    new = {g.campaign_unit_id: g for g in rows}
    blockers = disclosure.republication_blockers(
        nodes,
        {pk: g[0] for pk, g in old.items()},
        {pk: g.n for pk, g in new.items()},
        [pk for pk, g in old.items() if not g[2]],
        [pk for pk, g in new.items() if not g.suppressed],
        k,
    )
    changes = {b.id: b.change for b in blockers}
    # A unit whose own comments are listed in either version: its own respondents too.
    for pk, g in new.items():
        before = old.get(pk)
        listed = g.comment_count > 0 or (before is not None and before[3] > 0)
        change = g.n_direct - (before[1] if before else 0)
        if listed and 0 < abs(change) < k:
            changes.setdefault(pk, change)
    code = {u.pk: u.code for u in units}
    return [{"unit": code[pk], "change": change} for pk, change in sorted(changes.items())]


def _result_rows(
    campaign: Campaign,
    units: Sequence[compute.UnitNode],
    layout: compute.Layout,
    direct: dict[int, list[int]],
) -> list[GroupRow]:
    """Every group of the campaign with its figures, as `results_recompute` publishes them."""
    rows, figures = _result_groups(campaign, units, layout, direct)
    for group in rows:
        figures(group)
    return rows


def _result_groups(
    campaign: Campaign,
    units: Sequence[compute.UnitNode],
    layout: compute.Layout,
    direct: dict[int, list[int]],
) -> tuple[list[GroupRow], Callable[[GroupRow], None]]:
    """Roll the per-unit sums up the tree and suppress: every group with its n, suppression and
    comment count, and the function that works out a shown group's figures (called as each row
    is written, see _write_groups)."""
    width = len(layout.names)
    totals = compute.roll_up(units, direct, width)
    n_at = layout.index()["n"]
    n_of = {pk: vec[n_at] for pk, vec in totals.items()}
    k = min_group_size()
    hidden = compute.suppress(units, n_of, k)
    readable = comment_min_group_size()
    cmt_at = layout.index()["cmt"]
    year = campaign.rulebook_year
    version = berakhlak.RULEBOOKS.select(year).meta.version
    before = _previous_results(campaign)
    instrument = campaign.instrument
    implementasi = campaign.kind == InstrumentKind.IMPLEMENTASI
    code_of = {unit.pk: unit.code for unit in units}
    rows: list[GroupRow] = []
    for unit in units:
        own = direct.get(unit.pk)
        n_direct = own[n_at] if own else 0
        group = GroupRow(
            campaign_id=campaign.pk,
            campaign_unit_id=unit.pk,
            n=n_of[unit.pk],
            n_direct=n_direct,
            rulebook_version=version,
        )
        if unit.pk in hidden:
            group.suppressed = True
            group.suppressed_reason = hidden[unit.pk]
        else:
            group.suppressed = False
            # Only the unit's own comments, and only when its own respondents are enough: no
            # list is the sum of others, so no list taken from another reveals a smaller
            # group's comments.
            group.comment_count = own[cmt_at] if own and n_direct >= readable else 0
        rows.append(group)

    def figures(group: GroupRow) -> None:
        if group.suppressed:
            return
        vector = totals[group.campaign_unit_id]
        if implementasi:
            fig = compute.implementasi_figures(
                vector, layout, instrument.codes, instrument.limiting_codes, year
            )
        else:
            fig = compute.likert_figures(vector, layout, year)
        delta, significant, per_value = compute.compare(
            campaign.kind, fig, before.get(code_of[group.campaign_unit_id])
        )
        for code, (d, s) in per_value.items():
            fig.values[code]["delta"] = d
            fig.values[code]["significant"] = s
        group.overall = fig.overall
        group.overall_band = fig.overall_band
        group.overall_ci = fig.overall_ci
        group.overall_delta = delta
        group.overall_significant = significant
        group.values = fig.values
        group.entropy = fig.entropy
        group.shares = fig.shares
        group.stats = fig.stats

    return rows, figures


def campaigns_due() -> list[Campaign]:
    """Campaigns the nightly job recomputes: every open one (its box is mixed and its closed-day
    tallies kept current) and every closed one not recomputed since it closed (final mix and
    publication)."""
    return list(
        Campaign.objects.filter(
            Q(status=Campaign.Status.OPEN)
            | Q(status=Campaign.Status.CLOSED, recomputed_at__isnull=True)
            | Q(status=Campaign.Status.CLOSED, closed_at__gt=F("recomputed_at"))
        )
        .select_related("pemda")
        .order_by("pk")
    )


def results_recompute_due(*, actor: Any = "system", today: dt.date | None = None) -> dict[str, int]:
    """The nightly job: close every open campaign past its end date, then recompute every
    campaign in campaigns_due() (closed ones are published). Returns groups per code."""
    for campaign in campaigns_past_end(today):
        campaign_close(actor=actor, campaign=campaign)
    return {
        f"{c.pemda.code}/{c.code}": results_recompute(campaign=c, actor=actor, today=today)
        for c in campaigns_due()
    }


def ballots_mix_due(*, actor: Any = "system") -> int:
    """Mix the ballot box of every open campaign (hourly); returns the ballots mixed."""
    return sum(
        ballot_box.ballots_mix(campaign=c, actor=actor).mixed
        for c in Campaign.objects.filter(status=Campaign.Status.OPEN).order_by("pk")
    )


# --- action plans --------------------------------------------------------------------------


def _plan_errors(value_code: str, actions: str, owner: str, indicator: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if value_code not in berakhlak.VALUE_CODES:
        errors["value_code"] = _("Nilai BerAKHLAK tidak dikenal.")
    for name, text in (("actions", actions), ("owner", owner), ("indicator", indicator)):
        if not text.strip():
            errors[name] = _("Wajib diisi.")
    return errors


def action_plan_create(
    *,
    actor: Any,
    campaign: Campaign,
    unit: OrgUnit,
    value_code: str,
    actions: str,
    owner: str,
    due_date: dt.date,
    indicator: str,
) -> ActionPlan:
    errors = _plan_errors(value_code, actions, owner, indicator)
    made_on = timezone.localdate()
    if due_date < made_on:
        errors["due_date"] = _(
            "Tenggat %(due)s sebelum tanggal rencana dibuat (%(made)s); pilih %(made)s atau "
            "sesudahnya."
        ) % {"due": due_date.strftime("%d-%m-%Y"), "made": made_on.strftime("%d-%m-%Y")}
    if unit.pemda_id != campaign.pemda_id:
        errors["unit"] = _("Unit berasal dari pemda lain.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            pemda_id=campaign.pemda_id,
            unit=unit,
            campaign=campaign,
            value_code=value_code,
            actions=actions.strip(),
            owner=owner.strip(),
            due_date=due_date,
            indicator=indicator.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="culture.actionplan.create",
            obj=plan,
            after=snapshot(
                plan, ["unit", "value_code", "actions", "owner", "due_date", "indicator"]
            ),
        )
    return plan


def action_plan_report_progress(
    *, actor: Any, plan: ActionPlan, status: str, progress_percent: int, progress_note: str
) -> ActionPlan:
    if status not in ActionPlan.Status.values:
        raise ValidationError({"status": _("Status tidak dikenal.")})
    if not 0 <= progress_percent <= 100:
        raise ValidationError({"progress_percent": _("Kemajuan harus 0–100%.")})
    with transaction.atomic():
        return audited_save(
            plan,
            actor=actor,
            action="culture.actionplan.progress",
            changes={
                "status": status,
                "progress_percent": progress_percent,
                "progress_note": progress_note.strip(),
            },
        )
