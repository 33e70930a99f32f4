"""Culture reports: Excel of aggregates, PDF per group (WeasyPrint), raw anonymous CSV.

They receive rows already shaped by `queries` (suppressed groups carry no figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from openpyxl import Workbook

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
    return workbook_bytes(wb)


def group_pdf(
    request: HttpRequest,
    *,
    campaign: Campaign,
    group: ResultGroup,
    rows: Sequence[Any],
    children: Sequence[ResultGroup],
    comments: Any = None,
) -> bytes:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_to_string(
        "culture/report_pdf.html",
        {
            "campaign": campaign,
            "group": group,
            "rows": rows,
            "children": children,
            "comments": comments,
        },
        request=request,
    )
    css = finders.find("culture/report.css")
    sheets = [CSS(filename=str(css))] if css else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets))


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
