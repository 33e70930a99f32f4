"""Printed documents of the performance chain (WeasyPrint): the PK in its familiar layout, the
LKjIP draft of a PK with last year's figures beside this year's, and the SKP form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from sikap.performance.models import Agreement, Indicator, Skp

CSS_PATH = Path(__file__).parent / "static" / "performance" / "print.css"


def _pdf(request: Any, template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "generated": timezone.now()}, request=request)
    return bytes(
        HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
            stylesheets=[CSS(filename=str(CSS_PATH))]
        )
    )


def _rows(agreement: Agreement) -> list[tuple[Any, list[Indicator]]]:
    return [
        (s, list(s.indicators.prefetch_related("realisations"))) for s in agreement.sasaran.all()
    ]


def pk_pdf(request: Any, agreement: Agreement) -> bytes:
    return _pdf(
        request, "performance/pk_pdf.html", {"agreement": agreement, "rows": _rows(agreement)}
    )


def lkjip_pdf(request: Any, agreement: Agreement) -> bytes:
    """This year's targets, realisasi and capaian, with last year's of the same indicator code."""
    previous = {
        (i.sasaran.code.lower(), i.code.lower()): i
        for i in Indicator.objects.filter(
            pemda_id=agreement.pemda_id,
            year=agreement.year - 1,
            sasaran__agreement__unit_id=agreement.unit_id,
            sasaran__agreement__level=agreement.level,
        ).select_related("sasaran")
    }
    rows = [
        (s, [(i, previous.get((s.code.lower(), i.code.lower()))) for i in indicators])
        for s, indicators in _rows(agreement)
    ]
    return _pdf(request, "performance/lkjip_pdf.html", {"agreement": agreement, "rows": rows})


def skp_pdf(request: Any, skp: Skp, behaviours: list[tuple[Any, str]]) -> bytes:
    results = list(skp.results.select_related("intervenes", "intervenes_indicator"))
    return _pdf(
        request,
        "performance/skp_pdf.html",
        {"skp": skp, "results": results, "behaviours": behaviours},
    )
