"""The official "Laporan SKM" as PDF (WeasyPrint) and the results as Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from sikap.core import pdf
from sikap.core.spreadsheet import workbook_bytes
from sikap.publicservice import queries
from sikap.publicservice.models import ServiceUnit
from sikap.publicservice.periods import Period
from sikap.rules import skm


def _context(su: ServiceUnit, period: Period) -> dict[str, Any]:
    result = queries.unit_result(su.unit, period, with_products=True)
    book = skm.RULEBOOKS.select(period.year)
    return {
        "su": su,
        "unit": su.unit,
        "period": period,
        "result": result,
        "bands": book.bands.describe(),
        "version": book.meta.version,
        "regulation": book.meta.source.regulation,
        "profile": queries.profile_breakdown(su.unit, period),
        "trend": queries.trend(su.unit, period),
        "generated": timezone.localtime(),
    }


def results_xlsx(su: ServiceUnit, period: Period) -> bytes:
    ctx = _context(su, period)
    result = ctx["result"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Hasil SKM"
    bold = Font(bold=True)
    ws.append(["Unit layanan", su.unit.name])
    ws.append(["Periode", period.key])
    ws.append(["Jumlah responden (n)", result.score.n])
    ws.append(["IKM (25–100)", result.score.ikm])
    ws.append(["Mutu", result.score.category])
    ws.append(["Kinerja unit", result.score.label])
    ws.append(["Versi aturan", ctx["version"]])
    ws.append(["Pemda", su.pemda.name])
    ws.append(["Dibuat", ctx["generated"].strftime("%d/%m/%Y %H:%M")])
    ws.append([])
    ws.append(["Kode", "Unsur", "Jumlah menjawab", "NRR"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for u in result.score.unsur:
        ws.append([u.code, u.name, u.answered, u.nrr])
    ws.append([])
    ws.append(["Jenis layanan", "n", "IKM", "Mutu", "Volume", "Sampel minimal (Krejcie–Morgan)"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for product, score, adequacy in result.products:
        ws.append(
            [product.name, score.n, score.ikm, score.category, adequacy.volume, adequacy.needed]
        )
    trend = wb.create_sheet("Tren")
    trend.append(["Periode", "n", "IKM", "Mutu"])
    for p, score in ctx["trend"]:
        trend.append([p.key, score.n, score.ikm, score.category])
    return workbook_bytes(wb)


def laporan_pdf(request: Any, su: ServiceUnit, period: Period) -> bytes:
    ctx = _context(su, period)
    html = render_to_string("publicservice/laporan_pdf.html", ctx, request=request)
    return pdf.render(
        html,
        css_files=[str(Path(__file__).parent / "static" / "publicservice" / "laporan.css")],
        page=pdf.page_css(
            pemda=su.pemda.name,
            title=f"Laporan SKM · {su.unit.name} · {period.label()}",
            generated=ctx["generated"],
        ),
        base_url=str(Path(__file__).parent),
    )


def units_xlsx(
    rows: list[tuple[Any, Any]],
    period: Period,
    *,
    pemda_name: str = "",
    opds: Sequence[Any] = (),
    pemda_score: Any = None,
) -> bytes:
    """Every visible service unit's result for a period, one row each; then a sheet of the
    totals per OPD and, for a whole-Pemda reader, the Pemda's pooled figure."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"SKM {period.key}"
    ws.append(["Kode unit", "Unit layanan", "n", "IKM", "Mutu", "Kinerja unit", "Unsur terlemah"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for su, score in rows:
        ws.append(
            [
                su.unit.code,
                su.unit.name,
                score.n,
                score.ikm,
                score.category,
                score.label,
                ", ".join(score.weakest),
            ]
        )
    totals = wb.create_sheet("Total Pemda dan OPD")
    totals.append(["Pemda", pemda_name])
    totals.append(["Periode", period.key])
    totals.append(["Dibuat", timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    totals.append([])
    header = ["Tingkat", "Kode", "Nama", "Unit layanan", "n", "IKM", "Mutu", "Kinerja unit"]
    totals.append(header)
    for cell in totals[totals.max_row]:
        cell.font = Font(bold=True)
    if pemda_score is not None:
        totals.append(
            [
                "Pemda",
                "",
                pemda_name,
                len(rows),
                pemda_score.n,
                pemda_score.ikm,
                pemda_score.category,
                pemda_score.label,
            ]
        )
    for opd in opds:
        totals.append(
            [
                "OPD",
                opd.unit.code,
                opd.unit.name,
                opd.service_units,
                opd.score.n,
                opd.score.ikm,
                opd.score.category,
                opd.score.label,
            ]
        )
    return workbook_bytes(wb)
