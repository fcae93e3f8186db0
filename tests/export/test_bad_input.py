"""Bad input gives a good PDF or one clear line: never a traceback, never half a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.errors import InputError
from reading_guide.export import ExportOptions, export_guide
from reading_guide.model import Question
from tests.export.conftest import pdf_text
from tests.export.guides import fixture_guide, long_guide


def test_orphaned_highlights_keep_their_questions(tmp_path: Path):
    guide = fixture_guide()
    for h in guide.highlights:
        h.position = None  # every passage lost
    out = tmp_path / "orphans.pdf"
    export_guide(guide, out, ExportOptions("participant"))
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "Passages not found" in text
    assert "Walking is the oldest form of thinking" in text
    for q in guide.questions:
        assert q.text in text
    assert "see page" not in text


def test_empty_essay_prints_the_questions(tmp_path: Path):
    guide = fixture_guide()
    guide.essay.text = ""
    out = tmp_path / "empty.pdf"
    assert export_guide(guide, out, ExportOptions("participant")) >= 1
    text = " ".join(pdf_text(out))
    assert "no essay text" in text and guide.questions[0].text in text


def test_a_2000_character_question_prints_whole(tmp_path: Path):
    guide = fixture_guide()
    words = " ".join(f"word{i}" for i in range(300))[:2000]
    guide.questions.insert(0, Question("long", words, answer_lines=6))
    out = tmp_path / "long-question.pdf"
    export_guide(guide, out, ExportOptions("participant"))
    text = " ".join(" ".join(pdf_text(out)).split())
    last_word = words.split()[-1]
    assert "word0 word1" in text and f" {last_word}" in text


def test_300_questions(tmp_path: Path):
    guide = long_guide(paragraphs=20, questions=300)
    out = tmp_path / "many.pdf"
    pages = export_guide(guide, out, ExportOptions("questions"))
    text = "\n".join(pdf_text(out))
    assert pages == len(PdfReader(out).pages) > 2
    assert "Question 1:" in text and "Question 300:" in text


@pytest.mark.parametrize("make_target", [
    lambda tmp: tmp / "no-such-folder" / "out.pdf",
    lambda tmp: tmp / "a-file" / "out.pdf",
    lambda tmp: tmp,
])
def test_unwritable_output_is_one_line_naming_the_file(tmp_path: Path, make_target):
    (tmp_path / "a-file").write_text("x")
    target = make_target(tmp_path)
    with pytest.raises(InputError) as info:
        export_guide(fixture_guide(), target, ExportOptions("questions"))
    message = str(info.value)
    assert str(target) in message and "\n" not in message


def test_failed_export_leaves_neither_output_nor_temporary_file(tmp_path: Path, monkeypatch):
    import reading_guide.export.api as api

    def boom(guide, options, document, tmp, *args):
        Path(tmp).write_bytes(b"%PDF-half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(api, "_write_pdf", boom)
    out = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError):
        export_guide(fixture_guide(), out, ExportOptions("questions"))
    assert list(tmp_path.iterdir()) == []


def test_html_format_from_the_extension(tmp_path: Path):
    out = tmp_path / "handout.html"
    assert export_guide(fixture_guide(), out, ExportOptions("participant")) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cancel_in_process_raises_and_leaves_no_file(tmp_path: Path):
    from reading_guide.export import ExportCancelled

    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # cancel once WeasyPrint is under way

    out = tmp_path / "out.pdf"
    with pytest.raises(ExportCancelled):
        export_guide(fixture_guide(), out, ExportOptions("participant"), cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_one_huge_paragraph_lays_out_in_pieces(tmp_path: Path):
    """A paragraph of 60,000 characters prints whole, its text given to WeasyPrint in pieces
    (one text box of it used to cost time in the square of its length)."""
    import re

    from reading_guide.export import build_html
    from reading_guide.export.inline import CHUNK

    guide = fixture_guide()
    sentence = "The reader follows the argument from claim to evidence and back again. "
    guide.essay.text = "# Long\n\n" + sentence * 850 + "\n"
    guide.highlights = []
    for q in guide.questions:
        q.highlight = None
    html = build_html(guide, ExportOptions("participant"))
    para = html[html.index('id="p1"'):]
    para = para[:para.index("</p>")]
    pieces = re.findall(r">([^<]+)<", para)
    assert max(len(p) for p in pieces) <= CHUNK
    out = tmp_path / "long.pdf"
    pages = export_guide(guide, out, ExportOptions("participant"))
    assert pages >= 10
    text = " ".join(" ".join(pdf_text(out)).split())
    assert text.count("back again.") >= 840  # every sentence printed (a few may hyphenate)
