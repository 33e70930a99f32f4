"""LKE workbook out (re-importable: its `kode, jawaban` columns), and the proposal PDF.

A percent item's count rows ("jumlah") follow it in the familiar LKE layout: kode (PW.R.3.a.1),
its text (the "butir" column), jawaban (the count), type "jumlah"; importing the workbook gives back the same answers
and counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from sikap.core.spreadsheet import workbook_bytes
from sikap.integrity.models import Assessment, Proposal

FLAG_TEXT = {"eviden_kurang": "Eviden belum ada", "tahun_eviden": "Eviden bukan tahun berjalan",
             "penamaan": "Penamaan eviden", "lainnya": "Lainnya"}  # fmt: skip


def _count(value: int | None) -> int | str:
    return "" if value is None else value


def lke_xlsx(assessment: Assessment, ws_data: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE"
    ws.append([f"LKE {assessment.get_kind_display()} {assessment.unit.name} {assessment.year}"])
    ws.append([])
    headers = ["kode", "jawaban", "tipe", "area/komponen", "sub-komponen", "butir", "penjelasan",
               "eviden", "jawaban TPI", "catatan TPI", "tindak lanjut", "tanggapan unit"]  # fmt: skip
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in ws_data["items"]:
        tpi = row["tpi"]
        ws.append(
            [
                row["code"],
                row["self"].answer if row["self"] else "",
                row["answer_type"],
                row["group"],
                row["sub"],
                row["text"],
                row["justification"],
                "; ".join(d.title for d in row["documents"]),
                tpi.answer if tpi else "",
                tpi.note if tpi else "",
                FLAG_TEXT.get(tpi.flag, "") if tpi else "",
                row["reply"],
            ]
        )
        for c in row["count_rows"]:
            ws.append(
                [
                    c["code"],
                    _count(c["self"]),
                    "jumlah",
                    row["group"],
                    row["sub"],
                    c["text"],
                    "",
                    "",
                    _count(c["tpi"]),
                    "",
                    "",
                    "",
                ]
            )
    if assessment.kind == Assessment.Kind.ZI:
        summary = wb.create_sheet("Rekap")
        summary.append(["", "Mandiri", "TPI", "TPN"])
        status = ws_data["status"]
        results = [status[lv].result for lv in ("self", "tpi", "tpn")]
        for code, area in results[0].breakdown.items():
            summary.append([f"{code} {area.name} (bobot {area.weight:g})",
                            *[r.breakdown[code].total for r in results]])  # fmt: skip
        for key, label in (("pengungkit", "Pengungkit"), ("capaian_kinerja", "Capaian kinerja"),
                           ("ipak", "IPAK"), ("ipkp", "IPKP"), ("hasil", "Hasil"),
                           ("total", "Nilai total")):  # fmt: skip
            summary.append([label, *[getattr(r, key) for r in results]])
    return workbook_bytes(wb)


def proposal_pdf(request: Any, proposal: Proposal) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "integrity/proposal_pdf.html",
        {"proposal": proposal, "assessment": proposal.assessment, "snap": proposal.snapshot},
        request=request,
    )
    return bytes(HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf())
