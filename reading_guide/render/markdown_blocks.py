"""markdown-it tokens -> blocks: the walk that defines the reading text (docs/FORMAT.md).

One block per heading, paragraph, quote paragraph, list item paragraph, verse, code block, table
and footnote paragraph. Every block's text is folded the same way (each run of white space one
space, trimmed), so the reading text is the one guides have always counted in. Where the
author's lines mean something, the line structure goes beside the text: a hard line break, a
line of code or a table row is a space listed in `Block.breaks` (a blank line between code
paragraphs also in `Block.gaps`), code's indentation and aligned spaces are `Block.pads`, and a
table's cells are separated by a tab. The walk is a loop over the flat token stream with an
explicit stack, never recursion, so nesting depth costs no stack frames.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from markdown_it.token import Token

from reading_guide.links import safe_href
from reading_guide.render.document import CELL_SEPARATOR, LINE_BREAK, Block, Span

BULLET = "•"
TASK_OPEN = "☐"
TASK_DONE = "☑"
_TASK_BOX = "task-list-item-checkbox"

# Every run of white space folds to one space (LINE_BREAK, a hard break, is white space too).
_FOLDABLE = re.compile(r"\s+")
# Characters that would break a line inside a block if they came from the text itself.
_TEXT_BREAKS = str.maketrans({LINE_BREAK: " ", "\u2029": " "})


def plain_piece(text: str) -> str:
    """`text` with any U+2028/U+2029 the author typed made a space, so that only a hard break
    is a line break (checked first: `in` is a fast scan, `translate` with a table is not)."""
    if LINE_BREAK in text or "\u2029" in text:
        return text.translate(_TEXT_BREAKS)
    return text
# A piece of inline content: text, or a span mark ("open" | "close", kind, href) between texts.
_Piece = str | tuple[str, str, str]


class Inline(NamedTuple):
    """A block's folded text, its spans, and where its lines break (see `Block`)."""

    text: str
    spans: tuple[Span, ...] = ()
    breaks: tuple[int, ...] = ()
    gaps: tuple[int, ...] = ()
    pads: tuple[tuple[int, int], ...] = ()

    def block(self, kind: str, level: int = 1, label: str = "") -> Block:
        return Block(kind, self.text, self.spans, level=level, label=label, breaks=self.breaks,
                     gaps=self.gaps, pads=self.pads)


class BlockBuilder:
    """Walks the flat token stream keeping a stack of open containers (quotes, list items)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[int] = []
        self.line = 0
        self.last_line = 0
        # Each entry: ("quote", []) or ("item", [pending label]) or ("footnote", [label]).
        self.stack: list[tuple[str, list[str]]] = []
        self.quote_depth = 0
        self.list_depth = 0
        self.in_footnotes = False

    def build(self, tokens: Sequence[Token]) -> list[Block]:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.map is not None and not self.in_footnotes:
                self.line = tok.map[0]
                self.last_line = max(self.last_line, tok.map[1])
            if kind == "heading_open":
                inline = inline_text(tokens[i + 1].children or [])
                self._add(inline.block("heading", level=int(tok.tag[1:])), container=False)
                i += 3
                continue
            if kind == "paragraph_open":
                inline = inline_text(tokens[i + 1].children or [])
                self._add_in_context(inline, verse=bool(inline.breaks))
                i += 3
                continue
            if kind == "table_open":
                i = self._table(tokens, i)
                continue
            if kind in ("code_block", "fence"):
                code = code_text(tok.content)
                if self.stack and self.stack[-1][0] == "footnote":
                    self._add_in_context(Inline(code.text))  # a note's code runs on as prose
                else:
                    self._add(code.block("code"), container=bool(self.stack))
            elif kind == "blockquote_open":
                self.quote_depth += 1
                self.stack.append(("quote", []))
            elif kind in ("blockquote_close", "list_item_close", "footnote_close"):
                self.quote_depth -= kind == "blockquote_close"
                if self.stack:
                    self.stack.pop()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "list_item_open":
                label = f"{tok.info}{tok.markup}" if tok.info else BULLET
                self.stack.append(("item", [_task_label(tokens, i) or label]))
            elif kind == "footnote_block_open":
                self.in_footnotes = True
                self.line = self.last_line + 1
            elif kind == "footnote_open":
                self.stack.append(("footnote", [str(int(tok.meta.get("id", 0)) + 1)]))
            i += 1
        return self.blocks

    def _table(self, tokens: Sequence[Token], i: int) -> int:
        """One block for the table starting at tokens[i]; returns the index after it."""
        rows: list[list[tuple[str, tuple[Span, ...]]]] = []
        header = False
        row: list[tuple[str, tuple[Span, ...]]] = []
        in_head = False
        while i < len(tokens) and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                if in_head and all(not text for text, _ in row):
                    pass  # an empty header row: a table without a header (docs/FORMAT.md)
                else:
                    header = header or in_head
                    rows.append(row)
            elif t.type == "inline":
                cell = inline_text(t.children or [])
                row.append((cell.text.replace(CELL_SEPARATOR, " "), cell.spans))
            i += 1
        self._add(table_block(rows, header), container=bool(self.stack))
        return i + 1

    def _add_in_context(self, inline: Inline, verse: bool = False) -> None:
        if not self.stack:
            self._add(inline.block("verse" if verse else "paragraph"), container=False)
        elif self.stack[-1][0] == "quote":
            self._add(inline.block("quote", level=self.quote_depth), container=True)
        elif self.stack[-1][0] == "footnote":
            pending = self.stack[-1][1]
            self._add(inline.block("footnote", label=pending.pop() if pending else ""),
                      container=True)
        else:
            self._add(inline.block("item", level=self.list_depth), container=True)

    def _add(self, block: Block, *, container: bool) -> None:
        if not block.text.strip(CELL_SEPARATOR + " "):
            return
        if container and block.kind == "item":
            pending = self.stack[-1][1]
            if pending:
                block = Block("item", block.text, block.spans, level=block.level,
                              label=pending.pop(), breaks=block.breaks, gaps=block.gaps,
                              pads=block.pads)
        elif self.stack and self.stack[-1][0] == "item":
            # A heading (or code, a table) first inside a list item: its label is spent.
            self.stack[-1][1].clear()
        self.blocks.append(block)
        self.lines.append(self.line)


def table_block(rows: list[list[tuple[str, tuple[Span, ...]]]], header: bool) -> Block:
    """Rows of (cell text, spans) as one table block: cells joined by a tab, rows by a space
    that shows as a line break (listed in `breaks`)."""
    width = max((len(r) for r in rows), default=0)
    texts: list[str] = []
    spans: list[Span] = []
    breaks: list[int] = []
    at = 0
    for r, row in enumerate(rows):
        if r:
            breaks.append(at)
            texts.append(" ")
            at += 1
        cells = row + [("", ())] * (width - len(row))
        for c, (text, cell_spans) in enumerate(cells):
            if c:
                texts.append(CELL_SEPARATOR)
                at += 1
            texts.append(text)
            spans += [Span(s.start + at, s.end + at, s.kind, s.href) for s in cell_spans]
            at += len(text)
    return Block("table", "".join(texts), tuple(spans), level=1 if header else 0,
                 breaks=tuple(breaks))


def code_text(content: str) -> Inline:
    """A code block's reading text, folded like any block's, and its lines beside it: each line
    break is a space in `breaks` (blank lines between make it a `gaps` one too), and the
    spaces folded away (indentation, alignment; a tab counts four columns) are `pads`."""
    lines = [line.rstrip() for line in plain_piece(content).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    raw = "\n".join(line.expandtabs(4) if "\t" in line else line for line in lines)
    if not unicodedata.is_normalized("NFC", raw):
        raw = unicodedata.normalize("NFC", raw)  # never across white space: runs stay as they are
    out: list[str] = []
    breaks: list[int] = []
    gaps: list[int] = []
    pads: list[tuple[int, int]] = []
    at = 0  # where the next raw character goes in the folded text
    last = 0
    for match in _FOLDABLE.finditer(raw):
        begin, end = match.span()
        out.append(raw[last:begin])
        at += begin - last
        last = end
        run = match.group()
        newlines = run.count("\n")
        indent = len(run) - run.rfind("\n") - 1 if newlines else len(run) - 1
        if begin == 0:  # the first line's indentation: no space in the text
            pads.append((0, len(run)))
            continue
        if newlines:
            breaks.append(at)
            if newlines > 1:
                gaps.append(at)
        out.append(" ")
        at += 1
        if indent:
            pads.append((at, indent))
    out.append(raw[last:])
    return Inline("".join(out), (), tuple(breaks), tuple(gaps), tuple(pads))


def _task_label(tokens: Sequence[Token], i: int) -> str:
    """☐ or ☑ when the list item at tokens[i] is a task (its checkbox is not reading text)."""
    if i + 2 >= len(tokens) or tokens[i + 2].type != "inline":
        return ""
    children = tokens[i + 2].children or []
    if children and children[0].type == "html_inline" and _TASK_BOX in children[0].content:
        return TASK_DONE if "checked" in children[0].content else TASK_OPEN
    return ""


def inline_text(children: Sequence[Token]) -> Inline:
    """Plain text, spans and hard breaks of one inline token's children (folded, trimmed)."""
    pieces: list[_Piece] = []
    for child in children:
        t = child.type
        if t in ("text", "text_special"):
            pieces.append(plain_piece(child.content))
        elif t == "softbreak":
            pieces.append(" ")
        elif t == "hardbreak":
            pieces.append(LINE_BREAK)
        elif t == "code_inline":
            pieces.append(("open", "code", ""))
            pieces.append(plain_piece(child.content))
            pieces.append(("close", "code", ""))
        elif t in ("em_open", "strong_open"):
            pieces.append(("open", t[:-5], ""))
        elif t in ("em_close", "strong_close"):
            pieces.append(("close", t[:-6], ""))
        elif t == "s_open":
            pieces.append(("open", "strike", ""))
        elif t == "s_close":
            pieces.append(("close", "strike", ""))
        elif t == "link_open":
            href = safe_href(str(child.attrs.get("href", ""))) or ""
            pieces.append(("open", "link", href))
        elif t == "link_close":
            pieces.append(("close", "link", ""))
        elif t == "image":
            pieces.append(plain_piece(_plain(child.children or [])))
        elif t == "footnote_ref":
            pieces += [("open", "note", ""), f"[{int(child.meta.get('id', 0)) + 1}]",
                       ("close", "note", "")]
        elif t == "html_inline" and _TASK_BOX not in child.content:
            pieces.append(plain_piece(child.content))
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


def _fold(pieces: Sequence[_Piece]) -> Inline:
    """Join text pieces folding white space runs to one space and trimming; place span marks.
    A piece that is exactly LINE_BREAK (a hard break) makes its run a line break: the run's
    space is in `breaks` (and in `gaps` when the run held two).

    One pass over the pieces, each folded by `str.split` (C speed; the same white space as the
    regex `\\s`), so a 1 MB essay folds in a few milliseconds; a span mark lands where its
    raw offset falls in the folded text (after a run's space when the run began before it).
    """
    out: list[str] = []
    length = 0
    space = False  # white space since the last word (its one space is written before the next)
    run_breaks = 0  # hard breaks in that run
    marks: list[tuple[int, tuple[str, str, str]]] = []
    breaks: list[int] = []
    gaps: list[int] = []
    for piece in _segments(pieces):
        if isinstance(piece, tuple):
            marks.append((length + 1 if space and length else length, piece))
            continue
        if piece == LINE_BREAK:
            space = True
            run_breaks += 1
            continue
        words = piece.split()
        if not words:
            space = space or bool(piece)
            continue
        if space or piece[0].isspace():
            if length:
                if run_breaks:
                    breaks.append(length)
                    if run_breaks > 1:
                        gaps.append(length)
                out.append(" ")
                length += 1
        run_breaks = 0
        word_run = words[0] if len(words) == 1 else " ".join(words)
        out.append(word_run)
        length += len(word_run)
        space = piece[-1].isspace()
    text = "".join(out)
    if not unicodedata.is_normalized("NFC", text):
        # Only when markup split a base letter from its combining mark; spans are clamped.
        text, breaks, gaps = _normalized(text, breaks, gaps)
    if not marks:
        return Inline(text, (), tuple(breaks), tuple(gaps))
    length = len(text)
    open_spans: list[tuple[str, str, int]] = []
    spans: list[Span] = []
    for offset, (action, kind, href) in marks:
        at = min(offset, length)
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
    return Inline(text, tuple(spans), tuple(breaks), tuple(gaps))


def _segments(pieces: Sequence[_Piece]) -> list[_Piece]:
    """The pieces with each run of text between marks and hard breaks joined into one (one
    `split` per run instead of one per markdown-it text token)."""
    out: list[_Piece] = []
    run: list[str] = []
    for piece in pieces:
        if isinstance(piece, str) and piece != LINE_BREAK:
            run.append(piece)
            continue
        if run:
            out.append(run[0] if len(run) == 1 else "".join(run))
            run = []
        out.append(piece)
    if run:
        out.append(run[0] if len(run) == 1 else "".join(run))
    return out


def _normalized(text: str, breaks: list[int], gaps: list[int]) -> tuple[str, list[int], list[int]]:
    """NFC `text` with its breaks moved along (NFC never changes a space: count spaces)."""
    normal = unicodedata.normalize("NFC", text)
    if not breaks or len(normal) == len(text):
        return normal, breaks, gaps
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    moved = [i for i, ch in enumerate(normal) if ch == " "]
    where = {old: moved[k] for k, old in enumerate(spaces) if k < len(moved)}
    return (normal, [where[b] for b in breaks if b in where],
            [where[g] for g in gaps if g in where])
