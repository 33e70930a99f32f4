"""The ZI hasil figures SIKAP itself holds: capaian kinerja from the unit's Perjanjian Kinerja
(performance app) and IPKP from the unit's SKM (publicservice app), both read through
`sikap.core.providers` with the scoping of the user who asks.

A figure is computed here and shown beside the stored one; the unit takes it explicitly
(`domain.hasil_from_sikap`), or records an external survey figure with its source instead.
IPAK comes from the unit's own anti-corruption perception survey (publicservice's IPAK form),
whose items and formula are a low-confidence rulebook choice; the typed external figure (the
KemenPANRB survey) stays available.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.core.providers import (
    PERFORMANCE_UNIT_CAPAIAN,
    PUBLICSERVICE_UNIT_IKM,
    PUBLICSERVICE_UNIT_IPAK,
    ask,
)
from sikap.integrity.models import Assessment, HasilFigure
from sikap.integrity.scoring import Hasil
from sikap.rules import integrity as rules
from sikap.rules.errors import RuleError
from sikap.rules.versions import CONFIDENCES

CONFIDENCE = {
    "high": gettext_lazy("tinggi"),
    "medium": gettext_lazy("sedang"),
    "low": gettext_lazy("rendah"),
}
REASONS = {
    "not_outcome": gettext_lazy("PK tanpa indikator outcome (tidak berorientasi hasil)"),
    "below_target": gettext_lazy("capaian di bawah %(target)s%%"),
    "not_better": gettext_lazy("capaian minimal %(target)s%%, tidak lebih baik dari tahun lalu"),
    "better": gettext_lazy("capaian minimal %(target)s%% dan lebih baik dari tahun lalu"),
    "best": gettext_lazy("capaian di atas %(target)s%%, lebih baik dari tahun lalu dan pembanding"),
}
_Q = Decimal("0.0001")


@dataclass(frozen=True)
class SikapFigure:
    key: str
    raw: str  # the option A–E or the survey index, as stored
    points: Decimal
    note: str  # where it comes from and how it was converted
    confidence: str


def _num(value: Decimal | None, places: int = 2) -> str:
    return "—" if value is None else number_format(value, places)


def sikap_figure(user: Any, assessment: Assessment, key: str) -> SikapFigure:
    """The figure SIKAP holds for `key` of this ZI, read as `user`; ValidationError says why
    there is none (no PK/SKM/IPAK survey the user may read, PK unsigned or unmeasured)."""
    if assessment.kind != Assessment.Kind.ZI:
        raise ValidationError(_("Komponen hasil hanya ada pada LKE Zona Integritas."))
    if key == HasilFigure.Key.CAPAIAN:
        return _capaian(user, assessment)
    if key == HasilFigure.Key.IPKP:
        return _ipkp(user, assessment)
    if key == HasilFigure.Key.IPAK:
        return _ipak(user, assessment)
    raise ValidationError({"key": _("Komponen hasil tidak dikenal.")})


@dataclass(frozen=True)
class HasilSource:
    """Where one hasil figure of a status comes from: `source` as stored ("sikap", "eksternal",
    "manual"; "" when none is recorded); `live` when it is the figure SIKAP holds now."""

    source: str
    raw: str
    points: Decimal | None
    note: str
    live: bool = False


def hasil_now(user: Any, assessment: Assessment) -> tuple[Hasil, dict[str, HasilSource]]:
    """The hasil figures of this ZI as they stand now, read as `user`: where the unit chose
    SIKAP's data, the figure SIKAP holds today (not the copy stored when it was taken; none,
    and so missing, when SIKAP holds none the user may read any more); external and manual
    figures as the unit entered them."""
    stored = {f.key: f for f in HasilFigure.objects.filter(assessment=assessment)}
    points: dict[str, Decimal] = {}
    sources: dict[str, HasilSource] = {}
    for key in rules.HASIL_KEYS:
        fig = stored.get(key)
        if fig is None:
            sources[key] = HasilSource("", "", None, "")
        elif fig.source != HasilFigure.Source.SIKAP:
            points[key] = fig.points
            sources[key] = HasilSource(fig.source, fig.raw, fig.points, fig.source_note)
        else:
            try:
                live = sikap_figure(user, assessment, key)
            except ValidationError as exc:
                sources[key] = HasilSource(fig.source, "", None, " ".join(exc.messages), True)
            else:
                points[key] = live.points
                sources[key] = HasilSource(fig.source, live.raw, live.points, live.note, True)
    missing = tuple(k for k in rules.HASIL_KEYS if k not in points)
    return Hasil({k: points.get(k, Decimal(0)) for k in rules.HASIL_KEYS}, missing), sources


def _capaian(user: Any, a: Assessment) -> SikapFigure:
    data = ask(PERFORMANCE_UNIT_CAPAIAN, user=user, unit=a.unit, year=a.year)
    if data is None:
        raise ValidationError(
            _("Tidak ada Perjanjian Kinerja %(year)s unit ini yang dapat Anda baca.")
            % {"year": a.year}
        )
    if not data["signed"]:
        raise ValidationError(
            _("Perjanjian Kinerja %(year)s unit ini belum ditandatangani.") % {"year": a.year}
        )
    if data["outcome_oriented"] and data["capaian"] is None:
        raise ValidationError(
            _("Capaian Perjanjian Kinerja %(year)s belum dihitung (belum ada realisasi).")
            % {"year": a.year}
        )
    book = rules.RULEBOOKS.select(a.year)
    opt = rules.capaian_option(
        data["capaian"],
        previous=data["previous"],
        outcome_oriented=data["outcome_oriented"],
        year=a.year,
    )
    why = REASONS[opt.reason] % {"target": _num(book.capaian_target_pct, 0)}
    note = _(
        "PK %(year)s: capaian %(cap)s%% (tahun %(prev_year)s: %(prev)s); %(why)s → opsi "
        "%(opt)s; aturan %(version)s, keyakinan %(conf)s"
    ) % {
        "year": a.year,
        "cap": _num(opt.capaian),
        "prev_year": a.year - 1,
        "prev": "—" if opt.previous is None else f"{_num(opt.previous)}%",
        "why": why,
        "opt": opt.option,
        "version": book.meta.version,
        "conf": CONFIDENCE[opt.confidence],
    }
    return SikapFigure(
        HasilFigure.Key.CAPAIAN, opt.option, opt.points.quantize(_Q), note[:300], opt.confidence
    )


def _ipkp(user: Any, a: Assessment) -> SikapFigure:
    data = ask(PUBLICSERVICE_UNIT_IKM, user=user, unit=a.unit, year=a.year)
    if data is None:
        raise ValidationError(
            _("Tidak ada hasil SKM %(year)s unit ini yang dapat Anda baca.") % {"year": a.year}
        )
    book = rules.RULEBOOKS.select(a.year)
    try:
        index = rules.ipkp_index_from_ikm(data["ikm"], year=a.year)
        points = rules.survey_points(index, year=a.year, what="IPKP")
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    # The lower of the two conversions' confidences (IKM → index, index → points).
    conf = max(book.ipkp_confidence, book.survey_confidence, key=CONFIDENCES.index)
    note = _(
        "SKM %(period)s: IKM %(ikm)s (%(n)s responden) → indeks IPKP %(index)s = IKM / "
        "%(div)s; konversi belum baku, keyakinan %(conf)s"
    ) % {
        "period": data["period"],
        "ikm": _num(data["ikm"]),
        "n": data["n"],
        "index": _num(index, 4),
        "div": _num(book.ipkp_divisor, 0),
        "conf": CONFIDENCE[conf],
    }
    raw = f"{index.quantize(_Q).normalize():f}"
    return SikapFigure(HasilFigure.Key.IPKP, raw, points.quantize(_Q), note[:300], conf)


def _ipak(user: Any, a: Assessment) -> SikapFigure:
    data = ask(PUBLICSERVICE_UNIT_IPAK, user=user, unit=a.unit, year=a.year)
    if data is None:
        raise ValidationError(
            _(
                "Tidak ada jawaban survei IPAK %(year)s unit ini yang dapat Anda baca; isi nilai "
                "survei eksternal dan sumbernya."
            )
            % {"year": a.year}
        )
    book = rules.RULEBOOKS.select(a.year)
    try:
        points = rules.survey_points(data["index"], year=a.year, what="IPAK")
    except RuleError as exc:
        raise ValidationError(exc.message_id) from exc
    # The lower of the two confidences (the survey's items and index, index → points).
    conf = max(data["confidence"], book.survey_confidence, key=CONFIDENCES.index)
    note = _(
        "Survei IPAK SIKAP %(period)s: indeks %(index)s (%(n)s responden, aturan %(version)s); "
        "butir survei bukan daftar resmi KemenPANRB, keyakinan %(conf)s"
    ) % {
        "period": data["period"],
        "index": _num(data["index"]),
        "n": data["n"],
        "version": data["version"],
        "conf": CONFIDENCE[conf],
    }
    raw = f"{data['index'].normalize():f}"
    return SikapFigure(HasilFigure.Key.IPAK, raw, points.quantize(_Q), note[:300], conf)
