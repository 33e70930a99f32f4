"""Reads of assessments, always through the scoping gate."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from sikap.core.codes import code_filter
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, scope_by_unit
from sikap.integrity import scoring
from sikap.integrity.hasil import hasil_now
from sikap.integrity.models import Assessment, AssessmentItem, Attachment, HasilFigure, ItemScore
from sikap.org.models import Pemda
from sikap.rules import integrity as rules
from sikap.rules import sakip, zi


def assessments_visible(
    user: Any, pemda: Pemda, *, capability: str = Cap.INTEGRITY_VIEW
) -> QuerySet[Assessment]:
    qs = Assessment.objects.filter(pemda=pemda).select_related("unit")
    return scope_by_unit(qs, user, capability)


def assessment_get(
    user: Any,
    pemda: Pemda,
    pk: object = None,
    *,
    kind: str = "",
    year: int = 0,
    unit_code: str = "",
    capability: str = Cap.INTEGRITY_VIEW,
) -> Assessment:
    """One assessment the user may reach for `capability`, by id or by kind, year and unit
    code (any case); 404 for missing and not yours alike."""
    qs = assessments_visible(user, pemda, capability=capability)
    if pk is not None:
        return get_in_scope(qs, pk=pk)
    return get_in_scope(qs.filter(code_filter("unit__code", unit_code)), kind=kind, year=year)


def instrument_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """The items of the assessment's instrument in order, with their groups."""
    if assessment.kind == Assessment.Kind.ZI:
        book = zi.RULEBOOKS.select(assessment.year)
        areas = {a.code: a for a in book.areas}
        return [
            {
                "code": i.code,
                "text": i.text,
                "answer_type": i.answer_type,
                "group": areas[s.area_code].name,
                "group_code": s.area_code,
                "sub": s.name,
                "sub_code": s.code,
                "component": s.component,
                "confidence": s.confidence,
                "formula": i.formula,
                "counts": "; ".join(c.text for c in i.counts),
                "count_rows": i.counts,
            }
            for s in book.subcomponents
            for i in s.items
        ]
    sbook = sakip.RULEBOOKS.select(assessment.year)
    options = rules.RULEBOOKS.select(assessment.year).sakip_options
    rows = []
    for c in sbook.components:
        for p in sakip.PARTS:
            rows.append(
                {
                    "code": f"{c.code}.{p}",
                    "text": f"{c.name}: {p}",
                    "answer_type": "/".join(options[p]),
                    "group": c.name,
                    "group_code": c.code,
                    "sub": p,
                    "sub_code": f"{c.code}.{p}",
                    "component": p,
                    "confidence": sbook.split_confidence,
                    "formula": None,
                    "counts": "",
                    "count_rows": (),
                }
            )
    return rows


def _count_percent(item: zi.Item | None, counts: dict[str, int]) -> Decimal | None:
    if item is None or item.formula is None:
        return None
    fraction = zi.percent_from_counts(item, {c.code: counts.get(c.code) for c in item.counts})
    return None if fraction is None else (fraction * 100).quantize(Decimal("0.01"))


def workspace(assessment: Assessment) -> dict[str, Any]:
    """Everything the workspace page shows: items with every level, evidence, live scores."""
    answers, counts = scoring.levels(assessment)
    items = {i.code: i for i in AssessmentItem.objects.filter(assessment=assessment)}
    scores: dict[str, dict[str, ItemScore]] = defaultdict(dict)
    for s in ItemScore.objects.filter(item__assessment=assessment).select_related("item"):
        scores[s.item.code][s.level] = s
    evidence: dict[str, list[Any]] = defaultdict(list)
    for a in Attachment.objects.filter(item__assessment=assessment).select_related(
        "item", "document"
    ):
        evidence[a.item.code].append(a.document)
    given = scoring.raw_counts(assessment)
    book_items = (
        {i.code: i for i in zi.RULEBOOKS.select(assessment.year).items}
        if assessment.kind == Assessment.Kind.ZI
        else {}
    )
    rows = []
    for row in instrument_rows(assessment):
        code = row["code"]
        item = items.get(code)
        rows.append(
            {
                **row,
                # each count row with the value each level gave ({"self": 6, "tpi": None, ...})
                "count_rows": [
                    {"code": c.code, "text": c.text, **{lv: given[lv].get(c.code) for lv in given}}
                    for c in row["count_rows"]
                ],
                # the percentage the unit's own counts give (None: they give none)
                "count_percent": _count_percent(book_items.get(code), given["self"]),
                "pic": item.pic if item else "",
                "justification": item.justification if item else "",
                "reply": item.unit_reply if item else "",
                "self": scores[code].get("self"),
                "tpi": scores[code].get("tpi"),
                "tpn": scores[code].get("tpn"),
                "documents": evidence.get(code, []),
            }
        )
    out: dict[str, Any] = {"items": rows, "answers": answers, "counts": counts}
    if assessment.kind == Assessment.Kind.ZI:
        hasil = scoring.hasil_points(assessment)
        out["status"] = {
            lv: scoring.zi_status(assessment, lv, answers=answers, hasil=hasil, counts=counts)
            for lv in scoring.LEVELS
        }
        out["hasil"] = {h.key: h for h in HasilFigure.objects.filter(assessment=assessment)}
        out["hasil_missing"] = hasil.missing
    else:
        out["status"] = {
            lv: scoring.sakip_status(assessment, lv, answers=answers) for lv in scoring.LEVELS
        }
    return out


def zi_status_dict(assessment: Assessment, level: str = "self", *, user: Any) -> dict[str, Any]:
    """The `sikap integrity zi-status --json` answer, with the hasil figures as they stand now
    (`hasil.hasil_now`, read as `user`); `hasil_sources` says where each one came from."""
    hasil, sources = hasil_now(user, assessment)
    status = scoring.zi_status(assessment, level, hasil=hasil)
    r = status.result

    def verdict(target: str) -> dict[str, Any]:
        short = [c for c in status.conditions[target] if not c.met]
        return {
            "eligible": not short,
            "confidence": status.confidence[target],
            "shortfalls": [
                {
                    "rule": c.rule,
                    "actual": c.actual,
                    "required": c.required,
                    "short": round(c.short, 4),
                    "confidence": c.confidence,
                }
                for c in short
            ],
        }

    return {
        "unit": assessment.unit.code,
        "year": assessment.year,
        "level": level,
        "version": r.version,
        "pengungkit": r.pengungkit,
        "hasil": r.hasil,
        "total": r.total,
        "areas": {c: {"score": a.total, "percent": a.percent} for c, a in r.breakdown.items()},
        "hasil_parts": {"capaian_kinerja": r.capaian_kinerja, "ipak": r.ipak, "ipkp": r.ipkp},
        "hasil_missing": list(hasil.missing),
        "hasil_sources": {
            k: {
                "source": src.source,
                "live": src.live,
                "raw": src.raw,
                "points": None if src.points is None else float(src.points),
                "note": src.note,
            }
            for k, src in sources.items()
        },
        "unanswered": len(r.unanswered),
        "stale": list(status.stale),
        "wbk": verdict("wbk"),
        "wbbm": verdict("wbbm"),
    }
