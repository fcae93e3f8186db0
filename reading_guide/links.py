"""Which link targets from an essay or a guide may stay links: one policy for reader and handout.

Essays and guides are untrusted. A link survives only as an `http`/`https` URL with a host, or a
`mailto:` naming one address and nothing else: `mailto:` parameters can attach a local file or
pre-write a message (`mailto:a@b.org?attach=/home/me/.ssh/id_rsa`, `mailto:?body=...`), and every
other scheme (`file:`, `data:`, `javascript:`, relative paths) would let a handout or the reader
reach outside the guide. Anything else becomes plain text. Before this module the reader
(render/markdown.py) and the handout (export/safe_markdown.py) each had a `safe_href` with its
own rules; the handout kept `mailto:?attach=`.

The standard library's `urllib.parse.urlsplit` does the splitting; what it cannot be trusted with
(control characters, which browsers drop, turning `java\\tscript:` into `javascript:`) is refused
before.
"""

from __future__ import annotations

import re

MAX_LINK_LENGTH = 2000
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"]")
_MAIL_ADDRESS = re.compile(r"[^@?#&,;:/]+@[^@?#&,;:/]+")


def safe_href(url: str) -> str | None:
    """`url` (without surrounding white space) if it may stay a link, else None."""
    from urllib.parse import urlsplit  # here: the app's start-up never needs it

    url = url.strip()
    if not url or len(url) > MAX_LINK_LENGTH or _UNSAFE_CHARACTERS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host, say
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return url if parts.netloc and not parts.netloc.startswith("@") else None
    if scheme == "mailto":
        plain = not (parts.query or parts.fragment or "?" in url or "#" in url)
        return url if plain and _MAIL_ADDRESS.fullmatch(parts.path) else None
    return None
