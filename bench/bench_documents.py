"""Import a 300-page PDF and a 5 MB EPUB, each against its library alone on the same file.

Run by hand: `.venv/bin/python bench/bench_documents.py` (bench/run prints its rows).
Budgets (issue 14): a 300-page PDF under 15 s, with progress; a 5 MB EPUB under 5 s.

- PDF: the real three-column Federal Register issue in ../shared (15 pages) repeated to 300
  pages with pypdf (the generated two-column paper in tests/data when ../shared is absent).
  Baseline: PDFium's own text extraction (pypdfium2 `get_text_range` on every page), so the
  ratio says what reading every character's box, ordering columns, removing furniture and
  rebuilding paragraphs add.
- EPUB: the real Gutenberg book in ../shared (56,000 words) grown to 5 MB two ways: with
  pictures, as a typical illustrated book of that size is; and with its chapters repeated (2
  million words, about 17 MB of XHTML: the worst case). Baseline: reading every part of the ZIP
  with zipfile. Both times include the HTML import and clean-up, which take most of it.
"""

from __future__ import annotations

import gc
import io
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reading_guide.render.documents import import_document  # noqa: E402

SHARED = ROOT.parent / "shared" / "import" / "documents"
PDF_BUDGET_S, EPUB_BUDGET_S = 15.0, 5.0


def make_pdf(folder: Path, pages: int = 300) -> Path:
    from pypdf import PdfReader, PdfWriter

    source = SHARED / "12-federal-register-737max.pdf"
    if not source.exists():
        source = ROOT / "tests" / "data" / "documents" / "two-column-paper.pdf"
    reader = PdfReader(source)
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in reader.pages[: pages - len(writer.pages)]:
            writer.add_page(page)
    path = folder / "long.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def make_epub(folder: Path, pictures: bool, megabytes: float = 5.0) -> Path | None:
    """The Gutenberg book grown to `megabytes`: with pictures (a typical illustrated book, the
    text as it is) or with its chapters repeated (all text: the worst case)."""
    source = SHARED / "07-winter-sports-in-switzerland.epub"
    if not source.exists():
        return None
    with zipfile.ZipFile(source) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    if pictures:
        import random

        rng = random.Random(14)
        index = 0
        while sum(len(v) for v in parts.values()) < megabytes * 1_000_000:
            index += 1
            parts[f"OEBPS/plate{index}.jpg"] = rng.randbytes(250_000)  # incompressible
        path = folder / "illustrated.epub"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return path
    opf_name = next(n for n in parts if n.endswith(".opf"))
    chapters = [n for n in parts if n.endswith(".htm.html")]
    opf = parts[opf_name].decode("utf-8")
    copies, size, path = 0, 0, folder / "big.epub"
    while size < megabytes * 1_000_000:
        copies += 1
        items, refs = "", ""
        for n in range(1, copies):
            for i, name in enumerate(chapters):
                copy = name.replace(".htm.html", f"-copy{n}.htm.html")
                parts[copy] = parts[name]
                items += (f'<item href="{copy.split("/", 1)[1]}" id="copy{n}-{i}" '
                          'media-type="application/xhtml+xml"/>')
                refs += f'<itemref idref="copy{n}-{i}" linear="yes"/>'
        parts[opf_name] = (opf.replace("</manifest>", items + "</manifest>")
                           .replace("</spine>", refs + "</spine>")).encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        size = len(buffer.getvalue())
        path.write_bytes(buffer.getvalue())
    return path


def best_of(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def read_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            archive.read(name)


def measure(rounds: int = 2) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        pdf = make_pdf(Path(folder))
        calls: list[tuple[int, int]] = []
        essay = import_document(pdf, progress=lambda done, total: calls.append((done, total)))
        figures = {
            "pdf_pages": float(calls[-1][1]),
            "pdf_progress_calls": float(len(calls)),
            "pdf_words": float(essay.document.words),
            "pdf_baseline": best_of(lambda: pdfium_text(pdf), rounds),
            "pdf_import": best_of(lambda: import_document(pdf), rounds),
        }
        for kind, pictures in (("epub", True), ("epub_text", False)):
            epub = make_epub(Path(folder), pictures)
            if epub is None:
                continue
            book = import_document(epub)
            figures.update({
                f"{kind}_mb": epub.stat().st_size / 1e6,
                f"{kind}_words": float(book.document.words),
                f"{kind}_baseline": best_of(lambda e=epub: read_zip(e), rounds),
                f"{kind}_import": best_of(lambda e=epub: import_document(e), 1),
            })
        return figures


def main() -> None:
    f = measure()
    print(f"PDF: {f['pdf_pages']:.0f} pages, {f['pdf_words']:.0f} words, "
          f"{f['pdf_progress_calls']:.0f} progress calls")
    print(f"  PDFium text extraction alone     {f['pdf_baseline']:7.2f} s")
    print(f"  import_document (budget {PDF_BUDGET_S:g} s)   {f['pdf_import']:7.2f} s  "
          f"{f['pdf_import'] / f['pdf_baseline']:5.1f}x")
    for kind, what in (("epub", "illustrated"), ("epub_text", "all text, worst case")):
        if f"{kind}_mb" not in f:
            continue
        print(f"EPUB ({what}): {f[kind + '_mb']:.1f} MB, {f[kind + '_words']:.0f} words")
        print(f"  zipfile reading every part       {f[kind + '_baseline']:7.2f} s")
        print(f"  import_document (budget {EPUB_BUDGET_S:g} s)    {f[kind + '_import']:7.2f} s  "
              f"{f[kind + '_import'] / f[kind + '_baseline']:5.1f}x")
    if "epub_mb" not in f:
        print("EPUB: ../shared is absent; not measured")


if __name__ == "__main__":
    main()
