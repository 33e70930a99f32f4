"""Campaigns: create with a snapshot of the tree and its eligible employees, launch, close."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, snapshot
from sikap.core.codes import by_code, code_clean
from sikap.culture import compute
from sikap.culture.domain.instruments import _lock_instrument, instrument_create
from sikap.culture.domain.responses import _SPECS
from sikap.culture.models import Campaign, CampaignUnit, Instrument, InstrumentKind, Response
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.rules import sampling

# Words of the culture pages' own addresses (/budaya/isi/, /budaya/kampanye/, …): a campaign
# addressed /budaya/<code>/ cannot take one.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
RESERVED_CODES = frozenset({"isi", "terima-kasih", "kampanye", "rencana-aksi"})


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


CREATE_AUDITED = [
    "code",
    "name",
    "kind",
    "picks",
    "attribution_depth",
    "period_start",
    "period_end",
    "sample_method",
]


def _code_errors(pemda: Pemda, code: str) -> dict[str, str]:
    """A campaign code is a slug, not a word of the culture pages' addresses, and unused in
    the Pemda in any case: it addresses the campaign's pages (/budaya/<code>/)."""
    if not code:
        return {"code": _("Kode kampanye wajib diisi.")}
    if not SLUG.fullmatch(code):
        return {
            "code": _(
                "Kode kampanye hanya boleh huruf, angka, tanda hubung dan garis bawah: %(code)s"
            )
            % {"code": code}
        }
    if code.lower() in RESERVED_CODES:
        return {
            "code": _(
                "Kode %(code)s dipakai oleh halaman SIKAP; pilih kode lain, mis. budaya-2026."
            )
            % {"code": code}
        }
    if by_code(Campaign.objects.filter(pemda=pemda), code).exists():
        return {"code": _("Kode kampanye %(code)s sudah dipakai.") % {"code": code}}
    return {}


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
    targets = list(target_units)
    errors = _code_errors(pemda, code)
    if kind not in InstrumentKind.values:
        errors["kind"] = _("Jenis instrumen harus implementasi atau likert.")
    if period_end < period_start:
        errors["period_end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if sample_method not in Campaign.SampleMethod.values:
        errors["sample_method"] = _("Metode sampel tidak dikenal.")
    if attribution_depth < 0 or attribution_depth > 10:
        errors["attribution_depth"] = _("Tingkat atribusi harus antara 0 dan 10.")
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
            after=snapshot(campaign, CREATE_AUDITED),
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
