"""What facilitators type (questions, notes, the introduction, glossary entries): a small, safe
Markdown, the same on screen and on paper. Qt-free, so the GUI shows it with the same rules.

The subset: *emphasis*, **strong**, `code`, [links](https://example.org) printed as text, and
paragraphs (a blank line). Everything else a Markdown parser would make (headings, lists, raw
HTML, images) stays the literal text the facilitator typed, so nothing in a received guide can
add an image, a stylesheet or a fetch to a handout or to a widget.

Contract (for the GUI as for the handout):
- `user_text_paragraphs(text) -> list[list[Run]]`: paragraphs of runs; a `Run` is plain text
  with flags (`emphasis`, `strong`, `code`) and, inside a link, `link` (an http(s) or mailto
  address; other targets are dropped, their words kept). Line breaks inside a paragraph are
  spaces. No markup characters remain in `Run.text`; it is not escaped.
- `user_text_plain(text) -> str`: the words as printed, paragraphs joined by a blank line
  (window titles, PDF metadata, search).
- `user_text_html(text) -> str`: `<p>` per paragraph (or one line of inline HTML with
  `inline=True`), only `em`, `strong`, `code`; every character escaped; a link as its words
  followed by its address in parentheses unless the words are the address.

markdown-it-py (already the essay's parser) does the parsing, with only its inline rules for
these four constructs switched on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import Any

from reading_guide.links import safe_href

MAX_USER_TEXT = 100_000  # characters parsed as Markdown; the rest prints as it is


@dataclass(frozen=True)
class Run:
    text: str
    emphasis: bool = False
    strong: bool = False
    code: bool = False
    link: str = ""


def user_text_paragraphs(text: str) -> list[list[Run]]:
    """Paragraphs of styled runs (see the module docstring)."""
    head, tail = text[:MAX_USER_TEXT], text[MAX_USER_TEXT:]
    paragraphs: list[list[Run]] = []
    for block in _blocks(head):
        paragraphs.append(_runs(block))
    if tail.strip():
        if paragraphs:
            paragraphs[-1].append(Run(" ".join(tail.split())))
        else:
            paragraphs.append([Run(" ".join(tail.split()))])
    return [p for p in paragraphs if any(r.text for r in p)]


def user_text_plain(text: str) -> str:
    return "\n\n".join("".join(r.text for r in p) for p in user_text_paragraphs(text))


def user_text_html(text: str, *, inline: bool = False) -> str:
    paragraphs = [runs_html(p) for p in user_text_paragraphs(text)]
    if inline:
        return "<br>".join(paragraphs)
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def runs_html(runs: list[Run]) -> str:
    """One paragraph's runs as inline HTML (escaped; em, strong and code only)."""
    out = []
    for run in runs:
        piece = escape(run.text, quote=False)
        if run.code:
            piece = f"<code>{piece}</code>"
        if run.strong:
            piece = f"<strong>{piece}</strong>"
        if run.emphasis:
            piece = f"<em>{piece}</em>"
        out.append(piece)
    return "".join(out)


def runs_text(runs: list[Run]) -> tuple[str, list[tuple[int, int, str]]]:
    """The printed text of a paragraph and its styles as (start, end, tag) ranges, for callers
    that lay the paragraph out themselves (the handout's bidi-aware renderer)."""
    text: list[str] = []
    spans: list[tuple[int, int, str]] = []
    at = 0
    for run in runs:
        shown = run.text
        for flag, tag in ((run.emphasis, "em"), (run.strong, "strong"), (run.code, "code")):
            if flag and shown:
                spans.append((at, at + len(shown), tag))
        text.append(shown)
        at += len(shown)
    return "".join(text), spans


def _blocks(text: str) -> list[str]:
    """Paragraphs: split at blank lines, each line's leading spaces kept out of the parser so
    that indentation never makes a code block."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _runs(block: str) -> list[Run]:
    tokens = _parser().parseInline(block, {})
    children = tokens[0].children if tokens and tokens[0].children is not None else []
    runs: list[Run] = []
    em = strong = 0
    link: list[str] = []
    link_words: list[str] = []
    for token in children:
        kind = token.type
        if kind == "em_open":
            em += 1
        elif kind == "em_close":
            em = max(em - 1, 0)
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(strong - 1, 0)
        elif kind == "link_open":
            href = safe_href(str(token.attrs.get("href", "")))
            link.append(href or "")
            link_words.append("")
        elif kind == "link_close":
            href = link.pop() if link else ""
            words = link_words.pop() if link_words else ""
            if href and words.strip() not in (href, href.rstrip("/"), link_address(href)):
                runs.append(Run(f" ({link_address(href)})", em > 0, strong > 0, False, href))
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            content = " " if kind.endswith("break") else token.content
            if not content:
                continue
            if link_words:
                link_words[-1] += content
            runs.append(Run(content, em > 0, strong > 0, kind == "code_inline",
                            link[-1] if link else ""))
    return _merged(runs)


def link_address(href: str) -> str:
    """How a link's address prints: without `mailto:`, and without a scheme for the web."""
    for scheme in ("mailto:", "https://", "http://"):
        if href.lower().startswith(scheme):
            return href[len(scheme):].rstrip("/") if scheme != "mailto:" else href[len(scheme):]
    return href


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].emphasis, out[-1].strong, out[-1].code, out[-1].link) == (
                run.emphasis, run.strong, run.code, run.link):
            out[-1] = Run(out[-1].text + run.text, run.emphasis, run.strong, run.code, run.link)
        else:
            out.append(run)
    return out


@functools.cache
def _parser() -> Any:
    """markdown-it with only the inline rules of the subset (built once, on first use)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "escape", "newline"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # filtered in _runs
    return md
