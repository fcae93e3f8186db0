"""Essay Markdown -> `Document` (blocks, inline spans, reading text).

markdown-it-py's CommonMark preset with raw HTML off: an essay is text to read, so `<b>` or
`<script>` in it is shown as the characters the author typed, never passed through as markup
(import converts raw HTML through the safe HTML importer before the essay is stored). On top of
CommonMark, the GitHub dialect people write in: tables and strikethrough (markdown-it's own
rules), footnotes and task lists (mdit-py-plugins, the plugin collection markdown-it-py's
maintainers keep). Front matter is not read here: import takes it off as metadata.
Linkify and typographic replacements stay off so the reading text is exactly the author's wording.

The walk over the tokens that makes the blocks is in `render.markdown_blocks`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from reading_guide.links import safe_href
from reading_guide.render.document import Block, Document
from reading_guide.render.markdown_blocks import BULLET, BlockBuilder, _fold, inline_text
from reading_guide.render.nesting import keep_deep_nesting

# Quotes, lists, list items and paragraphs each take a level: lists keep 19 levels, quotes 39;
# anything deeper is flattened into the deepest level (render.nesting), never dropped.
MAX_NESTING = 40

__all__ = [
    "BULLET",
    "MAX_NESTING",
    "_fold",
    "blocks_with_lines",
    "inline_text",
    "make_markdown_it",
    "parse",
    "parse_blocks",
    "safe_href",
]


def make_markdown_it() -> MarkdownIt:
    """The one parser configuration the app uses (import clean-up maps lines with the same)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # Rules that only return at once with these options: off, they cost nothing (a few % of
    # a 1 MB parse: markdown-it calls every block rule at every line).
    md.disable(["html_block", "html_inline", "linkify", "replacements", "smartquotes"],
               ignoreInvalid=True)
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    return keep_deep_nesting(md, MAX_NESTING)


def parse(markdown: str) -> Document:
    """Parse essay Markdown into a Document; see `render.document` for the reading text."""
    return Document.from_blocks(parse_blocks(markdown))


def parse_blocks(markdown: str, md: MarkdownIt | None = None) -> list[Block]:
    """The blocks of `markdown`, not yet numbered; pass `md` to reuse a parser for many calls."""
    markdown = unicodedata.normalize("NFC", markdown)
    return BlockBuilder().build((md or make_markdown_it()).parse(markdown))


def blocks_with_lines(tokens: Sequence[Token]) -> tuple[list[Block], list[int]]:
    """Blocks of already parsed (NFC) tokens and each block's first source line (0-based).

    Import clean-up uses the lines to say where a repair is ("¶3") in the finished document.
    Footnotes, which markdown-it moves to the end, count as lines after the last one, so the
    list stays sorted.
    """
    builder = BlockBuilder()
    blocks = builder.build(tokens)
    return blocks, builder.lines
