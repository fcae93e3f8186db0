"""An error the app did not expect never reaches a user as a traceback on a terminal nobody sees.

PySide hands an exception raised in a slot (a menu action, a timer, a button) to
`sys.excepthook` and carries on. This hook, installed by app.py for as long as the app runs
(as novelWriter's error.py does), does three things, in this order:
1. logs the traceback (the log file the entry point set up), so it can be reported and fixed;
2. keeps the work safe: every window's unsaved changes go to its recovery file at once;
3. shows "Something went wrong" with the details to copy, and what happened to the work.
An exception in a worker thread is shown from the window's thread (a queued signal). An error
while the report is on screen, or a flood of them, is logged without a second dialog.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import plain_label, shown

log = logging.getLogger(__name__)

TITLE = "Something went wrong"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashDialog(QDialog):
    """The report: what happened to the work, and the details (plain text) with a Copy button
    that leaves the dialog open."""

    def __init__(self, parent: QWidget | None, details: str, saved: list[Path]) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(TITLE)
        self.details = details
        heading = plain_label(TITLE, name="crashHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        if saved:
            names = ", ".join(p.name for p in saved)
            safe = (f"Your unsaved changes were written to a recovery file ({names}); they are "
                    "offered back if the app has to close.")
        else:
            safe = "No unsaved work was at risk."
        self.message = plain_label(
            "Reading Guide hit an error it did not expect. You can go on working, or save and "
            f"restart the app. {safe}", name="crashMessage", wrap=True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("crashDetails")
        self.text.setReadOnly(True)
        self.text.setPlainText(shown(details))
        self.text.setMinimumSize(560, 180)
        self.copy_button = QPushButton("&Copy Details")
        self.copy_button.setObjectName("crashCopy")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(plain_label("Details, for a bug report:"))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(shown(self.details))
        self.copy_button.setText("Copied")


class ExceptionHook(QObject):
    """`sys.excepthook` while installed. `keep_safe()` autosaves every window and returns the
    recovery files written; `show(details, saved)` shows the report (a modal box by default)."""

    caught = Signal(str)

    def __init__(self, keep_safe: Callable[[], list[Path]],
                 show: Callable[[str, list[Path]], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keep_safe = keep_safe
        self.show = show or (lambda details, saved: CrashDialog(
            QApplication.activeWindow(), details, saved).exec())
        self.reported = 0
        self._showing = False
        self._previous: Callable[..., object] | None = None
        self.caught.connect(self._report)

    def install(self) -> None:
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook is self:
            sys.excepthook = self._previous
        self._previous = None

    def __call__(self, kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            (self._previous or sys.__excepthook__)(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details.rstrip())
        if threading.current_thread() is threading.main_thread():
            self._report(details)
        else:
            self.caught.emit(details)  # queued: the report is shown by the window's thread

    def _report(self, details: str) -> None:
        if self._showing:
            return  # one report at a time; the log has every one
        self._showing = True
        try:
            try:
                saved = self.keep_safe()
            except Exception:  # noqa: BLE001 - the report must still come
                log.exception("could not write the recovery files")
                saved = []
            self.reported += 1
            self.show(details, saved)
        finally:
            self._showing = False
