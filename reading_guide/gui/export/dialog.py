"""Print a handout: choose what to print (options_form.py), then export through the app's warm
export process, with progress from the first moment and the result at hand.

WeasyPrint is CPU-bound Python: in this process it would freeze the window for seconds, so the
export runs in the app's one long-lived export worker (`export.warm.WarmExporter`, made in
app.py, already warm when the app has been up a moment), polled from a timer; the window stays
responsive and Cancel stops the job. Until the worker reports its first figure the bar is a busy
bar saying what is happening (starting the export process, waiting for the preview's build),
never "0%" for seconds. A file that exists is replaced only after asking. When the PDF is
written it opens in the system viewer (an injectable opener, so tests open nothing); if no
viewer opens it the dialog says so, and Open and Show in Folder stay at hand. Changing any
choice clears the last result, so what the dialog shows always matches what it would print.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.errors import InputError
from reading_guide.gui.core.plain_text import make_plain, shown
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.settings import Settings
from reading_guide.gui.export.options_form import HANDOUTS, PAPERS, OptionsForm

if TYPE_CHECKING:
    from reading_guide.export.options import ExportOptions
    from reading_guide.export.warm import WarmExporter, WarmJob

log = logging.getLogger(__name__)

__all__ = ["HANDOUTS", "PAPERS", "ExportDialog", "default_output", "pages_text"]
POLL_MS = 50
STEPS = 1000


def default_output(session: GuideSession, variant: str) -> Path:
    base = session.path or session.suggested_path or Path.home() / "guide.guide.yaml"
    stem = base.name.split(".")[0] or "guide"
    return base.with_name(f"{stem}-{variant}.pdf")


def pages_text(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


class ExportDialog(QDialog):
    """`exporter()` gives the app's warm export process; without one the dialog makes its own
    (closed with the dialog)."""

    def __init__(
        self,
        session: GuideSession,
        settings: Settings,
        prompts: Prompts,
        parent: QWidget | None = None,
        *,
        opener: Callable[[str], object] | None = None,
        exporter: Callable[[], WarmExporter] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Handout")
        self.setMinimumWidth(520)
        self._session = session
        self._settings = settings
        self._prompts = prompts
        self._opener = opener
        self._exporter = exporter
        self._own: WarmExporter | None = None
        self.job: WarmJob | None = None
        self.result_path: str | None = None
        self._blank = ""  # the last result's word about letters printed blank
        self._output_edited = False
        self._confirmed = ""  # a path the file dialog already asked to replace
        self._figures = False  # the job reported a figure: the bar is no longer busy
        self._starting = False  # the job waits for the worker to start, not for another job
        # The suggested path as a Path: shown through `shown`, a name that is not UTF-8 would
        # come back from the line edit with a replacement character, naming another file.
        self._suggested = Path()
        self.form = OptionsForm(settings, session.guide.handout.writing_space)
        self.handout, self.paper = self.form.handout, self.form.paper
        self.large_print, self.fillable = self.form.large_print, self.form.fillable
        self.output = QLineEdit()
        self.output.setObjectName("exportOutput")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        # Shown only while and after an export runs: an idle empty bar reads as an empty text
        # field to fill in. Its room stays, so the dialog does not jump when it appears.
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.status = make_plain(QLabel(" "))
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("exportOpen")
        self.open_button.setToolTip("Open the PDF in your PDF viewer")
        self.folder_button = QPushButton("Show in Folder")
        self.folder_button.setObjectName("exportShowFolder")
        self.folder_button.setToolTip("Open the folder that holds the PDF")
        result_row = QHBoxLayout()
        result_row.addStretch(1)
        result_row.addWidget(self.open_button)
        result_row.addWidget(self.folder_button)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("exportCancel")
        save = QFormLayout()
        save_label = QLabel("&Save to")
        save_label.setBuddy(self.output)
        save.addRow(save_label, out_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(save)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(result_row)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.open_button.clicked.connect(self.open_result)
        self.folder_button.clicked.connect(self.show_in_folder)
        self.handout.currentIndexChanged.connect(self._suggest_output)
        self.form.changed.connect(self.clear_result)
        self.output.textEdited.connect(self._mark_edited)
        # Return means Export, whichever of these had the focus last.
        for button in (browse, self.open_button, self.folder_button):
            button.setAutoDefault(False)
        self._suggest_output()
        self.clear_result()
        self._set_running(False)

    # Choosing ---------------------------------------------------------------------------------

    def _mark_edited(self, _text: str) -> None:
        self._output_edited = True
        self.clear_result()

    def _suggest_output(self) -> None:
        if not self._output_edited:
            self._suggested = default_output(self._session, self.handout.currentData())
            self.output.setText(shown(str(self._suggested)))

    def _browse(self) -> None:
        path = self._prompts.export_path(self.output.text())
        if path:
            self.output.setText(path)
            self._output_edited = True
            self._confirmed = path  # the file dialog asked before choosing a file that exists
            self.clear_result()

    def options(self) -> ExportOptions:
        return self.form.options()

    def output_path(self) -> str:
        """Where the PDF goes: the field's text, or the suggestion whole while it is shown."""
        typed = self.output.text().strip()
        return str(self._suggested) if typed == shown(str(self._suggested)) else typed

    def clear_result(self) -> None:
        """A choice changed: the last result no longer describes what Export would print."""
        if self.job is not None:
            return
        self.result_path = None
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.progress.hide()
        self.status.setText(" ")
        self.open_button.hide()
        self.folder_button.hide()

    # Running ----------------------------------------------------------------------------------

    def exporter(self) -> WarmExporter:
        if self._exporter is not None:
            return self._exporter()
        if self._own is None:
            from reading_guide.export.warm import WarmExporter

            self._own = WarmExporter()
        return self._own

    def start(self) -> None:
        """Submit the export to the warm process; returns at once (the timer follows it)."""
        if self.job is not None:
            return
        out = self.output_path()
        if not out:
            self.status.setText("Choose where to save the PDF.")
            return
        if not out.lower().endswith(".pdf"):
            out += ".pdf"
            self.output.setText(shown(out))
        if not Path(out).parent.is_dir():
            self._fail(str(InputError("the folder does not exist", file=out)))
            return
        if Path(out).exists() and out != self._confirmed and not self._prompts.replace_file(
                shown(out)):
            self.status.setText("Not exported: the file that is there was kept.")
            return
        self.form.remember(self._settings)
        self.clear_result()
        try:
            exporter = self.exporter()
            starting = not exporter.ready
            self.job = exporter.submit(self._session.guide, out, self.options(), "pdf")
        except Exception as error:  # cannot start a process (limits, a broken install): say so
            self.job = None
            self._fail(str(InputError(f"could not start the export: {error}", file=out)))
            return
        self._figures, self._starting = False, starting
        self.progress.setRange(0, 0)  # busy until the first figure
        self.progress.show()
        self.status.setText("Starting the export process…" if starting
                            else "Laying out the handout…")
        self._set_running(True)
        self.timer.start()
        self._poll()

    def _set_running(self, running: bool) -> None:
        self.form.set_enabled(not running)
        for widget in (self.output, self.export_button):
            widget.setEnabled(not running)
        self.cancel_button.setText("Cancel" if running else "Close")

    def _poll(self) -> None:
        job = self.job
        if job is None:
            return
        events = job.poll()
        if not events and job.state == "queued" and not self._starting:
            self.status.setText("Waiting for the preview to finish…")
        for event in events:
            if event.kind == "progress":
                if event.fraction > 0 and not self._figures:
                    self._figures = True
                    self.progress.setRange(0, STEPS)
                if self._figures:
                    self.progress.setValue(int(event.fraction * STEPS))
                if event.label:
                    self.status.setText(event.label)
            elif event.kind == "done":
                self._done(job.out_path, event.pages, event.warning)
            elif event.kind == "cancelled":
                self._finish()
                self.status.setText("Export cancelled.")
            elif event.kind == "error":
                self._finish()
                self._fail(event.message)

    def _done(self, path: str, pages: int, warning: str = "") -> None:
        self._finish()
        self.result_path = path
        self.progress.setValue(STEPS)
        saved = f"Saved {pages_text(pages)} to {path}." if pages else f"Saved to {path}."
        # Letters no font had print blank: said beside "Saved" (export/blank_letters.py).
        self._blank = f" {warning[:1].upper()}{warning[1:]}." if warning else ""
        self.status.setText(shown(saved + self._blank))
        self.open_button.show()
        self.folder_button.show()
        self._grow_to_fit()
        self.open_result()

    def _grow_to_fit(self) -> None:
        """Taller when a long message wrapped: a word-wrapped label's height depends on the
        width, which Qt's minimum size does not follow, so the options above it were squeezed
        instead."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def open_result(self) -> None:
        """Open the PDF in the system viewer; say so when none opens it."""
        if self.result_path is None or self._opener is None:
            return
        if self._opener(self.result_path) is False:
            self.status.setText(shown(f"Saved to {self.result_path}, but no PDF viewer opened "
                                      "it: use Show in Folder to find it." + self._blank))
            self._grow_to_fit()
            log.warning("no viewer opened %s", self.result_path)

    def show_in_folder(self) -> None:
        if self.result_path is None or self._opener is None:
            return
        folder = str(Path(self.result_path).parent)
        if self._opener(folder) is False:
            self.status.setText(shown(f"Could not open the folder {folder}."))

    def _finish(self) -> None:
        self.timer.stop()
        self.job = None
        self.progress.setRange(0, STEPS)
        self._set_running(False)

    def _fail(self, message: str) -> None:
        log.warning("export failed: %s", message)
        self.progress.setValue(0)
        self.progress.hide()
        self.status.setText(shown(message))
        self._prompts.error("Could not export the handout", message)

    @property
    def running(self) -> bool:
        return self.job is not None

    def _cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def done(self, result: int) -> None:
        """Closing the dialog stops the export it started (the worker removes its file)."""
        if self.job is not None:
            self.job.cancel()
            self._finish()
        if self._own is not None:
            self._own.close()
            self._own = None
        super().done(result)
