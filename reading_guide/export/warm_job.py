"""What `WarmExporter.submit` returns: a `WarmJob` handle, and the `ExportEvent`s it reports.

The GUI keeps the handle and polls it from a timer (`poll()` returns the new events; the last
one is final); `ExportJob` and the command line read the same events. Qt-free.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reading_guide.export.options import ExportOptions

if TYPE_CHECKING:
    from reading_guide.export.warm import WarmExporter


@dataclass(frozen=True)
class ExportEvent:
    kind: str  # "progress" | "done" | "error" | "cancelled"
    fraction: float = 0.0
    label: str = ""
    message: str = ""  # one line, naming the output file
    pages: int = 0
    reason: str = ""  # for "error": input | memory | time-limit | crashed | internal | start
    warning: str = ""  # for "done": letters no font had, printed blank (blank_letters.py)

    @property
    def final(self) -> bool:
        return self.kind in ("done", "error", "cancelled")


class WarmJob:
    """One submitted export. `poll()` from a timer; `cancel()` at any time."""

    def __init__(self, exporter: WarmExporter, job_id: int, message: bytes, out_path: str,
                 options: ExportOptions, fmt: str | None, time_limit: float | None) -> None:
        self.id = job_id
        self.out_path = out_path
        self.options = options
        self.fmt = fmt
        self.time_limit = time_limit
        self.state = "queued"  # queued | running | finished
        self.started = 0.0  # monotonic time it was handed to a worker
        self.cancel_requested = False
        self._message = message
        self._exporter = exporter
        self._events: list[ExportEvent] = []

    @property
    def running(self) -> bool:
        """Not finished yet (queued or running)."""
        return self.state != "finished"

    def poll(self) -> list[ExportEvent]:
        """Events since the last call; the last one is final once the job has ended."""
        self._exporter.poll()
        events, self._events = self._events, []
        return events

    def cancel(self) -> None:
        """Stop the job: a queued one at once, a running one at its next progress step (the
        worker is killed if it has not stopped within `CANCEL_GRACE`)."""
        self._exporter._cancel(self)

    def wait(self, timeout: float | None = None, interval: float = 0.05) -> list[ExportEvent]:
        """Poll until the job ends (for the command line and tests); all events in order."""
        events: list[ExportEvent] = []
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            events += self.poll()
            if self.state == "finished" and not self._events:
                return events
            if deadline is not None and time.monotonic() > deadline:
                return events
            self._exporter.sleep(interval)

    def _emit(self, event: ExportEvent) -> None:
        if self.state == "finished":
            return
        self._events.append(event)
        if event.final:
            self.state = "finished"
            self._message = b""
