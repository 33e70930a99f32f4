"""Writes on SKP (PermenPANRB 6/2022): the plan, periodic check-ins, the annual rating, and the
organisation predicate whose distribution curve the employee predicates are checked against.

Who may call which action (the employee on their own draft, the rater on the rating) is the
views' decision through `performance.queries.skp`; these functions check the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.core.audit import audited_save
from sikap.core.inputs import clean_text
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.performance.models import (
    Agreement,
    Indicator,
    OrgPredicate,
    PlanningYear,
    PredicateTally,
    Skp,
    SkpBehaviour,
    SkpCheckIn,
    SkpResult,
    UnitResult,
)
from sikap.performance.queries.agreements import unit_result
from sikap.performance.queries.skp import distribution_counts, predicate_counts_by_unit
from sikap.rules import berakhlak
from sikap.rules import performance_skp as skp_ratings
from sikap.rules import skp as skp_rules
from sikap.rules.errors import RuleError

LEVELS = ("diatas", "sesuai", "dibawah")
MAX_CHAIN = 8
_PERIOD_PATTERNS: dict[str, re.Pattern[str]] = {
    "monthly": re.compile(r"(\d{4})-(0[1-9]|1[0-2])", re.ASCII),
    "quarterly": re.compile(r"(\d{4})-Q([1-4])", re.ASCII),
    "semester": re.compile(r"(\d{4})-S([12])", re.ASCII),
}
_PERIOD_EXAMPLES = {"monthly": "2024-03", "quarterly": "2024-Q1", "semester": "2024-S1"}


def atasan_chain(employee: Employee) -> list[Employee]:
    """The employee's atasan, nearest first (a cycle in bad data stops the walk)."""
    chain: list[Employee] = []
    seen = {employee.pk}
    current = employee.atasan
    while current is not None and current.pk not in seen and len(chain) < MAX_CHAIN:
        chain.append(current)
        seen.add(current.pk)
        current = current.atasan
    return chain


def value_codes(year: int) -> tuple[str, ...]:
    return tuple(v.code for v in berakhlak.RULEBOOKS.select(max(year, 2022)).values)


def skp_create(*, actor: Any, employee: Employee, year: int, approach: str = "kuantitatif") -> Skp:
    """An employee's draft SKP with the seven BerAKHLAK values and the rater from the chain."""
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun %(year)s di luar rentang 2000–2100.") % {"year": year})
    if approach not in Skp.Approach.values:
        raise ValidationError(_("Pendekatan harus kuantitatif atau kualitatif."))
    if not employee.is_active:
        raise ValidationError(_("Pegawai ini tidak aktif."))
    level = skp_ratings.position_level(employee.eselon, year=year)
    chain = atasan_chain(employee)
    rater_id = skp_ratings.choose_rater(
        level, [(e.pk, skp_ratings.position_level(e.eselon, year=year)) for e in chain], year=year
    )
    rater = next((e for e in chain if e.pk == rater_id), None)
    # A head has no atasan in their own unit: the atasan heads the unit above (or is the
    # Kepala Daerah, outside the register).
    head = level != "pelaksana" and (
        employee.atasan is None or employee.atasan.unit_id != employee.unit_id
    )
    with transaction.atomic():
        if Skp.objects.filter(employee=employee, year=year).exists():
            raise ValidationError(_("SKP tahun %(year)s pegawai ini sudah ada.") % {"year": year})
        skp = audited_save(
            Skp(pemda_id=employee.pemda_id, year=year, employee=employee, unit_id=employee.unit_id),
            actor=actor,
            action="skp.create",
            changes={
                "position_level": level,
                "rater": rater,
                "approach": approach,
                "is_unit_head": head,
            },
        )
        SkpBehaviour.objects.bulk_create(
            [SkpBehaviour(skp=skp, value=code) for code in value_codes(year)]
        )
    return skp


def _require_status(skp: Skp, *allowed: str) -> None:
    if skp.status not in allowed:
        raise ValidationError(
            _("SKP berstatus %(status)s; tindakan ini tidak dapat dilakukan sekarang.")
            % {"status": skp.get_status_display()}
        )


def _check_intervention(
    skp: Skp, kind: str, intervenes: SkpResult | None, indicator: Indicator | None
) -> None:
    if intervenes is not None and indicator is not None:
        raise ValidationError(_("Pilih satu baris yang diintervensi: hasil kerja atasan atau PK."))
    chain_ids = {e.pk for e in atasan_chain(skp.employee)}
    if intervenes is not None:
        above = intervenes.skp
        if above.year != skp.year or above.employee_id not in chain_ids:
            raise ValidationError(
                _("Hasil kerja yang diintervensi harus dari SKP atasan pada tahun yang sama.")
            )
    if indicator is not None:
        agreement: Agreement = indicator.sasaran.agreement
        in_chain = agreement.holder_id in chain_ids or agreement.holder_id == skp.employee_id
        unit_ok = agreement.unit is None or skp.unit.path.startswith(agreement.unit.path)
        if (
            indicator.year != skp.year
            or indicator.pemda_id != skp.pemda_id
            or not (in_chain or unit_ok)
        ):
            raise ValidationError(
                _("Indikator PK yang diintervensi harus dari PK unit atau atasan pegawai ini.")
            )
    main = kind == SkpResult.Kind.MAIN and skp.position_level != "jpt_pratama"
    if main and intervenes is None and indicator is None:
        raise ValidationError(
            _("Hasil kerja utama harus mengintervensi hasil kerja atasan atau baris PK.")
        )


def skp_result_add(
    *,
    actor: Any,
    skp: Skp,
    kind: str,
    text: str,
    indicator_text: str,
    target: str,
    aspect: str = SkpResult.Aspect.QUANTITY,
    intervenes: SkpResult | None = None,
    intervenes_indicator: Indicator | None = None,
) -> SkpResult:
    _require_status(skp, Skp.Status.DRAFT)
    if kind not in SkpResult.Kind.values or aspect not in SkpResult.Aspect.values:
        raise ValidationError(_("Jenis atau aspek hasil kerja tidak dikenal."))
    text = " ".join(clean_text(text).split())
    indicator_text = " ".join(clean_text(indicator_text).split())
    target = " ".join(clean_text(target).split())
    if not text or not indicator_text or not target:
        raise ValidationError(_("Rencana hasil kerja, indikator dan target wajib diisi."))
    if len(text) > 500 or len(indicator_text) > 500 or len(target) > 120:
        raise ValidationError(_("Isian terlalu panjang."))
    _check_intervention(skp, kind, intervenes, intervenes_indicator)
    with transaction.atomic():
        return audited_save(
            SkpResult(skp=skp),
            actor=actor,
            action="skp.result_add",
            pemda_id=skp.pemda_id,
            changes={
                "kind": kind,
                "text": text,
                "indicator": indicator_text,
                "target": target,
                "aspect": aspect,
                "intervenes": intervenes,
                "intervenes_indicator": intervenes_indicator,
            },
        )


def skp_expectation_set(*, actor: Any, skp: Skp, value: str, expectation: str) -> SkpBehaviour:
    """The leader's specific expectation for one core value."""
    _require_status(skp, Skp.Status.DRAFT, Skp.Status.AGREED)
    row = skp.behaviours.filter(value=value.upper()).first()
    if row is None:
        raise ValidationError(_("Nilai dasar %(value)s tidak dikenal.") % {"value": value})
    with transaction.atomic():
        return audited_save(
            row,
            actor=actor,
            action="skp.expectation_set",
            pemda_id=skp.pemda_id,
            changes={"expectation": clean_text(expectation).strip()[:2000]},
        )


ANNEX_MAX_ITEMS = 30
ANNEX_MAX_ITEM = 500


def _annex_items(text: str, what: str) -> str:
    items = [" ".join(line.split()) for line in clean_text(text).splitlines()]
    items = [i for i in items if i]
    if len(items) > ANNEX_MAX_ITEMS:
        raise ValidationError(
            _("%(what)s paling banyak %(n)s butir.") % {"what": what, "n": ANNEX_MAX_ITEMS}
        )
    if any(len(i) > ANNEX_MAX_ITEM for i in items):
        raise ValidationError(
            _("Setiap butir %(what)s paling panjang %(n)s karakter.")
            % {"what": what, "n": ANNEX_MAX_ITEM}
        )
    return "\n".join(items)


def skp_annex_set(
    *, actor: Any, skp: Skp, resources: str, accountability: str, consequences: str
) -> Skp:
    """The Lampiran SKP (PermenPANRB 6/2022): dukungan sumber daya, skema
    pertanggungjawaban and konsekuensi, one item per line; written with the plan (draft)."""
    _require_status(skp, Skp.Status.DRAFT)
    values = {
        "annex_resources": _annex_items(resources, _("Dukungan sumber daya")),
        "annex_accountability": _annex_items(accountability, _("Skema pertanggungjawaban")),
        "annex_consequences": _annex_items(consequences, _("Konsekuensi")),
    }
    with transaction.atomic():
        return audited_save(skp, actor=actor, action="skp.annex_set", changes=values)


def skp_agree(*, actor: Any, skp: Skp) -> Skp:
    """The employee and the rater agree on the plan; results can then be evaluated."""
    _require_status(skp, Skp.Status.DRAFT)
    if not skp.results.filter(kind=SkpResult.Kind.MAIN).exists():
        raise ValidationError(_("SKP belum memiliki hasil kerja utama."))
    with transaction.atomic():
        return audited_save(
            skp, actor=actor, action="skp.agree", changes={"status": Skp.Status.AGREED}
        )


def check_period(skp: Skp, period: str) -> str:
    setting = PlanningYear.objects.filter(pemda_id=skp.pemda_id, year=skp.year).first()
    kind = setting.evaluation_period if setting else PlanningYear.EvaluationPeriod.QUARTERLY
    text = period.strip().upper()
    match = _PERIOD_PATTERNS[kind].fullmatch(text)
    if match is None or int(match.group(1)) != skp.year:
        raise ValidationError(
            _("Periode harus berbentuk %(example)s untuk tahun %(year)s.")
            % {"example": _PERIOD_EXAMPLES[kind].replace("2024", str(skp.year)), "year": skp.year}
        )
    return text


def skp_checkin_record(
    *, actor: Any, skp: Skp, period: str, realisation: str, feedback: str
) -> SkpCheckIn:
    """A periodic evaluation: realisasi so far and the atasan's continuous feedback."""
    _require_status(skp, Skp.Status.AGREED)
    code = check_period(skp, period)
    with transaction.atomic():
        row = SkpCheckIn.objects.filter(skp=skp, period=code).first() or SkpCheckIn(
            skp=skp, period=code
        )
        return audited_save(
            row,
            actor=actor,
            action="skp.checkin",
            pemda_id=skp.pemda_id,
            changes={
                "realisation": clean_text(realisation).strip()[:4000],
                "feedback": clean_text(feedback).strip()[:4000],
                "recorded_by": actor if getattr(actor, "pk", None) else None,
            },
        )


def skp_result_assess(
    *, actor: Any, result: SkpResult, realisation: str, evidence: str, level: str
) -> SkpResult:
    _require_status(result.skp, Skp.Status.AGREED)
    if level not in LEVELS:
        raise ValidationError(_("Penilaian harus di atas, sesuai atau di bawah ekspektasi."))
    with transaction.atomic():
        return audited_save(
            result,
            actor=actor,
            action="skp.result_assess",
            pemda_id=result.skp.pemda_id,
            changes={
                "realisation": " ".join(clean_text(realisation).split())[:500],
                "evidence": clean_text(evidence).strip()[:4000],
                "level": level,
            },
        )


def skp_behaviour_rate(
    *, actor: Any, skp: Skp, value: str, level: str, feedback: str = ""
) -> SkpBehaviour:
    _require_status(skp, Skp.Status.AGREED, Skp.Status.RATED)
    if level not in LEVELS:
        raise ValidationError(_("Penilaian harus di atas, sesuai atau di bawah ekspektasi."))
    row = skp.behaviours.filter(value=value.upper()).first()
    if row is None:
        raise ValidationError(_("Nilai dasar %(value)s tidak dikenal.") % {"value": value})
    with transaction.atomic():
        return audited_save(
            row,
            actor=actor,
            action="skp.behaviour_rate",
            pemda_id=skp.pemda_id,
            changes={"level": level, "feedback": clean_text(feedback).strip()[:4000]},
        )


def governing_predicate(skp: Skp) -> OrgPredicate | None:
    """The organisation predicate of the nearest unit at or above the SKP's unit."""
    unit: OrgUnit | None = skp.unit
    ids = []
    while unit is not None:
        ids.append(unit.pk)
        unit = unit.parent
    rows = {p.unit_id: p for p in OrgPredicate.objects.filter(unit_id__in=ids, year=skp.year)}
    return next((rows[i] for i in ids if i in rows), None)


@dataclass(frozen=True)
class Rated:
    skp: Skp
    check: skp_rules.DistributionResult | None


def head_rating_of(skp: Skp) -> tuple[skp_ratings.HeadRating | None, str]:
    """A head's rating hasil kerja from their unit's capaian, or None and why not."""
    result = unit_result(skp.unit, skp.year)
    if result is None:
        return None, _(
            "Unit %(unit)s belum memiliki PK tahun %(year)s; kepala unit mengambil rating hasil "
            "kerja dari capaian unitnya."
        ) % {"unit": skp.unit.name, "year": skp.year}
    if result.capaian is None:
        return None, _(
            "Capaian PK unit %(unit)s tahun %(year)s belum ada (belum ada realisasi); kepala "
            "unit mengambil rating hasil kerja dari capaian unitnya."
        ) % {"unit": skp.unit.name, "year": skp.year}
    return skp_ratings.head_rating(result.capaian, year=skp.year), ""


def skp_rate(*, actor: Any, skp: Skp, rating_hasil: str, rating_perilaku: str) -> Rated:
    """The annual rating: the predicate from the matrix, then the unit's curve is checked.

    A unit head's rating hasil kerja is taken from the unit's capaian through the rulebook's
    bands (PermenPANRB 6/2022); the capaian and the band are kept beside it.
    """
    _require_status(skp, Skp.Status.AGREED, Skp.Status.RATED)
    if rating_hasil not in LEVELS or rating_perilaku not in LEVELS:
        raise ValidationError(_("Rating harus di atas, sesuai atau di bawah ekspektasi."))
    governing = governing_predicate(skp)
    unit_capaian = None
    basis = ""
    if skp.is_unit_head:
        head, why_not = head_rating_of(skp)
        if head is None:
            raise ValidationError(why_not)
        rating_hasil = head.level
        unit_capaian = Decimal(str(head.capaian)).quantize(Decimal("0.01"))
        basis = f"{head.rule} ({head.version}, {head.confidence})"
    try:
        predicate = skp_rules.predicate(rating_hasil, rating_perilaku, year=max(skp.year, 2022))
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    with transaction.atomic():
        # The predicate as stored now (locked): the tally moves from it to the new one.
        stored = Skp.objects.select_for_update().values_list("predicate", flat=True).get(pk=skp.pk)
        _tally_move(skp, stored, predicate)
        audited_save(
            skp,
            actor=actor,
            action="skp.rate",
            changes={
                "rating_hasil": rating_hasil,
                "rating_perilaku": rating_perilaku,
                "predicate": predicate,
                "unit_capaian": unit_capaian,
                "rating_basis": basis,
                "status": Skp.Status.RATED,
                "rated_at": timezone.now(),
            },
        )
        check = None if governing is None else distribution_check(governing)
    return Rated(skp, check)


def _tally_move(skp: Skp, old: str, new: str) -> None:
    """Move one SKP of the unit from predicate `old` to `new` in the unit's tally."""
    if old == new:
        return
    if old:
        PredicateTally.objects.filter(
            unit_id=skp.unit_id, year=skp.year, predicate=old, n__gt=0
        ).update(n=F("n") - 1)
    if new:
        row, _created = PredicateTally.objects.get_or_create(
            unit_id=skp.unit_id,
            year=skp.year,
            predicate=new,
            defaults={"pemda_id": skp.pemda_id},
        )
        PredicateTally.objects.filter(pk=row.pk).update(n=F("n") + 1)


def predicate_tally_rebuild(*, pemda: Pemda, year: int) -> int:
    """Recount a Pemda year's tally rows from its SKPs (after a bulk load); returns the rows."""
    counts = predicate_counts_by_unit(pemda, year)
    with transaction.atomic():
        PredicateTally.objects.filter(pemda=pemda, year=year).delete()
        PredicateTally.objects.bulk_create(
            [
                PredicateTally(pemda=pemda, year=year, unit_id=unit_id, predicate=p, n=n)
                for (unit_id, p), n in counts.items()
            ],
            batch_size=2000,
        )
    return len(counts)


def distribution_check(org: OrgPredicate) -> skp_rules.DistributionResult | None:
    """The employee predicates of the unit's subtree against its organisation predicate."""
    counts = distribution_counts(org.unit.pemda, org.unit, org.year)
    if not counts:
        return None
    return skp_rules.check_distribution(org.predicate, counts, year=max(org.year, 2022))


def org_predicate_set(*, actor: Any, unit: OrgUnit, year: int, predicate: str) -> OrgPredicate:
    """Set a unit's organisation predicate, recording the unit's capaian seen beside it."""
    try:
        name = skp_rules.normalise_org_predicate(predicate, year=max(year, 2022))
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    result = UnitResult.objects.filter(agreement__unit=unit, year=year).order_by("agreement__level")
    capaian = result.values_list("capaian", flat=True).first()
    with transaction.atomic():
        row = OrgPredicate.objects.filter(unit=unit, year=year).first() or OrgPredicate(
            pemda_id=unit.pemda_id, unit=unit, year=year
        )
        return audited_save(
            row,
            actor=actor,
            action="skp.org_predicate_set",
            changes={
                "predicate": name,
                "capaian_seen": capaian,
                "set_by": actor if getattr(actor, "pk", None) else None,
            },
        )
