"""Essay Markdown -> `Document` (blocks, inline spans, reading text).

markdown-it-py's CommonMark preset with raw HTML off: an essay is text to read, so `<b>` or
`<script>` in it is shown as the characters the author typed, never passed through as markup.
Linkify and typographic replacements stay off so the reading text is exactly the author's wording.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reading_guide.links import safe_href
from reading_guide.render.document import Block, Document, Span
from reading_guide.render.nesting import keep_deep_nesting

# Quotes, lists, list items and paragraphs each take a level: lists keep 19 levels, quotes 39;
# anything deeper is flattened into the deepest level (render.nesting), never dropped.
MAX_NESTING = 40
BULLET = "•"

_WHITESPACE = re.compile(r"\s+")
# A piece of inline content: text, or a span mark ("open" | "close", kind, href) between texts.
_Piece = str | tuple[str, str, str]


def make_markdown_it() -> MarkdownIt:
    """The one parser configuration the app uses (import clean-up maps lines with the same)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return keep_deep_nesting(md, MAX_NESTING)


def parse(markdown: str) -> Document:
    """Parse essay Markdown into a Document; see `render.document` for the reading text."""
    return Document.from_blocks(parse_blocks(markdown))


def parse_blocks(markdown: str, md: MarkdownIt | None = None) -> list[Block]:
    """The blocks of `markdown`, not yet numbered; pass `md` to reuse a parser for many calls."""
    markdown = unicodedata.normalize("NFC", markdown)
    return _BlockBuilder().build((md or make_markdown_it()).parse(markdown))


def blocks_with_lines(tokens: Sequence[Token]) -> tuple[list[Block], list[int]]:
    """Blocks of already parsed (NFC) tokens and each block's first source line (0-based).

    Import clean-up uses the lines to say where a repair is ("¶3") in the finished document.
    """
    builder = _BlockBuilder()
    blocks = builder.build(tokens)
    return blocks, builder.lines


class _BlockBuilder:
    """Walks the flat token stream keeping a stack of open containers (quotes, list items)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[int] = []
        self.line = 0
        # Each entry: ("quote", None) or ("item", [pending label]) or ("list", [ordered, depth]).
        self.stack: list[tuple[str, list]] = []
        self.quote_depth = 0
        self.list_depth = 0

    def build(self, tokens: Sequence[Token]) -> list[Block]:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.map is not None:
                self.line = tok.map[0]
            if kind == "heading_open":
                inline = tokens[i + 1]
                text, spans = inline_text(inline.children or [])
                self._add(Block("heading", text, spans, level=int(tok.tag[1:])), container=False)
                i += 3
                continue
            if kind == "paragraph_open":
                inline = tokens[i + 1]
                text, spans = inline_text(inline.children or [])
                self._add_in_context(text, spans)
                i += 3
                continue
            if kind in ("code_block", "fence"):
                text, spans = _fold([tok.content])
                self._add_in_context(text, spans)
            elif kind == "blockquote_open":
                self.quote_depth += 1
                self.stack.append(("quote", []))
            elif kind == "blockquote_close":
                self.quote_depth -= 1
                self.stack.pop()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "list_item_open":
                label = f"{tok.info}{tok.markup}" if tok.info else BULLET
                self.stack.append(("item", [label]))
            elif kind == "list_item_close":
                self.stack.pop()
            i += 1
        return self.blocks

    def _add_in_context(self, text: str, spans: tuple[Span, ...]) -> None:
        if not self.stack:
            self._add(Block("paragraph", text, spans), container=False)
        elif self.stack[-1][0] == "quote":
            self._add(Block("quote", text, spans, level=self.quote_depth), container=True)
        else:
            self._add(Block("item", text, spans, level=self.list_depth), container=True)

    def _add(self, block: Block, *, container: bool) -> None:
        if not block.text:
            return
        if container and block.kind == "item":
            pending = self.stack[-1][1]
            if pending:
                block = Block("item", block.text, block.spans, level=block.level,
                              label=pending.pop())
        elif self.stack and self.stack[-1][0] == "item":
            # A heading first inside a list item: the item's label is spent on nothing.
            self.stack[-1][1].clear()
        self.blocks.append(block)
        self.lines.append(self.line)


def inline_text(children: Sequence[Token]) -> tuple[str, tuple[Span, ...]]:
    """Plain text and spans of one inline token's children (folded, trimmed)."""
    pieces: list[_Piece] = []
    for child in children:
        t = child.type
        if t == "text":
            pieces.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif t == "code_inline":
            pieces.append(("open", "code", ""))
            pieces.append(child.content)
            pieces.append(("close", "code", ""))
        elif t in ("em_open", "strong_open"):
            pieces.append(("open", t[:-5], ""))
        elif t in ("em_close", "strong_close"):
            pieces.append(("close", t[:-6], ""))
        elif t == "link_open":
            href = safe_href(str(child.attrs.get("href", ""))) or ""
            pieces.append(("open", "link", href))
        elif t == "link_close":
            pieces.append(("close", "link", ""))
        elif t == "image":
            pieces.append(_plain(child.children or []))
        elif t in ("html_inline", "text_special"):
            pieces.append(child.content)
    return _fold(pieces)


def _plain(children: Sequence[Token]) -> str:
    """Text only (an image's alt text), ignoring any formatting inside it."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "text_special", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(_plain(child.children or []))
    return "".join(out)


def _fold(pieces: Sequence[_Piece]) -> tuple[str, tuple[Span, ...]]:
    """Join text pieces folding white space runs to one space and trimming; place span marks.

    The text is folded with one regex pass over the whole block (fast on a 1 MB essay); the
    few span marks between pieces are then mapped from raw offsets to folded ones.
    """
    texts: list[str] = []
    marks: list[tuple[int, tuple[str, str, str]]] = []
    pos = 0
    for content in pieces:
        if isinstance(content, tuple):
            marks.append((pos, content))
        else:
            texts.append(content)
            pos += len(content)
    raw = "".join(texts)
    folded = _WHITESPACE.sub(" ", raw)
    text = folded.strip(" ")
    if not unicodedata.is_normalized("NFC", text):
        # Only when markup split a base letter from its combining mark; spans are clamped.
        text = unicodedata.normalize("NFC", text)
    if not marks:
        return text, ()
    to_folded = _offset_map(raw, folded, 1 if folded.startswith(" ") else 0)
    length = len(text)
    open_spans: list[tuple[str, str, int]] = []
    spans: list[Span] = []
    for offset, (action, kind, href) in marks:
        at = min(max(to_folded(offset), 0), length)
        if action == "open":
            open_spans.append((kind, href, at))
            continue
        for j in range(len(open_spans) - 1, -1, -1):
            if open_spans[j][0] == kind:
                k, h, start = open_spans.pop(j)
                if at > start and (k != "link" or h):
                    spans.append(Span(start, at, k, h))
                break
    spans.sort(key=lambda s: (s.start, -s.end))
    return text, tuple(spans)


def _offset_map(raw: str, folded: str, lead: int) -> Callable[[int], int]:
    """Raw offset -> offset in the folded, trimmed text (`lead`: 1 if a leading space went)."""
    if len(folded) == len(raw):
        return lambda offset: offset - lead
    starts: list[int] = []
    ends: list[int] = []
    removed: list[int] = [0]  # removed[k]: characters folded away before run k
    for match in _WHITESPACE.finditer(raw):
        if match.end() - match.start() > 1:
            starts.append(match.start())
            ends.append(match.end())
            removed.append(removed[-1] + match.end() - match.start() - 1)

    def to_folded(offset: int) -> int:
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0:
            return offset - lead
        if offset >= ends[k]:
            return offset - removed[k + 1] - lead
        return starts[k] - removed[k] + min(offset - starts[k], 1) - lead

    return to_folded
