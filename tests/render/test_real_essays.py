"""The real essays in ../shared/import/essays, as issue 13 asks: their real titles, no markup
printed, tables as tables, verse as verse, and a report a person can read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reading_guide.render import import_essay, parse

TITLES = {
    "01-pg-how-to-disagree.txt": "How to Disagree",
    "06-news-from-nowhere-full.txt": "News from Nowhere",
    "14-art-of-cmdline-arabic.md": "فنون أوامر وايعازات لنكس",
    "16-macdowell-folk-song-lecture.txt": "Folk Song and its Relation to Nationalism in Music",
}
_MARKUP = re.compile(r"</?(?:p|a|div|span|b|i|em|strong|br|img|code|table|td|tr|h[1-6]|ul|ol|"
                     r"li|sup|kbd)\b|\]\(|\{%|^#{1,6} |\*\*|~~|\[\^", re.M)


_CACHE: dict[Path, dict] = {}


@pytest.fixture
def essays(shared_dir: Path) -> dict:
    """The six essays imported once for all the tests here."""
    folder = shared_dir / "import" / "essays"
    if folder not in _CACHE:
        _CACHE[folder] = {p.name: import_essay(p) for p in sorted(folder.iterdir())
                          if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.txt"}
    return _CACHE[folder]


def test_every_essay_imports_and_its_markdown_gives_its_document(essays: dict) -> None:
    assert len(essays) == 6
    for name, essay in essays.items():
        assert parse(essay.markdown) == essay.document, name


@pytest.mark.parametrize("name", sorted(TITLES))
def test_real_titles(essays: dict, name: str) -> None:
    assert essays[name].title == TITLES[name]


def test_no_markup_is_printed(essays: dict) -> None:
    for name, essay in essays.items():
        prose = "\n".join(b.text for b in essay.document.blocks if b.kind != "code")
        assert not _MARKUP.search(prose), (name, _MARKUP.search(prose))


def test_gutenberg_licence_is_left_out_and_its_metadata_read(essays: dict) -> None:
    book = essays["06-news-from-nowhere-full.txt"]
    assert "Project Gutenberg" not in book.document.text
    assert (book.author, book.language) == ("William Morris", "en")
    assert [r.kind for r in book.repairs].count("gutenberg") == 1


def test_the_arabic_readme_is_right_to_left_with_its_html_converted(essays: dict) -> None:
    readme = essays["14-art-of-cmdline-arabic.md"]
    assert (readme.language, readme.direction) == ("ar", "rtl")
    assert "<p dir" not in readme.document.text and "href=" not in readme.document.text
    headings = [b.text for b in readme.document.blocks if b.kind == "heading"]
    assert "الأستخدامات اليومية" in headings
    assert any(b.kind == "code" for b in readme.document.blocks)


def test_reports_stay_reviewable(essays: dict) -> None:
    for name, essay in essays.items():
        assert len(essay.report) < 50, name
        joined = [r for r in essay.repairs if r.kind == "joined-paragraph"]
        for r in joined:  # never a table row or a verse line joined as a split paragraph
            assert "\u2028" not in r.before and "\t" not in r.before, (name, r)


def test_the_dialogue_chapter_keeps_every_paragraph(essays: dict, shared_dir: Path) -> None:
    chapter = essays["17-news-from-nowhere-ch2-dialogue.txt"]
    source = (shared_dir / "import" / "essays" / "17-news-from-nowhere-ch2-dialogue.txt"
              ).read_text(encoding="utf-8")
    # Every word, in order; `_are_` (italics in the book) reads as "are", in italics.
    words = [w.replace("_", "") if w.count("_") >= 1 else w for w in source.split()]
    assert chapter.document.text.split() == [w for w in words if w]
