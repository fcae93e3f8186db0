"""Essays that arrive as documents: Word (.docx), OpenDocument (.odt), EPUB and PDF. No Qt.

The API the command line and the app call (the app from a worker, it may take seconds):

- `import_document(path, title=None, chapter=None, progress=None)` -> `ImportedDocument`: the
  essay like every importer gives it (Markdown, document, title, repairs) plus author, language
  and `origin` (file, format, pages or chapter), for the guide to record where the essay came from.
  `chapter` (EPUB only): "3", "3-5" or "all" (the default: the whole book), numbers as
  `list_chapters` gives them. `progress(done, total)` is called as pages or chapters are read.
- `list_chapters(path)` -> the EPUB's chapters (number, title, depth) for a chapter picker.
- `DOCUMENT_EXTENSIONS`: the file types handled here (for Open dialog filters and drag and drop).

Each format is converted to HTML by its own module and then goes through the one safe HTML
importer and clean-up (`importer.import_essay_text`), so nothing a document carries is printed as
markup, run or fetched. Heavy libraries (mammoth, pypdfium2) load only when such a file is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.model.guide import EssayOrigin, Guide
from reading_guide.render.converted import Chapter, ConvertedDocument, Progress, language_tag
from reading_guide.render.direction import direction_of
from reading_guide.render.importer import (
    DOCUMENT_EXTENSIONS,
    ImportedEssay,
    import_essay,
    import_essay_text,
)
from reading_guide.render.repair_changes import place_words

# ".docx" -> "docx": the format names the guide records (model.ORIGIN_FORMATS).
DOCUMENT_FORMATS = {extension: extension[1:] for extension in DOCUMENT_EXTENSIONS}
_CHAPTERS = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?\Z")


@dataclass
class ImportedDocument(ImportedEssay):
    """An imported essay plus where it came from (file, format, pages or chapter)."""

    origin: EssayOrigin | None = None

    def new_guide(self) -> Guide:
        guide = super().new_guide()
        guide.essay.origin = self.origin
        return guide


def format_of(path: str | Path) -> str | None:
    """"docx", "odt", "epub", "pdf", or None for a file this module does not handle."""
    return DOCUMENT_FORMATS.get(Path(path).suffix.lower())


def list_chapters(path: str | Path) -> list[Chapter]:
    """The chapters of an EPUB in reading order (an InputError for a bad file)."""
    from reading_guide.render.epub_import import read_epub

    return read_epub(Path(path)).chapters()


def parse_chapters(selection: str, count: int, file: str | Path) -> tuple[int, int] | None:
    """`"3"`, `"3-5"` or `"all"` -> first and last chapter (1-based), or None for the whole book."""
    if selection.strip().lower() in ("", "all"):
        return None
    match = _CHAPTERS.match(selection)
    if not match:
        raise InputError(f"--chapter {selection!r}: expected a chapter number, a range like "
                         "3-5, or all", file=file)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not 1 <= first <= last <= count:
        raise InputError(f"--chapter {selection}: this book has chapters 1 to {count}",
                         file=file)
    return first, last


def import_document(
    path: str | Path,
    *,
    title: str | None = None,
    chapter: str | None = None,
    progress: Progress | None = None,
) -> ImportedEssay:
    """Import any essay file; documents get their origin recorded, other files go to
    `import_essay` unchanged. See the module docstring."""
    path = Path(path)
    kind = format_of(path)
    if chapter is not None and kind != "epub":
        raise InputError("--chapter is for EPUB books only", file=path)
    if kind is None:
        return import_essay(path, title=title)
    converted = _convert(path, kind, chapter, progress)
    # "document-html": the document's own HTML, converted whole (no article extraction, which
    # is for saved web pages and could take a chapter for page furniture).
    essay = import_essay_text(converted.html, "document-html", path.name,
                              title=title or converted.title or None, error_file=path)
    origin = EssayOrigin(file=path.name, format=kind, pages=converted.pages,
                         chapter=converted.chapter)
    language = language_tag(converted.language) or essay.language
    return ImportedDocument(
        markdown=essay.markdown,
        title=essay.title,
        document=essay.document,
        # The document's own repairs found their words in its text: now in the Markdown.
        repairs=place_words(essay.markdown, converted.repairs) + essay.repairs,
        source_name=essay.source_name,
        author=converted.author or essay.author,
        language=language,
        direction=direction_of(language, essay.document.text) if converted.language
        else essay.direction,
        origin=origin,
    )


def _convert(path: Path, kind: str, chapter: str | None,
             progress: Progress | None) -> ConvertedDocument:
    if not path.exists():
        raise InputError("no such file", file=path)
    if kind == "docx":
        from reading_guide.render.docx_import import convert_docx

        return convert_docx(path)
    if kind == "odt":
        from reading_guide.render.odt_import import convert_odt

        return convert_odt(path)
    if kind == "epub":
        from reading_guide.render.epub_import import read_epub

        book = read_epub(path)
        span = parse_chapters(chapter or "", len(book.chapters()), path)
        return book.convert(span, progress)
    from reading_guide.render.pdf_import import convert_pdf

    return convert_pdf(path, progress)
