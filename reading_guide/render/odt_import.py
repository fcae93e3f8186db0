"""OpenDocument text (.odt, LibreOffice and others) -> HTML for the safe HTML importer.

A small reader of our own over defusedxml rather than odfpy: odfpy (Apache-2.0/GPL) parses with
xml.sax and no protection against entity bombs, and its API is an object tree we would walk
anyway. ODF text is regular: `content.xml` holds headings (`text:h` with an outline level),
paragraphs, lists, tables, notes and spans whose automatic styles say bold or italic; `meta.xml`
holds title, author and language. We keep what a reader needs: headings, paragraphs (block
quotes for the Quotations style), lines broken within a paragraph (verse), lists, tables, bold
and italic, web links, and footnotes and endnotes (a "[1]" in the text, the notes after a "Notes"
heading). Pictures, frames, comments and tracked deletions are left out; pictures are reported.
Paragraphs set in a fixed-pitch font (declared so, or a font everyone knows is one: Courier,
Consolas, "... Mono") or in LibreOffice's code styles are code: a manual's example is one
paragraph a line, and consecutive ones make one code block with their lines and indents.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reading_guide.errors import InputError
from reading_guide.render.containers import SafeZip, local, read_document_bytes
from reading_guide.render.converted import ConvertedDocument, escape, grouped_repair, one_line

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_OFFICE_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text"
_QUOTE_STYLES = ("quotations", "quote", "block quotation", "block text")
_TITLE_STYLES = ("title",)
_CODE_STYLES = ("preformatted text", "source text", "code")
_MONO_FONT = re.compile(r"mono|courier|consolas|menlo|monaco|\bcode\b|typewriter|fixed", re.I)
_SKIPPED = frozenset({"tracked-changes", "annotation", "annotation-end", "note-citation",
                      "sequence-decls", "variable-decls", "user-field-decls", "forms",
                      "table-of-content", "alphabetical-index", "bibliography",
                      "soft-page-break"})
_BLOCKS = frozenset({"h", "p", "list", "table", "section", "list-item", "table-row",
                     "table-cell", "table-header-rows", "table-rows", "note"})


class _Styles:
    """Automatic and named styles: bold, italic, and the named style a paragraph derives from."""

    def __init__(self, roots: list[Element]) -> None:
        self.parent: dict[str, str] = {}
        self.bold: set[str] = set()
        self.italic: set[str] = set()
        self.mono: set[str] = set()  # styles set in a fixed-pitch font
        fixed = {attrs.get("name", "") for root in roots for face in root.iter()
                 if local(face.tag) == "font-face"
                 for attrs in [{local(k): v for k, v in face.attrib.items()}]
                 if attrs.get("font-pitch") == "fixed"
                 or _MONO_FONT.search(attrs.get("font-family", ""))}
        for root in roots:
            for style in root.iter():
                if local(style.tag) != "style":
                    continue
                attrs = {local(k): v for k, v in style.attrib.items()}
                name = attrs.get("name", "")
                self.parent[name] = attrs.get("parent-style-name", "")
                for child in style:
                    if local(child.tag) == "text-properties":
                        props = {local(k): v for k, v in child.attrib.items()}
                        if props.get("font-weight") in ("bold", "600", "700", "800", "900"):
                            self.bold.add(name)
                        if props.get("font-style") in ("italic", "oblique"):
                            self.italic.add(name)
                        font = props.get("font-name", "")
                        if font and (font in fixed or _MONO_FONT.search(font)):
                            self.mono.add(name)

    def is_code(self, name: str) -> bool:
        """Whether a paragraph style is set in a fixed-pitch font or is a code style."""
        seen: list[str] = []
        while name and name not in seen and len(seen) < 20:
            if name in self.mono:
                return True
            seen.append(name)
            name = self.parent.get(name, "")
        return any(n.replace("_20_", " ").casefold() in _CODE_STYLES for n in seen)

    def lineage(self, name: str) -> list[str]:
        names: list[str] = []
        while name and name not in names and len(names) < 20:
            names.append(name)
            name = self.parent.get(name, "")
        return [n.replace("_20_", " ").casefold() for n in names]


def convert_odt(path: Path) -> ConvertedDocument:
    data = read_document_bytes(path, "an OpenDocument text")
    container = SafeZip(data, path, "an OpenDocument text (.odt)")
    if not container.has("content.xml"):
        raise InputError("is not an OpenDocument text: it has no content.xml", file=path)
    content = container.xml("content.xml")
    roots = [content] + ([container.xml("styles.xml")] if container.has("styles.xml") else [])
    writer = _Writer(_Styles(roots))
    office_text = next((e for e in content.iter() if e.tag == _OFFICE_TEXT), None)
    if office_text is None:
        raise InputError("is not an OpenDocument text: it has no text body", file=path)
    writer.blocks(office_text)
    title, author, language = _meta(container)
    repairs = []
    if writer.pictures:
        repairs.append(grouped_repair(
            "dropped-image", f"{writer.pictures} picture{'s' if writer.pictures != 1 else ''} "
            "left out"))
    return ConvertedDocument(html=writer.html(), title=title, author=author, language=language,
                             repairs=repairs)


def _meta(container: SafeZip) -> tuple[str, str, str]:
    if not container.has("meta.xml"):
        return "", "", ""
    fields: dict[str, str] = {}
    for element in container.xml("meta.xml").iter():
        fields.setdefault(local(element.tag), one_line(element.text or ""))
    author = fields.get("creator") or fields.get("initial-creator", "")
    return fields.get("title", ""), author, fields.get("language", "")


class _Writer:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.out: list[str] = []
        self.notes: list[str] = []
        self.pictures = 0
        self.code: list[str] = []  # lines of a code block not yet written

    def flush_code(self) -> None:
        if self.code:
            while self.code and not self.code[-1].strip():
                self.code.pop()
            self.out.append("<pre><code>" + "\n".join(self.code) + "</code></pre>")
            self.code = []

    def html(self) -> str:
        self.flush_code()
        notes = ""
        if self.notes:
            notes = "<h2>Notes</h2><ol>" + "".join(f"<li>{n}</li>" for n in self.notes) + "</ol>"
        return "".join(self.out) + notes

    def blocks(self, parent: Element) -> None:
        for element in parent:
            name = local(element.tag)
            if name in _SKIPPED:
                continue
            if name == "p" and self.styles.is_code(
                    element.get(_office_attr(element, "style-name")) or ""):
                line = re.sub(r"</?(?:strong|em|a)\b[^>]*>", "", self.inline(element))
                if line.strip() or self.code:
                    self.code.append(line.replace("<br>", "\n"))
                continue
            self.flush_code()
            if name == "h":
                level = element.get(_office_attr(element, "outline-level")) or "1"
                n = min(max(int(level) if level.isdigit() else 1, 1), 6)
                self.out.append(f"<h{n}>{self.inline(element)}</h{n}>")
            elif name == "p":
                self.paragraph(element)
            elif name == "list":
                self.out.append("<ul>")
                for item in element:
                    if local(item.tag) in ("list-item", "list-header"):
                        self.out.append("<li>")
                        self.blocks(item)
                        self.out.append("</li>")
                self.out.append("</ul>")
            elif name == "table":
                self.table(element)
            elif name in ("section", "index-body"):
                self.blocks(element)
            elif name == "frame" or name == "image":
                self.pictures += 1

    def paragraph(self, element: Element) -> None:
        style = element.get(_office_attr(element, "style-name")) or ""
        lineage = self.styles.lineage(style)
        text = self.inline(element)
        if any(s in _TITLE_STYLES for s in lineage):
            self.out.append(f"<h1>{text}</h1>")
        elif any(s in _QUOTE_STYLES for s in lineage):
            self.out.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            self.out.append(f"<p>{text}</p>")

    def table(self, element: Element) -> None:
        self.out.append("<table>")
        for row in element.iter():
            if local(row.tag) != "table-row":
                continue
            self.out.append("<tr>")
            for cell in row:
                if local(cell.tag) == "table-cell":
                    text = " ".join(self.inline(p) for p in cell if local(p.tag) in ("p", "h"))
                    self.out.append(f"<td>{text}</td>")
            self.out.append("</tr>")
        self.out.append("</table>")

    def inline(self, element: Element) -> str:
        parts = [escape(element.text or "")]
        for child in element:
            name = local(child.tag)
            if name == "s":
                count = child.get(_office_attr(child, "c")) or "1"
                parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
            elif name == "tab":
                parts.append(" ")
            elif name == "line-break":  # a poem's line (the HTML importer keeps it as verse)
                parts.append("<br>")
            elif name == "note":
                self.notes.append(self.note_body(child))
                parts.append(f"[{len(self.notes)}]")
            elif name in ("frame", "image"):
                self.pictures += 1
            elif name in _SKIPPED or name in _BLOCKS:
                pass
            elif name == "a":
                href = next((v for k, v in child.attrib.items() if local(k) == "href"), "")
                inner = self.inline(child)
                if href.startswith(("http://", "https://", "mailto:")):
                    parts.append(f'<a href="{escape(href).replace(chr(34), "&quot;")}">'
                                 f"{inner}</a>")
                else:
                    parts.append(inner)
            else:
                inner = self.inline(child)
                style = child.get(_office_attr(child, "style-name")) or ""
                if name == "span" and style in self.styles.bold:
                    inner = f"<strong>{inner}</strong>"
                if name == "span" and style in self.styles.italic:
                    inner = f"<em>{inner}</em>"
                parts.append(inner)
            parts.append(escape(child.tail or ""))
        return "".join(parts)

    def note_body(self, note: Element) -> str:
        body = next((c for c in note if local(c.tag) == "note-body"), None)
        if body is None:
            return ""
        return " ".join(self.inline(p) for p in body.iter() if local(p.tag) in ("p", "h"))


def _office_attr(element: Element, name: str) -> str:
    """The namespaced key of attribute `name` on `element` (text:, table:, ... prefixes)."""
    return next((k for k in element.attrib if local(k) == name), name)
