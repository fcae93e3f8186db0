"""Writing the HTML importer's blocks as Markdown that parses back to exactly their text.

Inline content arrives flat: text pieces and marks ("open"/"close", kind, href). Rendering walks
that list once, so 400 nested `<em>` cost 400 steps, not 400 stack frames, and a mark nested in
the same mark (`<b><b>x</b></b>`) is written once. Text is escaped so nothing in it can turn into
Markdown markup; spaces just inside a mark move outside it (CommonMark's flanking rules).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reading_guide.render.document import CELL_SEPARATOR, LINE_BREAK
from reading_guide.render.markdown import make_markdown_it, parse_blocks
from reading_guide.render.markdown_blocks import _fold, code_text

Piece = str | tuple[str, str, str]

_HTML_SPACE_TO_FOLD = re.compile(r"[\t\n\r\f]|  ")
_ALWAYS_ESCAPE = re.compile(r"([\\`*_\[\]<~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Checked first, in one scan: most pieces of text hold nothing to escape or fold.
_TO_ESCAPE = re.compile(r"[\\`*_\[\]<~&|]")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_LINE_START_SPECIAL = frozenset("#>-+=|:")
_MARKERS = {"em": ("*", "*"), "strong": ("**", "**"), "strike": ("~~", "~~")}


def fold(text: str) -> str:
    """HTML white space (not NBSP) folded to one space, as a browser lays text out. (A few
    `str.replace` passes: twice as fast as one regex substitution on a page's paragraphs.)"""
    if not _HTML_SPACE_TO_FOLD.search(text):
        return text
    for other in "\n\t\r\f":
        if other in text:
            text = text.replace(other, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def escape(text: str, table: bool = False) -> str:
    if not _TO_ESCAPE.search(text):
        return text
    out = _ENTITY_LIKE.sub(r"\\&", _ALWAYS_ESCAPE.sub(r"\\\1", text))
    return out.replace("|", "\\|") if table else out


def escape_line_start(text: str) -> str:
    """A backslash before what would start another block at the start of a line."""
    if text and text[0] in _LINE_START_SPECIAL:
        return "\\" + text
    match = _ORDERED_START.match(text)
    if match:
        return f"{match.group(1)}\\{text[match.end(1):]}"
    return text


def plain_text(pieces: Sequence[Piece]) -> str:
    """The reading text the pieces must give (folded as `parse` folds)."""
    return _fold([p for p in pieces if isinstance(p, str)]).text


def merge_adjacent_marks(pieces: Sequence[Piece]) -> list[Piece]:
    """`<b>a</b> <b>b</b>` as one mark over "a b": the same reading, far fewer delimiters for
    markdown-it to match (a page of bold words otherwise costs seconds and gigabytes)."""
    out: list[Piece] = []
    i = 0
    n = len(pieces)
    while i < n:
        piece = pieces[i]
        if isinstance(piece, tuple) and piece[0] == "close" and piece[1] in ("em", "strong"):
            j = i + 1
            while j < n and isinstance(pieces[j], str) and not str(pieces[j]).strip(" "):
                j += 1
            following = pieces[j] if j < n else None
            if j > i + 1 and following == ("open", piece[1], ""):
                out.extend(pieces[i + 1:j])
                i = j + 1
                continue
        out.append(piece)
        i += 1
    return out


def render_inline(pieces: Sequence[Piece], rich: bool, table: bool = False) -> str:
    """Markdown for inline pieces; without `rich`, the text alone (escaped)."""
    if rich:
        pieces = merge_adjacent_marks(pieces)
    out: list[str] = []
    pending: list[str] = []  # open markers not yet followed by any text
    depth: Counter[str] = Counter()
    closers: list[str] = []
    code: list[str] | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if code is not None:
                code.append(piece)
                continue
            text = escape(piece, table)
            if pending:
                core = text.lstrip(" ")
                if not core:
                    out.append(text)
                    continue
                out.append(text[: len(text) - len(core)] + "".join(pending))
                pending.clear()
                text = core
            out.append(text)
            continue
        action, kind, href = piece
        if not rich or kind not in (*_MARKERS, "link", "code"):
            continue
        if action == "open":
            depth[kind] += 1
            if depth[kind] > 1 or code is not None:
                continue
            if kind == "code":
                code = []
            elif kind == "link":
                pending.append("[")
                closers.append(f"]({_destination(href)})")
            else:
                pending.append(_MARKERS[kind][0])
        else:
            if depth[kind] == 0:
                continue
            depth[kind] -= 1
            if depth[kind]:
                continue
            if kind == "code" and code is not None:
                _append_text(out, pending, _code_span("".join(code), table))
                code = None
                continue
            if code is not None:
                continue
            closer = closers.pop() if kind == "link" else _MARKERS[kind][1]
            if pending:  # the mark held no text: write neither of its markers
                pending.pop()
                continue
            _close(out, closer)
    if code is not None:
        _append_text(out, pending, _code_span("".join(code), table))
    return "".join(out)


def _append_text(out: list[str], pending: list[str], text: str) -> None:
    if pending:
        out.append("".join(pending))
        pending.clear()
    out.append(text)


def _close(out: list[str], closer: str) -> None:
    """Put `closer` before the trailing spaces of what was written."""
    trailing = ""
    while out and out[-1].endswith(" "):
        last = out.pop()
        core = last.rstrip(" ")
        trailing = last[len(core):] + trailing
        if core:
            out.append(core)
            break
    out.append(closer + trailing)


def _code_span(content: str, table: bool) -> str:
    content = fold(content).replace(LINE_BREAK, " ")
    if not content.strip():
        return escape(content, table)
    runs = [len(r) for r in re.findall(r"`+", content)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    if table:
        content = content.replace("|", "\\|")
    return f"{fence}{pad}{content}{pad}{fence}"


def _destination(href: str) -> str:
    dest = href.replace("\\", "%5C").replace(" ", "%20")
    return re.sub(r"([()<>])", r"\\\1", dest)


@dataclass
class Emitted:
    """One block as Markdown lines (before the container prefix), and the text it must give.

    `plain` (the same without inline markup, used only when `rich` would not parse back to
    `expected`) is made on demand from `pieces`: most blocks never need it."""

    rich: list[str]
    _plain: list[str] | None
    expected: str
    heading: bool = False
    pieces: Sequence[Piece] = ()
    level: int = 0

    @property
    def plain(self) -> list[str]:
        if self._plain is None:
            self._plain = _inline_lines(self.pieces, self.level, False)
        return self._plain


def inline_block(pieces: Sequence[Piece], level: int = 0) -> Emitted | None:
    """A paragraph or heading (level 1..6); a line break piece makes a hard break."""
    expected = plain_text(pieces)
    if not expected:
        return None
    rich = _inline_lines(pieces, level, True)
    return Emitted(rich, None, expected, heading=bool(level), pieces=pieces, level=level)


def _inline_lines(pieces: Sequence[Piece], level: int, rich: bool) -> list[str]:
    lines = _lines(pieces, rich)
    if level:
        return ["#" * level + " " + " ".join(lines).replace("#", "\\#")]
    return _hard_breaks(lines)


def _lines(pieces: Sequence[Piece], rich: bool) -> list[str]:
    """The rendered pieces split at line breaks, each line folded, trimmed and escaped."""
    text = fold(render_inline(pieces, rich))
    return [escape_line_start(line.strip(" ")) for line in text.split(LINE_BREAK)
            if line.strip(" ")]


def _hard_breaks(lines: list[str]) -> list[str]:
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def code_block(text: str) -> Emitted | None:
    """A fenced code block for preformatted text (no escaping inside)."""
    expected = code_text(text).text
    if not expected:
        return None
    runs = [len(r) for r in re.findall(r"^ {0,3}(`{3,}|~{3,})", text, re.M)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    lines = [fence, *text.replace(LINE_BREAK, " ").split("\n"), fence]
    return Emitted(lines, lines, expected)


def table_block(rows: list[list[list[Piece]]], header: bool) -> Emitted | None:
    """A GFM pipe table; without a header, an empty header row (left out of the reading text)."""
    width = max((len(r) for r in rows), default=0)
    if not width:
        return None
    cells_text = [[plain_text(c) for c in row] for row in rows]
    if not any(any(row) for row in cells_text):
        return None
    rich: list[str] = []
    plain: list[str] = []
    for out, is_rich in ((rich, True), (plain, False)):
        lines = []
        for row in rows:
            cells = [fold(render_inline(c, is_rich, table=True)).replace(LINE_BREAK, " ").strip()
                     for c in row] + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
        if not header:
            lines.insert(0, "|" + "  |" * width)
        lines.insert(1, "|" + " --- |" * width)
        out += lines
    expected = " ".join(
        CELL_SEPARATOR.join(row + [""] * (width - len(row))) for row in cells_text
    )
    return Emitted(rich, plain, expected)


# One walked block: the container prefixes of its first and following lines, and the block.
Placed = tuple[str, str, Emitted]


def _block_lines(first: str, other: str, block: Emitted, rich: bool) -> str:
    """One block's Markdown lines under its container prefixes (`first` on its first line)."""
    body = block.rich if rich else block.plain
    return "\n".join((first if n == 0 else other) + line for n, line in enumerate(body))


def unchecked_markdown(out: Sequence[Placed]) -> tuple[str, list[str]]:
    """The Markdown with its inline markup, and the block texts it must parse to (the caller
    parses it anyway and checks there)."""
    rich = [_block_lines(f, o, b, True) for f, o, b in out]
    return ("\n\n".join(rich) + "\n" if rich else ""), [b.expected for _, _, b in out]


def checked_markdown(out: Sequence[Placed]) -> str:
    """The Markdown, checked: blocks whose inline markup would not parse back to their text
    (odd emphasis next to punctuation, say) are written without it, so no wording changes."""
    rich = [_block_lines(f, o, b, True) for f, o, b in out]
    md = make_markdown_it()
    if [b.text for b in parse_blocks("\n\n".join(rich), md)] == [b.expected for *_, b in out]:
        return "\n\n".join(rich) + "\n" if rich else ""
    chosen = []
    for (first, other, block), rich_text in zip(out, rich, strict=True):
        ok = [b.text for b in parse_blocks(rich_text, md)] == [block.expected]
        chosen.append(rich_text if ok else _block_lines(first, other, block, False))
    return "\n\n".join(chosen) + "\n"
