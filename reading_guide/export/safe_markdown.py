"""Guide Markdown (the introduction) -> HTML that cannot reach outside the handout.

The guide is untrusted: raw HTML is off, images are switched off entirely, and a link survives only
with an http(s) or mailto target, so nothing in it can make WeasyPrint fetch a file or a URL.
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
    md.validateLink = lambda url: safe_href(url) is not None  # type: ignore[method-assign]
    keep_deep_nesting(md, INTRO_MAX_NESTING)
    env: dict = {}
    tokens = md.parse(text, env)
    for token in tokens:
        if token.level >= INTRO_MAX_NESTING and token.type.startswith("paragraph_"):
            token.hidden = False
    return md.renderer.render(tokens, md.options, env)
