"""What each document importer (Word, OpenDocument, EPUB, PDF) hands on: HTML plus what it knows.

Every format is turned into HTML of a small known shape, then goes through the one safe HTML
importer (`html_import.py`) and the one clean-up (`cleanup.py`), so all formats reach the reader
and the handouts the same way. What only the container knows (title, author and language from its
metadata, the pages or chapters taken, the repairs made while reading it) travels beside it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reading_guide.model.fields import is_language_tag
from reading_guide.render.repairs import Change, Repair

# Called as progress(done, total) while a long document is read (pages of a PDF, chapters of an
# EPUB), from the thread doing the import; the app forwards it to its progress bar.
Progress = Callable[[int, int], None]



@dataclass(frozen=True)
class Chapter:
    """One entry of an EPUB's table of contents, numbered from 1 in reading order."""

    number: int
    title: str
    depth: int = 0  # 0 for a top-level entry, 1 for a section inside it, ...


@dataclass
class ConvertedDocument:
    html: str
    title: str = ""
    author: str = ""
    language: str = ""
    pages: str = ""  # "1-15" for a PDF
    chapter: str = ""  # "3" or "3-5" for an EPUB; empty for the whole book
    repairs: list[Repair] = field(default_factory=list)


def language_tag(value: str) -> str:
    """A metadata language ("en_US", "EN-gb ", "English") as a tag the guide accepts, or ""."""
    tag = value.strip().replace("_", "-")
    return tag if is_language_tag(tag) else ""


def one_line(value: str) -> str:
    return " ".join(value.split())


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def grouped_repair(kind: str, what: str, before: str = "", after: str = "",
                   changes: Sequence[Change] | None = None) -> Repair:
    """One repair standing for many of the same kind, so the report stays reviewable: `what`
    says it in words with the count ("running heads removed on 14 pages"), `before` and `after`
    show one example; `changes`, when the importer kept them, put every one back."""
    return Repair(kind, "document", what + (f": {before}" if before else ""), after,
                  changes=tuple(changes or ()))
