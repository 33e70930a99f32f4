"""Responses: answer and comment checks, the survey's spec and ticket, the anonymous submit
and the all-or-nothing import of paper or past answers.

The audit row of a submission names the campaign only, never the invitation or the response.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record
from sikap.core.codes import code_key
from sikap.core.rowerrors import ImportRejected, RowError
from sikap.core.tables import TableError, read_csv
from sikap.culture import compute
from sikap.culture.domain import ballot_box
from sikap.culture.domain.instruments import _lock_instrument
from sikap.culture.domain.invitations import attribution_units, token_hash
from sikap.culture.domain.tallies import tallies_reset
from sikap.culture.models import (
    LIKERT_COLUMNS,
    Campaign,
    CampaignUnit,
    Instrument,
    InstrumentKind,
    Invitation,
    Response,
)
from sikap.rules import berakhlak
from sikap.rules.errors import RuleError


class TokenRefused(Exception):
    """The token is unknown, used, or its campaign is not open. One message for all three."""


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


@dataclass(frozen=True)
class SurveySpec:
    """What checking a campaign's answers needs; fixed from launch on (kind, K, instrument)."""

    campaign_id: int
    name: str
    kind: str
    picks: int
    instrument: Instrument
    rulebook_year: int
    # Shown to the respondent: who runs the survey and until when it is open.
    pemda_name: str = ""
    period_end: dt.date | None = None


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
            Campaign.objects.select_related("instrument", "pemda")
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
            pemda_name=campaign.pemda.name,
            period_end=campaign.period_end,
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


def ballot_mask(codes: Iterable[str], instrument: Instrument) -> int:
    position = {c: i for i, c in enumerate(instrument.codes)}
    return sum(1 << position[c] for c in codes)


def mask_codes(mask: int | None, instrument: Instrument) -> list[str]:
    if mask is None:
        return []
    return [c for i, c in enumerate(instrument.codes) if mask & (1 << i)]


def _ballot_problem(codes: list[str], picks: int, allowed: Iterable[str]) -> str | None:
    """What is wrong with a ballot, in words a respondent understands, or None.

    The same cases as `berakhlak.validate_ballot`, whose messages are not translated."""
    known = set(allowed)
    unknown = sorted({c for c in codes if c not in known})
    if unknown:
        return _("ada pilihan yang tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown)}
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        return _("perilaku yang sama dipilih lebih dari sekali: %(codes)s") % {
            "codes": ", ".join(dupes)
        }
    if len(codes) != picks:
        return _("pilih tepat %(k)s perilaku; yang dipilih %(n)s") % {"k": picks, "n": len(codes)}
    return None


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
            problem = _ballot_problem(codes, campaign.picks, instrument.codes)
            if problem:
                errors[ballot] = problem
                continue
            try:
                berakhlak.validate_ballot(codes, campaign.picks, instrument.codes)
            except RuleError as exc:  # pragma: no cover - _ballot_problem names every case
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
    into the ballot box (sikap.culture.domain.ballot_box), in one atomic statement.

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
    units = {code_key(u.code): u for u in CampaignUnit.objects.filter(campaign=campaign)}
    attributed = attribution_units(campaign)
    errors: list[RowError] = []
    rows: list[Response] = []
    day = today or min(timezone.localdate(), campaign.period_end)
    for number, record in table.records():
        row = {k.strip().lower(): (v or "").strip() for k, v in record.items() if k}
        unit_code = row.get("unit", "")
        unit = units.get(code_key(unit_code))
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
