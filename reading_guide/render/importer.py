"""Essay files -> cleaned Markdown, its document, a title and the list of repairs.

This is the one place an essay file is read (the command line's `new`, the app's "Open essay").
Every way a file can be unusable becomes an `InputError` naming the file, so a facilitator sees
one clear line instead of a traceback.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reading_guide.errors import InputError
from reading_guide.inputfiles import read_input_file
from reading_guide.render.cleanup import clean_markdown
from reading_guide.render.document import Document
from reading_guide.render.html_import import html_to_markdown
from reading_guide.render.repairs import Repair

MAX_ESSAY_BYTES = 20 * 1024 * 1024
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".txt")
HTML_EXTENSIONS = (".html", ".htm")
DOCUMENT_EXTENSIONS = (".docx", ".odt", ".epub", ".pdf")  # render/documents.py
ACCEPTED_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS + DOCUMENT_EXTENSIONS

EssayKind = Literal["markdown", "html"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 controls other than tab, line feed, form feed and carriage return: text files have none.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass
class ImportedEssay:
    """An imported essay: `parse(markdown)` gives `document`; `repairs` lists every mend."""

    markdown: str
    title: str
    document: Document
    repairs: list[Repair] = field(default_factory=list)
    source_name: str = ""


def import_essay(path: str | Path, title: str | None = None) -> ImportedEssay:
    """Read, decode, convert and clean the essay at `path`."""
    path = Path(path)
    if path.suffix.lower() in DOCUMENT_EXTENSIONS:
        from reading_guide.render.documents import import_document  # lazy: heavy libraries

        return import_document(path, title=title)
    kind = _kind_of(path)
    raw = _read_text(path, kind)
    return import_essay_text(raw, kind, path.name, title=title, error_file=path)


def import_essay_text(
    raw: str,
    kind: EssayKind,
    source_name: str,
    *,
    title: str | None = None,
    error_file: str | Path | None = None,
) -> ImportedEssay:
    """Convert and clean already decoded essay text (`kind` says how to read it)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    repairs: list[Repair] = []
    title_hint = ""
    if kind == "html":
        converted = html_to_markdown(text)
        text, title_hint = converted.markdown, converted.title
        repairs += converted.repairs
    elif kind != "markdown":
        raise ValueError(f"unknown essay kind {kind!r}")
    cleaned = clean_markdown(text)
    document = cleaned.document
    if not document.blocks:
        raise InputError("the essay is empty: no text left after import",
                         file=error_file or source_name)
    first_heading = next((b.text for b in document.blocks if b.kind == "heading"), "")
    chosen = (title or "").strip() or first_heading or title_hint or _title_from_name(source_name)
    return ImportedEssay(
        markdown=cleaned.markdown,
        title=" ".join(chosen.split()),
        document=document,
        repairs=[replace(r, where=cleaned.renumber(r.where)) for r in repairs]
        + cleaned.repairs,
        source_name=source_name,
    )


def _title_from_name(name: str) -> str:
    stem = Path(name).stem if name else ""
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else "Untitled essay"


def _kind_of(path: Path) -> EssayKind:
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a folder, not an essay file", file=path)
    suffix = path.suffix.lower()
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in MARKDOWN_EXTENSIONS:
        return "markdown"
    accepted = ", ".join(ACCEPTED_EXTENSIONS)
    shown = f"'{suffix}'" if suffix else "no extension"
    raise InputError(f"cannot import a file with {shown}; accepted: {accepted}", file=path)


def _read_text(path: Path, kind: EssayKind) -> str:
    """The file's text: UTF-8 (BOM or not), or UTF-16/32 with a BOM; HTML may name a charset."""
    data, _info = read_input_file(path, limit=MAX_ESSAY_BYTES, what="an essay")
    return decode_essay_bytes(data, kind, path)


def decode_essay_bytes(data: bytes, kind: EssayKind, name: str | Path) -> str:
    """Decode an essay file's bytes, or raise an InputError saying why it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"not valid {encoding.upper()} text although it starts with a "
                    f"{encoding.upper()} byte order mark (bad bytes at offset "
                    f"{error.start + len(bom)})",
                    file=name,
                ) from None
            if "\x00" in text:
                raise InputError("not a text file (it contains NUL characters)", file=name)
            return text
    if b"\x00" in data:
        raise InputError("not a text file (it contains NUL bytes); if it is UTF-16 text, "
                         "save it with a byte order mark or as UTF-8", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    if _looks_binary(data):
        raise InputError("not a text file (it looks like binary data)", file=name)
    if kind == "html":
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    line = data.count(b"\n", 0, bad) + 1
    column = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    raise InputError(
        f"not UTF-8 text (byte 0x{data[bad]:02X} cannot be decoded); "
        "save the essay as UTF-8 and import it again",
        file=name,
        line=line,
        column=column,
    )


def _looks_binary(data: bytes) -> bool:
    """Many control bytes in the first 8 KB: a picture, an archive, a word-processor file."""
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 100


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
