"""Letters no font can print are said, never silently blank (export/blank_letters.py).

The handout's fonts cover Latin, Greek, Cyrillic, Hebrew and Arabic; other scripts fall back to
the fonts of the computer. A letter no font has is drawn as an empty glyph: a Korean quote in a
handout printed where no Korean font is installed vanished from the paper without a word. The
test uses a letter of Unicode's private use planes, which no font anywhere is expected to have.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.export import ExportOptions, export_guide
from reading_guide.export.blank_letters import blank_letters, blank_letters_warning
from reading_guide.storage import save_guide
from tests.export.guides import fixture_guide

NO_FONT = "\U000f0000"  # Supplementary Private Use Area-A: in no font


def _guide_with(text: str):
    guide = fixture_guide()
    questions = list(guide.questions)
    questions[0] = replace(questions[0], text=f"What does {text} mean here?")
    return replace(guide, questions=tuple(questions))


def test_a_letter_no_font_has_is_found_in_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    export_guide(_guide_with(f"the sign {NO_FONT}"), out, ExportOptions("participant"))
    assert blank_letters(out) == [NO_FONT]
    clean = tmp_path / "clean.pdf"
    export_guide(fixture_guide(), clean, ExportOptions("participant"))
    assert blank_letters(clean) == []  # Latin, Greek... all printed: nothing to say


def test_the_command_line_warns_and_still_writes_the_handout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = tmp_path / "g.guide.yaml"
    save_guide(_guide_with(f"the sign {NO_FONT}"), guide)
    out = tmp_path / "h.pdf"
    assert main(["export", str(guide), "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert out.exists() and len(err) == 2
    assert err[0].startswith(f"{out}: participant handout, ")
    assert err[1].startswith(f"reading-guide: warning: {out}: ")
    assert "could not be printed" in err[1] and NO_FONT in err[1]


def test_the_warning_names_the_script_in_words() -> None:
    assert "Hangul" in blank_letters_warning(["한"]) and "한" in blank_letters_warning(["한"])
    assert blank_letters_warning([]) == ""
