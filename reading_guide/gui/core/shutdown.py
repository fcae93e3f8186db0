"""The app told to stop (SIGTERM when the desktop session ends or a process manager stops it,
SIGHUP when its terminal closes): unsaved work goes to the recovery file, the guide's lock is let
go, and the app quits without a question nobody would see.

Python's default is to die on the spot, which left the lock behind (the next start then reported
a crashed window) and lost up to an autosave interval of typing. Python runs a signal handler only
between bytecodes, and Qt's event loop stays in C++ while idle, so a timer wakes the interpreter
twice a second to let it run. Windows has no SIGHUP; SIGTERM there only comes from Python itself.

A signal can also arrive while the window is being built, before the event loop runs. Qt ignores
`quit()` asked then, and a window closed before the loop never triggers "last window closed", so
the process would live on with no window; the quit is therefore also posted, to run as soon as
the loop starts.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger(__name__)

WAKE_MS = 500


def quit_safely_on_signals(app: QCoreApplication, stop_window: Callable[[], object]) -> QTimer:
    """Install the handlers; `stop_window()` keeps the work and closes the window without a
    question. Returns the timer that lets the handlers run (it lives as long as the app)."""

    def stop(number: int, _frame: FrameType | None) -> None:
        log.info("signal %s: keeping unsaved work and quitting", number)
        try:
            stop_window()
        finally:
            app.quit()  # the loop is running: it ends
            QTimer.singleShot(0, app, app.quit)  # not running yet: it ends as soon as it starts

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)  # SIGHUP does not exist on Windows
        if number is not None:
            signal.signal(number, stop)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)  # back in Python twice a second: handlers can run
    timer.start(WAKE_MS)
    return timer


def end_child_processes(grace: float = 1.0) -> None:
    """End every multiprocessing child still running (the app is leaving): at exit Python
    joins them without a limit. The window stops its export worker as it closes; this catches
    one it never knew of (a stop signal that landed while the worker was being started), so the
    app never lives on, windowless, for as long as that worker stays busy."""
    if "multiprocessing" not in sys.modules:
        return  # no child was ever started: nothing to import at exit
    import multiprocessing

    for child in multiprocessing.active_children():
        log.info("ending export worker %s left at exit", child.pid)
        child.kill()
        child.join(grace)
