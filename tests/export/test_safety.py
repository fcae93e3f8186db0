"""The essay and the guide are untrusted: nothing in them may make the handout read a file,
reach the network or attach anything. A local listener and a fetcher spy prove it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, build_html, render_pdf
from reading_guide.export.pdf import is_allowed_url, make_fetcher
from reading_guide.model import Category, GlossaryEntry, Question
from reading_guide.resources import resource_path
from tests.export.conftest import pdf_text
from tests.export.guides import fixture_guide
from tests.netguard import listening_port, was_contacted

HOSTNAME = Path("/etc/hostname")


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that must never be contacted."""
    with listening_port() as server:
        yield server


def _hostile(port: int) -> str:
    return (
        '<img src="file:///etc/hostname"> <img src="../../../../../../etc/hostname">\n\n'
        "![x](/etc/passwd) ![y](file:///etc/hostname) ![z](../secret.png)\n\n"
        '<link rel=attachment href="file:///etc/hostname">\n\n'
        f"<style>@import url(http://127.0.0.1:{port}/);</style>\n\n"
        f'<a rel="attachment" href="http://127.0.0.1:{port}/a">attach</a>\n\n'
        f"[link](http://127.0.0.1:{port}/ok) [rel](../../etc/passwd)\n"
    )


def _allowed(url: str) -> bool:
    return url.startswith("data:") or url.startswith(resource_path().resolve().as_uri() + "/")


def test_hostile_guide_fetches_nothing_outside_resources(listener: socket.socket,
                                                         tmp_path: Path):
    port = listener.getsockname()[1]
    guide = fixture_guide()
    guide.essay.text = _hostile(port) + "\n\n" + guide.essay.text
    guide.introduction = _hostile(port)
    guide.glossary.append(GlossaryEntry(f"<img src='http://127.0.0.1:{port}/g'>", _hostile(port)))
    guide.questions.append(Question("qx", _hostile(port), answer_lines=2))
    guide.categories.append(Category("ev", f"url(http://127.0.0.1:{port}/c)", "#fff", "box"))
    html = build_html(guide, ExportOptions("facilitator"))
    for tag in ("<img", "<link", "<style>@import", "<a rel"):
        assert tag not in html.replace('<style id="', "")
    spy: list[str] = []
    out = tmp_path / "hostile.pdf"
    render_pdf(html, out, fetcher=make_fetcher(spy))
    assert spy and all(_allowed(url) for url in spy)  # only our fonts were fetched
    assert not was_contacted(listener)
    root = PdfReader(out).trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    if HOSTNAME.is_file() and HOSTNAME.read_text().strip():
        assert HOSTNAME.read_text().strip() not in "\n".join(pdf_text(out))


def test_the_fetcher_refuses_files_network_and_relative_escapes(listener: socket.socket,
                                                                tmp_path: Path):
    """Even raw HTML handed straight to render_pdf cannot get past the URL fetcher."""
    port = listener.getsockname()[1]
    html = (
        "<html><head>"
        f"<style>@import url(http://127.0.0.1:{port}/x.css); "
        f"body {{ background: url(http://127.0.0.1:{port}/bg.png) }}</style>"
        '<link rel="attachment" href="file:///etc/hostname">'
        '<link rel="stylesheet" href="../../../../../etc/hostname">'
        "</head><body><p>Hello</p>"
        '<img src="file:///etc/hostname"><img src="../../../../../../etc/passwd">'
        f'<img src="http://127.0.0.1:{port}/i.png">'
        '<a rel="attachment" href="file:///etc/hostname">a</a>'
        '<img src="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>">'
        "</body></html>"
    )
    spy: list[str] = []
    out = tmp_path / "raw.pdf"
    render_pdf(html, out, fetcher=make_fetcher(spy))
    assert not was_contacted(listener)
    assert any(url.startswith("file:///etc/") for url in spy)  # asked for, and refused
    assert any(url.startswith(f"http://127.0.0.1:{port}") for url in spy)
    assert any(url.startswith("data:") for url in spy)
    root = PdfReader(out).trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    annots = [a.get_object() for p in PdfReader(out).pages for a in p.get("/Annots", [])]
    assert not [a for a in annots if a.get("/Subtype") == "/FileAttachment"]


def test_url_policy_resolves_dot_dot_and_symlinks(tmp_path: Path):
    root = tmp_path / "resources"
    (root / "fonts").mkdir(parents=True)
    (root / "fonts" / "a.ttf").write_bytes(b"x")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (root / "fonts" / "link.ttf").symlink_to(outside)
    assert is_allowed_url((root / "fonts" / "a.ttf").as_uri(), root)
    assert is_allowed_url("data:text/plain,hi", root)
    assert not is_allowed_url((root / "fonts" / "link.ttf").as_uri(), root)
    assert not is_allowed_url(f"file://{root}/fonts/../../secret.txt", root)
    assert not is_allowed_url(f"file://{root}/../secret.txt", root)
    assert not is_allowed_url(outside.as_uri(), root)
    assert not is_allowed_url("http://127.0.0.1/", root)
    assert not is_allowed_url("file://otherhost/etc/hostname", root)
    assert not is_allowed_url("ftp://example.org/a", root)
