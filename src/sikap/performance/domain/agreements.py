"""Writes on Perjanjian Kinerja: the year's settings, PKs, sasaran, indicators, signing and
revision (only for the three reasons the rules allow)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.codes import code_clean, get_by_code
from sikap.core.inputs import clean_text
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.performance.domain.capaian import recompute_agreements
from sikap.performance.models import (
    LEVEL_ORDER,
    Agreement,
    AgreementRevision,
    Indicator,
    Level,
    PlanningYear,
    Sasaran,
)
from sikap.rules import performance as rules
from sikap.rules.errors import RuleError

SMART_LETTERS = ("S", "M", "A", "R", "T")
INDICATOR_FIELDS = [
    "code",
    "name",
    "kind",
    "is_iku",
    "measure",
    "polarity",
    "target",
    "target_max",
    "target_q1",
    "target_q2",
    "target_q3",
    "target_q4",
    "data_source",
    "smart",
    "supports",
]


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})


def level_of_unit(unit: OrgUnit | None) -> str:
    """The PK level of a unit: the Pemda, an OPD (top of the tree), then eselon III / IV."""
    if unit is None:
        return Level.PEMDA
    return [Level.OPD, Level.ESELON3, Level.ESELON4][min(unit.depth, 2)]


def planning_year_set(
    *,
    actor: Any,
    pemda: Pemda,
    year: int,
    dpa_approved_on: dt.date | None,
    evaluation_period: str,
) -> PlanningYear:
    check_year(year)
    if evaluation_period not in PlanningYear.EvaluationPeriod.values:
        raise ValidationError(_("Periode evaluasi SKP tidak dikenal."))
    with transaction.atomic():
        row = PlanningYear.objects.filter(pemda=pemda, year=year).first() or PlanningYear(
            pemda=pemda, year=year
        )
        return audited_save(
            row,
            actor=actor,
            action="performance.year_set",
            changes={"dpa_approved_on": dpa_approved_on, "evaluation_period": evaluation_period},
        )


def agreement_create(
    *,
    actor: Any,
    pemda: Pemda,
    year: int,
    unit: OrgUnit | None,
    holder: Employee | None = None,
    holder_name: str = "",
    supervisor: Employee | None = None,
    supervisor_name: str = "",
    level: str | None = None,
) -> Agreement:
    """A draft PK for a unit (or the Pemda when `unit` is None) and a year."""
    check_year(year)
    if unit is not None and unit.pemda_id != pemda.pk:
        raise ValidationError(_("Unit berasal dari pemda lain."))
    for person in (holder, supervisor):
        if person is not None and person.pemda_id != pemda.pk:
            raise ValidationError(_("Pegawai berasal dari pemda lain."))
    chosen = level or level_of_unit(unit)
    if chosen not in Level.values or (unit is None) != (chosen == Level.PEMDA):
        raise ValidationError(_("Tingkat PK tidak cocok dengan unitnya."))
    with transaction.atomic():
        clash = Agreement.objects.filter(pemda=pemda, year=year, unit=unit)
        if unit is not None:
            clash = clash.filter(level=chosen)
        if clash.exists():
            raise ValidationError(_("PK tahun %(year)s untuk unit ini sudah ada.") % {"year": year})
        agreement = Agreement(pemda=pemda, year=year, unit=unit, level=chosen)
        return audited_save(
            agreement,
            actor=actor,
            action="pk.create",
            changes={
                "holder": holder,
                "holder_name": clean_text(holder_name).strip()[:200],
                "supervisor": supervisor,
                "supervisor_name": clean_text(supervisor_name).strip()[:200],
            },
            watched=["pemda", "year", "level", "unit", "holder", "supervisor", "status"],
        )


def agreement_parties_set(
    *,
    actor: Any,
    agreement: Agreement,
    holder: Employee | None = None,
    holder_name: str = "",
    supervisor: Employee | None = None,
    supervisor_name: str = "",
) -> Agreement:
    """Change the two parties of a draft PK (a signed one is reopened by a revision first,
    e.g. for a change or transfer of the official)."""
    _require_draft(agreement)
    for person in (holder, supervisor):
        if person is not None and person.pemda_id != agreement.pemda_id:
            raise ValidationError(_("Pegawai berasal dari pemda lain."))
    holder_name = " ".join(clean_text(holder_name).split())
    supervisor_name = " ".join(clean_text(supervisor_name).split())
    if len(holder_name) > 200 or len(supervisor_name) > 200:
        raise ValidationError(_("Nama pihak paling panjang 200 karakter."))
    if holder is None and not holder_name:
        raise ValidationError(_("Pihak pertama PK wajib diisi (NIP pegawai atau nama)."))
    with transaction.atomic():
        return audited_save(
            agreement,
            actor=actor,
            action="pk.parties_set",
            changes={
                "holder": holder,
                "holder_name": holder_name,
                "supervisor": supervisor,
                "supervisor_name": supervisor_name,
            },
        )


def _require_draft(agreement: Agreement) -> None:
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(
            _("PK ini sudah ditandatangani; ubah hanya lewat revisi dengan alasan yang sah.")
        )


def sasaran_create(*, actor: Any, agreement: Agreement, code: str, name: str) -> Sasaran:
    _require_draft(agreement)
    code = clean_text(code_clean(code))
    name = " ".join(clean_text(name).split())
    if not code or not name:
        raise ValidationError(_("Kode dan nama sasaran wajib diisi."))
    if len(code) > 40 or len(name) > 500:
        raise ValidationError(_("Kode sasaran paling panjang 40, nama 500 karakter."))
    with transaction.atomic():
        if get_by_code(agreement.sasaran.all(), code) is not None:
            raise ValidationError(_("Sasaran %(code)s sudah ada di PK ini.") % {"code": code})
        sasaran = Sasaran(
            pemda_id=agreement.pemda_id,
            agreement=agreement,
            unit_id=agreement.unit_id,
            year=agreement.year,
        )
        return audited_save(
            sasaran, actor=actor, action="pk.sasaran_create", changes={"code": code, "name": name}
        )


def _check_supports(indicator_year: int, agreement: Agreement, supports: Indicator | None) -> None:
    if supports is None:
        return
    above = supports.sasaran.agreement
    if supports.pemda_id != agreement.pemda_id or supports.year != indicator_year:
        raise ValidationError(_("Indikator yang didukung harus dari pemda dan tahun yang sama."))
    if LEVEL_ORDER.index(above.level) >= LEVEL_ORDER.index(agreement.level):
        raise ValidationError(_("Indikator yang didukung harus dari PK tingkat di atasnya."))


def _indicator_values(agreement: Agreement, data: dict[str, Any]) -> dict[str, Any]:
    """Clean and check an indicator's fields (the kind and polarity through the rulebook)."""
    values = dict(data)
    values["code"] = clean_text(code_clean(str(values.get("code", ""))))
    values["name"] = " ".join(clean_text(values.get("name", "")).split())
    if not values["code"] or not values["name"]:
        raise ValidationError(_("Kode dan nama indikator wajib diisi."))
    if len(values["code"]) > 40 or len(values["name"]) > 500:
        raise ValidationError(_("Kode indikator paling panjang 40, nama 500 karakter."))
    try:
        values["kind"] = rules.normalise_kind(values.get("kind", ""), year=agreement.year)
        values["polarity"] = rules.normalise_polarity(values.get("polarity") or rules.HIGHER)
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    target = values.get("target")
    if not isinstance(target, Decimal):
        raise ValidationError(_("Target wajib diisi dengan angka."))
    if target <= 0:
        raise ValidationError(_("Target harus lebih dari 0 agar capaian dapat dihitung."))
    target_max = values.get("target_max")
    if target_max is not None and target_max < target:
        raise ValidationError(_("Target maksimal tidak boleh lebih kecil dari target."))
    smart = [s for s in SMART_LETTERS if s in (values.get("smart") or [])]
    values["smart"] = smart
    values["measure"] = clean_text(values.get("measure", "")).strip()[:60]
    values["data_source"] = clean_text(values.get("data_source", "")).strip()[:255]
    values["is_iku"] = bool(values.get("is_iku", False))
    for q in ("target_q1", "target_q2", "target_q3", "target_q4", "target_max"):
        values.setdefault(q, None)
    values.setdefault("supports", None)
    return {k: values[k] for k in INDICATOR_FIELDS}


def indicator_create(*, actor: Any, sasaran: Sasaran, **data: Any) -> Indicator:
    agreement = sasaran.agreement
    _require_draft(agreement)
    values = _indicator_values(agreement, data)
    _check_supports(sasaran.year, agreement, values["supports"])
    with transaction.atomic():
        if get_by_code(sasaran.indicators.all(), values["code"]) is not None:
            raise ValidationError(
                _("Indikator %(code)s sudah ada di sasaran ini.") % {"code": values["code"]}
            )
        indicator = Indicator(pemda_id=sasaran.pemda_id, sasaran=sasaran, year=sasaran.year)
        return audited_save(indicator, actor=actor, action="pk.indicator_create", changes=values)


def indicator_update(*, actor: Any, indicator: Indicator, **data: Any) -> Indicator:
    agreement = indicator.sasaran.agreement
    _require_draft(agreement)
    values = _indicator_values(agreement, data)
    if values["supports"] is not None and values["supports"].pk == indicator.pk:
        raise ValidationError(_("Indikator tidak dapat mendukung dirinya sendiri."))
    _check_supports(indicator.year, agreement, values["supports"])
    with transaction.atomic():
        clash = get_by_code(indicator.sasaran.indicators.exclude(pk=indicator.pk), values["code"])
        if clash is not None:
            raise ValidationError(
                _("Indikator %(code)s sudah ada di sasaran ini.") % {"code": values["code"]}
            )
        audited_save(indicator, actor=actor, action="pk.indicator_update", changes=values)
        # The target or polarity may have changed: the PK's capaian follows.
        recompute_agreements([agreement])
        return indicator


def indicator_link(*, actor: Any, indicator: Indicator, supports: Indicator | None) -> Indicator:
    """Link an indicator to the row above it that it supports (the pohon kinerja)."""
    agreement = indicator.sasaran.agreement
    _require_draft(agreement)
    _check_supports(indicator.year, agreement, supports)
    with transaction.atomic():
        return audited_save(
            indicator, actor=actor, action="pk.indicator_link", changes={"supports": supports}
        )


def agreement_sign(*, actor: Any, agreement: Agreement, signed_on: dt.date) -> Agreement:
    """Record that both parties signed the PK on `signed_on`."""
    _require_draft(agreement)
    if signed_on.year not in (agreement.year - 1, agreement.year):
        raise ValidationError(
            _("Tanggal tanda tangan harus pada tahun %(year)s atau akhir tahun sebelumnya.")
            % {"year": agreement.year}
        )
    if not Indicator.objects.filter(sasaran__agreement=agreement).exists():
        raise ValidationError(_("PK tanpa indikator tidak dapat ditandatangani."))
    if not agreement.holder_name and agreement.holder_id is None:
        raise ValidationError(_("Pihak pertama PK belum diisi."))
    with transaction.atomic():
        return audited_save(
            agreement,
            actor=actor,
            action="pk.sign",
            changes={"status": Agreement.Status.SIGNED, "signed_on": signed_on},
        )


def _content(agreement: Agreement) -> dict[str, Any]:
    return {
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
        "sasaran": [
            {
                **snapshot(s, ["code", "name"]),
                "indicators": [
                    snapshot(i, [f for f in INDICATOR_FIELDS if f != "supports"])
                    for i in s.indicators.all()
                ],
            }
            for s in agreement.sasaran.prefetch_related("indicators")
        ],
    }


def agreement_revise(*, actor: Any, agreement: Agreement, reason: str, note: str) -> Agreement:
    """Reopen a signed PK as a draft revision, keeping the signed content and the reason."""
    if agreement.status != Agreement.Status.SIGNED:
        raise ValidationError(_("Hanya PK yang sudah ditandatangani yang direvisi."))
    try:
        code = rules.normalise_revision_reason(reason, year=agreement.year)
    except RuleError as exc:
        raise ValidationError(
            _("Alasan revisi harus salah satu dari: %(reasons)s.")
            % {"reasons": ", ".join(r.code for r in rules.revision_reasons(year=agreement.year))}
        ) from exc
    note = clean_text(note).strip()
    if not note:
        raise ValidationError(_("Jelaskan perubahan yang membuat PK direvisi."))
    with transaction.atomic():
        number = agreement.revision + 1
        revision = AgreementRevision.objects.create(
            agreement=agreement,
            number=number,
            reason=code,
            note=note,
            before=_content(agreement),
            made_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="pk.revision",
            obj=revision,
            pemda_id=agreement.pemda_id,
            after={"number": number, "reason": code, "note": note},
        )
        return audited_save(
            agreement,
            actor=actor,
            action="pk.reopen",
            changes={"status": Agreement.Status.DRAFT, "signed_on": None, "revision": number},
        )
