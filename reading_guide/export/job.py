"""`ExportJob`: one export in a process of its own, polled from an event loop (Qt-free).

The same worker, limits and events as `WarmExporter` (export/warm.py), for a caller that wants
one export and nothing kept running afterwards: the job starts a worker with the job already in
hand (so it runs even if nobody polls), and the worker exits when the job ends. The app's preview
and export dialog should share one `WarmExporter` instead, which pays the worker's start-up
(about a second) once rather than on every job.

A time limit and a memory cap stop runaway exports with a clear one-line message (the worker
also arms its own deadline, so the limit holds when nobody polls); `cancel()` stops the job. The
worker writes to a temporary file and renames it at the end, and every failure removes that
file, so a cancelled, stopped, failed or killed export leaves no half PDF behind.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from reading_guide.export.options import ExportOptions
from reading_guide.export.warm import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, WarmExporter
from reading_guide.export.warm_job import ExportEvent, WarmJob
from reading_guide.model import Guide

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIME_LIMIT", "ExportEvent", "ExportJob"]


class ExportJob:
    """One export in a fresh "spawn" process: no state inherited from the GUI."""

    def __init__(
        self,
        guide: Guide | str,
        out_path: str | Path,
        options: ExportOptions,
        fmt: str | None = None,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_mb: int | None = DEFAULT_MEMORY_MB,
    ) -> None:
        self.guide = guide  # a Guide, or the guide file's YAML text
        self.out_path = str(out_path)
        self.options = options
        self.fmt = fmt
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self._exporter = WarmExporter(time_limit=time_limit, memory_mb=memory_mb,
                                      idle_timeout=None, max_jobs=1, warm=False)
        self._job: WarmJob | None = None
        self._process: Any = None  # the worker process (tests look at it)

    @property
    def running(self) -> bool:
        return self._job is not None and self._job.running

    def start(self) -> None:
        self._job = self._exporter.submit(self.guide, self.out_path, self.options, self.fmt)
        self._process = self._exporter._worker.process if self._exporter._worker else None

    def cancel(self) -> None:
        """Ask the worker to stop; it is killed if it has not stopped within two seconds."""
        if self._job is not None:
            self._job.cancel()

    def poll(self) -> list[ExportEvent]:
        """Events since the last call; the last one is final once the job has ended."""
        if self._job is None:
            return []
        return self._job.poll()

    def wait(self, timeout: float | None = None, interval: float = 0.05) -> list[ExportEvent]:
        """Poll until the job ends (for the command line and tests); all events in order."""
        if self._job is None:
            return []
        events: list[ExportEvent] = []
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.running:
            events += self.poll()
            if deadline is not None and time.monotonic() > deadline:
                break
            time.sleep(interval)
        return events + self.poll()
