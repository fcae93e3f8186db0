"""One link policy for the reader and the handout (reading_guide/links.py)."""

from __future__ import annotations

import pytest

from reading_guide.export.safe_markdown import markdown_to_html
from reading_guide.links import safe_href
from reading_guide.render import parse


@pytest.mark.parametrize("url", [
    "https://example.org/a?b=c#d", "http://example.org", "  https://example.org/x  ",
    "mailto:ada@example.org", "MAILTO:ada@example.org", "HTTPS://EXAMPLE.ORG",
])
def test_kept(url: str) -> None:
    assert safe_href(url) == url.strip()


@pytest.mark.parametrize("url", [
    "mailto:?attach=/etc/passwd", "mailto:a@b.org?attach=/home/me/.ssh/id_rsa",
    "mailto:a@b.org?subject=hi", "mailto:a@b.org#x", "mailto:", "mailto:nobody",
    "mailto:a@b.org,c@d.org", "file:///etc/passwd", "data:text/html,<b>x</b>",
    "javascript:alert(1)", "java\tscript:alert(1)", "/etc/passwd", "../x.md", "#top", "",
    "https:", "https:///path-only", "http://[::1", "https://example.org/" + "a" * 2000,
    "ftp://example.org", "\x00https://example.org", "https://exa mple.org",
])
def test_refused(url: str) -> None:
    assert safe_href(url) is None


def test_the_reader_and_the_handout_apply_the_same_policy() -> None:
    text = "[bad](mailto:?attach=/etc/passwd) and [good](https://example.org)"
    spans = [s.href for b in parse(text).blocks for s in b.spans if s.kind == "link"]
    assert spans == ["https://example.org"]  # the other is plain text
    html = markdown_to_html(text)
    # The handout prints links as words: the refused one without its address (never as raw
    # Markdown), the good one with it.
    assert "mailto" not in html and "[bad]" not in html and "bad and good (example.org)" in html
