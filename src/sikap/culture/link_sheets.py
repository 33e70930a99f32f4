"""Printable survey link sheets: per unit, cards of QR code and short code with cut lines.

A sheet names the campaign and the unit, never a person; the codes on it exist only in this
output (SIKAP keeps their hashes), so the PDF is made once, when the codes are issued.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import qrcode
from django.template.loader import render_to_string

from sikap.culture import domain
from sikap.culture.models import Campaign


@dataclass(frozen=True)
class Card:
    code: str
    url: str
    qr: str


@dataclass
class Sheet:
    unit_code: str
    unit_name: str
    cards: list[Card] = field(default_factory=list)


def qr_data_uri(url: str, *, box_size: int = 4) -> str:
    """The QR code of `url` as a PNG data URI (no file is written, nothing is kept)."""
    image = qrcode.make(url, box_size=box_size, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def sheets_for(issued: Iterable[domain.IssuedToken], base: str) -> list[Sheet]:
    """Cards grouped by unit, in unit code order, each unit's cards in the shuffled order of
    issue (so a card's place says nothing of whom it was issued for)."""
    sheets: dict[str, Sheet] = {}
    for t in issued:
        sheet = sheets.setdefault(t.unit_code, Sheet(t.unit_code, t.unit_name))
        url = domain.survey_link(t.token, base)
        sheet.cards.append(Card(code=t.token, url=url, qr=qr_data_uri(url)))
    return [sheets[code] for code in sorted(sheets)]


def sheets_pdf(*, campaign: Campaign, sheets: list[Sheet], base: str, request: Any = None) -> bytes:
    """One PDF, each unit starting on a new page: a heading, how to hand the cards out, and
    cards with dashed cut lines (QR code, the short code, the address to type it at)."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_to_string(
        "culture/link_sheets_pdf.html",
        {
            "campaign": campaign,
            "sheets": sheets,
            "address": domain.survey_address(base),
            "k": domain.min_group_size(),
        },
        request=request,
    )
    css = finders.find("culture/link_sheets.css")
    sheets_css = [CSS(filename=str(css))] if css else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets_css))
