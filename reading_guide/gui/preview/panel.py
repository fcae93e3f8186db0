"""Live handout preview: the real PDF, rebuilt by the app's warm export process a moment after
edits stop.

Why the warm process and a short pause: WeasyPrint is CPU-bound Python (DESIGN.md rule 4), so it
runs in the app's one long-lived export worker (`export.warm.WarmExporter`, built in app.py),
which has Python, WeasyPrint and the fonts loaded already: a fresh process per preview paid
about a second for that alone, the whole budget (the sample guide's preview within 1 s of an
edit). An edit after a quiet moment (a kind chosen, a question added, the first keystroke)
starts a build at once; an edit that follows another within DELAY_MS (300 ms: typing) restarts
a single-shot timer instead, so during typing a build starts once typing pauses. The pause
follows the typist (typing_pause.py): 1.5 times their own recent gap between keys, 120 to 300
ms, so a fast burst's last keystroke is built 150 ms later, not 300. A new edit cancels the
build under way (it is out of date), and the new one follows it in the worker's queue. The
panel builds only while it is visible; hidden, it just remembers it is out of date.
Two output files are used in turn so the shown PDF is never the one being written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain, shown
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.preview.pages import PdfPages, pages_text
from reading_guide.gui.preview.typing_pause import TypingPause

if TYPE_CHECKING:  # the export package loads with the first preview, not at start-up
    from reading_guide.export.warm import WarmExporter, WarmJob


log = logging.getLogger(__name__)
DELAY_MS = 300
POLL_MS = 25  # while a build runs: a finished PDF waits 12 ms on average to be seen
TIME_LIMIT = 120.0  # seconds for one preview build
SIDE_WIDTH = 260  # the panel's preferred width, in pixels
HANDOUTS = (("participant", "Participants' handout"), ("facilitator", "Facilitator's handout"),
            ("questions", "Questions sheet"))


class PreviewPanel(QWidget):
    """Signals `updated(pages)` when a new PDF is shown and `failed(message)` (one line).

    `exporter()` gives the app's one WarmExporter (made when first asked for)."""

    updated = Signal(int)
    failed = Signal(str)

    def __init__(self, session: GuideSession, folder: Path,
                 exporter: Callable[[], WarmExporter], delay_ms: int = DELAY_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self._exporter = exporter
        self.handout = QComboBox()
        self.handout.setObjectName("previewHandout")
        self.handout.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.handout.setMinimumContentsLength(8)
        self.handout.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for value, label in HANDOUTS:
            self.handout.addItem(label, value)
        self.pages = PdfPages()
        self.status = make_plain(QLabel())
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.handout)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        # The longest pause (self.pause picks each one; QTimer.start(ms) sets no default).
        self.delay_ms = delay_ms
        self.debounce.timeout.connect(self.refresh)
        self.poller = QTimer(self)
        self.poller.setInterval(POLL_MS)
        self.poller.timeout.connect(self._poll)
        self.job: WarmJob | None = None
        self._job_out: Path | None = None
        self._shown_path: Path | None = None
        self._stale = True
        self.pause = TypingPause(delay_ms)  # how long to wait after each edit
        self.pages_shown = 0
        self.handout.currentIndexChanged.connect(lambda _i: self.refresh())
        session.changed.connect(lambda _change: self.schedule())  # all of it prints
        session.reset.connect(self.schedule)

    # The pages' controls, by their old names (tests and the layout engineer's code use them).
    @property
    def page(self) -> QSpinBox:
        return self.pages.page

    @property
    def pages_label(self) -> QLabel:
        return self.pages.pages_label

    @property
    def next_button(self) -> QToolButton:
        return self.pages.next_button

    @property
    def document(self) -> QPdfDocument:
        return self.pages.document

    def current_page(self) -> int:
        return self.pages.current_page()

    def go_to_page(self, index: int) -> None:
        self.pages.go_to_page(index)

    # Scheduling -----------------------------------------------------------------------------

    def schedule(self) -> None:
        """A change happened: the build under way is out of date (cancelled); a new one starts
        now after a quiet moment, else once edits pause (only while visible)."""
        self._stale = True
        pause = self.pause.after_edit()
        if self.job is not None:
            self.job.cancel()
        if self.isVisible():
            # 0: on the event loop's next turn, so the changes of one action make one build.
            self.debounce.start(pause)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.debounce.start(0)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self.debounce.stop()

    def refresh(self) -> None:
        """Submit a build now (cancelling one that is out of date: the new one queues after
        it in the worker)."""
        from reading_guide.export.options import ExportOptions

        self.debounce.stop()
        if not self.session.is_open:
            self.pages.close_document()
            self._shown_path = None
            self.status.setText("No guide open.")
            return
        if self.job is not None:
            self.job.cancel()
        self._stale = False
        self.folder.mkdir(parents=True, exist_ok=True)
        # Never the file on screen: the viewer may still be reading it.
        out = self.folder / "preview-0.pdf"
        if out == self._shown_path:
            out = self.folder / "preview-1.pdf"
        self._job_out = out
        options = ExportOptions(variant=str(self.handout.currentData()))
        self.job = self._exporter().submit(self.session.guide, out, options, "pdf",
                                           time_limit=TIME_LIMIT)
        self.status.setText("Updating preview…")
        self.poller.start()

    def _poll(self) -> None:
        job = self.job
        if job is None:
            self.poller.stop()
            return
        for event in job.poll():
            if not event.final or job is not self.job:
                continue
            self.job = None
            self.poller.stop()
            if event.kind == "done" and self._job_out is not None:
                self._show_pdf(self._job_out)
            elif event.kind == "error":
                line = event.message.splitlines()[0] if event.message else "preview failed"
                self.status.setText(shown(f"Preview not updated: {line}"))
                log.warning("preview not updated: %s", line)
                self.failed.emit(line)
            return

    def _show_pdf(self, path: Path) -> None:
        count = self.pages.load(str(path))
        self._shown_path = path
        self.pages_shown = count
        self.status.setText(f"Updated {time.strftime('%H:%M:%S')} · {pages_text(count)}")
        self.updated.emit(count)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Narrow: the dock opens beside the essay without squeezing it (zoom in to read)."""
        return QSize(SIDE_WIDTH, super().sizeHint().height())

    def shutdown(self) -> None:
        """Stop a running build (the window is closing)."""
        self.debounce.stop()
        self.poller.stop()
        if self.job is not None:
            self.job.cancel()
            self.job = None
