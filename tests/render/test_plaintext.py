"""Plain text as people have it: Gutenberg books, poems, code, page numbers (issue 13, build 4)."""

from __future__ import annotations

from reading_guide.render import import_essay_text
from reading_guide.render.display import shown

GUTENBERG = """The Project Gutenberg eBook of Songs, by A. Poet

This eBook is for the use of anyone anywhere.

Title: Songs of the Commons

Author: A. Poet

Language: French

*** START OF THE PROJECT GUTENBERG EBOOK SONGS ***




CHAPTER I

The first chapter is prose, wrapped at about seventy columns as books
in the archive are, and its lines are joined into one paragraph.

    The river runs,
      the mill wheel turns,
    and no one owns
      the light that burns.

12

The second paragraph comes after a page number that was left on its own
line, like this one.

13

[Pg 14]A third one, with a page marker inside it.

15

*** END OF THE PROJECT GUTENBERG EBOOK SONGS ***

Licence text that is not the book.
"""


def txt(text: str):
    return import_essay_text(text, "markdown", "book.txt")


def test_gutenberg_header_footer_page_numbers_and_verse() -> None:
    essay = txt(GUTENBERG)
    text = essay.document.text
    assert "Project Gutenberg" not in text and "Licence text" not in text
    assert (essay.title, essay.author, essay.language) == ("Songs of the Commons", "A. Poet", "fr")
    kinds = [b.kind for b in essay.document.blocks]
    assert kinds == ["heading", "paragraph", "verse", "paragraph", "paragraph"]
    verse = essay.document.blocks[2]
    assert [verse.text[a:b] for a, b in verse.lines()] == [
        "The river runs,", "the mill wheel turns,", "and no one owns", "the light that burns."]
    assert verse.text == ("The river runs, the mill wheel turns, and no one owns the light "
                          "that burns.")
    assert "12" not in text.split() and "[Pg" not in text
    assert [r.kind for r in essay.repairs].count("page-number") == 4
    assert essay.document.blocks[1].text.startswith("The first chapter is prose, wrapped")


def test_a_year_alone_on_a_line_is_not_a_page_number() -> None:
    assert "1908" in txt("A Title\n\nPrinted in\n\n1908\n\nfor the Society.\n").document.text


def test_fenced_and_indented_code_stay_code() -> None:
    essay = txt("Notes\n\nRun this:\n\n```\nfor x in range(3):\n    print(x)\n```\n\n"
                "    int main() {\n        return 0;\n    }\n")
    codes = [b for b in essay.document.blocks if b.kind == "code"]
    assert [b.text for b in codes] == ["for x in range(3): print(x)", "int main() { return 0; }"]
    assert [shown(b).text for b in codes] == ["for x in range(3):\u2028    print(x)",
                                              "int main() {\u2028    return 0;\u2028}"]


def test_markdown_characters_in_plain_text_stay_text() -> None:
    essay = txt("A plain note\n\nPrices *rose* by 5% [see below] and_so_on # not a heading.\n")
    assert essay.document.blocks[1].text == (
        "Prices *rose* by 5% [see below] and_so_on # not a heading.")


def test_a_txt_that_reads_as_markdown_stays_markdown() -> None:
    essay = txt("# Title\n\nSome *emphasis* and a [link](https://x.org).\n")
    assert essay.document.blocks[1].spans


def test_underscored_words_are_italics_but_snake_case_stays() -> None:
    essay = txt("A Title\n\nAs represented by the _zingari_ or _the old masters_, "
                "not snake_case.\n")
    block = essay.document.blocks[1]
    assert block.text == "As represented by the zingari or the old masters, not snake_case."
    assert [block.text[s.start:s.end] for s in block.spans] == ["zingari", "the old masters"]
    assert any(r.kind == "emphasis" for r in essay.repairs)
