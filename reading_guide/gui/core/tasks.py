"""Long work off the window's thread: one QThread per task, with progress, cancel and one answer.

Importing a 300-page PDF, indexing a folder of guides or finding a passage in a whole book takes
seconds; the window must keep painting and answering meanwhile (DESIGN.md rule 5). A `Task` runs
one function in a QThread and reports back through queued signals, so every slot runs on the
window's thread and may touch widgets and the session:

    task = Task(lambda report: import_document(path, progress=report.progress), parent)
    task.progressed.connect(bar.update)       # (done, total, text)
    task.succeeded.connect(show)              # the function's result
    task.failed.connect(prompts.error_line)   # one line: an InputError's text, or a bug's kind
    task.start(); ...; task.cancel()

The function gets a `Report`: `progress(done, total, text="")` to say how far it is, which also
stops the work (raises `Cancelled`) once `cancel()` was called; `cancelled()` for work that stops
by itself (the question bank's `sync` takes it as its `cancelled` callback). Exactly one of
`succeeded`, `failed` or `cancelled` is emitted, then `ended`. An exception that is not an
InputError is logged with its traceback and reported as one line: a thread never dies silently
and never shows a traceback. `stop()` cancels and waits, for a window that is closing (a QThread
destroyed while it runs takes the process with it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from reading_guide.errors import InputError

log = logging.getLogger(__name__)


class Cancelled(Exception):  # noqa: N818 - a request, not an error
    """Raised inside a task's function by `Report.progress` once the task was cancelled."""


class Report:
    """What a task's function uses to report progress and notice a cancel (any thread)."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._stop = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Say how far the work is; raises Cancelled once the task was cancelled."""
        if self._stop.is_set():
            raise Cancelled
        self._emit(int(done), int(total), str(text))

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


class _Thread(QThread):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


class Task(QObject):
    """One piece of work in its own thread (see the module docstring)."""

    progressed = Signal(int, int, str)  # done, total, what is being done
    succeeded = Signal(object)
    failed = Signal(str)  # one line
    cancelled = Signal()
    ended = Signal()  # after any of the three above
    # The outcome crosses threads through this private signal (queued to this object's thread),
    # so the public signals are always emitted on the window's thread.
    _outcome = Signal(str, object)

    def __init__(self, work: Callable[[Report], Any], parent: QObject | None = None,
                 *, what: str = "the work") -> None:
        super().__init__(parent)
        self._work = work
        self._what = what  # "importing essay.pdf": for the log and an unexpected error's line
        self.report = Report(self.progressed.emit)
        self._thread: _Thread | None = None
        self.running = False
        self._outcome.connect(self._finish)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a task runs once")
        self.running = True
        self._thread = _Thread(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop; `cancelled` follows once it has (or its result is dropped)."""
        self.report.cancel()

    def stop(self, wait_ms: int = 10_000) -> None:
        """Cancel and wait for the thread (the window is closing)."""
        self.report.cancel()
        if self._thread is not None:
            self._thread.wait(wait_ms)

    def wait(self, ms: int = 30_000) -> bool:
        """Wait for the thread to end (tests; a closing window)."""
        return self._thread.wait(ms) if self._thread is not None else True

    def _run(self) -> None:  # the worker thread
        try:
            result = self._work(self.report)
        except Cancelled:
            self._outcome.emit("cancelled", None)
        except Exception as error:
            if self.report.cancelled():  # a library may turn our Cancelled into its own error
                self._outcome.emit("cancelled", None)
            else:
                self._fail(error)
        else:
            if self.report.cancelled():
                self._outcome.emit("cancelled", None)
            else:
                self._outcome.emit("succeeded", result)

    def _fail(self, error: Exception) -> None:
        if isinstance(error, InputError):
            self._outcome.emit("failed", str(error).splitlines()[0] if str(error) else
                               f"{self._what} failed")
            return
        # Not the project's own error: a bug or a library's limit. Logged with its traceback,
        # reported as one line: a thread never dies silently.
        log.error("%s failed", self._what, exc_info=error)
        detail = " ".join(str(error).split())[:160]
        self._outcome.emit("failed", f"{self._what} failed ({type(error).__name__}"
                                     f"{': ' + detail if detail else ''})")

    def _finish(self, outcome: str, value: object) -> None:  # the window's thread
        thread = self._thread
        if thread is not None:
            thread.wait()
        self.running = False
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(str(value))
        else:
            self.cancelled.emit()
        self.ended.emit()
