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

from reading_guide.collector import collector_paused
from reading_guide.errors import InputError
from reading_guide.inputfiles import read_input_file
from reading_guide.model import Guide
from reading_guide.model.fields import is_language_tag
from reading_guide.model.guide import new_guide
from reading_guide.render.cleanup import NotRoundTrip, clean_markdown
from reading_guide.render.direction import direction_of, language_from_script, prose_letters
from reading_guide.render.document import Document
from reading_guide.render.formats import (
    ACCEPTED_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    HTML_EXTENSIONS,
    MARKDOWN_EXTENSIONS,
)
from reading_guide.render.html_import import ConvertedHtml, convert_html
from reading_guide.render.markdown_dialects import normalise_markdown
from reading_guide.render.plaintext import (
    _title_case,
    looks_like_markdown,
    plain_text_to_markdown,
)
from reading_guide.render.repairs import Repair, group_repairs
from reading_guide.render.webpage import import_web_page

MAX_ESSAY_BYTES = 20 * 1024 * 1024

# "html" is a saved web page (its article is extracted); "document-html" is HTML made from a
# document by another importer (Word, EPUB...), converted whole.
EssayKind = Literal["markdown", "html", "text", "document-html"]
# A heading that only numbers a chapter ("XI", "Chapter 2") is not the essay's title.
_NUMBERING = re.compile(r"^(?:(?:chapter|lecture|part|book)\s+)?[IVXLC\d]{1,7}\.?$", re.I)

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
    """An imported essay: `parse(markdown)` gives `document`; `repairs` lists every mend.

    `repairs` is the full list; `report` groups repeated ones for people (render.repairs)."""

    markdown: str
    title: str
    document: Document
    repairs: list[Repair] = field(default_factory=list)
    source_name: str = ""
    author: str = ""
    language: str = ""  # BCP 47 when the file says or the script shows it, else ""
    direction: str = "ltr"  # "rtl" for right-to-left essays
    date: str = ""

    @property
    def report(self) -> list[Repair]:
        return group_repairs(self.repairs)

    def new_guide(self) -> Guide:
        """A new guide around this essay, with its metadata (the one recipe for CLI and app)."""
        guide = new_guide(self.title, self.markdown, self.source_name)
        guide.essay.author = self.author
        if is_language_tag(self.language):
            guide.essay.language = self.language
        guide.essay.direction = self.direction
        return guide


def import_essay(path: str | Path, title: str | None = None) -> ImportedEssay:
    """Read, decode, convert and clean the essay at `path`."""
    path = Path(path)
    if path.suffix.lower() in DOCUMENT_EXTENSIONS:
        from reading_guide.render.documents import import_document  # lazy: heavy libraries

        return import_document(path, title=title)
    kind = _kind_of(path)
    data, _info = read_input_file(path, limit=MAX_ESSAY_BYTES, what="an essay")
    raw, encoding_repair = decode_essay(data, kind, path)
    essay = import_essay_text(raw, kind, path.name, title=title, error_file=path)
    if encoding_repair is not None:
        essay.repairs.insert(0, encoding_repair)
    return essay


def import_essay_text(
    raw: str,
    kind: EssayKind,
    source_name: str,
    *,
    title: str | None = None,
    error_file: str | Path | None = None,
) -> ImportedEssay:
    """Convert and clean already decoded essay text (`kind` says how to read it; a "markdown"
    file that reads as plain text, a Gutenberg book say, is read as plain text)."""
    with collector_paused():
        return _import_text(raw, kind, source_name, title, error_file)


def _import_text(
    raw: str, kind: EssayKind, source_name: str, title: str | None,
    error_file: str | Path | None,
) -> ImportedEssay:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    repairs: list[Repair] = []
    meta = {"title": "", "author": "", "language": "", "direction": "", "date": ""}
    converted: ConvertedHtml | None = None  # HTML's Markdown, checked by the clean-up's parse
    if kind == "html":
        page = import_web_page(text)
        converted = page.converted
        text = converted.markdown
        meta.update(title=page.title, author=page.author, language=page.language,
                    direction=page.direction)
        repairs += page.repairs
    elif kind == "document-html":
        converted = convert_html(text, checked=False)
        text = converted.markdown
        meta.update(title=converted.title, language=converted.language,
                    direction=converted.direction)
        repairs += converted.repairs
    elif kind == "text" or (kind == "markdown" and Path(source_name).suffix.lower() == ".txt"
                            and not looks_like_markdown(text)):
        plain = plain_text_to_markdown(text)
        text = plain.markdown
        meta.update(title=plain.title, author=plain.author, language=plain.language)
        repairs += plain.repairs
    elif kind == "markdown":
        dialect = normalise_markdown(text)
        text = dialect.markdown
        meta.update(title=dialect.title, author=dialect.author, language=dialect.language,
                    direction=dialect.direction, date=dialect.date)
        repairs += dialect.repairs
    else:
        raise ValueError(f"unknown essay kind {kind!r}")
    try:
        cleaned = clean_markdown(text, converted.expected if converted is not None else None)
    except NotRoundTrip:
        # Some inline markup written from the HTML reads differently as Markdown (odd emphasis
        # next to punctuation): convert again, those blocks without it (html_to_markdown).
        assert converted is not None
        cleaned = clean_markdown(converted.checked().markdown)
    del converted
    document = cleaned.document
    if not document.blocks:
        raise InputError("the essay is empty: no text left after import",
                         file=error_file or source_name)
    first_heading = _title_case(next((b.text for b in document.blocks if b.kind == "heading"
                                      and not _NUMBERING.match(b.text)), ""))
    chosen = ((title or "").strip() or meta["title"] or first_heading
              or _title_from_name(source_name))
    letters = prose_letters((b.kind, b.text) for b in document.blocks)
    language = meta["language"] or language_from_script(letters)
    direction = meta["direction"].lower()
    if direction not in ("rtl", "ltr"):
        direction = direction_of(language, letters)
    return ImportedEssay(
        markdown=cleaned.markdown,
        title=" ".join(chosen.split())[:300],
        document=document,
        repairs=[replace(r, where=cleaned.renumber(r.where)) for r in repairs]
        + cleaned.repairs,
        source_name=source_name,
        author=meta["author"],
        language=language,
        direction=direction,
        date=meta["date"],
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


def decode_essay(data: bytes, kind: EssayKind, name: str | Path) -> tuple[str, Repair | None]:
    """The file's text, and a repair naming the encoding when it was not UTF-8."""
    try:
        return decode_essay_bytes(data, kind, name), None
    except _NotUtf8 as error:
        text, encoding = _detect(data, kind, name, error)
        return text, Repair("decoded", "document", "not UTF-8",
                            f"read as {encoding} (detected by charset-normalizer)")


class _NotUtf8(InputError):
    """Valid text in no Unicode encoding: the caller may detect the encoding."""

    def __init__(self, message: str, bad: int, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.bad = bad


def _detect(data: bytes, kind: EssayKind, name: str | Path, error: _NotUtf8) -> tuple[str, str]:
    """Decode with the HTML's declared charset, else charset-normalizer's best guess."""
    if kind == "html":
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:2_000_000]))
    best = min(results, key=lambda r: r.chaos, default=None)
    encoding = best.encoding if best is not None else None
    if best is not None:
        # Single-byte encodings often tie on short texts; a tie goes to the Western European
        # ones, which most essays that are not UTF-8 are in (Gutenberg's Latin-1 books).
        tied = {r.encoding for r in results if r.chaos <= best.chaos + 0.01}
        encoding = next((e for e in _PREFERRED if e in tied), encoding)
    if encoding and _is_text_encoding(encoding):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    line = data.count(b"\n", 0, error.bad) + 1
    raise InputError(
        "the text encoding could not be detected (it is not UTF-8; byte "
        f"0x{data[error.bad]:02X} at line {line}); save the essay as UTF-8 and import it again",
        file=name,
    )


_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15")


def _is_text_encoding(name: str) -> bool:
    """A real text codec (not rot13, base64 or zlib, which Python's codecs also name)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True))


def decode_essay_bytes(data: bytes, kind: EssayKind, name: str | Path) -> str:
    """Decode an essay file's bytes as Unicode, or raise an InputError saying why it is not
    text (`_NotUtf8` when it may be text in another encoding)."""
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
    line = data.count(b"\n", 0, bad) + 1
    column = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    raise _NotUtf8(
        f"not UTF-8 text (byte 0x{data[bad]:02X} cannot be decoded); "
        "save the essay as UTF-8 and import it again",
        bad,
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
    if not _is_text_encoding(name):  # <meta charset=rot13> names a codec, not a text encoding
        return None
    return codecs.lookup(name).name
