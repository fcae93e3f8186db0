"""What the HTML importer keeps, drops and reports: the element tables and small tests on nodes.

Kept apart from the walk (`html_tree`) so the rules can be read, and changed, in one place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

# Elements dropped with everything inside them, and reported.
DROPPED = frozenset({
    "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "canvas", "video", "audio", "select", "textarea", "input", "svg", "noscript", "dialog",
    "map", "picture", "img", "image", "title", "head", "portal", "fencedframe", "label",
    "output", "meter", "progress",
})
# Elements with nothing to read, dropped without a word.
SILENT = frozenset({"link", "meta", "base", "source", "track", "param", "area", "wbr", "hr",
                    "col", "colgroup", "datalist", "option", "optgroup", "slot"})
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "dl", "dt", "dd", "address", "center", "details", "summary", "body", "html",
    "fieldset", "legend", "form", "caption", "hgroup", "search", "menu",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
MARKS = {"em": "em", "i": "em", "cite": "em", "var": "em", "dfn": "em", "strong": "strong",
         "b": "strong", "code": "code", "kbd": "code", "samp": "code", "tt": "code",
         "s": "strike", "strike": "strike", "del": "strike"}
# Lexbor's css_first matches the node itself too: every selector here is inside a cell.
BLOCKS_IN_CELL = ", ".join(
    f"{cell} {inner}" for cell in ("td", "th") for inner in (
        "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "p ~ p", "div ~ div", "p ~ div", "div ~ p"))
BLOCKS_IN_BUTTON = "p, div, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, pre, li"
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
PAGE_CLASS = re.compile(r"\b(?:pagenum|pageno|page-?num(?:ber)?|page_?number|pginternal)\b", re.I)
PAGE_TEXT = re.compile(r"^\[?\s*(?:p(?:g|age)?\.?\s*)?[0-9ivxlcdm]{1,6}\s*\]?$", re.I)
NOTE_TEXT = re.compile(r"^\[?[0-9*†‡§¶a-z]{1,4}\]?$", re.I)
NOTE_HINT = re.compile(r"note|fn|foot|ref", re.I)
# Elements HTML5 reads as raw text to their end tag; unclosed, they swallow the page.
RAW_TEXT = frozenset({"textarea", "title", "xmp", "noembed", "noframes"})
MARKUP = re.compile(r"</?(?:p|div|h[1-6]|br|li|ul|ol|blockquote|table|section|article)\b", re.I)
# What a <noscript> held, kept for the report (html_import reads it as a browser with
# scripts on would: as text, not markup).
NOSCRIPT_TEXT = "data-reading-guide-noscript"
# Poem markup (Gutenberg's div.poem > div.stanza > span.i0 lines, TEI's lg): lines of verse.
# Whole class names only: "col-lg-8" is a layout grid, not a line group.
POEM_CLASSES = frozenset({"poem", "stanza", "verse", "poetry", "lg", "linegroup"})


# Project Gutenberg's header and licence in its HTML and EPUB editions, as its ebookmaker marks
# them: the licence is not the book (plain-text editions lose it too, render/plaintext.py).
GUTENBERG_IDS = frozenset({"pg-header", "pg-footer", "pg-machine-header",
                           "pg-start-separator", "pg-end-separator"})
PICTURES = frozenset({"img", "image", "picture"})


def is_gutenberg_boilerplate(attrs: dict[str, str | None]) -> bool:
    return ((attrs.get("id") or "") in GUTENBERG_IDS
            or "pg-boilerplate" in (attrs.get("class") or "").split())


def is_poem(attrs: dict[str, str | None]) -> bool:
    return any(name.lower() in POEM_CLASSES for name in (attrs.get("class") or "").split())
MAX_CELL_CHARS = 600  # a "cell" longer than this is a layout table's column, not data
# Quotes and lists nested deeper than this are written at this depth (Markdown flattens past
# about 19 levels anyway, render.nesting), so a prefix never grows with hostile depth.
MAX_CONTAINERS = 16


def is_data_table(table: LexborNode) -> bool:
    """A table of data (kept as a table) rather than one used to lay a page out."""
    if table.css_first(BLOCKS_IN_CELL) is not None:
        return False
    cells = table.css("td, th")
    if len(cells) < 2:
        return False
    text = table.text(deep=True)
    return len(text) <= MAX_CELL_CHARS * len(cells) and all(
        len(c.text(deep=True)) <= MAX_CELL_CHARS for c in cells
    )


def hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and bool(HIDDEN_STYLE.search(style or ""))
