"""What every SIKAP PDF carries on each page: the Pemda, the report's title, when it was made
and "Halaman n dari m" (WeasyPrint page margin boxes)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _

PAGE_BOX_FONT = "font: 8pt sans-serif; color: #444;"


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string: quotes, backslashes, control characters and `<`
    (so no `</style>` can close the sheet) written as CSS escapes."""

    def esc(m: re.Match[str]) -> str:
        return f"\\{ord(m.group(0)):x} "

    return '"' + re.sub(r'["\\<>\x00-\x1f\x7f]', esc, text) + '"'


def page_css(*, pemda: str, title: str, generated: dt.datetime | None = None) -> str:
    """The @page rules: Pemda top left, title top right, date bottom left, page n of m."""
    when = timezone.localtime(generated or timezone.now())
    made = _("Dibuat oleh SIKAP, %(date)s") % {
        "date": formats.date_format(when, "j F Y H:i"),
    }
    page = css_string(_("Halaman") + " ")
    of = css_string(" " + _("dari") + " ")
    return (
        "@page { size: A4; margin: 2cm 1.8cm;"
        f" @top-left {{ content: {css_string(pemda)}; {PAGE_BOX_FONT} }}"
        f" @top-right {{ content: {css_string(title)}; {PAGE_BOX_FONT} }}"
        f" @bottom-left {{ content: {css_string(made)}; {PAGE_BOX_FONT} }}"
        f" @bottom-right {{ content: {page} counter(page) {of} counter(pages); {PAGE_BOX_FONT} }}"
        " }"
        " svg.chart-line { width: 15cm; } svg.chart-radar { width: 9cm; }"
        " figure { margin: 0 0 1em 0; } figcaption { font-size: 8pt; color: #444; }"
    )


def render(html: str, *, css_files: list[str], page: str, base_url: str | None = None) -> bytes:
    """HTML to PDF bytes with the given stylesheets and the page rules of `page_css`."""
    from weasyprint import CSS, HTML

    sheets = [CSS(filename=f) for f in css_files] + [CSS(string=page)]
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=sheets))
