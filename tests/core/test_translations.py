"""The English catalogue is complete, consistent with its source strings and actually served.

The .po is parsed here by hand so that the check needs neither GNU gettext nor a new package.
"""

from __future__ import annotations

import ast
import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# %(name)s, %s, %d, %r, %%… as Python's %-formatting reads them, and str.format fields.
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
NAMED = re.compile(r"%\([^)]*\)[-#0 +]*(?:\d+)?(?:\.\d+)?[a-zA-Z]|\{[A-Za-z_][A-Za-z_0-9]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"django.po line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, without the header and without obsolete (#~) entries."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    pending_flags: set[str] = set()

    def finish() -> None:
        nonlocal current
        if current is not None and current.msgid != "":
            entries.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#,"):
            finish()
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if not line.startswith("#~"):
                finish()
            continue
        if line.startswith('"'):
            assert target is not None and current is not None, f"stray string at line {number}"
            text = ast.literal_eval(line)
            kind, index = target
            if kind == "msgid":
                current.msgid += text
            elif kind == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + text
            else:
                current.msgstr[index or 0] += text
            continue
        keyword, _space, rest = line.partition(" ")
        text = ast.literal_eval(rest)
        if keyword == "msgid":
            finish()
            current = Entry(line=number, msgid=text, flags=pending_flags)
            pending_flags = set()
            target = ("msgid", None)
        elif keyword == "msgid_plural":
            assert current is not None
            current.msgid_plural = text
            target = ("msgid_plural", None)
        elif keyword.startswith("msgstr"):
            assert current is not None
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.msgstr[index] = text
            target = ("msgstr", index)
        else:
            raise AssertionError(f"unexpected line {number}: {raw!r}")
    finish()
    return entries


ENTRIES = parse_po(PO_PATH)


def translations(entry: Entry) -> list[tuple[str, str]]:
    """(source, translation) pairs: the plural msgstr forms are compared with msgid_plural."""
    if entry.msgid_plural is None:
        return [(entry.msgid, entry.msgstr.get(0, ""))]
    return [
        (entry.msgid if index == 0 else entry.msgid_plural, text)
        for index, text in sorted(entry.msgstr.items())
    ]


def test_catalogue_is_not_trivially_small():
    assert len(ENTRIES) > 900
    assert len({(e.msgid, e.msgid_plural) for e in ENTRIES}) == len(ENTRIES)


def test_every_entry_is_translated_and_not_fuzzy():
    problems = []
    for entry in ENTRIES:
        if "fuzzy" in entry.flags:
            problems.append(f"{entry.label} is fuzzy")
        if entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1]:
            problems.append(f"{entry.label} needs msgstr[0] and msgstr[1]")
        for _source, text in translations(entry):
            if not text.strip():
                problems.append(f"{entry.label} has an empty translation")
    assert problems == []


def test_header_is_not_fuzzy_and_declares_utf8_and_english_plurals():
    text = PO_PATH.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert "#, fuzzy" not in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert '"Language: en\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header


def test_placeholders_match_exactly_in_python_format_entries():
    problems = []
    for entry in ENTRIES:
        if "python-format" not in entry.flags:
            continue
        for source, text in translations(entry):
            if Counter(PERCENT.findall(source)) != Counter(PERCENT.findall(text)):
                problems.append(f"{entry.label}: {PERCENT.findall(text)} in {text!r}")
    assert problems == []


def test_named_placeholders_and_html_tags_survive_in_every_entry():
    problems = []
    for entry in ENTRIES:
        for source, text in translations(entry):
            if Counter(NAMED.findall(source)) != Counter(NAMED.findall(text)):
                problems.append(f"{entry.label}: placeholders differ in {text!r}")
            if Counter(TAG.findall(source)) != Counter(TAG.findall(text)):
                problems.append(f"{entry.label}: HTML tags differ in {text!r}")
            if source.endswith("\n") != text.endswith("\n"):
                problems.append(f"{entry.label}: trailing newline differs")
    assert problems == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django serves; a stale one would hide new translations."""
    with MO_PATH.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    stale = []
    for entry in ENTRIES:
        if entry.msgid_plural is None:
            if catalog.get(entry.msgid) != entry.msgstr[0]:
                stale.append(entry.label)
        else:
            for index, text in entry.msgstr.items():
                if catalog.get((entry.msgid, index)) != text:
                    stale.append(f"{entry.label}[{index}]")
    assert stale == []


def test_django_serves_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Kata sandi") == "Password"
        assert translation.gettext("Masuk") == "Log in"
        assert translation.gettext("Unit organisasi (OPD, bidang, seksi, UPT)") == (
            "Organisation units (OPD, division, section, UPT)"
        )
        assert translation.ngettext("%(n)s pegawai", "%(n)s pegawai", 1) == "%(n)s employee"
        assert translation.ngettext("%(n)s pegawai", "%(n)s pegawai", 3) == "%(n)s employees"
    with translation.override("id"):
        assert translation.gettext("Kata sandi") == "Kata sandi"


@pytest.mark.django_db
def test_login_page_in_english_when_the_language_cookie_says_so(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Log in to SIKAP" in html
    assert "Password" in html
    assert "Masuk ke SIKAP" not in html
    assert "Kata sandi" not in html


@pytest.mark.django_db
def test_login_page_in_indonesian_without_a_cookie(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert "Masuk ke SIKAP" in html
    assert "Kata sandi" in html
    assert "Log in to SIKAP" not in html


# The names `makemessages` finds strings by (Django's keywords and xgettext's own). A string
# marked through any other name, e.g. `gettext_lazy as _lazy`, never reaches the catalogue
# and stays Indonesian on an English page, however complete the catalogue looks.
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_every_marked_string_can_be_found_by_makemessages():
    source = Path(settings.BASE_DIR) / "src" / "sikap"
    hidden = []
    files = sorted(source.rglob("*.py"))
    assert len(files) > 100
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                hidden += [
                    f"{path.relative_to(source)}:{node.lineno}: {a.name} as {a.asname}"
                    for a in node.names
                    if a.asname and a.asname not in EXTRACTED and a.name in EXTRACTED
                ]
    assert hidden == []


# Translated at import, a string keeps the language of whoever loaded the module first (the
# Indonesian default), whatever language the page is served in: module and class bodies mark
# strings with the lazy forms.
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _calls_at_import(node: ast.AST, names: set[str], in_function: bool = False) -> list[int]:
    """Lines where `names` are called outside any function (at import: module, class body)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        in_function = True
    found = []
    if (
        not in_function
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in names
    ):
        found.append(node.lineno)
    for child in ast.iter_child_nodes(node):
        found += _calls_at_import(child, names, in_function)
    return found


def test_no_string_is_translated_at_import():
    source = Path(settings.BASE_DIR) / "src" / "sikap"
    eager_calls = []
    for path in sorted(source.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            a.asname or a.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
            for a in node.names
            if a.name in EAGER
        }
        eager_calls += [f"{path.relative_to(source)}:{n}" for n in _calls_at_import(tree, names)]
    assert eager_calls == []
