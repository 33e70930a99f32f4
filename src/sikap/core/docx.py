"""A minimal WordprocessingML (.docx) writer: headings, paragraphs and tables, nothing more.

Enough for drafts a user opens in Word or LibreOffice and edits further (the LKjIP draft).
Text is escaped for XML and stripped of the characters XML 1.0 forbids; everything else of
Unicode is kept. Only the standard library is used (zipfile, xml.sax.saxutils).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Characters XML 1.0 does not allow (C0 controls except tab/newline/CR, surrogates, U+FFFE/F).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_MAIN}"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>
</Relationships>"""

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>
<w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
<w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>"""


def xml_text(text: object) -> str:
    """`text` as XML character data: escaped, without the characters XML 1.0 forbids."""
    return escape(_ILLEGAL.sub("", str(text)))


def _run(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = str(text).split("\n")
    parts = []
    for i, line in enumerate(lines):
        if i:
            parts.append("<w:br/>")
        parts.append(f'<w:t xml:space="preserve">{xml_text(line)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>"


def _paragraph(text: str, *, style: str = "", bold: bool = False, align: str = "") -> str:
    props = ""
    if style or align:
        inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:jc w:val="{align}"/>' if align else ""
        )
        props = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{props}{_run(text, bold=bold) if text else ''}</w:p>"


@dataclass
class Document:
    """Blocks in order; `to_bytes()` gives the .docx file."""

    blocks: list[str] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(_paragraph(text, style=f"Heading{min(max(level, 1), 2)}"))

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.blocks.append(_paragraph(text, bold=bold))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        right: Sequence[int] = (),
    ) -> None:
        """A bordered table; `right` lists the columns aligned right (figures)."""

        def cell(value: object, col: int, *, bold: bool) -> str:
            align = "right" if col in right else ""
            return f"<w:tc>{_paragraph(str(value), bold=bold, align=align)}</w:tc>"

        head = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(
            cell(h, i, bold=True) for i, h in enumerate(header)
        )
        body = "".join(
            "<w:tr>" + "".join(cell(v, i, bold=False) for i, v in enumerate(row)) + "</w:tr>"
            for row in rows
        )
        grid = "".join("<w:gridCol/>" for _ in header)
        self.blocks.append(
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{head}</w:tr>{body}</w:tbl>"
        )

    def document_xml(self) -> str:
        # A landscape A4 page: the LKjIP table is wide.
        section = (
            '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708"'
            ' w:footer="708" w:gutter="0"/></w:sectPr>'
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            f"{''.join(self.blocks)}{section}</w:body></w:document>"
        )

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            z.writestr("word/styles.xml", _STYLES)
            z.writestr("word/document.xml", self.document_xml())
        return buffer.getvalue()
