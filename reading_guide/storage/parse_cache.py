"""Parsed essays in the app's cache (storage/cache.py), so opening skips markdown-it.

Used when the guide itself is not cached (its questions changed since, say) but its essay was
parsed before. A cached document is rebuilt from plain tuples and checked: its blocks must make
its reading text, or the entry is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reading_guide.render.document import Block, Document, Span
from reading_guide.storage import cache

KIND = "parsed"
# The code that turns Markdown into a document.
SOURCES = ("render/markdown.py", "render/markdown_blocks.py", "render/nesting.py",
           "render/document.py", "markdown_it",
           "mdit_py_plugins")


def parse_cached(markdown: str, parse: Callable[[str], Document] | None = None) -> Document:
    """`parse(markdown)`, from the cache when this essay was parsed before by this parser."""
    key = cache.entry_key(cache.code_fingerprint(*SOURCES),
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
         b.number, b.label, b.start)
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
            tuple(Block(kind, btext, tuple(Span(*s) for s in spans), level, number, label, start)
                  for kind, btext, spans, level, number, label, start in blocks),
            text,
        )
    except (ValueError, TypeError):
        return None
    if not isinstance(text, str) or "\n".join(b.text for b in document.blocks) != text:
        return None
    return document
