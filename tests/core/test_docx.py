"""The minimal .docx writer: a valid package whose text survives escaping exactly."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from sikap.core.docx import Document, xml_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_package_and_text_survive() -> None:
    doc = Document()
    doc.heading("Judul & <sub>\nbaris dua")
    doc.paragraph("  spasi   tetap  ", bold=True)
    doc.paragraph("kontrol\x00\x07\x1f dibuang; tab\ttetap")
    doc.table(["A", "B&B"], [["<x>", "ñ 漢字 🙂 \"'"], [1, None]], right=(1,))
    data = doc.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sorted(z.namelist()) == [
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
            "word/document.xml", "word/styles.xml",
        ]  # fmt: skip
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))  # noqa: S314 - SIKAP's own file, well-formed
        types = z.read("[Content_Types].xml").decode()
        assert "wordprocessingml.document.main+xml" in types
        root = ElementTree.fromstring(z.read("word/document.xml"))  # noqa: S314 - SIKAP's own file
    body = root.find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    runs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
    assert runs == ["Judul & <sub>baris dua", "  spasi   tetap  ", "kontrol dibuang; tab\ttetap"]
    assert paragraphs[0].find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"
    assert len(list(paragraphs[0].iter(f"{W}br"))) == 1
    assert paragraphs[1].find(f"{W}r/{W}rPr/{W}b") is not None
    cells = [
        ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")]
        for tr in body.iter(f"{W}tr")
    ]
    assert cells == [["A", "B&B"], ["<x>", "ñ 漢字 🙂 \"'"], ["1", "None"]]
    aligned = [tc.find(f"{W}p/{W}pPr/{W}jc") for tc in body.iter(f"{W}tc")]
    assert [a.get(f"{W}val") if a is not None else None for a in aligned] == [
        None, "right", None, "right", None, "right",
    ]  # fmt: skip


def test_xml_text() -> None:
    assert xml_text('a<b>&c"') == 'a&lt;b&gt;&amp;c"'
    assert xml_text("\ufffe\x0bok\ud800") == "ok"
