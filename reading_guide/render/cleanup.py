"""Import clean-up: repair damage from copying out of PDFs and web pages, never the wording.

Repairs are made on the Markdown source itself (located with markdown-it's token line maps), so
the text stored in the guide stays the facilitator's Markdown, only mended. Each group of edits is
checked by parsing again: a repair that would change a single word of the reading text, or the
block structure beyond what it means to change, is not made.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from reading_guide.render.document import Block, Document
from reading_guide.render.markdown import blocks_with_lines, inline_text, make_markdown_it
from reading_guide.render.repairs import Repair, excerpt, head, tail

# A paragraph ending in one of these ends a sentence (or a quotation); one ending otherwise and
# followed by a paragraph starting in lower case was split mid-sentence.
CLOSING_PUNCTUATION = frozenset(".!?:;\"'”’»)]}…。！？‼⁇⁈⁉")
DEAD_HREFS = ("", "#")

_ATX_BOLD = re.compile(r"^( {0,3}#{1,6}[ \t]+)(\*\*|__)(.*?)\2([ \t]*(?:#+[ \t]*)?)$")
_SETEXT_BOLD = re.compile(r"^( {0,3})(\*\*|__)(.*)\2([ \t]*)$")
_DEAD_LINK_END = re.compile(r"\]\([ \t]*(?:#|<#?>)?[ \t]*\)")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")


@dataclass
class Cleaned:
    """The mended Markdown, the document it gives, and what was repaired."""

    markdown: str
    document: Document
    repairs: list[Repair]


@dataclass
class _Found:
    """A repair before its place in the finished document is known (`line` in the source)."""

    line: int
    kind: str
    before: str
    after: str


@dataclass
class _Edit:
    """Replace source lines [start, end) with `lines`; the repairs it makes."""

    start: int
    end: int
    lines: list[str]
    found: list[_Found] = field(default_factory=list)


def clean_markdown(markdown: str) -> Cleaned:
    """Repair `markdown` (line endings already "\\n"); see the module docstring."""
    # Blank-line runs mean nothing in Markdown; one blank line keeps the stored text tidy.
    text = _BLANK_RUNS.sub("\n\n", _LEADING_BLANK_LINES.sub("", markdown)).rstrip() + "\n"
    nfc = unicodedata.normalize("NFC", text)
    found: list[_Found] = []
    if nfc != text:
        found.append(_unicode_repair(text, nfc))
    md = make_markdown_it()
    lines = nfc.split("\n")
    tokens = md.parse(nfc)
    base, _ = blocks_with_lines(tokens)

    def same_blocks(new_blocks: list[Block], accepted: int) -> bool:
        return _shape(new_blocks) == _shape(base)

    edits = _heading_bold_edits(tokens, lines) + _dead_link_edits(tokens, lines)
    lines, tokens, _, kept = _accept(lines, tokens, edits, same_blocks)  # keeps line numbers
    for edit in kept:
        found += edit.found
    before_joins = blocks_with_lines(tokens)[0]
    words = "\n".join(b.text for b in before_joins).split()

    def joined_right(new_blocks: list[Block], accepted: int) -> bool:
        text_now = "\n".join(b.text for b in new_blocks)
        return len(new_blocks) == len(before_joins) - accepted and text_now.split() == words

    joins = _join_edits(tokens, lines)
    lines, tokens, join_map, kept = _accept(lines, tokens, joins, joined_right)
    for f in found:
        f.line = join_map(f.line)
    for edit in kept:
        found += [_Found(join_map(f.line), f.kind, f.before, f.after) for f in edit.found]
    final_blocks, block_lines = blocks_with_lines(tokens)
    document = Document.from_blocks(final_blocks)
    repairs = [
        Repair(f.kind, _where(document, block_lines, f.line), f.before, f.after)
        for f in sorted(found, key=lambda f: f.line)
    ]
    return Cleaned("\n".join(lines), document, repairs)


def _shape(blocks: Sequence[Block]) -> list[tuple[str, int, str, str]]:
    return [(b.kind, b.level, b.label, b.text) for b in blocks]


def _unicode_repair(text: str, nfc: str) -> _Found:
    """Where NFC first changed the text, as one repair (a decomposed essay changes everywhere)."""
    i = 0
    limit = min(len(text), len(nfc))
    while i < limit and text[i] == nfc[i]:
        i += 1
    i = max(0, i - 1)  # the base letter before a combining mark belongs to the change
    line = nfc.count("\n", 0, i)
    old_line = text.split("\n")[line]
    new_line = nfc.split("\n")[line]
    col = i - (nfc.rfind("\n", 0, i) + 1)
    return _Found(
        line,
        "normalised-unicode",
        excerpt(old_line, col, col + 2),
        excerpt(new_line, col, col + 1),
    )


def _wrapped_in_strong(children: Sequence[Token]) -> bool:
    """True when one strong span covers the whole heading."""
    children = [c for c in children if c.type != "text" or c.content.strip()]
    if len(children) < 3 or children[0].type != "strong_open":
        return False
    if children[-1].type != "strong_close":
        return False
    depth = 0
    for child in children[:-1]:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
            if depth == 0:
                return False
    return True


def _heading_bold_edits(tokens: Sequence[Token], lines: list[str]) -> list[_Edit]:
    edits: list[_Edit] = []
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open" or tok.map is None:
            continue
        if not _wrapped_in_strong(tokens[i + 1].children or []):
            continue
        start, end = tok.map
        if tok.markup.startswith("#"):
            pattern, line = _ATX_BOLD, start
        elif end - start == 2:
            pattern, line = _SETEXT_BOLD, start
        else:
            continue  # a multi-line setext heading: rare, left as it is
        old = lines[line]
        new = pattern.sub(r"\1\3\4", old)
        if new != old:
            found = _Found(line, "heading-bold", head(old.strip(), 60), head(new.strip(), 60))
            edits.append(_Edit(line, line + 1, [new], [found]))
    return edits


def _escaped(text: str, index: int) -> bool:
    """True if the character at `index` is backslash-escaped."""
    count = 0
    k = index - 1
    while k >= 0 and text[k] == "\\":
        count += 1
        k -= 1
    return count % 2 == 1


def _dead_link_spans(chunk: str) -> list[tuple[int, int, int]]:
    """(open bracket, close bracket, end) of each `[text](#)` or `[text]()` in `chunk`."""
    spans: list[tuple[int, int, int]] = []
    floor = 0
    for match in _DEAD_LINK_END.finditer(chunk):
        close = match.start()
        if _escaped(chunk, close):
            continue
        depth = 0
        opening = -1
        for k in range(close - 1, floor - 1, -1):
            c = chunk[k]
            if c not in "[]" or _escaped(chunk, k):
                continue
            if c == "]":
                depth += 1
            elif depth:
                depth -= 1
            else:
                opening = k
                break
        if opening < 0 or (opening > 0 and chunk[opening - 1] == "!" and not _escaped(
                chunk, opening - 1)):
            continue
        spans.append((opening, close, match.end()))
        floor = match.end()
    return spans


def _dead_link_edits(tokens: Sequence[Token], lines: list[str]) -> list[_Edit]:
    edits: list[_Edit] = []
    for tok in tokens:
        if tok.type != "inline" or tok.map is None or not tok.children:
            continue
        dead = sum(
            1 for c in tok.children
            if c.type == "link_open" and str(c.attrs.get("href", "")).strip() in DEAD_HREFS
        )
        if not dead:
            continue
        start, end = tok.map
        chunk = "\n".join(lines[start:end])
        spans = _dead_link_spans(chunk)
        if len(spans) != dead:
            continue  # reference links or something unusual: leave the block as it is
        current = chunk
        found: list[_Found] = []
        for opening, close, stop in reversed(spans):
            current = current[:opening] + current[opening + 1:close] + current[stop:]
            found.append(
                _Found(
                    start + chunk.count("\n", 0, opening),
                    "dropped-link",
                    excerpt(chunk, opening, stop).replace("\n", " "),
                    excerpt(current, opening, close - 1).replace("\n", " "),
                )
            )
        edits.append(_Edit(start, end, current.split("\n"), found[::-1]))
    return edits


def _join_edits(tokens: Sequence[Token], lines: list[str]) -> list[_Edit]:
    """Delete the blank lines between top-level paragraphs split mid-sentence."""
    edits: list[_Edit] = []
    prev_text = ""
    prev_end = -1
    for i, tok in enumerate(tokens):
        if tok.level != 0 or tok.nesting == -1:
            continue
        if tok.type != "paragraph_open" or tok.map is None:
            prev_text = ""
            continue
        text, _ = inline_text(tokens[i + 1].children or [])
        start, end = tok.map
        if not text:
            prev_text = ""
            continue
        gap = lines[prev_end:start] if prev_text else []
        if (
            prev_text
            and prev_text[-1] not in CLOSING_PUNCTUATION
            and text[0].islower()
            and all(not line.strip() for line in gap)
        ):
            found = _Found(
                start,
                "joined-paragraph",
                tail(prev_text) + "\n\n" + head(text),
                tail(prev_text) + " " + head(text),
            )
            edits.append(_Edit(prev_end, start, [], [found]))
        prev_text = text
        prev_end = end
    return edits


def _apply(lines: list[str], edits: Sequence[_Edit]) -> tuple[list[str], Callable[[int], int]]:
    """Apply non-overlapping edits; also return old line -> new line."""
    out: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    pos = 0
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out += lines[pos:edit.start]
        out += edit.lines
        pos = edit.end
        shift += len(edit.lines) - (edit.end - edit.start)
        starts.append(edit.end)
        shifts.append(shift)
    out += lines[pos:]

    def new_line(old: int) -> int:
        k = bisect.bisect_right(starts, old) - 1
        return max(0, old + (shifts[k] if k >= 0 else 0))

    return out, new_line


def _accept(
    lines: list[str],
    tokens: Sequence[Token],
    edits: list[_Edit],
    check: Callable[[list[Block], int], bool],
) -> tuple[list[str], Sequence[Token], Callable[[int], int], list[_Edit]]:
    """Apply `edits` if the parsed result passes `check`; else each edit that passes alone."""
    if not edits:
        return lines, tokens, lambda line: line, []
    md = make_markdown_it()
    new_lines, line_map = _apply(lines, edits)
    new_tokens = md.parse("\n".join(new_lines))
    if check(blocks_with_lines(new_tokens)[0], len(edits)):
        return new_lines, new_tokens, line_map, edits
    kept = []
    for edit in edits:  # rare: something unusual in the essay; keep only the safe edits
        trial_lines, _ = _apply(lines, [*kept, edit])
        trial = md.parse("\n".join(trial_lines))
        if check(blocks_with_lines(trial)[0], len(kept) + 1):
            kept.append(edit)
    new_lines, line_map = _apply(lines, kept)
    return new_lines, md.parse("\n".join(new_lines)), line_map, kept


def _where(document: Document, block_lines: list[int], line: int) -> str:
    """"¶3" or "heading 2": the finished document's block holding source `line`."""
    if not document.blocks:
        return "document"
    index = max(0, bisect.bisect_right(block_lines, line) - 1)
    block = document.blocks[index]
    if block.number is not None:
        return f"¶{block.number}"
    ordinal = sum(1 for b in document.blocks[: index + 1] if b.kind == "heading")
    return f"heading {ordinal}"
