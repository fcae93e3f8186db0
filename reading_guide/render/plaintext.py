"""Plain text as people have it (Gutenberg books, copied lectures) -> Markdown with its blocks.

A `.txt` file that reads as Markdown (headings, links, fences, emphasis...) is left to the
Markdown path; any other is plain text, where Markdown characters mean nothing and are escaped.
Here a blank line ends a paragraph and hard-wrapped lines are joined, except where lines are
meant: an indented or short-lined passage is verse (its lines kept), a fenced or clearly
code-like indented block is code. Project Gutenberg's licence header and footer are left out
(and their Title/Author/Language read), lines that are only a page number are dropped, and short
all-capital or "CHAPTER ..." lines become headings. Each kind of change is listed as a repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reading_guide.render.html_markdown import escape, escape_line_start
from reading_guide.render.repairs import Repair, head

_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),
    re.compile(r"\[[^\]\n]+\]\([^)\s]*\)"),
    re.compile(r"^(```|~~~)", re.M),
    re.compile(r"(\*\*|__)\S[^*\n]*\S\1"),
    re.compile(r"^\s{0,3}[-*+]\s+\S.*\n\s{0,3}[-*+]\s+\S", re.M),
    re.compile(r"^\|?\s*:?-{3,}:?\s*\|", re.M),
    re.compile(r"^>\s", re.M),
    re.compile(r"^\s*\d+\.\s+\S.*\n\s*\d+\.\s+\S", re.M),
)
_GUTENBERG_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$",
                              re.M | re.I)
_GUTENBERG_END = re.compile(r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)
_GUTENBERG_END_OLD = re.compile(r"^\s*End of (?:the )?Project Gutenberg'?s? .*$", re.M | re.I)
_HEADER_FIELD = re.compile(r"^(Title|Author|Language):\s*(.+?)\s*$", re.M)
_PAGE_LINE = re.compile(r"^\s*(?:\[?\s*(?:p(?:g|age)?\.?\s*)?\d{1,4}\s*\]?|-\s*\d{1,4}\s*-)\s*$",
                        re.I)
_INLINE_PAGE = re.compile(r"\s*[\[{]\s*(?:Pg|Page|p\.)\s*\d{1,4}\s*[\]}]\s*", re.I)
_CHAPTER = re.compile(r"^(?:chapter|book|part|section|lecture|canto|act|scene)\b[\w .:—–-]*$"
                      r"|^[IVXLC]{1,7}\.?$", re.I)
_CODE_SIGNS = re.compile(r"[{};]\s*$|^\s*(?:def|class|import|return|for|while|if|#include|"
                         r"function|var|let|const)\b|==|=>|\(\)", re.M)
_LANGUAGES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
              "portuguese": "pt", "dutch": "nl", "latin": "la", "finnish": "fi",
              "swedish": "sv", "danish": "da", "norwegian": "no", "polish": "pl",
              "russian": "ru", "greek": "el", "hebrew": "he", "arabic": "ar",
              "chinese": "zh", "japanese": "ja", "esperanto": "eo", "hungarian": "hu",
              "czech": "cs", "catalan": "ca", "welsh": "cy", "irish": "ga", "tagalog": "tl"}
# `_word_` or `_a few words_`: italics in plain-text books (never inside a word: snake_case).
_UNDERSCORED = re.compile(r"(?<![\w*_])_(\w[^_\n]*?\w|\w)_(?![\w_])")
VERSE_LINE = 56  # verse lines are shorter than hard-wrapped prose (65-75 columns)


@dataclass
class PlainText:
    markdown: str
    title: str = ""
    author: str = ""
    language: str = ""
    repairs: list[Repair] = field(default_factory=list)


def looks_like_markdown(text: str) -> bool:
    """Two different signs of Markdown syntax (or front matter) in the first 100 KB."""
    sample = text[:100_000]
    if sample.startswith(("---\n", "+++\n")):
        return True
    if _GUTENBERG_START.search(sample):
        return False
    if re.match(r"\s*#{1,6} \S", sample):  # it opens with a Markdown heading
        return True
    return sum(1 for sign in _MARKDOWN_SIGNS if sign.search(sample)) >= 2


def plain_text_to_markdown(text: str) -> PlainText:
    result = PlainText("")
    text = _strip_gutenberg(text, result)
    blocks = re.split(r"\n[ \t]*\n", text)
    page_numbers = _has_page_numbers(text)
    out: list[str] = []
    paragraphs = 0
    fence: list[str] | None = None
    for block in blocks:
        lines = [line.rstrip() for line in block.split("\n")]
        if fence is not None:  # a fenced block with blank lines inside
            fence += ["", *lines]
            if any(line.strip().startswith(("```", "~~~")) for line in lines):
                out.append("\n".join(fence))
                fence = None
            continue
        kept = []
        for line in lines:
            if _PAGE_LINE.match(line) and line.strip() and page_numbers:
                result.repairs.append(Repair("page-number", f"after ¶{paragraphs}",
                                             line.strip(), ""))
                continue
            cut = _INLINE_PAGE.sub(" ", line)
            if cut != line:
                result.repairs.append(Repair("page-number", f"¶{paragraphs + 1}",
                                             head(line.strip(), 40), head(cut.strip(), 40)))
            kept.append(cut.rstrip())
        lines = [line for line in kept if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith(("```", "~~~")):
            if len(lines) > 1 and lines[-1].strip().startswith(first[:3]):
                out.append("\n".join(line[_indent(lines):] for line in lines))
                paragraphs += 1
            else:
                fence = [line[_indent(lines):] for line in lines]
            result.repairs.append(Repair("code-kept", f"¶{paragraphs}", head(first, 30), "code"))
            continue
        if len(lines) == 1 and (_is_heading(first) or (not out and _is_title_line(first))):
            out.append("## " + escape(first).replace("#", "\\#"))
            continue
        paragraphs += 1
        indent = _indent(lines)
        if indent >= 2 and len(lines) >= 2 and len(_CODE_SIGNS.findall(block)) >= 2:
            body = "\n".join(line[indent:] for line in lines)
            ticks = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
            out.append(f"{ticks}\n{body}\n{ticks}")
            result.repairs.append(Repair("code-kept", f"¶{paragraphs}", head(first, 30), "code"))
        elif len(lines) >= 2 and (indent >= 2 or _short_lines(lines)):
            out.append("\\\n".join(escape_line_start(_text(line.strip(), result))
                                     for line in lines))
            result.repairs.append(Repair("verse-kept", f"¶{paragraphs}", head(first, 30),
                                         f"{len(lines)} lines kept"))
        else:
            joined = " ".join(line.strip() for line in lines)
            out.append(escape_line_start(_text(" ".join(joined.split()), result)))
    if fence is not None:
        out.append("\n".join(fence))
    result.markdown = "\n\n".join(out) + "\n"
    if not result.title:
        result.title = next((_title_case(b[3:].replace("\\", "")) for b in out
                             if b.startswith("## ") and not _CHAPTER.match(b[3:])), "")
    return result


def _text(text: str, result: PlainText) -> str:
    """Escaped text, with `_word_` (how plain-text books mark italics) as emphasis."""
    out: list[str] = []
    at = 0
    for match in _UNDERSCORED.finditer(text):
        out += [escape(text[at:match.start()]), "*", escape(match.group(1)), "*"]
        at = match.end()
    if out:
        result.repairs.append(Repair("emphasis", "document", head(text, 40),
                                     "_words_ between underscores as italics"))
    out.append(escape(text[at:]))
    return "".join(out)


def _strip_gutenberg(text: str, result: PlainText) -> str:
    start = _GUTENBERG_START.search(text)
    if start is None:
        return text
    header = text[: start.start()]
    for key, value in _HEADER_FIELD.findall(header):
        value = " ".join(value.split())
        if key == "Title":
            result.title = value
        elif key == "Author":
            result.author = value
        else:
            result.language = _LANGUAGES.get(value.lower().split()[0], "") if value else ""
    body = text[start.end():]
    end = _GUTENBERG_END.search(body) or _GUTENBERG_END_OLD.search(body)
    if end:
        body = body[: end.start()]
    result.repairs.append(Repair(
        "gutenberg", "document", f"{len(header.split()):,} words before the book, "
        f"{len(text[start.end():].split()) - len(body.split()):,} after",
        "the title, author and language kept as the essay's"))
    return body


def _has_page_numbers(text: str) -> bool:
    """Lone numbers on their own lines are page numbers when there are several, mostly rising
    (a year on a title page is not one)."""
    numbers = [int(n) for n in re.findall(r"^\s*\[?\s*(?:p(?:g|age)?\.?\s*)?(\d{1,4})\s*\]?\s*$",
                                          text, re.M | re.I)]
    rising = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b > a)
    return len(numbers) >= 3 and rising * 3 >= len(numbers) * 2


def _is_title_line(line: str) -> bool:
    """A short first line without closing punctuation: the title, as people type one."""
    return 0 < len(line) <= 80 and line[-1] not in ".,;:!?\"'”’)" and line[0].isupper()


def _indent(lines: list[str]) -> int:
    return min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())


def _short_lines(lines: list[str]) -> bool:
    """Verse: at least three lines, every one clearly shorter than wrapped prose."""
    return len(lines) >= 3 and max(len(line.strip()) for line in lines) < VERSE_LINE


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if not letters or len(line) > 80 or line.endswith((",", ";")):
        return False
    return bool(_CHAPTER.match(line)) or (all(c.isupper() for c in letters) and len(letters) > 1)


def _title_case(text: str) -> str:
    if any(c.islower() for c in text):
        return text
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the",
             "to", "its", "with"}
    words = text.lower().split()
    return " ".join(w.upper() if re.fullmatch(r"[ivxlc]+[.:]?", w) else w if i and w in small
                    else w[:1].upper() + w[1:] for i, w in enumerate(words))
