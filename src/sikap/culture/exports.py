"""Culture reports: Excel of aggregates, PDF per group (WeasyPrint), raw anonymous CSV.

They receive rows already shaped by `queries` (suppressed groups carry no figures).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from openpyxl import Workbook

from sikap.core.spreadsheet import workbook_bytes
from sikap.culture import domain
from sikap.culture.models import LIKERT_COLUMNS, Campaign, InstrumentKind, Response, ResultGroup
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


def write_raw(
    writer: Any,
    campaign: Campaign,
    responses: Iterable[Response],
    *,
    comment_units: Collection[int] = (),
) -> None:
    """One line per response, in the import format, so files round-trip.

    A comment is written only for responses of `comment_units` (groups of at least
    max(10, k) respondents); elsewhere the column is left empty.
    """
    instrument = campaign.instrument

    def comment(r: Response) -> str:
        return r.comment if r.campaign_unit_id in comment_units else ""

    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        writer.writerow(
            ["unit", "pv", "cc", "dc", "status", "usia", "masa_kerja", "tanggal", "komentar"]
        )
        for r in responses:
            writer.writerow(
                [
                    r.campaign_unit.code,
                    *(
                        ";".join(domain.mask_codes(getattr(r, b), instrument))
                        for b in ("pv", "cc", "dc")
                    ),
                    r.employment_kind,
                    r.age_band,
                    r.tenure_band,
                    r.created_on.isoformat(),
                    comment(r),
                ]
            )
        return
    writer.writerow(
        ["unit", *(c.upper() for c in LIKERT_COLUMNS), "status", "usia", "masa_kerja", "komentar"]
    )
    for r in responses:
        writer.writerow(
            [
                r.campaign_unit.code,
                *("" if getattr(r, c) is None else getattr(r, c) for c in LIKERT_COLUMNS),
                r.employment_kind,
                r.age_band,
                r.tenure_band,
                comment(r),
            ]
        )
