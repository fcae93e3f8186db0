"""The introduction's Markdown: nothing in it is lost, however deeply it is nested."""

from __future__ import annotations

import re

from reading_guide.export.safe_markdown import INTRO_MAX_NESTING, markdown_to_html


def _words(html: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", html).split()


def test_deeply_nested_quotes_and_lists_keep_their_words() -> None:
    text = ("> " * 3000 + "deepest quote\n\n"
            + "\n".join("  " * i + f"- item{i}" for i in range(200)) + "\n\nLast words.\n")
    html = markdown_to_html(text)
    words = _words(html)
    assert "deepest" in words and "quote" in words
    for i in range(200):
        assert f"item{i}" in words
    assert words[-2:] == ["Last", "words."]


def test_flattened_html_nests_no_deeper_than_the_limit() -> None:
    html = markdown_to_html("> " * 3000 + "deepest quote\n")
    assert html.count("<blockquote>") <= INTRO_MAX_NESTING
