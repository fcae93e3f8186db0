"""What the HTML walk (`html_tree.py`) leaves out or sets apart, and how the report shows it.

Decisions about one element that need none of the walk's state: whether a superscript is a
footnote reference ("alerts,²²" -> "alerts,[22]"), how an element left out of the essay is listed
("“Cover”", "<nav>Home About…</nav>"), and whether a raw-text element was never
closed (its "text" is then the rest of the page, read again as HTML).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reading_guide.render.html_rules import (
    MARKUP,
    NOSCRIPT_TEXT,
    NOTE_HINT,
    NOTE_TEXT,
    RAW_TEXT,
    hidden,
)
from reading_guide.render.repairs import head

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode


def node_text(node: LexborNode) -> str:
    """The element's words on one line."""
    return " ".join(node.text(deep=True).split())


def footnote_marker(node: LexborNode, attrs: dict[str, str | None], before: str) -> str | None:
    """"[22]" when the superscript `node` reads as a footnote reference after the text
    `before` it (a linked or note-classed number, or one right after punctuation); else None."""
    text = node_text(node)
    if not NOTE_TEXT.match(text) or text.isalpha():
        return None
    parent = node.parent
    linked = node.css_first("a[href^='#']") is not None or (
        parent is not None and parent.tag == "a"
        and (parent.attributes.get("href") or "").startswith("#"))
    hinted = bool(NOTE_HINT.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"))
    after_punctuation = bool(before) and before[-1] in ".,;:!?”’\"')"
    if not (linked or hinted or text.startswith("[") or after_punctuation):
        return None
    return text if text.startswith("[") else f"[{text}]"


def unclosed_raw_text(node: LexborNode, tag: str) -> bool:
    """A raw-text element (<textarea>, <title>...) whose text holds the page's own markup: it
    was never closed, and HTML5 read the rest of the page into it."""
    return tag in RAW_TEXT and MARKUP.search(node.text(deep=True)) is not None


def parse_fragment(node: LexborNode) -> LexborNode | None:
    """The text of an unclosed raw-text element parsed as HTML (its body), to walk instead."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(node.text(deep=True)).body


def boilerplate_summary(node: LexborNode) -> str:
    """Project Gutenberg's header or licence, left out: how many words it was."""
    return f"{len(node.text(deep=True).split()):,} words (header or licence)"


def picture_summary(attrs: dict[str, str | None]) -> str:
    """A left-out picture in words: its description, else its file name ("“Cover”")."""
    source = attrs.get("src") or attrs.get("data-src") or ""
    alt = " ".join((attrs.get("alt") or "").split())
    name = source.rsplit("/", 1)[-1] if not source.startswith("data:") else ""
    return f"“{head(alt, 40)}”" if alt else (head(name, 40) or "no description")


def dropped_summary(node: LexborNode, tag: str, attrs: dict[str, str | None]) -> str:
    """The left-out element as the report lists it: its tag and the start of its text (a
    script or style without its code)."""
    inner = node.text(deep=True) if tag != "template" else re.sub(
        r"<[^>]*>", " ", node.html or "")  # a template's content is not its child
    content = "" if tag in ("style", "script") else head(" ".join(inner.split()), 40)
    shown = " (hidden)" if hidden(attrs) else ""
    if tag == "noscript" and attrs.get(NOSCRIPT_TEXT):
        content = head(" ".join((attrs.get(NOSCRIPT_TEXT) or "").split()), 40)
    return f"<{tag}{shown}>{content}</{tag}>"
