"""Signals that ask a command to stop, noted instead of obeyed on the spot.

A command that runs a child process (the export worker) must, when stopped, stop the child and
remove its half-written file before exiting; Python's defaults do not allow that: SIGTERM and
SIGHUP end the process at once (the child's hidden `.part` file stayed behind), and SIGINT
raises KeyboardInterrupt wherever the code happens to be, even halfway through bookkeeping.
Inside `StopSignals`, SIGINT, SIGTERM, SIGHUP and (Windows) SIGBREAK only record which signal
came; the command's loop looks at `.received` and winds down in order. The previous handlers
come back on exit. Only the main thread may set handlers: elsewhere this does nothing.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")  # those that exist on this platform


class StopSignals:
    """`with StopSignals() as stop: ... if stop.received: ...`"""

    def __init__(self) -> None:
        self.received: int | None = None  # the first stop signal's number
        self._previous: dict[int, Any] = {}

    @property
    def name(self) -> str:
        """The signal's name (SIGTERM), for a message."""
        if self.received is None:
            return ""
        try:
            return signal.Signals(self.received).name
        except ValueError:
            return f"signal {self.received}"

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for name in NAMES:
                number = getattr(signal, name, None)
                if number is not None:
                    self._previous[number] = signal.signal(number, self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        self._previous.clear()
