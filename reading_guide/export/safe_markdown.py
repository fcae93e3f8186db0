"""Guide Markdown (the introduction) -> HTML that cannot reach outside the handout.

The guide is untrusted: raw HTML is off, images are switched off entirely, and links print as
their words (and an http(s) or mailto address, links.safe_href; a refused address is left out),
so nothing in it can make WeasyPrint fetch a file or a URL.
"""

from __future__ import annotations

from reading_guide.links import safe_href
from reading_guide.render.nesting import keep_deep_nesting

# Quotes 12 deep, lists 5 deep: the most the handout's indentation keeps on the page (1.6rem a
# quote, 40px a list); anything deeper is flattened into the deepest level, never dropped.
INTRO_MAX_NESTING = 12


def markdown_to_html(text: str) -> str:
    """Render block Markdown with no raw HTML, no images and only safe links.

    Nesting past INTRO_MAX_NESTING is flattened as in the essay (render.nesting): markdown-it
    would drop those words from the handout without a sign, and deeper indentation would push
    them off the page. Flattened paragraphs are never hidden (markdown-it hides the paragraphs
    of a tight list, which would run the flattened lines together with no space).
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    # Every link parses (a refused one would print as raw `[words](address)`); _links_as_text
    # keeps only the words and a safe address.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    keep_deep_nesting(md, INTRO_MAX_NESTING)
    env: dict = {}
    tokens = md.parse(text, env)
    for token in tokens:
        if token.level >= INTRO_MAX_NESTING and token.type.startswith("paragraph_"):
            token.hidden = False
        if token.type == "inline" and token.children:
            token.children = _links_as_text(token.children)
    return md.renderer.render(tokens, md.options, env)


def _links_as_text(children: list) -> list:
    """A link prints as its words and its address (user_text.py's rule for all user text)."""
    from reading_guide.export.user_text import link_address

    out: list = []
    hrefs: list[str] = []
    words: list[str] = []
    for token in children:
        if token.type == "link_open":
            hrefs.append(safe_href(str(token.attrs.get("href", ""))) or "")
            words.append("")
            continue
        if token.type == "link_close":
            href, said = (hrefs.pop() if hrefs else ""), (words.pop() if words else "")
            shown = link_address(href)
            if href and said.strip() not in (href, href.rstrip("/"), shown):
                token.type, token.tag, token.nesting, token.content = "text", "", 0, f" ({shown})"
                out.append(token)
            continue
        if words and token.type in ("text", "code_inline"):
            words[-1] += token.content
        out.append(token)
    return out
