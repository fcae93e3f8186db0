"""What a reader gets on paper, read back from the PDFs: only bundled fonts, large print with
nothing under 14 pt, Hebrew words in right-to-left order around marks (from glyph positions),
no warnings on stderr, 300 highlights on one passage."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, export_guide
from reading_guide.export.fonts import BUNDLED_PREFIXES
from reading_guide.model import Highlight, Position, Question, Quote
from tests.export.conftest import pdf_text
from tests.export.guides import HEBREW_MARKS, fixture_guide, hebrew_guide, stress_guide

pdffonts = shutil.which("pdffonts")
pdftotext = shutil.which("pdftotext")


def _font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont")).lstrip("/"))
    return names


def _bundled(name: str) -> bool:
    family = name.split("+", 1)[-1]
    return any(family == p or family.startswith(p + "-") for p in BUNDLED_PREFIXES)


@pytest.mark.parametrize("which", ["fixture", "hebrew", "stress"])
@pytest.mark.parametrize("variant", ["participant", "facilitator"])
def test_only_bundled_fonts(tmp_path: Path, which: str, variant: str) -> None:
    guide = {"fixture": fixture_guide, "hebrew": hebrew_guide, "stress": stress_guide}[which]()
    out = tmp_path / "fonts.pdf"
    export_guide(guide, out, ExportOptions(variant, large_print=which == "hebrew"))
    names = _font_names(out)
    assert names and all(_bundled(n) for n in names), names
    if pdffonts:  # the tool the issue names, where it is installed
        listing = subprocess.run([pdffonts, str(out)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        assert listing and all(_bundled(line.split()[0]) for line in listing), listing


def test_large_print_has_no_text_under_14pt(tmp_path: Path) -> None:
    out = tmp_path / "large.pdf"
    guide = fixture_guide()
    export_guide(guide, out, ExportOptions("facilitator", "letter", large_print=True))
    sizes: list[float] = []
    for page in PdfReader(out).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                sizes.append(round(size * scale, 1))
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 14, sorted(set(sizes))[:5]
    assert 16.0 in sizes  # the essay's body text


@pytest.mark.skipif(pdftotext is None, reason="needs pdftotext (poppler-utils)")
def test_hebrew_words_keep_right_to_left_order_around_marks(tmp_path: Path) -> None:
    """Each marked passage and the words around it: from right to left on the page in the
    order they are written, whatever the marks cut (a one-letter prefix included)."""
    out = tmp_path / "hebrew.pdf"
    export_guide(hebrew_guide(), out, ExportOptions("participant"))
    html = subprocess.run([pdftotext, "-bbox", "-f", "1", "-l", "1", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    import re

    boxes = [(float(m.group(1)), float(m.group(3)), float(m.group(2)), m.group(5))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                  r'yMax="([\d.]+)">([^<]*)</word>', html)]
    first = next(b for b in boxes if b[3] in ("המאמר", "המאמר"[::-1])
                 and any(o[3] in ("מותרות", "מותרות"[::-1]) for o in boxes
                         if abs(o[2] - b[2]) < 2))
    # the words of that line in the text column (the paragraph number is in the margin)
    line = sorted((b for b in boxes if abs(b[2] - first[2]) < 2 and b[0] > 100
                   and b[1] <= first[1] + 1),
                  key=lambda b: -b[1])  # right to left
    # Runs that touch are one word (a mark may start inside a word: ש|קריאה).
    words: list[str] = []
    right = None
    for x_min, x_max, _, text in line:
        piece = text[::-1] if any("\u0590" <= ch <= "\u05ff" for ch in text) else text
        if right is not None and right - x_max < 0.5:
            words[-1] += piece
        else:
            words.append(piece)
        right = x_min
    logical = [w for w in "המאמר הזה טוען שקריאה איטית איננה מותרות.".split()]
    assert words[:len(logical)] == logical, words
    assert HEBREW_MARKS[0] in " ".join(words)


def test_300_highlights_on_one_passage_print(tmp_path: Path) -> None:
    """Once a RecursionError in PDF export: marks never nest deeper than two."""
    guide = fixture_guide()
    text = guide.essay.text
    from reading_guide.render import parse

    doc = parse(text)
    exact = "Walking is the oldest form of thinking"
    start = doc.text.index(exact)
    guide.highlights = [Highlight(f"x{i}", "k0", Quote(exact), Position(start, start + len(
        exact))) for i in range(300)]
    guide.questions = [Question(f"q{i}", f"About passage {i}?", f"x{i}", answer_lines=1)
                       for i in range(300)]
    out = tmp_path / "many.pdf"
    pages = export_guide(guide, out, ExportOptions("participant"))
    assert pages >= 2
    assert "oldest form of thinking" in " ".join(" ".join(pdf_text(out)).split())


def test_no_warnings_on_stderr(tmp_path: Path) -> None:
    """A command-line export of a Hebrew guide with an Arabic question prints one line."""
    from reading_guide.storage import dumps_guide

    guide_file = tmp_path / "hebrew.guide.yaml"
    guide_file.write_text(dumps_guide(hebrew_guide()), encoding="utf-8")
    out = tmp_path / "hebrew.pdf"
    done = subprocess.run([sys.executable, "-W", "default", "-m", "reading_guide", "export",
                           str(guide_file), "-o", str(out), "--variant", "facilitator"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(str(out)), done.stderr
