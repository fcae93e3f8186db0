"""Live handout preview: the real PDF, rebuilt in a child process a moment after edits stop.

Why a child process and a delay: WeasyPrint is CPU-bound Python (DESIGN.md rule 4), so it runs in
an `ExportJob` and the editor never waits for it; rebuilding on every keystroke would only queue
work, so a single-shot timer (about 1 s) restarts on each change and the build starts once typing
pauses. A build that is overtaken by newer edits is cancelled and a fresh one starts when it has
stopped. The panel renders only while it is visible; hidden, it just remembers it is out of date.
Two output files are used in turn so the shown PDF is never the one being written.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain
from reading_guide.gui.core.session import GuideSession

if TYPE_CHECKING:  # WeasyPrint's job loads with the first preview
    from reading_guide.export.job import ExportJob

log = logging.getLogger(__name__)
DELAY_MS = 1000
POLL_MS = 100
EDITIONS = (("participant", "Participant handout"), ("facilitator", "Facilitator edition"),
            ("questions", "Questions sheet"))


class PreviewPanel(QWidget):
    """Signals `updated(pages)` when a new PDF is shown and `failed(message)` (one line)."""

    updated = Signal(int)
    failed = Signal(str)

    def __init__(self, session: GuideSession, folder: Path, delay_ms: int = DELAY_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self.edition = QComboBox()
        self.edition.setObjectName("previewEdition")
        for value, label in EDITIONS:
            self.edition.addItem(label, value)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip("Previous page")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next page")
        self.page = QSpinBox()
        self.page.setObjectName("previewPage")
        self.page.setRange(1, 1)
        self.page.setPrefix("Page ")
        self.pages_label = QLabel("of 0")
        self.status = make_plain(QLabel())
        self.status.setObjectName("previewStatus")
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("previewView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        bar = QHBoxLayout()
        bar.addWidget(self.edition)
        bar.addStretch(1)
        for w in (self.prev_button, self.page, self.pages_label, self.next_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(delay_ms)
        self.debounce.timeout.connect(self.refresh)
        self.poller = QTimer(self)
        self.poller.setInterval(POLL_MS)
        self.poller.timeout.connect(self._poll)
        self.job: ExportJob | None = None
        self._job_out: Path | None = None
        self._turn = 0
        self._stale = True
        self._again = False
        self.pages_shown = 0
        self.edition.currentIndexChanged.connect(lambda _i: self.refresh())
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        session.changed.connect(lambda _change: self.schedule())  # all of it prints
        session.reset.connect(self.schedule)
        self._show_pages()

    # Scheduling -----------------------------------------------------------------------------

    def schedule(self) -> None:
        """A change happened: rebuild once edits have paused (only while visible)."""
        self._stale = True
        if self.isVisible():
            self.debounce.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.debounce.start(0)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self.debounce.stop()

    def refresh(self) -> None:
        """Start a build now (cancelling one that is out of date)."""
        from reading_guide.export import ExportJob, ExportOptions
        from reading_guide.storage import dumps_guide

        self.debounce.stop()
        if not self.session.is_open:
            self.document.close()
            self.status.setText("No guide open.")
            self._show_pages()
            return
        if self.job is not None:
            self._again = True
            self.job.cancel()
            return
        self._stale = False
        self.folder.mkdir(parents=True, exist_ok=True)
        self._turn = 1 - self._turn
        self._job_out = self.folder / f"preview-{self._turn}.pdf"
        options = ExportOptions(variant=str(self.edition.currentData()))
        self.job = ExportJob(dumps_guide(self.session.guide), self._job_out, options, "pdf",
                             time_limit=120.0)
        self.job.start()
        self.status.setText("Updating preview…")
        self.poller.start()

    def _poll(self) -> None:
        if self.job is None:
            self.poller.stop()
            return
        for event in self.job.poll():
            if not event.final:
                continue
            self.job = None
            self.poller.stop()
            if self._again:
                self._again = False
                self.refresh()
                return
            if event.kind == "done" and self._job_out is not None:
                self._show_pdf(self._job_out, event.pages)
            elif event.kind == "error":
                line = event.message.splitlines()[0] if event.message else "preview failed"
                self.status.setText(f"Preview not updated: {line}")
                log.warning("preview not updated: %s", line)
                self.failed.emit(line)
            return

    def _show_pdf(self, path: Path, pages: int) -> None:
        keep = self.current_page()
        self.document.load(str(path))
        count = self.document.pageCount()
        self.pages_shown = count
        self._show_pages()
        self.go_to_page(min(keep, max(0, count - 1)))
        self.status.setText(f"Updated {time.strftime('%H:%M:%S')} · {count} "
                            f"page{'s' if count != 1 else ''}")
        self.updated.emit(count)

    # Pages ----------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, index: int) -> None:
        count = self.document.pageCount()
        if count <= 0:
            return
        index = max(0, min(index, count - 1))
        nav = self.view.pageNavigator()
        if index != nav.currentPage():
            nav.jump(index, QPointF(), nav.currentZoom())
        self._show_pages()

    def _on_page_changed(self, _page: int) -> None:
        self._show_pages()

    def _show_pages(self) -> None:
        count = max(0, self.document.pageCount())
        current = self.current_page() if count else 0
        self.page.blockSignals(True)
        self.page.setRange(1, max(1, count))
        self.page.setValue(current + 1)
        self.page.blockSignals(False)
        self.pages_label.setText(f"of {count}")
        self.prev_button.setEnabled(count > 0 and current > 0)
        self.next_button.setEnabled(count > 0 and current < count - 1)

    def shutdown(self) -> None:
        """Stop a running build (the window is closing)."""
        self.debounce.stop()
        if self.job is not None:
            self.job.cancel()
