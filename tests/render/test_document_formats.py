"""Word, OpenDocument, EPUB and PDF essays: what a facilitator gets from each (generated files,
plus the generated two-column paper in tests/data/documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.render.documents import ImportedDocument, import_document, list_chapters
from reading_guide.render.pdf_import import SCAN_MESSAGE
from tests.render.documents_gen import docx, epub, odt, w_paragraph, write


def _imported(path: Path, **kwargs: object) -> ImportedDocument:
    essay = import_document(path, **kwargs)  # type: ignore[arg-type]
    assert isinstance(essay, ImportedDocument)
    return essay


def test_word_headings_paragraphs_title_and_author(tmp_path: Path) -> None:
    body = (w_paragraph("On Slow Reading", "Title") + w_paragraph("First words of the essay.")
            + w_paragraph("A Heading", "Heading1") + w_paragraph("More words here."))
    essay = _imported(write(tmp_path / "e.docx", docx(body, creator="Ann Author")))
    assert essay.title == "On Slow Reading"
    assert essay.author == "Ann Author"
    assert [b.kind for b in essay.document.blocks] == ["heading", "paragraph", "heading",
                                                      "paragraph"]
    assert essay.origin is not None and (essay.origin.file, essay.origin.format) == (
        "e.docx", "docx")


def test_opendocument_styles_notes_tables_and_metadata(tmp_path: Path) -> None:
    styles = ('<style:style style:name="T1" style:family="text"><style:text-properties '
              'fo:font-style="italic"/></style:style>')
    body = ('<text:h text:outline-level="1">Report</text:h>'
            '<text:p>Plain and <text:span text:style-name="T1">slanted</text:span> words'
            '<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>'
            "A note.</text:p></text:note-body></text:note> end.</text:p>"
            "<table:table><table:table-row><table:table-cell><text:p>cell one</text:p>"
            "</table:table-cell></table:table-row></table:table>")
    path = write(tmp_path / "r.odt", odt(body, title="The Report", creator="Bo",
                                          language="fr-CA", styles=styles))
    essay = _imported(path)
    text = essay.document.text
    assert essay.title == "The Report" and essay.author == "Bo" and essay.language == "fr-CA"
    assert "Plain and slanted words[1] end." in text
    assert "A note." in text and "cell one" in text
    assert "*slanted*" in essay.markdown


def test_epub_chapters_listed_and_one_or_a_range_imported(tmp_path: Path) -> None:
    chapters = [(f"Chapter {n}", f"<p>Words of chapter {n}.</p><img src='x.png' alt='x'/>")
                for n in (1, 2, 3)]
    path = write(tmp_path / "b.epub", epub(chapters, title="The Book", author="Cy"))
    assert [(c.number, c.title) for c in list_chapters(path)] == [
        (1, "Chapter 1"), (2, "Chapter 2"), (3, "Chapter 3")]
    one = _imported(path, chapter="2")
    assert "Words of chapter 2." in one.document.text
    assert "chapter 1" not in one.document.text and "chapter 3" not in one.document.text
    assert one.title == "The Book: Chapter 2" and one.author == "Cy"
    assert one.origin is not None and one.origin.chapter == "2"
    assert any(r.kind == "dropped-image" for r in one.repairs)  # pictures are left out, said so
    several = _imported(path, chapter="2-3")
    assert "chapter 3." in several.document.text and "chapter 1." not in several.document.text
    whole = _imported(path)
    assert "chapter 1." in whole.document.text and whole.title == "The Book"
    with pytest.raises(InputError, match="chapters 1 to 3"):
        import_document(path, chapter="4")


def test_chapter_is_refused_for_other_files(tmp_path: Path) -> None:
    path = write(tmp_path / "e.docx", docx(w_paragraph("Words.")))
    with pytest.raises(InputError, match="EPUB"):
        import_document(path, chapter="1")


def test_two_column_paper_reads_as_a_reader_would(data_dir: Path) -> None:
    essay = _imported(data_dir / "documents" / "two-column-paper.pdf")
    text = essay.document.text
    assert essay.title == "Reading Closely Together"
    assert essay.origin is not None and essay.origin.pages == "1-4"
    # Hyphenated line ends rejoined, compounds keep their hyphen, ligatures are letters.
    for words in ("internationalization, responsibility, understanding, communication",
                  "photocopies of journal articles", "a well-known author",
                  "a follow-up question", "the official office staff found the difficult "
                  "final figures baffling, and the affluent officials"):
        assert words in text
    # Columns in order: each paragraph whole, in the order written.
    assert text.index("Reading groups flourish") < text.index("The difficulty is that essays")
    assert text.index("The difficulty") < text.index("Consider the hyphenation")
    # Furniture gone: running head, page numbers, slug line, table of contents.
    for furniture in ("The Journal of Reading Groups", "proof-0412.indd", ". . . .",
                      "Printing the handout"):
        assert furniture not in text
    # ... with its title: the essay starts at its own first heading, not at "Contents".
    assert essay.document.blocks[0].text == "Reading Closely Together"
    # The footnote stands apart, after its paragraph, and its marker left the sentence.
    assert "where a claim comes from. The text then goes on" in text
    note = next(b for b in essay.document.blocks if "Tuesday reading group" in b.text)
    assert note.kind == "quote" and note.text.startswith("Note 1:")
    kinds = {r.kind for r in essay.repairs}
    assert {"removed-furniture", "rejoined-hyphenation", "moved-footnotes"} <= kinds


def test_a_scan_is_refused_with_the_clear_message(data_dir: Path) -> None:
    path = data_dir / "documents" / "scanned-page.pdf"
    with pytest.raises(InputError) as caught:
        import_document(path)
    assert str(caught.value) == f"{path}: {SCAN_MESSAGE}"
