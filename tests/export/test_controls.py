"""Control characters in user text never reach the handout.

A guide can hold C0 control characters: pasted into a question, or written by hand in the YAML
file ("\\a", "\\e" in a double-quoted string). They are not printable; HTML forbids them, and
WeasyPrint printed each as a blank, so "Bell<BEL>here" came out as "Bell here" on paper. The
handout leaves them out; the guide keeps them (nothing the user wrote is changed in the file).
"""

from __future__ import annotations

import re

import pytest

from reading_guide.export import ExportOptions, build_html, render_pdf
from tests.export.conftest import pdf_text
from tests.export.guides import fixture_guide

CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
_ANY_CONTROL = re.compile(f"[{re.escape(CONTROLS)}]")


def _guide_with_controls():
    guide = fixture_guide()
    guide.title = "Title\x07 with a bell"
    guide.session.group = "Group\x1bwith escape"
    for q in guide.questions:
        q.text = "Bell\x07here and escape\x1b[31mthere " + q.text
        q.follow_ups = ["Follow\x00up\x08"]
        q.facilitator_note = "Note\x0bwith vertical tab"
    for h in guide.highlights:
        h.note = "Note\x0cform feed"
    guide.glossary[0].definition = "Defined\x01here"
    return guide


@pytest.mark.parametrize("variant", ["participant", "facilitator", "questions"])
def test_no_control_character_reaches_the_html(variant: str) -> None:
    guide = _guide_with_controls()
    html = build_html(guide, ExportOptions(variant=variant))
    assert _ANY_CONTROL.findall(html) == []
    assert "Bellhere and escape[31mthere" in html
    assert guide.questions[0].text.startswith("Bell\x07here")  # the guide itself is untouched


def test_the_pdf_prints_the_words_without_blanks(tmp_path) -> None:
    out = tmp_path / "controls.pdf"
    render_pdf(build_html(_guide_with_controls(), ExportOptions(variant="questions")), out)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Bellhere and escape[31mthere" in text
