"""EPUB 2 and 3 books -> HTML for the safe HTML importer: the whole book, a chapter or a range.

Read with zipfile and defusedxml (containers.py), not ebooklib (AGPL, which this MIT project
cannot ship). An EPUB is a ZIP holding a package file (OPF: metadata, manifest, spine) and XHTML
chapters. We take:

- title, author and language from the OPF metadata (dc:title, dc:creator, dc:language);
- the spine in reading order (non-linear items such as pop-up notes are left out);
- the chapters from the table of contents (the EPUB 3 navigation document, else the EPUB 2 NCX):
  an entry runs from its anchor to the next entry of the same or a higher level, wherever the
  files are split (Project Gutenberg splits files by size, mid-chapter). A book without a usable
  table of contents has one chapter per spine file.

The chapters' XHTML is never parsed as XML (XHTML files have named entities an XML parser
rejects); it goes to the HTML importer, which keeps only safe text, drops pictures and reports
them. Only the OPF, the NCX and container.xml are parsed as XML, with entities refused.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag

from reading_guide.errors import InputError
from reading_guide.render.containers import SafeZip, local, read_document_bytes
from reading_guide.render.converted import (
    Chapter,
    ConvertedDocument,
    Progress,
    grouped_repair,
    one_line,
)
from reading_guide.render.importer import decode_essay_bytes

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_XHTML_TYPES = ("application/xhtml+xml", "text/html")
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(r"</body\s*>", re.I)
# A link inside the book (to another chapter, a note, a page anchor) goes nowhere in a reading
# text or on paper: its href is removed here and the links are reported together.
_NOT_WEB = r"(?!\s*(?:https?:|mailto:))"
_INTERNAL_HREF = re.compile(
    r"(<a\b[^<>]*?)\s(?:xlink:)?href\s*=\s*(?:\"" + _NOT_WEB + r"[^\"]*\"|'" + _NOT_WEB
    + r"[^']*')", re.I)
_BLOCK_OPEN_BEFORE = re.compile(r"<(?:h[1-6]|p|div|section|header)\b[^<>]*>\s*\Z", re.I)


@dataclass(frozen=True)
class _Entry:
    """A table-of-contents entry placed in the spine: file index and character offset."""

    title: str
    depth: int
    spine: int
    offset: int


class Book:
    """An opened EPUB: metadata, spine texts, chapters."""

    def __init__(self, path: Path, container: SafeZip, opf_path: str) -> None:
        self.path = path
        self.container = container
        opf = container.xml(opf_path)
        base = posixpath.dirname(opf_path)
        self.title = self.author = self.language = ""
        creators: list[str] = []
        manifest: dict[str, tuple[str, str, str]] = {}
        spine_ids: list[str] = []
        self.skipped = 0
        ncx_id = ""
        for element in opf.iter():
            name = local(element.tag)
            if name == "title" and not self.title:
                self.title = one_line(element.text or "")
            elif name == "creator" and element.text and element.text.strip():
                creators.append(one_line(element.text))
            elif name == "language" and not self.language:
                self.language = one_line(element.text or "")
            elif name == "item":
                href = posixpath.normpath(posixpath.join(base, unquote(element.get("href", ""))))
                manifest[element.get("id", "")] = (href, element.get("media-type", ""),
                                                   element.get("properties", ""))
            elif name == "spine":
                ncx_id = element.get("toc", "")
            elif name == "itemref":
                if element.get("linear", "yes") == "no":
                    self.skipped += 1
                else:
                    spine_ids.append(element.get("idref", ""))
        self.author = ", ".join(creators[:3]) + (" et al." if len(creators) > 3 else "")
        self.spine = [manifest[i][0] for i in spine_ids
                      if i in manifest and manifest[i][1] in _XHTML_TYPES
                      and container.has(manifest[i][0])]
        if not self.spine:
            raise InputError("has no chapters to read (its spine lists no XHTML files)",
                             file=path)
        self._texts: dict[int, str] = {}
        nav = next((h for h, _t, p in manifest.values() if "nav" in p.split()), "")
        ncx = manifest.get(ncx_id, ("",))[0] or next(
            (h for h, t, _p in manifest.values() if t == "application/x-dtbncx+xml"), "")
        toc: list[tuple[str, int, str]] = []
        if nav and container.has(nav):
            toc = _nav_entries(self._decode(nav), nav)
        if not toc and ncx and container.has(ncx):
            toc = _ncx_entries(container, ncx)
        self.entries = self._place(toc)

    # -- reading ----------------------------------------------------------------------------
    def _decode(self, entry: str) -> str:
        return decode_essay_bytes(self.container.read(entry), "html", f"{self.path}: {entry}")

    def text(self, index: int) -> str:
        """The body of spine file `index` (its markup; decoded once)."""
        if index not in self._texts:
            raw = self._decode(self.spine[index])
            start = _BODY_OPEN.search(raw)
            body = raw[start.end():] if start else raw
            end = _BODY_CLOSE.search(body)
            self._texts[index] = body[: end.start()] if end else body
        return self._texts[index]

    def _place(self, toc: list[tuple[str, int, str]]) -> list[_Entry]:
        """TOC entries that point into the spine, in reading order, each with its offset."""
        where = {href: i for i, href in enumerate(self.spine)}
        placed: list[_Entry] = []
        for title, depth, target in toc:
            href, fragment = urldefrag(target)
            index = where.get(href)
            if index is None:
                continue
            offset = _anchor_offset(self.text(index), fragment) if fragment else 0
            if offset is not None:
                placed.append(_Entry(title or f"Part {len(placed) + 1}", depth, index, offset))
        placed.sort(key=lambda e: (e.spine, e.offset))
        if not placed:
            return [_Entry(f"Part {i + 1}", 0, i, 0) for i in range(len(self.spine))]
        if placed[0].depth:  # a book whose TOC starts nested: make the levels start at 0
            low = min(e.depth for e in placed)
            placed = [_Entry(e.title, e.depth - low, e.spine, e.offset) for e in placed]
        return placed

    # -- the API ----------------------------------------------------------------------------
    def chapters(self) -> list[Chapter]:
        return [Chapter(n, e.title, e.depth) for n, e in enumerate(self.entries, start=1)]

    def convert(self, span: tuple[int, int] | None, progress: Progress | None) -> ConvertedDocument:
        """The whole book (`span` None) or chapters first..last (1-based) as one HTML text."""
        if span is None:
            start, end = (0, 0), (len(self.spine), 0)
            label, title = "", self.title
        else:
            first, last = span
            start = (self.entries[first - 1].spine, self.entries[first - 1].offset)
            end = self._end_of(last - 1)
            label = str(first) if first == last else f"{first}-{last}"
            what = (self.entries[first - 1].title if first == last
                    else f"chapters {first}–{last}")
            title = f"{self.title}: {what}" if self.title else what
        parts: list[str] = []
        total = end[0] - start[0] + (1 if end[1] else 0)
        for index in range(start[0], min(end[0] + 1, len(self.spine))):
            text = self.text(index)
            low = start[1] if index == start[0] else 0
            high = end[1] if index == end[0] else len(text)
            if high > low:
                parts.append(text[low:high])
            if progress is not None:
                progress(index - start[0] + 1, max(total, 1))
        html, links = _INTERNAL_HREF.subn(r"\1", "\n".join(parts))
        repairs = []
        if links:
            repairs.append(grouped_repair(
                "dropped-link", f"{links} link{'s' if links != 1 else ''} inside the book "
                "(contents, notes, page anchors) kept as plain text"))
        if self.skipped:
            repairs.append(grouped_repair(
                "dropped-html", f"{self.skipped} part{'s' if self.skipped != 1 else ''} outside "
                "the reading order (non-linear spine items) left out"))
        return ConvertedDocument(html=html, title=title, author=self.author,
                                 language=self.language, chapter=label, repairs=repairs)

    def _end_of(self, i: int) -> tuple[int, int]:
        """Where entry `i` ends: at the next entry of the same or a higher level."""
        depth = self.entries[i].depth
        for later in self.entries[i + 1:]:
            if later.depth <= depth:
                return later.spine, later.offset
        return len(self.spine), 0


def read_epub(path: Path) -> Book:
    data = read_document_bytes(path, "an EPUB book")
    container = SafeZip(data, path, "an EPUB book")
    if not container.has("META-INF/container.xml"):
        raise InputError("is not an EPUB book: it has no META-INF/container.xml", file=path)
    rootfile = next((e.get("full-path", "") for e in container.xml("META-INF/container.xml").iter()
                     if local(e.tag) == "rootfile"), "")
    if not rootfile or not container.has(rootfile):
        raise InputError("is damaged: its package file (OPF) is missing", file=path)
    if container.has("META-INF/encryption.xml"):
        encrypted = [e for e in container.xml("META-INF/encryption.xml").iter()
                     if local(e.tag) == "EncryptedData"]
        if encrypted:
            raise InputError("is protected by DRM (its chapters are encrypted); only books "
                             "without DRM can be imported", file=path)
    return Book(path, container, rootfile)


def _anchor_offset(text: str, fragment: str) -> int | None:
    """Offset of the element with id `fragment`, moved back to the start of the heading or
    paragraph it opens (so a chapter starts with its heading, not inside it)."""
    match = re.search(r"<[A-Za-z][^<>]*\s(?:id|name)\s*=\s*[\"']" + re.escape(fragment)
                      + r"[\"']", text)
    if not match:
        return None
    offset = match.start()
    for _ in range(3):
        before = _BLOCK_OPEN_BEFORE.search(text, 0, offset)
        if not before:
            break
        offset = before.start()
    return offset


def _ncx_entries(container: SafeZip, ncx: str) -> list[tuple[str, int, str]]:
    base = posixpath.dirname(ncx)
    entries: list[tuple[str, int, str]] = []

    def walk(element: Element, depth: int) -> None:
        for child in element:
            if local(child.tag) != "navPoint":
                continue
            label = next((c for c in child if local(c.tag) == "navLabel"), None)
            title = "" if label is None else one_line(" ".join(
                t.text or "" for t in label.iter() if local(t.tag) == "text"))
            src = next((c.get("src", "") for c in child if local(c.tag) == "content"), "")
            if src:
                entries.append((title, depth, _join(base, src)))
            walk(child, depth + 1)

    root = container.xml(ncx)
    nav_map = next((e for e in root.iter() if local(e.tag) == "navMap"), None)
    if nav_map is not None:
        walk(nav_map, 0)
    return entries


def _join(base: str, href: str) -> str:
    path, fragment = urldefrag(unquote(href))
    joined = posixpath.normpath(posixpath.join(base, path))
    return f"{joined}#{fragment}" if fragment else joined


class _NavReader(HTMLParser):
    """Links of the EPUB 3 `<nav epub:type="toc">`, with their list depth."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.in_toc = 0
        self.depth = -1
        self.href: str | None = None
        self.label: list[str] = []
        self.entries: list[tuple[str, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and (self.in_toc or "toc" in (values.get("epub:type") or "").split()):
            self.in_toc += 1
        elif self.in_toc and tag == "ol":
            self.depth += 1
        elif self.in_toc and tag == "a" and values.get("href"):
            self.href, self.label = values["href"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.in_toc:
            self.in_toc -= 1
        elif self.in_toc and tag == "ol":
            self.depth -= 1
        elif tag == "a" and self.href is not None:
            self.entries.append((one_line("".join(self.label)), max(self.depth, 0),
                                 _join(self.base, self.href)))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.label.append(data)


def _nav_entries(text: str, nav: str) -> list[tuple[str, int, str]]:
    reader = _NavReader(posixpath.dirname(nav))
    reader.feed(text)
    reader.close()
    return reader.entries
