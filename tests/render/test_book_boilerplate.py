"""What a book file carries that is not the book: Project Gutenberg's header and licence inside
HTML and EPUB editions, and pictures, which a reader is told about in words, not as markup."""

from __future__ import annotations

from pathlib import Path

from reading_guide.render import import_essay_text
from reading_guide.render.documents import import_document
from tests.render.documents_gen import epub, write

PG_HEADER = ('<div class="pg-boilerplate pgheader section" id="pg-header" lang="en">'
             "<h2>The Project Gutenberg eBook of Winter Games</h2><p>This ebook is for the use "
             "of anyone anywhere in the United States and most other parts of the world at no "
             "cost.</p><p>Title: Winter Games</p><p>Author: A. Skater</p>"
             "<div>*** START OF THE PROJECT GUTENBERG EBOOK WINTER GAMES ***</div></div>")
PG_FOOTER = ('<div class="pg-boilerplate pgheader section" id="pg-footer" lang="en">'
             "<div>*** END OF THE PROJECT GUTENBERG EBOOK WINTER GAMES ***</div>"
             "<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>1.C. The Project Gutenberg "
             "Literary Archive Foundation owns a compilation copyright.</p></div>")


def test_gutenberg_header_and_licence_are_left_out_of_an_epub(tmp_path: Path) -> None:
    chapters = [("Title page", PG_HEADER + "<h1>WINTER GAMES</h1><p>By A. Skater</p>"),
                ("Chapter I", "<p>The rink was flooded at night.</p>"),
                ("Chapter II", "<p>The last words of the book.</p>" + PG_FOOTER)]
    book = write(tmp_path / "games.epub", epub(chapters, title="Winter Games"))
    essay = import_document(book)
    text = essay.document.text
    assert "The rink was flooded at night." in text and "The last words of the book." in text
    assert "Project Gutenberg" not in text and "compilation copyright" not in text
    assert "START OF THE" not in text and "END OF THE" not in text
    left_out = [r for r in essay.report if r.kind == "gutenberg"]
    assert left_out and all("words" in r.before for r in left_out)  # said, with how much


def test_gutenberg_boilerplate_is_left_out_of_a_saved_html_book() -> None:
    page = (f"<html><body>{PG_HEADER}<h1>Winter Games</h1><p>The rink was flooded at night, "
            f"and by morning it shone.</p><p>The last words of the book.</p>{PG_FOOTER}"
            "</body></html>")
    essay = import_essay_text(page, "html", "games.html")
    assert "The rink was flooded" in essay.document.text
    assert "Project Gutenberg" not in essay.document.text
    assert "gutenberg" in [r.kind for r in essay.report]


def test_a_picture_is_reported_as_a_picture_not_as_markup(tmp_path: Path) -> None:
    chapters = [("One", '<p>Before the plate.</p><img src="plate.jpg" alt="The Cresta run"/>'
                        "<p>After the plate.</p>")]
    essay = import_document(write(tmp_path / "plates.epub", epub(chapters)))
    pictures = [r for r in essay.report if r.kind == "dropped-image"]
    assert len(pictures) == 1 and "The Cresta run" in pictures[0].before
    assert not any("<img" in r.before for r in essay.report)
