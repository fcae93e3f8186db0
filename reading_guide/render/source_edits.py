"""The clean-up's line edits of the Markdown source: bold made plain around a heading, links
that go nowhere ("[text](#)", "[text]()") made plain text.

Each edit replaces whole source lines with the same number of lines, so the clean-up
(`cleanup.py`) can check it by parsing only what it touches and patch the parsed document. Kept
apart from the clean-up's loop so each rule can be read on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from reading_guide.render.repairs import excerpt, head

DEAD_HREFS = ("", "#")

_ATX_BOLD = re.compile(r"^( {0,3}#{1,6}[ \t]+)(\*\*|__)(.*?)\2([ \t]*(?:#+[ \t]*)?)$")
_SETEXT_BOLD = re.compile(r"^( {0,3})(\*\*|__)(.*)\2([ \t]*)$")
_DEAD_LINK_END = re.compile(r"\]\([ \t]*(?:#|<#?>)?[ \t]*\)")
# What may stand before a line's text: indentation, quote and list markers.
_LINE_START = re.compile(r"[ \t>*+\-\d.)]*")


@dataclass
class Found:
    """A repair before its place in the finished document is known (`line` in the source)."""

    line: int
    kind: str
    before: str
    after: str
    # Its exact changes in the edited source: (line, column, new text, old text), made final
    # offsets by the clean-up (render.repairs.Change).
    changes: list[tuple[int, int, str, str]] = field(default_factory=list)


@dataclass
class Edit:
    """Replace source lines [start, end) with `lines`; the repairs it makes. `inline`, when
    set, is the one block's new inline content: the edit leaves every line's start alone, so
    the block structure cannot change and parsing that content alone is the whole check."""

    start: int
    end: int
    lines: list[str]
    found: list[Found] = field(default_factory=list)
    inline: str | None = None


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


def heading_bold_edits(tokens: Sequence[Token], lines: list[str]) -> list[Edit]:
    edits: list[Edit] = []
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
            found = Found(line, "heading-bold", head(old.strip(), 60), head(new.strip(), 60),
                          [(line, 0, new, old)])
            edits.append(Edit(line, line + 1, [new], [found]))
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


def dead_link_edits(tokens: Sequence[Token], lines: list[str]) -> list[Edit]:
    edits: list[Edit] = []
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
        inline = _without_dead_links(tok.content, dead)
        if inline is not None and any(_at_line_start(chunk, at) for span in spans
                                      for at in span[:2]):
            inline = None  # the edit changes how a line starts: check the blocks again
        current = chunk
        found: list[Found] = []
        for opening, close, stop in reversed(spans):
            current = current[:opening] + current[opening + 1:close] + current[stop:]
            found.append(
                Found(
                    start + chunk.count("\n", 0, opening),
                    "dropped-link",
                    excerpt(chunk, opening, stop).replace("\n", " "),
                    excerpt(current, opening, close - 1).replace("\n", " "),
                )
            )
        found.reverse()
        shift = 0  # how much shorter the links before this one made the chunk
        for f, (opening, close, stop) in zip(found, spans, strict=True):
            at = opening - shift  # where the link's text starts in `current`
            line_start = current.rfind("\n", 0, at) + 1
            f.changes.append((start + current.count("\n", 0, at), at - line_start,
                              chunk[opening + 1:close], chunk[opening:stop]))
            shift += 1 + stop - close
        edits.append(Edit(start, end, current.split("\n"), found, inline))
    return edits


def _without_dead_links(content: str, dead: int) -> str | None:
    """A block's inline content with its `dead` placeholder links made plain text (None when
    they cannot all be found in it)."""
    spans = _dead_link_spans(content)
    if len(spans) != dead:
        return None
    for opening, close, stop in reversed(spans):
        content = content[:opening] + content[opening + 1:close] + content[stop:]
    return content


def _at_line_start(chunk: str, at: int) -> bool:
    """Is `at` where a line's text starts, after only white space or container markers?"""
    return _LINE_START.fullmatch(chunk, chunk.rfind("\n", 0, at) + 1, at) is not None
