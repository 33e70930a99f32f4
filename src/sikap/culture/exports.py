"""Culture reports: Excel of aggregates, PDF per group (WeasyPrint), raw anonymous CSV.

They receive rows already shaped by `queries` (suppressed groups carry no figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from openpyxl import Workbook

from sikap.core import pdf
from sikap.core.spreadsheet import workbook_bytes
from sikap.culture import domain, queries
from sikap.culture.compute import BALLOTS
from sikap.culture.models import LIKERT_COLUMNS, Campaign, InstrumentKind, ResultGroup
from sikap.rules import berakhlak


def results_xlsx(campaign: Campaign, rows: Sequence[dict[str, Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Hasil"
    values = list(berakhlak.VALUE_CODES)
    header = ["Kode unit", "Unit", "n", "Disembunyikan", "Indeks", "Kategori", *values]
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        header.append("Entropi")
    ws.append(header)
    for r in rows:
        line: list[Any] = [
            r["unit"],
            r["name"],
            r["n"],
            "ya" if r["suppressed"] else "",
            r["overall"]["index"],
            r["overall"]["band"],
            *(r["values"][c]["index"] for c in values),
        ]
        if campaign.kind == InstrumentKind.IMPLEMENTASI:
            line.append(r["entropy"])
        ws.append(line)
    _summary_sheet(wb, campaign, rows)
    return workbook_bytes(wb)


def _summary_sheet(wb: Workbook, campaign: Campaign, rows: Sequence[dict[str, Any]]) -> None:
    """ "Ringkasan": who, what and when, then the Pemda's total and each OPD's, by value."""
    from django.utils import timezone

    ws = wb.create_sheet("Ringkasan")
    ws.append(["Pemda", campaign.pemda.name])
    ws.append(["Kampanye", campaign.name])
    ws.append(["Periode", f"{campaign.period_start:%d/%m/%Y} – {campaign.period_end:%d/%m/%Y}"])
    ws.append(["Dibuat", timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    ws.append([])
    values = list(berakhlak.VALUE_CODES)
    ws.append(["Tingkat", "Kode unit", "Unit", "n", "Indeks", "Kategori", *values])
    for r in rows:
        level = {0: "Pemda", 1: "OPD"}.get(r.get("depth", -1))
        if level is None:
            continue
        ws.append(
            [
                level,
                r["unit"],
                r["name"],
                r["n"],
                r["overall"]["index"],
                r["overall"]["band"],
                *(r["values"][c]["index"] for c in values),
            ]
        )


def group_pdf(
    request: HttpRequest,
    *,
    campaign: Campaign,
    group: ResultGroup,
    rows: Sequence[Any],
    children: Sequence[ResultGroup],
    comments: Any = None,
    radar: dict[str, Any] | None = None,
    trend: Sequence[Any] = (),
) -> bytes:
    """The group's report: figures, the radar and trend charts of its page, children and
    comments (each text once, with how often it was written)."""
    from django.contrib.staticfiles import finders
    from django.utils import timezone

    generated = timezone.now()
    html = render_to_string(
        "culture/report_pdf.html",
        {
            "campaign": campaign,
            "group": group,
            "rows": rows,
            "children": children,
            "comments": comments,
            "radar": radar,
            "trend": trend,
            "generated": generated,
        },
        request=request,
    )
    css = finders.find("culture/report.css")
    return pdf.render(
        html,
        css_files=[str(css)] if css else [],
        page=pdf.page_css(
            pemda=campaign.pemda.name,
            title=f"{campaign.name} · {group.campaign_unit.name}",
            generated=generated,
        ),
    )


def write_raw(writer: Any, campaign: Campaign, rows: Iterable[queries.RawRow]) -> None:
    """One line per response, in the import format, so files round-trip; the unit and the
    demographic columns as k-anonymised by queries.raw_rows."""
    instrument = campaign.instrument
    tail = ["status", "usia", "masa_kerja", "tanggal", "komentar"]
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        writer.writerow(["unit", "pv", "cc", "dc", *tail])
    else:
        writer.writerow(["unit", *(c.upper() for c in LIKERT_COLUMNS), *tail])
    for row in rows:
        r = row.response
        if campaign.kind == InstrumentKind.IMPLEMENTASI:
            answers = [";".join(domain.mask_codes(getattr(r, b), instrument)) for b in BALLOTS]
        else:
            answers = ["" if getattr(r, c) is None else getattr(r, c) for c in LIKERT_COLUMNS]
        writer.writerow(
            [
                row.unit,
                *answers,
                row.employment_kind,
                row.age_band,
                row.tenure_band,
                row.date,
                row.comment,
            ]
        )
