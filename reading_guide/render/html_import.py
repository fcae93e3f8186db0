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
from typing import TYPE_CHECKING

from reading_guide.render.html_tree import NOSCRIPT_TEXT, Walker, is_data_table

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser
from reading_guide.render.repairs import Repair

__all__ = ["ConvertedHtml", "convert_html", "flatten_deep_nesting", "html_to_markdown",
           "is_data_table", "merge_inline_runs"]

# Lexbor parses as a browser with scripts off, where <noscript> content is shown; readers see
# pages with scripts on, where it is raw text up to </noscript> and never shown. The tokenizer's
# rule for that case is exactly this pattern.
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)(?:</noscript\s*>|$)", re.I | re.S)


# HTML5 tree building checks the stack of open elements at many tags, so nesting depth costs
# quadratic time (30,000 nested divs: over a minute). Browsers cap the depth their parser
# builds (Blink: 512) and attach deeper elements as siblings; tags past this depth are taken out
# here before parsing, which keeps every word and loses only that nesting.
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?/?>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "image", "input", "link",
                   "meta", "param", "source", "track", "wbr", "keygen", "frame"})


def flatten_deep_nesting(html: str) -> tuple[str, int]:
    """`html` with tags nested past MAX_DEPTH taken out; how many were taken."""
    if html.count("<") < MAX_DEPTH:
        return html, 0  # fewer tags than the cap: cannot nest that deep
    depth = 0
    skipped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        if match.group(1):
            if skipped.get(name):
                skipped[name] -= 1
                cuts.append(match.span())
            else:
                depth = max(depth - 1, 0)
        elif depth >= MAX_DEPTH:
            skipped[name] = skipped.get(name, 0) + 1
            cuts.append(match.span())
        else:
            depth += 1
    if not cuts:
        return html, 0
    pieces = []
    at = 0
    for start, end in cuts:
        pieces.append(html[at:start])
        at = end
    pieces.append(html[at:])
    return " ".join(pieces), len(cuts)


# A run of plain inline elements of one kind holding only text, side by side: "<b>one</b>
# <b>two</b>" (a page of bold words, a word processor's spans). One element per run reads the
# same and is what the conversion writes anyway (one mark), while a node per word costs
# Lexbor's and lxml's trees about 450 bytes each: a 19.8 MB page of 1.5 million bold words
# took 1.5 GB and 33 s to import, and 256 MB and 8 s once its runs are merged.
_INLINE_RUN = re.compile(r"<(b|strong|i|em|u|s|code|span|font|small)>[^<]*</\1>"
                         r"(?:[ \t\r\n]*<\1>[^<]*</\1>)+", re.I)


def merge_inline_runs(html: str) -> str:
    """`html` with each run of side-by-side plain inline elements of one kind made one element
    (only elements without attributes and holding only text: the text is exactly kept)."""
    def merged(match: re.Match[str]) -> str:
        tag = re.escape(match.group(1))
        return re.sub(f"</{tag}>([ \t\r\n]*)<{tag}>", r"\1", match.group(0), flags=re.I)

    return _INLINE_RUN.sub(merged, html)


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
    # Only from `convert_html(..., checked=False)`: the block texts `markdown` must parse to,
    # and the HTML it came from (`checked()` converts it again, checked, when they differ).
    expected: list[str] | None = None
    html: str = ""

    def checked(self) -> ConvertedHtml:
        """This conversion with its Markdown checked block by block (see `html_to_markdown`)."""
        return self if self.expected is None else html_to_markdown(self.html)


def html_to_markdown(html: str) -> ConvertedHtml:
    """Convert an HTML essay to Markdown; see the module docstring for what survives."""
    return convert_html(html, checked=True)


def convert_html(html: str, *, checked: bool) -> ConvertedHtml:
    """`html_to_markdown`; unless `checked`, the Markdown is not parsed here to check that it
    gives the expected blocks (its `expected` says what they are): import parses it anyway in
    clean-up, which checks it there (`clean_markdown(..., expected=...)`), so a big page is
    parsed once instead of twice, and a page's extractions that are only counted never are."""
    from selectolax.lexbor import LexborHTMLParser

    source = html
    html = merge_inline_runs(_NOSCRIPT.sub(_noscript_as_attribute, html))
    html, flattened = flatten_deep_nesting(html)
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    title = title_node.text(deep=True) if title_node is not None else ""
    if "<" in title and tree.body is not None and not tree.body.text(deep=True).strip():
        # An unclosed <title>: HTML5 reads the whole page into it. Read the rest as the page.
        title, rest = title.split("<", 1)
        tree = LexborHTMLParser("<" + rest)
    title = " ".join(title.split())
    language, direction = page_language(tree)
    root, body = tree.root, tree.body
    walker = Walker()
    if flattened:
        walker.report("flattened-nesting", f"{flattened} tags nested past {MAX_DEPTH} levels",
                      "taken out; every word kept")
    start = body if body is not None else root
    if start is not None:
        walker.walk(start)
    walker.flush()
    del tree, start, body, root  # the parsed page is not needed to write the Markdown
    if checked:
        return ConvertedHtml(walker.markdown(), title, walker.repairs, language, direction)
    markdown, expected = walker.unchecked()
    return ConvertedHtml(markdown, title, walker.repairs, language, direction, expected, source)


def page_language(tree: LexborHTMLParser) -> tuple[str, str]:
    """The page's `lang` as written and its `dir` ("rtl", "ltr" or "")."""
    language = direction = ""
    if tree.root is not None:
        attrs = tree.root.attributes
        language = (attrs.get("lang") or attrs.get("xml:lang") or "").strip()
        direction = (attrs.get("dir") or "").strip().lower()
    if tree.body is not None and not direction:
        direction = (tree.body.attributes.get("dir") or "").strip().lower()
    return language, direction if direction in ("rtl", "ltr") else ""
