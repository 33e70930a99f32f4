"""Printed documents of the performance chain (WeasyPrint): the PK in its familiar layout, the
LKjIP draft of a PK with last year's figures beside this year's (PDF and an editable DOCX),
and the SKP form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sikap.core.docx import Document
from sikap.performance.models import Agreement, Indicator, Sasaran, Skp

CSS_PATH = Path(__file__).parent / "static" / "performance" / "print.css"


def _pdf(request: Any, template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "generated": timezone.now()}, request=request)
    return bytes(
        HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
            stylesheets=[CSS(filename=str(CSS_PATH))]
        )
    )


def _rows(agreement: Agreement) -> list[tuple[Sasaran, list[Indicator]]]:
    return [
        (s, list(s.indicators.prefetch_related("realisations"))) for s in agreement.sasaran.all()
    ]


def pk_pdf(request: Any, agreement: Agreement) -> bytes:
    return _pdf(
        request, "performance/pk_pdf.html", {"agreement": agreement, "rows": _rows(agreement)}
    )


def lkjip_rows(agreement: Agreement) -> list[tuple[Sasaran, list[tuple[Indicator, Any]]]]:
    """Each sasaran with its indicators, each beside last year's indicator of the same sasaran
    and indicator code (any case) in the same unit's PK at the same level, or None."""
    previous = {
        (i.sasaran.code.lower(), i.code.lower()): i
        for i in Indicator.objects.filter(
            pemda_id=agreement.pemda_id,
            year=agreement.year - 1,
            sasaran__agreement__unit_id=agreement.unit_id,
            sasaran__agreement__level=agreement.level,
        ).select_related("sasaran")
    }
    return [
        (s, [(i, previous.get((s.code.lower(), i.code.lower()))) for i in indicators])
        for s, indicators in _rows(agreement)
    ]


def lkjip_pdf(request: Any, agreement: Agreement) -> bytes:
    """This year's targets, realisasi and capaian, with last year's of the same indicator code."""
    rows = lkjip_rows(agreement)
    return _pdf(request, "performance/lkjip_pdf.html", {"agreement": agreement, "rows": rows})


def _number(value: Decimal | None) -> str:
    """A stored figure as the reader's language writes it, without trailing zeros."""
    if value is None:
        return "—"
    return formats.number_format(Decimal(f"{value.normalize():f}"))


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{formats.number_format(value, 2)}%"


def _realisation(indicator: Indicator) -> str:
    """The realisasi that counts for the year: Tahunan, else the latest quarter entered."""
    rows = list(indicator.realisations.all())
    if not rows:
        return "—"
    last = rows[-1]
    return f"{_number(last.value)} ({last.get_period_display()})"


def lkjip_docx(agreement: Agreement) -> bytes:
    """The LKjIP draft as an editable Word document, with the PDF's content."""
    owner = agreement.unit.name if agreement.unit else agreement.pemda.name
    doc = Document()
    doc.heading(
        f"{_('DRAF LAPORAN KINERJA INSTANSI PEMERINTAH')} {agreement.year}\n{owner.upper()}"
    )
    doc.heading(_("Capaian kinerja"), level=2)
    doc.paragraph(f"{_('Capaian keseluruhan')}: {_percent(agreement.capaian)}", bold=True)
    table: list[list[str]] = []
    for s, pairs in lkjip_rows(agreement):
        for n, (i, prev) in enumerate(pairs):
            sasaran = f"{s.code} {s.name}" + (
                f" ({_percent(s.capaian)})" if n == 0 and s.capaian is not None else ""
            )
            target = _number(i.target) + (
                f"–{_number(i.target_max)}" if i.target_max is not None else ""
            )
            table.append(
                [
                    sasaran if n == 0 else "",
                    f"{i.code} {i.name}",
                    f"{target} {i.measure}".strip(),
                    _realisation(i),
                    _percent(i.capaian),
                    _number(prev.target) if prev else "—",
                    _percent(prev.capaian) if prev else "—",
                ]
            )
    doc.table(
        [
            _("Sasaran"),
            _("Indikator"),
            _("Target"),
            _("Realisasi"),
            _("Capaian"),
            _("Target tahun lalu"),
            _("Capaian tahun lalu"),
        ],
        table,
        right=(2, 3, 4, 5, 6),
    )
    generated = formats.date_format(timezone.localtime(), "j F Y H:i")
    doc.paragraph(f"{_('Draf dibuat oleh SIKAP')} {generated}")
    return doc.to_bytes()


def skp_pdf(request: Any, skp: Skp, behaviours: list[tuple[Any, str]]) -> bytes:
    results = list(skp.results.select_related("intervenes", "intervenes_indicator"))
    return _pdf(
        request,
        "performance/skp_pdf.html",
        {"skp": skp, "results": results, "behaviours": behaviours},
    )
