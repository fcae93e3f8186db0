"""The HTML handout stands alone: no font files, no local paths, paragraph numbers and
callouts inside the page in a browser, a readable column."""

from __future__ import annotations

import re
from pathlib import Path

from reading_guide.export import ExportOptions, export_guide
from reading_guide.resources import resource_path
from tests.export.guides import fixture_guide


def test_html_names_no_font_file_and_no_local_path(tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    export_guide(fixture_guide(), out, ExportOptions("facilitator"))
    html = out.read_text(encoding="utf-8")
    assert "file:" not in html and "@font-face {" not in html
    assert str(resource_path()) not in html
    assert 'class="variant-facilitator paper-a4 browser"' in html
    assert re.search(r"max-width: 36em", html)  # about 70 characters a line
    assert 'class="pn"' in html and 'class="callout"' in html


def test_the_key_line_explains_only_the_marks_the_handout_prints(tmp_path: Path) -> None:
    """A handout whose passages no question asks about has no "Q 3" callouts: its key line must
    not tell readers to look for them (a freshly imported essay printed before any question)."""
    from dataclasses import replace

    with_questions = fixture_guide()
    without = replace(with_questions, questions=())
    for guide, name in ((with_questions, "with.html"), (without, "without.html")):
        export_guide(guide, tmp_path / name, ExportOptions("participant"), fmt="html")
    with_key = (tmp_path / "with.html").read_text(encoding="utf-8")
    without_key = (tmp_path / "without.html").read_text(encoding="utf-8")
    assert "“Q 3” in the right margin" in with_key and 'class="callout"' in with_key
    assert 'class="callout"' not in without_key
    assert "paragraph numbers (¶)" in without_key and "“Q 3”" not in without_key
