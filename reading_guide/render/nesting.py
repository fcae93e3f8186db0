"""Nesting past the parser's limit is flattened, never dropped.

markdown-it stops at `maxNesting` levels (quotes, lists, list items and paragraphs each count one)
and silently skips everything deeper: the words would vanish from the reading text. Here the
parser's block tokenizer is wrapped so that at the limit the rest of the region is read with the
leaf rules only (paragraphs, headings, code...): quote and bullet markers at the start of each
line are taken off, the words are kept in the deepest container the limit allows, and the first
token of each such region carries `meta[FLATTENED]` so the import can list the repair.

Each level costs markdown-it about two stack frames for a quote, one for a list level and three
for a nested link, so a limit of 40 stays a few hundred frames below Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

FLATTENED = "flattened-nesting"
_CONTAINER_RULES = frozenset({"blockquote", "list"})
# Quote markers and bullets (a bullet needs a space or the line end after it) at a line start.
_MARKERS = re.compile(r"^[ \t]*(?:(?:>|[-+*](?=[ \t]|$))[ \t]*)*")


def keep_deep_nesting(md: MarkdownIt, limit: int) -> MarkdownIt:
    """Set `md`'s nesting limit to `limit` and flatten, rather than drop, anything deeper."""
    md.options["maxNesting"] = limit
    nested: Callable[[StateBlock, int, int], None] = md.block.tokenize

    def tokenize(state: StateBlock, start: int, end: int) -> None:
        if state.level < limit:
            nested(state, start, end)  # containers inside call back into this function
            return
        first = len(state.tokens)
        leaves = [rule.fn for rule in md.block.ruler.__rules__
                  if rule.enabled and rule.name not in _CONTAINER_RULES]
        _tokenize_leaves(state, start, end, leaves)
        _strip_markers(state.tokens, first)

    # markdown-it has no hook for this: the wrapper replaces the bound method on this one
    # instance (a plain function, hence the ignore), so other parsers are untouched.
    md.block.tokenize = tokenize  # type: ignore[method-assign, assignment]
    return md


def _tokenize_leaves(state: StateBlock, start: int, end: int, rules: list) -> None:
    """markdown-it's `ParserBlock.tokenize` loop without its nesting cut-off and containers."""
    line = start
    has_empty = False
    while line < end:
        state.line = line = state.skipEmptyLines(line)
        if line >= end or state.sCount[line] < state.blkIndent:
            break
        for rule in rules:
            if rule(state, line, end, False):
                break
        else:  # the paragraph rule always matches; without it there is nothing to do
            raise RuntimeError("no block rule matched")
        state.tight = not has_empty
        line = state.line
        if line - 1 < end and state.isEmpty(line - 1):
            has_empty = True
        if line < end and state.isEmpty(line):
            has_empty = True
            line += 1
            state.line = line


def _strip_markers(tokens: list[Token], first: int) -> None:
    """Take quote and bullet markers off each line of the flattened inline text; flag the start."""
    if first < len(tokens):
        tokens[first].meta[FLATTENED] = True
    for token in tokens[first:]:
        if token.type == "inline":
            token.content = "\n".join(
                _MARKERS.sub("", line, count=1) for line in token.content.split("\n")
            ).strip()
