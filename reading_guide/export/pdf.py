"""Finished handout HTML -> PDF with WeasyPrint: the only module that imports it (lazily).

Safety: the handout is built from an untrusted essay, so WeasyPrint only ever gets `SafeFetcher`,
which serves `data:` URLs and files inside the app's resources folder and refuses everything else
(no network, no other files, so no file can be read into the PDF or attached to it).
Progress comes from WeasyPrint's own progress logger; cancelling raises from that hook.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reading_guide.export.styles import HandoutStyles, StyleCache
from reading_guide.resources import resource_path

Progress = Callable[[float, str], None]
# Where each WeasyPrint step starts on our 0..1 scale (layout gets the widest band).
_STEPS = {
    "Step 1": (0.02, "parsing"),
    "Step 2": (0.05, "styling"),
    "Step 3": (0.08, "styling"),
    "Step 4": (0.15, "laying out"),
    "Step 5": (0.2, "laying out"),
    "Step 6": (0.85, "writing PDF"),
    "Step 7": (0.95, "writing PDF"),
}


class ExportCancelled(BaseException):
    """Raised inside WeasyPrint's progress hook; a BaseException so no `except Exception` in
    WeasyPrint swallows it."""


def allowed_root() -> Path:
    return resource_path().resolve()


def is_allowed_url(url: str, root: Path | None = None) -> bool:
    """data: URLs, and file: URLs whose real path (symlinks and .. resolved) is inside root."""
    root = root if root is not None else allowed_root()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    try:
        real = Path(unquote(parts.path)).resolve()
    except (OSError, ValueError):
        return False
    return real == root or root in real.parents


def make_fetcher(spy: list[str] | None = None) -> Any:
    """A `weasyprint.urls.URLFetcher` that allows only `is_allowed_url`; `spy` records every URL
    WeasyPrint asked for (tests use it to prove nothing else was tried)."""
    from weasyprint.urls import URLFetcher

    root = allowed_root()

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if spy is not None:
                spy.append(url)
            if not is_allowed_url(url, root):
                raise ValueError(f"blocked by the handout's URL policy: {url[:200]}")
            return super().fetch(url, headers)

    return SafeFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


class _ProgressHook(logging.Handler):
    """Turns WeasyPrint's "Step N" log lines into progress fractions and checks for cancel."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None,
                 expected_pages: int) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.cancel = cancel
        self.expected = max(expected_pages, 1)
        self.last = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled()
        msg = record.getMessage()
        step = _STEPS.get(msg[:6])
        if step is None or self.progress is None:
            return
        frac, label = step
        if msg.startswith("Step 5") and "Page" in msg:
            page = int(msg.rsplit(" ", 1)[-1]) if msg.rsplit(" ", 1)[-1].isdigit() else 1
            # Layout repeats for page counters; never run backwards, never reach the next step.
            frac = 0.2 + 0.6 * min(page / self.expected, 0.98)
        frac = max(frac, self.last)
        self.last = frac
        self.progress(frac, label)


def render_pdf(
    html: str,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    forms: bool = False,
    expected_pages: int = 10,
    fetcher: Any = None,
) -> int:
    """Render `html` to `out_path` (written in place; `export_guide` adds the atomic rename).

    Tagged PDF/UA-1 always (screen readers read it in order); `forms` makes <textarea>s
    fillable fields. Returns the page count. Raises ExportCancelled when `cancel()` turns true.
    """
    document = lay_out(html, progress=progress, cancel=cancel, forms=forms,
                       expected_pages=expected_pages, fetcher=fetcher)
    return write_document(document, out_path, forms=forms, progress=progress, cancel=cancel)


def lay_out(
    html: str,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    forms: bool = False,
    expected_pages: int = 10,
    fetcher: Any = None,
    styles: HandoutStyles | None = None,
    style_cache: StyleCache | None = None,
) -> Any:
    """WeasyPrint's laid-out Document for `html` (pages and boxes; nothing written yet).

    `styles`: the handout's stylesheets, when `html` holds none of its own (`build_pdf_parts`);
    they are parsed through `style_cache` (a fresh one, when none is given), so a long-lived
    process parses them once."""
    import weasyprint

    base_url = resource_path("css").resolve().as_uri() + "/"
    fetcher = fetcher if fetcher is not None else make_fetcher()
    with _steps(progress, cancel, expected_pages), quiet_font_logs():
        font_config: Any = None
        sheets: list[Any] | None = None
        if styles is not None:
            cache = style_cache if style_cache is not None else StyleCache()
            font_config, sheets = cache.stylesheets(styles, base_url, fetcher)
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=font_config, pdf_variant="pdf/ua-1",
            pdf_forms=forms or None)


def write_document(
    document: Any,
    out_path: str | Path,
    *,
    forms: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Write a laid-out Document as a tagged PDF (see pdf_tags.py); returns its page count."""
    from reading_guide.export.pdf_tags import TagState, amended_tagging, finish

    document.metadata.attachments.clear()  # never embed files, whatever the HTML says
    pages = len(document.pages)
    state = TagState(root_lang=str(getattr(document.metadata, "lang", "") or ""))
    # The first page an anchor is on wins (a split element has its id on each fragment).
    for number in range(len(document.pages), 0, -1):
        for name in document.pages[number - 1].anchors:
            state.anchor_pages[name] = number
    with _steps(progress, cancel, pages), quiet_font_logs(), amended_tagging(state):
        document.write_pdf(
            os.fspath(out_path), pdf_variant="pdf/ua-1", pdf_forms=forms or None,
            attachments=None, finisher=lambda _document, pdf: finish(state, pdf),
        )
    if progress is not None:
        progress(1.0, "done")
    return pages


@contextlib.contextmanager
def _steps(progress: Progress | None, cancel: Callable[[], bool] | None,
           expected_pages: int) -> Iterator[None]:
    hook = _ProgressHook(progress, cancel, expected_pages)
    progress_logger = logging.getLogger("weasyprint.progress")
    old_level = progress_logger.level
    progress_logger.addHandler(hook)
    progress_logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        progress_logger.removeHandler(hook)
        progress_logger.setLevel(old_level)


@contextlib.contextmanager
def quiet_font_logs() -> Iterator[list[str]]:
    """fontTools (WeasyPrint subsets and reads fonts with it) logs warnings with no handler of
    its own, so Python printed them on stderr: "no warnings on stderr". They are kept here, on
    the list this yields, and in the log for anyone who configures logging."""
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("fontTools")
    handler = Keep(logging.WARNING)
    old = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield seen
    finally:
        logger.removeHandler(handler)
        logger.propagate = old
