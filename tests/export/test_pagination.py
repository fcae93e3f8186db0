"""Pagination rules, checked on the printed pages of real handouts (not by eye alone):
0 questions parted from their writing space and 0 headings at a page foot, across the sample
guide, the seed essay (../shared) and a 40-question stress guide, on A4 and Letter, in normal
and large print; a questions sheet of 12 questions on one page; Letter at most one page longer
than A4; "see page N" where the passage really starts.

Two readings of each handout: WeasyPrint's laid-out pages (the boxes written to the PDF:
where each question's text and writing space are) and the written PDF itself (its bookmarks
say where each heading is; its text says what follows it on that page).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, export_guide
from reading_guide.export.fit import lay_out_handout
from reading_guide.export.handout import parse_essay
from reading_guide.export.pdf import write_document
from reading_guide.model import Guide, Question
from tests.export.guides import fixture_guide, seed_guide, stress_guide

GUIDES = ("sample", "seed", "stress")
_cache: dict[str, Guide] = {}


def _guide(name: str, shared: Path | None) -> Guide:
    if name not in _cache:
        if name == "sample":
            from reading_guide.storage import load_guide

            _cache[name] = load_guide(Path(__file__).resolve().parents[2] / "guides"
                                      / "sample.guide.yaml")
        elif name == "stress":
            _cache[name] = stress_guide()
        else:
            assert shared is not None
            _cache[name] = seed_guide(sorted((shared / "essays").glob("*.txt"))[0])
    return _cache[name]


@pytest.fixture
def guide_for(request: pytest.FixtureRequest):
    def make(name: str) -> Guide:
        shared = request.getfixturevalue("shared_dir") if name == "seed" else None
        return _guide(name, shared)
    return make


def stranded_in_pdf(path: Path) -> list[tuple[int, str]]:
    """Headings (from the PDF's bookmarks) with no text below them on their page but the
    page number: (page, heading)."""
    reader = PdfReader(path)
    found = []
    outline = list(_flatten(reader.outline))
    for item in outline:
        page = reader.get_destination_page_number(item)
        if page >= len(reader.pages) - 1:
            continue  # the last page: nothing can follow
        top = float(item.top) if item.top is not None else 0.0
        below: list[str] = []

        def visit(text, cm, tm, font, size, below=below, top=top):
            y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
            if text.strip() and y < top - 30:
                below.append(text)

        reader.pages[page].extract_text(visitor_text=visit)
        body = [t for t in below if not re.fullmatch(r"\s*Page \d+ of \d+\s*", t)]
        if not body:
            found.append((page + 1, str(item.title)))
    return found


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


CASES = [(g, paper, large, "participant") for g in GUIDES for paper in ("a4", "letter")
         for large in (False, True)]
CASES += [(g, "a4", True, "facilitator") for g in GUIDES]


@pytest.mark.parametrize("name,paper,large,variant", CASES)
def test_no_parted_question_and_no_stranded_heading(
    guide_for, tmp_path: Path, name: str, paper: str, large: bool, variant: str
) -> None:
    guide = guide_for(name)
    options = ExportOptions(variant, paper, large)
    document, report = lay_out_handout(guide, options, parse_essay(guide))
    assert report.parted_questions() == []
    assert report.stranded == []
    answered = sum(1 for q in guide.questions if q.answer_lines)
    assert sum(1 for p in report.questions.values() if p.writing_pages) == answered
    out = tmp_path / "handout.pdf"
    write_document(document, out)
    assert stranded_in_pdf(out) == []


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_twelve_questions_fit_one_sheet(tmp_path: Path, paper: str) -> None:
    guide = fixture_guide()
    guide.questions = [Question(f"q{i}", f"Question {i + 1}: what does the author mean by the "
                                f"passage, and do you agree with the claim it makes?",
                                kind=("factual", "interpretive", "evaluative")[i % 3],
                                stage=("opening", "core", "core", "closing")[i % 4])
                       for i in range(12)]
    out = tmp_path / "sheet.pdf"
    assert export_guide(guide, out, ExportOptions("questions", paper)) == 1
    text = PdfReader(out).pages[0].extract_text()
    assert all(f"Question {i + 1}:" in text for i in range(12))


@pytest.mark.parametrize("name", GUIDES)
def test_letter_is_at_most_one_page_longer_than_a4(guide_for, tmp_path: Path, name: str):
    guide = guide_for(name)
    pages = {paper: export_guide(guide, tmp_path / f"{paper}.pdf", ExportOptions(
        "participant", paper)) for paper in ("a4", "letter")}
    assert pages["letter"] <= pages["a4"] + 1, pages


def test_see_page_is_where_the_passage_starts(guide_for, tmp_path: Path) -> None:
    """Each "see page N" names the page that holds the first words of its passage."""
    guide = guide_for("sample")
    out = tmp_path / "refs.pdf"
    export_guide(guide, out, ExportOptions("participant", "letter", large_print=True))
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    numbers = guide.question_numbers()
    checked = 0
    for q in guide.questions:
        h = guide.highlight(q.highlight) if q.highlight else None
        if h is None or h.position is None:
            continue
        words = " ".join(h.quote.exact.split()[:3])
        first = next(i for i, p in enumerate(pages, 1) if words in p)
        n = numbers[q.id]
        page_of_question = next(i for i, p in enumerate(pages, 1)
                                if re.search(rf"(^| ){n} {re.escape(q.text[:20])}", p))
        found = re.search(r"see page (\d+)", pages[page_of_question - 1][
            pages[page_of_question - 1].index(q.text[:20]):])
        assert found and int(found.group(1)) == first, (q.id, words)
        checked += 1
    assert checked >= 5
