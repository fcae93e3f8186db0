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
