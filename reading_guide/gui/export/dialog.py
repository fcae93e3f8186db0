"""Print a handout: choose the edition, paper and size, then export in a separate process.

WeasyPrint is CPU-bound Python: in this process it would freeze the window for seconds, so the
export runs in a child process (reading_guide.export.ExportJob) that this dialog polls from a
timer; the window stays responsive, a progress bar moves, and Cancel stops the child. When the
PDF is written it opens in the system viewer (through an injectable opener, so tests open nothing).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

if TYPE_CHECKING:
    from reading_guide.export.job import ExportJob
    from reading_guide.export.options import ExportOptions

log = logging.getLogger(__name__)

EDITIONS = (
    ("participant", "Participant handout (essay, marked passages, questions)"),
    ("questions", "Questions sheet (questions only)"),
    ("facilitator", "Facilitator edition (with notes, follow-ups and timings)"),
)
PAPERS = (("a4", "A4"), ("letter", "US Letter"))
POLL_MS = 50


def default_output(session: GuideSession, variant: str) -> Path:
    base = session.path or session.suggested_path or Path.home() / "guide.guide.yaml"
    stem = base.name.split(".")[0] or "guide"
    return base.with_name(f"{stem}-{variant}.pdf")


class ExportDialog(QDialog):
    def __init__(
        self,
        session: GuideSession,
        settings: Settings,
        prompts: Prompts,
        parent: QWidget | None = None,
        *,
        opener: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Handout")
        self.setMinimumWidth(520)
        self._session = session
        self._settings = settings
        self._prompts = prompts
        self._opener = opener
        self.job: ExportJob | None = None
        self.result_path: str | None = None
        self._output_edited = False
        # The suggested path as a Path: shown through `shown`, a name that is not UTF-8 would
        # come back from the line edit with a replacement character, naming another file.
        self._suggested = Path()
        self.edition = QComboBox()
        self.edition.setObjectName("exportEdition")
        for key, label in EDITIONS:
            self.edition.addItem(label, key)
        self.paper = QComboBox()
        self.paper.setObjectName("exportPaper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.large_print = QCheckBox("Large print (16 pt)")
        self.large_print.setObjectName("exportLargePrint")
        self.fillable = QCheckBox("Writing space as fillable PDF fields")
        self.fillable.setObjectName("exportFillable")
        self.output = QLineEdit()
        self.output.setObjectName("exportOutput")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = make_plain(QLabel(" "))
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportStart")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("exportCancel")
        form = QFormLayout()
        form.addRow("&Edition", self.edition)
        form.addRow("&Paper", self.paper)
        form.addRow("", self.large_print)
        form.addRow("", self.fillable)
        save_label = QLabel("&Save to")
        save_label.setBuddy(self.output)
        form.addRow(save_label, out_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.edition.currentIndexChanged.connect(self._suggest_output)
        self.output.textEdited.connect(self._mark_edited)
        self._restore_choices()
        from reading_guide.export.job import ExportJob  # noqa: F401  (imported now, not on click)

    def _restore_choices(self) -> None:
        s = self._settings
        self.edition.setCurrentIndex(max(0, self.edition.findData(s.get("export/variant"))))
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.get("export/paper"))))
        self.large_print.setChecked(s.get("export/large_print"))
        self.fillable.setChecked(s.get("export/fillable"))
        self._suggest_output()

    def _mark_edited(self, _text: str) -> None:
        self._output_edited = True

    def _suggest_output(self) -> None:
        if not self._output_edited:
            self._suggested = default_output(self._session, self.edition.currentData())
            self.output.setText(shown(str(self._suggested)))

    def _browse(self) -> None:
        path = self._prompts.export_path(self.output.text())
        if path:
            self.output.setText(path)
            self._output_edited = True

    def options(self) -> ExportOptions:
        from reading_guide.export.options import ExportOptions

        return ExportOptions(
            variant=self.edition.currentData(),
            paper=self.paper.currentData(),
            large_print=self.large_print.isChecked(),
            fillable=self.fillable.isChecked(),
        )

    def output_path(self) -> str:
        """Where the PDF goes: the field's text, or the suggestion whole while it is shown."""
        typed = self.output.text().strip()
        return str(self._suggested) if typed == shown(str(self._suggested)) else typed

    def start(self) -> None:
        """Start the export in a child process; returns at once (the timer follows it)."""
        if self.job is not None:
            return
        out = self.output_path()
        if not out:
            self.status.setText("Choose where to save the PDF.")
            return
        if not out.lower().endswith(".pdf"):
            out += ".pdf"
            self.output.setText(out)
        if not Path(out).parent.is_dir():
            self._fail(str(InputError("the folder does not exist", file=out)))
            return
        options = self.options()
        for key, value in (("export/variant", options.variant), ("export/paper", options.paper),
                           ("export/large_print", options.large_print),
                           ("export/fillable", options.fillable)):
            self._settings.set(key, value)
        from reading_guide.export.job import ExportJob

        self.job = ExportJob(self._session.guide, out, options, "pdf")
        self.result_path = None
        self.progress.setValue(0)
        self.status.setText("Starting…")
        self._set_running(True)
        try:
            self.job.start()
        except Exception as error:  # cannot start a process (limits, a broken install): say so
            self._finish()
            self._fail(str(InputError(f"could not start the export: {error}", file=out)))
            return
        self.timer.start()

    def _set_running(self, running: bool) -> None:
        for widget in (self.edition, self.paper, self.large_print, self.fillable, self.output,
                       self.export_button):
            widget.setEnabled(not running)
        self.cancel_button.setText("Cancel" if running else "Close")

    def _poll(self) -> None:
        if self.job is None:
            return
        for event in list(self.job.poll()):
            if self.job is None:
                break
            if event.kind == "progress":
                self.progress.setValue(int(event.fraction * 1000))
                if event.label:
                    self.status.setText(event.label)
            elif event.kind == "done":
                self.result_path = self.job.out_path
                self._finish()
                self.progress.setValue(1000)
                pages = f"{event.pages} pages " if event.pages else ""
                self.status.setText(shown(f"Saved {pages}to {self.result_path}."))
                if self._opener is not None:
                    self._opener(self.result_path)
            elif event.kind == "cancelled":
                self._finish()
                self.progress.setValue(0)
                self.status.setText("Export cancelled.")
            elif event.kind == "error":
                self._finish()
                self._fail(event.message)

    def _finish(self) -> None:
        self.timer.stop()
        self.job = None
        # Reap the finished child later, without waiting for it (ExportJob._finish joins with 0).
        QTimer.singleShot(1500, multiprocessing.active_children)
        self._set_running(False)

    def _fail(self, message: str) -> None:
        log.warning("export failed: %s", message)
        self.status.setText(message)
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

    def reject(self) -> None:
        if self.job is not None:  # closing the dialog stops the export it started
            self.job.cancel()  # the child stops and removes its temporary file; never wait
            self._finish()
        super().reject()
