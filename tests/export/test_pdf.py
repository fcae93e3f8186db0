"""The printed handouts, read back from the PDF: what a reader actually gets on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, build_html, export_guide, render_pdf
from tests.export.conftest import pdf_text
from tests.export.guides import SECRET, fixture_guide


def _fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names


@pytest.mark.parametrize("variant", ["participant", "questions"])
def test_no_private_text_in_the_participant_pdfs(rendered: dict[str, Path], variant: str):
    text = "\n".join(pdf_text(rendered[variant]))
    assert SECRET not in text
    assert "What would a map say instead?" not in text
    assert "Agenda" not in text


def test_facilitator_pdf_has_notes_follow_ups_and_agenda(rendered: dict[str, Path]):
    text = "\n".join(pdf_text(rendered["facilitator"]))
    assert "Agenda" in text
    assert f"{SECRET} follow-up" in text and f"{SECRET} facilitator" in text
    assert "10 min over" in text


def test_participant_pdf_pages_numbers_and_references(rendered: dict[str, Path]):
    pages = pdf_text(rendered["participant"])
    total = len(pages)
    assert total >= 2
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {total}" in page
    text = "\n".join(pages)
    for question in fixture_guide().questions:
        assert question.text in text.replace("\n", " ")
    assert "¶5–6" in text and "¶9" in text
    # "see page N" resolved to a real page number where the passage is printed
    refs = [int(n) for n in re.findall(r"see page (\d+)", text)]
    assert len(refs) == 6  # q1, q2, q3, q4, q6, q8 have placed passages; q5's is not found
    essay_page = next(i for i, p in enumerate(pages, 1) if "oldest form of thinking" in p)
    assert refs[0] == essay_page
    assert all(1 <= n <= total for n in refs)
    # paragraph numbers in the margin, 1..9: each printed as its own text run
    runs: list[str] = []
    for page in PdfReader(rendered["participant"]).pages:
        page.extract_text(visitor_text=lambda text, *args: runs.append(text.strip()))
    assert {str(n) for n in range(1, 10)} <= set(runs)


def test_running_header_bookmarks_and_metadata(rendered: dict[str, Path]):
    reader = PdfReader(rendered["participant"])
    assert reader.metadata.title == "On Walking — Discussion guide"
    assert reader.metadata.author == "A. Walker"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    # A short glossary prints before the essay (not alone on a last page).
    assert titles[:4] == ["On Walking", "Introduction", "Glossary", "The essay"]
    assert "Questions" in titles and "Glossary" in titles
    assert "On Walking" in (reader.pages[1].extract_text() or "")  # running header


def test_pdf_is_tagged_for_screen_readers(rendered: dict[str, Path]):
    root = PdfReader(rendered["participant"]).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root.get("/Lang") == "en"
    roles: set[str] = set()

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S"):
            roles.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/BlockQuote", "/L"} <= roles  # structure, not just text


def test_bundled_fonts_are_embedded(rendered: dict[str, Path]):
    fonts = " ".join(_fonts(rendered["participant"]))
    # @font-face fonts are embedded under their CSS family names
    assert "RG-Serif" in fonts and "RG-Serif-Italic" in fonts and "RG-Serif-Bold" in fonts
    assert "RG-Sans" in fonts


def test_missing_fonts_fall_back_to_a_generic_family(tmp_path: Path):
    html = build_html(fixture_guide(), ExportOptions("questions"), fonts_dir=tmp_path)
    out = tmp_path / "fallback.pdf"
    assert render_pdf(html, out) >= 1
    fonts = " ".join(_fonts(out))
    assert fonts and "RG-" not in fonts  # a generic family took over
    assert "What does the author mean" in pdf_text(out)[0]


@pytest.mark.parametrize("paper,size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(tmp_path: Path, paper: str, size: tuple[int, int]):
    out = tmp_path / f"{paper}.pdf"
    export_guide(fixture_guide(), out, ExportOptions("questions", paper))
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_large_print_uses_more_pages_with_16pt_text(tmp_path: Path, rendered: dict[str, Path]):
    out = tmp_path / "large.pdf"
    pages = export_guide(fixture_guide(), out, ExportOptions("participant", large_print=True))
    assert pages > len(PdfReader(rendered["participant"]).pages)
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):  # the body text's effective size on page 2
        if text.strip():
            sizes.append(round(size * tm[0], 1))

    PdfReader(out).pages[1].extract_text(visitor_text=visit)
    assert max(set(sizes), key=sizes.count) >= 16


def test_fillable_pdf_has_a_text_field_per_writing_space(tmp_path: Path):
    out = tmp_path / "fill.pdf"
    guide = fixture_guide()
    export_guide(guide, out, ExportOptions("participant", fillable=True))
    fields = PdfReader(out).get_fields() or {}
    answers = [name for name in fields if name.startswith("answer-")]
    assert len(answers) == sum(1 for q in guide.questions if q.answer_lines)
    assert all(fields[name].get("/FT") == "/Tx" for name in answers)


def test_weasyprint_accepts_all_of_the_handout_css(tmp_path: Path, caplog):
    """WeasyPrint drops CSS it does not support with only a log line: there must be none."""
    import logging

    caplog.set_level(logging.WARNING, logger="weasyprint")
    for options in (ExportOptions("facilitator", "letter", True, True), ExportOptions()):
        render_pdf(build_html(fixture_guide(), options), tmp_path / "w.pdf",
                   forms=options.fillable)
    problems = [r.getMessage() for r in caplog.records
                if r.name.startswith("weasyprint") and r.levelno >= logging.WARNING
                and "HarfBuzz" not in r.getMessage()]
    assert problems == []


def test_writing_space_stays_on_the_page_of_its_question(tmp_path: Path):
    """Fillable mode makes the writing space a form field, whose page can be read back."""
    from tests.export.guides import long_guide

    guide = long_guide(paragraphs=6, questions=40)
    out = tmp_path / "kept.pdf"
    export_guide(guide, out, ExportOptions("participant", fillable=True))
    reader = PdfReader(out)
    field_page, question_page = {}, {}
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            name = str(annot.get_object().get("/T", ""))
            if name.startswith("answer-"):
                field_page[int(name.removeprefix("answer-"))] = i
        for n in re.findall(r"Question (\d+):", page.extract_text() or ""):
            question_page[int(n)] = i
    assert len(field_page) == 40 and len(set(field_page.values())) > 2
    assert field_page == question_page
