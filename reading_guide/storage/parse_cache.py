"""Parsed essays in the app's cache (storage/cache.py), so opening skips markdown-it.

Used when the guide itself is not cached (its questions changed since, say) but its essay was
parsed before. A cached document is rebuilt from plain tuples and checked: its blocks must make
its reading text, in the form this code makes (no U+2028 inside a block: the lines are beside
the text), or the entry is ignored. The key names that form (`READING_TEXT_FORM`), so a frozen
build, whose source files never change, still never reuses a parse of another form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reading_guide.render.document import LINE_BREAK, READING_TEXT_FORM, Block, Document, Span
from reading_guide.storage import cache

KIND = "parsed"
# The code that turns Markdown into a document.
SOURCES = ("render/markdown.py", "render/markdown_blocks.py", "render/nesting.py",
           "render/document.py", "markdown_it",
           "mdit_py_plugins")


def fingerprint(*sources: str) -> str:
    """The code fingerprint of `sources` and the reading text's form."""
    return f"{cache.code_fingerprint(*sources)}\nreading text form {READING_TEXT_FORM}"


def parse_cached(markdown: str, parse: Callable[[str], Document] | None = None) -> Document:
    """`parse(markdown)`, from the cache when this essay was parsed before by this parser."""
    key = cache.entry_key(fingerprint(*SOURCES),
                          markdown.encode("utf-8", "surrogatepass"))
    document = document_from_plain(cache.load(KIND, key))
    if document is not None:
        return document
    if parse is None:
        from reading_guide.render.markdown import parse as parse_markdown

        parse = parse_markdown
    document = parse(markdown)
    cache.store(KIND, key, document_to_plain(document))
    return document


def document_to_plain(document: Document) -> tuple:
    blocks = tuple(
        (b.kind, b.text, tuple((s.start, s.end, s.kind, s.href) for s in b.spans), b.level,
         b.number, b.label, b.start, b.breaks, b.gaps, tuple(b.pads))
        for b in document.blocks
    )
    return blocks, document.text


def document_from_plain(value: Any) -> Document | None:
    """The document `document_to_plain` gave, or None if `value` is not one."""
    blocks: Any
    text: Any
    try:
        blocks, text = value
        document = Document(
            tuple(Block(kind, btext, tuple(Span(*s) for s in spans), level, number, label, start,
                        tuple(breaks), tuple(gaps), tuple((int(a), int(n)) for a, n in pads))
                  for kind, btext, spans, level, number, label, start, breaks, gaps, pads
                  in blocks),
            text,
        )
    except (ValueError, TypeError):
        return None
    if not isinstance(text, str) or "\n".join(b.text for b in document.blocks) != text:
        return None
    if LINE_BREAK in text:
        return None  # a parse of the few days' U+2028 form
    return document
