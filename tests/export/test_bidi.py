"""User text in the handout is isolated: an unterminated override stays inside its own field.

An essay, a title or a note can contain U+202E (right-to-left override) with no terminator. In
a browser (the HTML export) it would reverse the rest of the line, the app's words included; in
the PDF it reversed whatever shared its text run (the closing quotation mark after a quoted
passage, the date after the group name). Every user field is printed inside `<bdi>`, which
isolates it in browsers and gives it a text run of its own in WeasyPrint.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reading_guide.export import ExportOptions, build_html, export_guide
from tests.export.guides import fixture_guide

RLO = "\u202e"
VOID = {"br", "meta", "link", "img", "hr", "input", "col", "wbr"}


def _hostile_guide():
    guide = fixture_guide()
    guide.title = f"Title {RLO}reversed"
    guide.essay.author = f"Author {RLO}x"
    guide.essay.source = f"Source {RLO}x"
    guide.session.group = f"Group {RLO}x"
    guide.session.date = f"Date {RLO}x"
    guide.session.facilitator = f"Fran {RLO}x"
    for c in guide.categories:
        c.label = f"Label {RLO}x"
    for h in guide.highlights:
        h.note = f"Note {RLO}x"
        if h.position is None:
            h.quote.exact = f"Gone {RLO}x"
    for q in guide.questions:
        q.text = f"Question {RLO}x"
        q.follow_ups = [f"Follow {RLO}x"]
        q.facilitator_note = f"FNote {RLO}x"
    for g in guide.glossary:
        g.term = f"Term {RLO}x"
        g.definition = f"Definition {RLO}x"
    return guide


FIELD_WORDS = ("Title", "Author", "Source", "Group", "Date", "Fran", "Label", "Note", "Gone",
               "Question", "Follow", "FNote", "Term", "Definition")


class _Texts(HTMLParser):
    """Each text node of the body with the tags and classes of the elements around it (and,
    for the direction checks, whether the element has a `dir`: "class dir")."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            found = dict(attrs)
            self.stack.append((tag, (found.get("class") or "") + (" dir" if "dir" in found
                                                                   else "")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((data, list(self.stack)))


def _body_texts(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _Texts()
    parser.feed(html)
    return [(text, stack) for text, stack in parser.texts
            if any(tag == "body" for tag, _ in stack)
            and not any(tag == "style" or "intro" in cls.split() for tag, cls in stack)]


@pytest.mark.parametrize("variant", ["participant", "facilitator", "questions"])
def test_every_user_field_is_isolated(variant: str) -> None:
    """The override is structure, never printed: no text of the handout can reverse the words
    after it, and each field sits in an element of its own direction."""
    html = build_html(_hostile_guide(), ExportOptions(variant))
    assert RLO not in html
    texts = _body_texts(html)
    ui = ("thead", "plabel")  # the app's own "Question" and "Note" labels
    fields = [(t, s) for t, s in texts if t.strip().split()[0] in FIELD_WORDS
              and not any(tag in ui or cls.startswith(ui) for tag, cls in s)]
    assert len(fields) > 5
    for text, stack in fields:
        assert any(tag in ("bdi", "p", "span") and 'dir' in attrs for tag, attrs in stack[-3:]), \
            (text, stack)


def test_the_essay_text_is_isolated_from_numbers_and_callouts() -> None:
    html = build_html(fixture_guide(), ExportOptions("facilitator"))
    essay = [(t, s) for t, s in _body_texts(html) if any("para" in c.split() for _, c in s)]
    assert essay
    for text, stack in essay:
        classes = {c for _, cls in stack for c in cls.split()}
        if classes & {"pn", "callout"}:
            continue  # the app's paragraph number and margin callout
        assert "bdi" in [tag for tag, _ in stack], (text, stack)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_a_quoted_passage_keeps_its_closing_quotation_mark_after_it(tmp_path: Path) -> None:
    out = tmp_path / "bidi.pdf"
    export_guide(_hostile_guide(), out, ExportOptions("facilitator"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Group" in text and "Date" in text
    # Group's override ends with its field: the date is printed after it, forwards.
    line = next(line for line in text.splitlines() if "Group" in line)
    assert line.index("Group") < line.index("Date"), line
