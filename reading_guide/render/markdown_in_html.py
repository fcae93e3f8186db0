"""Markdown inside raw HTML, as kramdown (Jekyll's default) reads it: `markdown="1"`.

A Jekyll post may wrap Markdown in an HTML element and mark it `markdown="1"` (or "block",
"span"): kramdown reads the element's content as Markdown. CommonMark does not, so the safe HTML
importer would print its links and emphasis as written ("[How to Spread the Word](https://…)").
Before raw HTML goes to the importer, the content of each marked element is rendered from
Markdown to HTML here, innermost first; what comes out is still only HTML, which the importer
then reduces to safe text as it does any other (nothing here is trusted or shown as it is).
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_MARKED = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)(?P<before>[^<>]*?)\s+markdown\s*=\s*(?P<q>[\"']?)"
    r"(?P<mode>1|block|span)(?P=q)(?P<after>[^<>]*)>", re.I)
_TAG_LINE = re.compile(r"^\s*</?[a-zA-Z][^<>]*>\s*$")
_INLINE_TAGS = frozenset({"p", "span", "a", "em", "strong", "li", "td", "th", "h1", "h2", "h3",
                          "h4", "h5", "h6", "figcaption", "cite", "q", "small", "label"})
MAX_ELEMENTS = 500  # a hostile page of marked elements costs at most this many renders


def markdown_in_html(source: str, md: MarkdownIt) -> str:
    """`source` with the content of every `markdown="1"` element rendered to HTML by `md` (a
    markdown-it that passes raw HTML through); unmarked HTML is left as it is."""
    for _ in range(MAX_ELEMENTS):
        opens = list(_MARKED.finditer(source))
        if not opens:
            break
        start = opens[-1]  # the last one opened holds no other marked element
        closing = re.compile(rf"</{re.escape(start.group('tag'))}\s*>", re.I)
        end = closing.search(source, start.end())
        inner_end = end.start() if end else len(source)
        inner = textwrap.dedent(source[start.end():inner_end]).strip("\n")
        if start.group("mode").lower() == "span" or start.group("tag").lower() in _INLINE_TAGS:
            rendered = md.renderInline(" ".join(inner.split()))
        else:
            rendered = md.render(_apart(inner))
        opening = f"<{start.group('tag')}{start.group('before')}{start.group('after')}>"
        source = source[:start.start()] + opening + rendered + source[inner_end:]
    return source


def _apart(text: str) -> str:
    """A line holding only a tag, set apart by blank lines: CommonMark would run an HTML block
    on over the Markdown lines after it, where kramdown reads them as Markdown."""
    out: list[str] = []
    for line in text.split("\n"):
        if _TAG_LINE.match(line):
            out += ["", line, ""]
        else:
            out.append(line)
    return "\n".join(out)
