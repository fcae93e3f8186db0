"""PDF essays -> the text runs on each page, with where they sit, for pdf_layout and pdf_text.

The library is pypdfium2 (Python bindings to PDFium, the PDF engine of Chrome; Apache-2.0 or
BSD-3-Clause, PDFium itself BSD-3-Clause), chosen by measuring on the real Federal Register PDF
in ../shared (15 pages, three columns): every character with its box in 0.2 s, against 2.4 s for
pdfminer.six with layout analysis (MIT, pure Python); a 300-page book is then about 4 s instead of
a minute (bench/bench_documents.py). PDFium is fuzzed continuously as part of Chrome, which
matters for files received from anyone. pypdf (BSD) extracts text quickly but without the
per-character boxes and sizes that columns, headings and footnotes are found from. PyMuPDF is
AGPL, which this MIT project cannot ship.

Here each page becomes `Segment`s: runs of characters on one line with no wide gap, in the order
the page draws them, with their box, font size and weight. Rotated text (margin notes set
sideways, like the Federal Register's "jbell on DSK..." line) is counted and left out.
Superscript characters are wrapped in SUP_START/SUP_END so later steps can tell note markers from
text. Limits keep a hostile file (a million tiny text objects) to seconds and bounded memory.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from reading_guide.errors import InputError
from reading_guide.render.containers import read_document_bytes
from reading_guide.render.converted import ConvertedDocument, Progress, one_line

SUP_START, SUP_END = "\ue000", "\ue001"  # private-use marks around superscript text
MAX_PAGES = 2000
MAX_CHARS_PER_PAGE = 200_000  # a dense page has 6,000; a hostile one millions
MAX_OBJECTS_PER_PAGE = 100_000
SCAN_MESSAGE = "no text in this PDF; it looks like a scan: run OCR first"
_SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009\u200a\u202f")
_LINE_END_HYPHEN = "\ufffe"  # how PDFium reports a hyphen it found at the end of a line
_BREAKS = frozenset("\r\n")


@dataclass
class Segment:
    """A run of text on one line of one page; PDF coordinates (points, y grows upwards)."""

    text: str
    x0: float
    y0: float  # bottom of the line's characters (loose boxes, so the same for every glyph)
    x1: float
    y1: float
    size: float  # font size in points
    page: int
    bold: bool = False


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)
    rotated: int = 0  # characters left out because they were set at an angle


@dataclass
class _Run:
    # (character, left, bottom, right, top, index in the text page)
    chars: list[tuple[str, float, float, float, float, int]] = field(default_factory=list)


def convert_pdf(path: Path, progress: Progress | None = None) -> ConvertedDocument:
    """Read the PDF at `path` and rebuild its text (see pdf_text.py) as HTML."""
    from reading_guide.render.pdf_text import rebuild

    pages, title, author, language = read_pdf(path, progress)
    converted = rebuild(pages, title)
    converted.author = converted.author or author
    converted.language = language
    return converted


def read_pdf(path: Path, progress: Progress | None = None) -> tuple[list[Page], str, str, str]:
    """The pages' segments plus title, author and language from the document information."""
    import pypdfium2 as pdfium  # lazy: a compiled library, only for PDFs

    data = read_document_bytes(path, "a PDF")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        if b"%PDF-" not in data[:1024]:
            raise InputError("is not a PDF (it does not start with %PDF)", file=path)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message or "security" in message:
            raise InputError("is password-protected (encrypted); open it with its password, "
                             "save an unprotected copy and import that", file=path) from None
        raise InputError(f"is damaged: the PDF cannot be read ({error})", file=path) from None
    try:
        total = len(document)
        if total > MAX_PAGES:
            raise InputError(f"has {total} pages, more than the {MAX_PAGES} an essay import "
                             "reads; split it first", file=path)
        pages = []
        for index in range(total):
            pages.append(_read_page(document, index, path))
            if progress is not None:
                progress(index + 1, total)
        title, author, language = _metadata(document)
    finally:
        document.close()
    if not any(p.segments for p in pages):
        raise InputError(SCAN_MESSAGE, file=path)
    return pages, title, author, language


def _metadata(document: Any) -> tuple[str, str, str]:
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged information dictionary is not worth refusing the file for
        info = {}
    language = ""
    try:
        import pypdfium2.raw as raw

        size = raw.FPDFCatalog_GetLanguage(document.raw, None, 0) if hasattr(
            raw, "FPDFCatalog_GetLanguage") else 0
        if 2 < size < 200:
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFCatalog_GetLanguage(document.raw, buffer, size)
            language = buffer.raw[: size - 2].decode("utf-16-le", "replace")
    except Exception:  # the language is a nicety: never refuse a PDF over it
        language = ""
    return one_line(info.get("Title", "")), one_line(info.get("Author", "")), language


def _read_page(document: Any, index: int, path: Path) -> Page:
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        result = Page(index + 1, width, height)
        if raw.FPDFPage_CountObjects(page.raw) > MAX_OBJECTS_PER_PAGE:
            raise InputError(f"page {index + 1} has more than {MAX_OBJECTS_PER_PAGE} drawing "
                             "objects; this does not look like an essay", file=path)
        textpage = page.get_textpage()
        try:
            _read_text(textpage, result, path)
        finally:
            textpage.close()
    finally:
        page.close()
    return result


def _read_text(textpage: Any, page: Page, path: Path) -> None:
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if count > MAX_CHARS_PER_PAGE:
        raise InputError(f"page {page.number} has {count} characters, more than any page of an "
                         "essay; refusing it", file=path)
    if count <= 0:
        return
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: ask for each one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 0xFFFD) for i in range(count))
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
    run = _Run()
    pending_space = False
    for i, char in enumerate(text):
        if char in _SPACES or char in _BREAKS:
            pending_space = True
            continue
        if char < " " and char != "\x02":
            continue
        if char == _LINE_END_HYPHEN:
            char = "-"
        raw.FPDFText_GetLooseCharBox(handle, i, box_ref)
        raw.FPDFText_GetMatrix(handle, i, matrix_ref)
        if abs(matrix.b) > 0.1 * abs(matrix.a) or abs(matrix.c) > 0.1 * abs(matrix.d) \
                or matrix.a <= 0 or matrix.d <= 0:
            page.rotated += 1
            continue
        left, bottom, right, top = box.left, box.bottom, box.right, box.top
        size = top - bottom
        if size <= 0.5:
            continue
        if run.chars:
            _l, r_bottom, r_right, _t, r_size = _reference(run)
            scale = max(size, r_size)
            gap = left - r_right
            # Back before the previous character's start: a new line. (The letters of a
            # ligature share one box, so overlapping the previous character is not enough.)
            back = left < run.chars[-1][1] - 0.6 * scale
            if abs(bottom - r_bottom) > 0.5 * scale or gap > 1.8 * scale or back:
                _close(run, page, handle)
                run = _Run()
            elif pending_space or gap > 0.15 * min(size, r_size):
                run.chars.append((" ", r_right, r_bottom, left, r_bottom + r_size, i))
        run.chars.append((char, left, bottom, right, top, i))
        pending_space = False
    if run.chars:
        _close(run, page, handle)


def _reference(run: _Run) -> tuple[float, float, float, float, float]:
    """The run's line: its last character's right edge, and the bottom and size of its body
    characters (the first full-size one), so a superscript does not move the line."""
    last = run.chars[-1]
    for _c, left, bottom, _right, top, _i in run.chars:
        if top - bottom >= 0.8 * (last[4] - last[2]):
            return left, bottom, last[3], top, top - bottom
    return last[1], last[2], last[3], last[4], last[4] - last[2]


def _font_size(handle: Any, index: int, fallback: float) -> float:
    """The character's font size in points: the size set in the PDF times its scale."""
    import pypdfium2.raw as raw

    font_size = raw.FPDFText_GetFontSize(handle, index)
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix))
    size = font_size * abs(matrix.d) if font_size > 0 else fallback
    return size if 1 <= size <= 400 else fallback


def _close(run: _Run, page: Page, handle: Any) -> None:
    import pypdfium2.raw as raw

    chars = [c for c in run.chars if c[0] != " "]
    if not chars:
        return
    sizes = [c[4] - c[2] for c in chars]
    body = median(sizes)
    base = median(c[2] for c in chars if c[4] - c[2] >= 0.9 * body)
    parts: list[str] = []
    in_sup = False
    for char, _left, bottom, _right, top, _i in run.chars:
        raised = char != " " and top - bottom < 0.8 * body and bottom > base + 0.15 * body
        if raised != in_sup:
            parts.append(SUP_START if raised else SUP_END)
            in_sup = raised
        parts.append(char)
    if in_sup:
        parts.append(SUP_END)
    text = "".join(parts)
    if not text.strip():
        return
    body_chars = [c for c in chars if c[4] - c[2] >= 0.8 * body] or chars
    # The line's size is its largest at three places: run-in heads set in small capitals
    # ("AGENCY: Federal ...") must not make a line of running text look small.
    size = max(_font_size(handle, body_chars[k][5], body)
               for k in {0, len(body_chars) // 2, len(body_chars) - 1})
    first, last = body_chars[0][5], body_chars[-1][5]
    bold = (raw.FPDFText_GetFontWeight(handle, first) >= 600
            and raw.FPDFText_GetFontWeight(handle, last) >= 600)
    page.segments.append(Segment(
        text=text,
        x0=min(c[1] for c in chars),
        y0=base,
        x1=max(c[3] for c in chars),
        y1=max(c[4] for c in body_chars),
        size=round(size, 1),
        page=page.number,
        bold=bold,
    ))
