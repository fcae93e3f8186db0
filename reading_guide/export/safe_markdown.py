"""Guide Markdown (the introduction) -> HTML that cannot reach outside the handout.

The guide is untrusted: raw HTML is off, images are switched off entirely, and a link survives only
with an http(s) or mailto target, so nothing in it can make WeasyPrint fetch a file or a URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def safe_href(url: str) -> str | None:
    """The link target if it is http(s) or mailto, else None (relative paths, file:, data:...)."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in SAFE_SCHEMES and len(url) < 2000 else None


def markdown_to_html(text: str) -> str:
    """Render block Markdown with no raw HTML, no images and only safe links."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = lambda url: safe_href(url) is not None  # type: ignore[method-assign]
    return md.render(text)
