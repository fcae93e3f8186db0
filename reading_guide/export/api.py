"""`export_guide`: one call from a Guide to a finished handout file, written atomically.

The output is written to a temporary file beside the target and renamed at the end, so a
cancelled, failed or killed export never leaves half a PDF where the user expects a handout.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reading_guide.atomicwrite import commit_file
from reading_guide.errors import InputError
from reading_guide.export.handout import build_html, parse_essay
from reading_guide.export.options import FORMATS, ExportOptions
from reading_guide.export.pdf import Progress
from reading_guide.export.styles import StyleCache
from reading_guide.model import Guide
from reading_guide.render import Document


def format_for(out_path: str | Path, fmt: str | None = None) -> str:
    """The explicit format, else from the output's extension (.html/.htm), else pdf."""
    if fmt:
        return fmt
    return "html" if Path(out_path).suffix.lower() in (".html", ".htm") else "pdf"


def expected_pages(guide: Guide, options: ExportOptions) -> int:
    """A rough page estimate, only to scale the progress bar during layout."""
    chars = 0 if options.variant == "questions" else len(guide.essay.text)
    per_page = 1800 if options.large_print else 3600
    lines = sum(min(q.answer_lines, 40) + 4 for q in guide.questions)
    return max(1, chars // per_page + lines // (25 if options.large_print else 45) + 1)


def check_writable(out_path: Path) -> None:
    """A clear one-line error before any work when the output cannot be written."""
    parent = out_path.parent if str(out_path.parent) else Path(".")
    if out_path.is_dir():
        raise InputError("is a folder, not a file to write", file=out_path)
    if not parent.is_dir():
        raise InputError(f"cannot write: folder {parent} does not exist", file=out_path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError("cannot write: permission denied", file=out_path)


def export_guide(
    guide: Guide,
    out_path: str | Path,
    options: ExportOptions,
    fmt: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    styles: StyleCache | None = None,
) -> int:
    """Write the handout; returns the page count (0 for HTML). Raises InputError naming the file
    when it cannot be written. `styles`: a long-lived process's parsed stylesheets (styles.py);
    without it the build parses its own."""
    out = Path(out_path)
    fmt = format_for(out, fmt)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use pdf or html)", file=out)
    check_writable(out)
    if progress is not None:
        progress(0.0, "preparing")
    document = parse_essay(guide)
    html = build_html(guide, options, document=document, for_browser=True) if fmt == "html" \
        else ""
    try:
        # The pid in the name lets an `ExportJob` parent remove exactly its dead child's file.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".part",
                                        dir=out.parent)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", file=out) from error
    tmp = Path(tmp_name)
    pages = 0
    try:
        if fmt == "html":
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(html)
        else:
            os.close(fd)
            pages = _write_pdf(guide, options, document, tmp, progress, cancel, styles)
        commit_file(tmp, out, mode=0o644)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", file=out) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    if progress is not None and fmt == "html":
        progress(1.0, "done")
    return pages


def _write_pdf(
    guide: Guide, options: ExportOptions, document: Document, tmp: Path,
    progress: Progress | None, cancel: Callable[[], bool] | None, styles: StyleCache | None,
) -> int:
    """Lay out (fit.py: rules checked, corrected), write the tagged PDF, impose a booklet."""
    from reading_guide.export.bidi import essay_direction
    from reading_guide.export.fit import lay_out_handout
    from reading_guide.export.pdf import write_document

    laid_out, _ = lay_out_handout(guide, options, document, progress=progress, cancel=cancel,
                                  expected_pages=expected_pages(guide, options), styles=styles)
    if not options.booklet:
        return write_document(laid_out, tmp, forms=options.fillable, progress=progress,
                              cancel=cancel)
    from reading_guide.export.booklet import impose

    pages = tmp.with_name(tmp.name + ".pages")
    try:
        write_document(laid_out, pages, forms=False, progress=progress, cancel=cancel)
        rtl = essay_direction(guide.essay.language, guide.essay.text) == "rtl"
        return impose(pages, tmp, options.paper, rtl=rtl)
    finally:
        with contextlib.suppress(FileNotFoundError):
            pages.unlink()
