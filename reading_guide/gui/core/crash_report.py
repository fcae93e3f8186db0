"""An error the app did not expect never reaches a user as a traceback on a terminal nobody sees.

PySide hands an exception raised in a slot (a menu action, a timer, a button) to
`sys.excepthook` and carries on. This hook, installed by app.py for as long as the app runs
(as novelWriter's error.py does), does three things, in this order:
1. logs the traceback (the log file the entry point set up), so it can be reported and fixed;
2. keeps the work safe: every window's unsaved changes go to its recovery file at once;
3. shows "Something went wrong" with the details to copy, and what happened to the work
   (core/crash_dialog.py, imported on the first error: start-up does not build it).
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

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class ExceptionHook(QObject):
    """`sys.excepthook` while installed. `keep_safe()` autosaves every window and returns the
    recovery files written; `show(details, saved)` shows the report (a modal box by default)."""

    caught = Signal(str)

    def __init__(self, keep_safe: Callable[[], list[Path]],
                 show: Callable[[str, list[Path]], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keep_safe = keep_safe
        self.show = show or _show_dialog
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


def _show_dialog(details: str, saved: list[Path]) -> None:
    from PySide6.QtWidgets import QApplication

    from reading_guide.gui.core.crash_dialog import CrashDialog  # on the first error only

    CrashDialog(QApplication.activeWindow(), details, saved).exec()
