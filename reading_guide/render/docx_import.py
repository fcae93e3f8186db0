"""Word (.docx) essays -> HTML for the safe HTML importer, with mammoth.

mammoth (BSD-2-Clause, well kept, pure Python) turns a document's *meaning* into HTML: paragraphs,
headings from the paragraph styles, italics and bold, lists, tables, footnotes and endnotes,
without Word's layout noise. It was chosen over python-docx (which gives runs and styles, leaving
all of that to us) and over pandoc (a separate program to install). We add:

- the container is checked first (containers.SafeZip: zip bombs, path traversal, encryption) and
  every XML part is parsed once with defusedxml, so mammoth never sees an entity bomb or an
  external entity; mammoth itself is told never to read linked files (external_file_access);
- pictures are dropped (the HTML importer reports each with its alt text; never inlined as
  base64 data);
- the styles mammoth does not map by default (Title, Subtitle, Quote) are mapped;
- footnote and endnote references become plain "[1]" markers and the notes a "Notes" section;
- title and author come from the document properties (docProps/core.xml), language from the
  default paragraph language in the styles.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.render.containers import SafeZip, local, read_document_bytes
from reading_guide.render.converted import ConvertedDocument, one_line

STYLE_MAP = "\n".join((
    "p[style-name='Title'] => h1:fresh",
    "p.Title => h1:fresh",
    "p[style-name='Subtitle'] => p:fresh",
    "p[style-name='Quote'] => blockquote > p:fresh",
    "p[style-name='Intense Quote'] => blockquote > p:fresh",
    "p[style-name='Block Text'] => blockquote > p:fresh",
    "p[style-name='Footnote Text'] => p:fresh",
))
_NOTE_REF = re.compile(r'<sup><a href="#(?:footnote|endnote)-\d+" id="(?:footnote|endnote)-ref-'
                       r'\d+">(\[\d+\])</a></sup>')
_BACK_LINK = re.compile(r'\s*<a href="#(?:footnote|endnote)-ref-\d+">↑</a>')
_NOTES_LIST = re.compile(r'<ol><li id="(?:footnote|endnote)-')


def convert_docx(path: Path) -> ConvertedDocument:
    import mammoth  # lazy: only when a Word file is imported

    data = read_document_bytes(path, "a Word document")
    container = SafeZip(data, path, "a Word (.docx) document")
    if not container.has("word/document.xml"):
        raise InputError("is not a Word (.docx) document: it has no word/document.xml",
                         file=path)
    container.check_all_xml()
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            # An empty picture: the HTML importer drops it and reports it with its alt text.
            convert_image=mammoth.images.img_element(lambda image: {}),
            external_file_access=False,
        )
    except InputError:
        raise
    except Exception as error:  # mammoth raises plain errors (KeyError, ValueError) on damage
        raise InputError(f"is damaged: Word content could not be read ({type(error).__name__})",
                         file=path) from None
    body, notes = _notes_apart(result.value)
    html = body + notes
    title, author = _core_properties(container)
    return ConvertedDocument(html=html, title=title, author=author,
                             language=_language(container))


def _notes_apart(html: str) -> tuple[str, str]:
    """Note references as plain "[1]" text; the notes after a "Notes" heading, without the
    "↑" links back (links inside the essay go nowhere in a reading text or on paper)."""
    html = _NOTE_REF.sub(r"\1", html)
    html = _BACK_LINK.sub("", html)
    match = _NOTES_LIST.search(html)
    if not match:
        return html, ""
    return html[: match.start()], "<h2>Notes</h2>" + html[match.start():]


def _core_properties(container: SafeZip) -> tuple[str, str]:
    if not container.has("docProps/core.xml"):
        return "", ""
    fields = {local(e.tag): one_line(e.text or "") for e in container.xml("docProps/core.xml")}
    return fields.get("title", ""), fields.get("creator", "")


def _language(container: SafeZip) -> str:
    """The default language of the document's text (w:docDefaults ... w:lang w:val)."""
    if not container.has("word/styles.xml"):
        return ""
    for element in container.xml("word/styles.xml").iter():
        if local(element.tag) == "lang":
            for key, value in element.attrib.items():
                if local(key) == "val":
                    return value
        if local(element.tag) == "style":
            break  # past docDefaults
    return ""
