"""HTML essay -> Markdown with the same blocks, keeping only what a reader needs.

Public contract (other importers feed HTML through it): `html_to_markdown(html: str) ->
ConvertedHtml` takes a whole HTML document or a fragment as text and returns Markdown that
`render.parse` turns into exactly the blocks the HTML shows, the page's `<title>`, language and
direction, and the list of repairs. It never fetches or runs anything and never raises on bad
markup.

The HTML is parsed by Lexbor (selectolax), a C implementation of the WHATWG HTML5 parsing
algorithm, so unclosed `form`, `svg`, `math`, `button`... are recovered from as a browser does,
and a 20 MB page parses in about a second. The tree is then walked with an explicit loop (never
recursion: 10,000 nested divs cost no stack). Paragraphs, headings, quotes, lists, tables (one
block each), verse (`<br>` lines), preformatted code, emphasis, strong, strikethrough, code and
http(s)/mailto links survive. Active or embedded content (script, style, iframe, object, svg,
images, form controls, hidden elements) is dropped and every drop is a repair; page numbers of
scanned books are dropped and footnote markers set apart, each listed as well.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field

from reading_guide.render.html_tree import NOSCRIPT_TEXT, Walker, is_data_table
from reading_guide.render.repairs import Repair

__all__ = ["ConvertedHtml", "html_to_markdown", "is_data_table"]

# Lexbor parses as a browser with scripts off, where <noscript> content is shown; readers see
# pages with scripts on, where it is raw text up to </noscript> and never shown. The tokenizer's
# rule for that case is exactly this pattern.
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)(?:</noscript\s*>|$)", re.I | re.S)


def _noscript_as_attribute(match: re.Match[str]) -> str:
    text = html_module.escape(" ".join(match.group(1).split())[:200])
    return f'<noscript {NOSCRIPT_TEXT}="{text}"></noscript>'


@dataclass
class ConvertedHtml:
    markdown: str
    title: str
    repairs: list[Repair] = field(default_factory=list)
    language: str = ""  # the document's lang attribute, as written ("" if none)
    direction: str = ""  # "rtl" or "ltr" when the document says so, else ""


def html_to_markdown(html: str) -> ConvertedHtml:
    """Convert an HTML essay to Markdown; see the module docstring for what survives."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_NOSCRIPT.sub(_noscript_as_attribute, html))
    title_node = tree.css_first("head > title") or tree.css_first("title")
    title = title_node.text(deep=True) if title_node is not None else ""
    if "<" in title and tree.body is not None and not tree.body.text(deep=True).strip():
        # An unclosed <title>: HTML5 reads the whole page into it. Read the rest as the page.
        title, rest = title.split("<", 1)
        tree = LexborHTMLParser("<" + rest)
    title = " ".join(title.split())
    root = tree.root
    language = ""
    direction = ""
    if root is not None:
        attrs = root.attributes
        language = (attrs.get("lang") or attrs.get("xml:lang") or "").strip()
        direction = (attrs.get("dir") or "").strip().lower()
    body = tree.body
    if body is not None and not direction:
        direction = (body.attributes.get("dir") or "").strip().lower()
    walker = Walker()
    start = body if body is not None else root
    if start is not None:
        walker.walk(start)
    walker.flush()
    return ConvertedHtml(
        walker.markdown(),
        title,
        walker.repairs,
        language,
        direction if direction in ("rtl", "ltr") else "",
    )
