"""Nesting deeper than the parser keeps: every word stays, and the import says what it flattened.

markdown-it drops everything nested past its `maxNesting` without a word; an essay must never
lose text that way, so the parser flattens the excess and the import lists it as a repair.
"""

from __future__ import annotations

from reading_guide.render import import_essay_text, parse
from reading_guide.render.markdown import MAX_NESTING


def test_a_ten_level_outline_keeps_every_level_as_a_list() -> None:
    text = "\n".join("  " * i + f"- level{i + 1}" for i in range(10)) + "\n\nAfter.\n"
    doc = parse(text)
    assert [(b.kind, b.level, b.text) for b in doc.blocks[:10]] == [
        ("item", i + 1, f"level{i + 1}") for i in range(10)
    ]
    assert doc.blocks[-1].text == "After."


def test_quotes_nested_past_the_limit_keep_their_words() -> None:
    text = "Before.\n\n" + "> " * 5000 + "deepest words\n\nAfter.\n"
    doc = parse(text)
    assert [b.text for b in doc.blocks] == ["Before.", "deepest words", "After."]
    assert doc.blocks[1].kind == "quote"
    assert doc.blocks[1].level <= MAX_NESTING


def test_every_line_of_deep_quote_lines_and_lists_is_kept() -> None:
    quotes = [">" * i + f" q{i}" for i in range(1, 301)]
    items = ["  " * i + f"- i{i}" for i in range(300)]
    doc = parse("\n".join(quotes) + "\n\n" + "\n".join(items) + "\n\nAfter.\n")
    words = doc.text.split()
    for i in range(1, 301):
        assert f"q{i}" in words
    for i in range(300):
        assert f"i{i}" in words
    assert ">" not in doc.text and "-" not in doc.text
    assert doc.blocks[-1].text == "After."


def test_flattening_is_listed_as_a_repair_and_stored_markdown_gives_the_same_document() -> None:
    text = "Before.\n\n" + "> " * 100 + "deepest words\n\nAfter.\n"
    essay = import_essay_text(text, "markdown", "deep.md")
    flattened = [r for r in essay.repairs if r.kind == "flattened-nesting"]
    assert len(flattened) == 1
    assert flattened[0].where == "¶2"
    assert "deepest words" in flattened[0].after
    assert parse(essay.markdown).text == essay.document.text == "Before.\ndeepest words\nAfter."


def test_deep_html_keeps_its_text() -> None:
    html = ("<p>Before.</p>" + "<blockquote>" * 500 + "<p>deepest words</p>"
            + "</blockquote>" * 500 + "<p>After.</p>")
    essay = import_essay_text(html, "html", "deep.html")
    assert essay.document.text == "Before.\ndeepest words\nAfter."
    assert any(r.kind == "flattened-nesting" for r in essay.repairs)


def test_shallow_nesting_lists_no_flattening() -> None:
    essay = import_essay_text("> > a quote.\n\n- a\n  - b\n", "markdown", "x.md")
    assert not any(r.kind == "flattened-nesting" for r in essay.repairs)
