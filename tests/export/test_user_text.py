"""User text (questions, notes, introduction, glossary): the safe Markdown subset, the same
contract for the GUI as for the handout."""

from __future__ import annotations

from reading_guide.export import ExportOptions, build_html
from reading_guide.export.user_text import (
    Run,
    user_text_html,
    user_text_paragraphs,
    user_text_plain,
)
from tests.export.guides import fixture_guide


def test_emphasis_strong_code_and_links_as_text() -> None:
    text = "What does *thinking* mean, **here**, in `code <b>` and [the map](https://e.org/m)?"
    assert user_text_paragraphs(text) == [[
        Run("What does "), Run("thinking", emphasis=True), Run(" mean, "), Run("here", strong=True),
        Run(", in "), Run("code <b>", code=True), Run(" and "),
        Run("the map (e.org/m)", link="https://e.org/m"), Run("?"),
    ]]
    assert user_text_html(text) == (
        "<p>What does <em>thinking</em> mean, <strong>here</strong>, in "
        "<code>code &lt;b&gt;</code> and the map (e.org/m)?</p>")
    assert user_text_plain(text) == "What does thinking mean, here, in code <b> and the map " \
        "(e.org/m)?"


def test_nothing_else_is_markup() -> None:
    text = "# not a heading\n\n- not a list\n\n<img src=x> ![i](/etc/passwd) [x](javascript:y)"
    html = user_text_html(text)
    assert "<img" not in html and "<h1" not in html and "<li" not in html
    assert "&lt;img src=x&gt;" in html and "javascript" not in html
    assert user_text_plain(text).split("\n\n")[:2] == ["# not a heading", "- not a list"]


def test_format_md_example_prints_emphasis_not_asterisks() -> None:
    guide = fixture_guide()
    guide.questions[0].text = "What does the author mean by *thinking*?"
    html = build_html(guide, ExportOptions("questions"))
    assert "<em>thinking</em>" in html and "*thinking*" not in html
