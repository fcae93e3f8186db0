"""`WarmExporter`: one long-lived export process for the live preview and the export dialog.

Why: a fresh process per export pays Python's start, WeasyPrint's import and the first render's
font loading (about a second on the project's 2-core machine) before any page is laid out, which
alone spends the live preview's budget (DESIGN.md: updated within 1 s of an edit). ReText's
converterprocess.py shows the cure: one worker, started when first needed and fed jobs over a
pipe. Here the worker (`export/worker.py`) also carries the export's limits, so a runaway
handout never harms the app: a time limit per job, a memory cap (`export/child_limits.py`), a
cancel that works, and a fresh worker after a crash, a time limit or the memory cap.

Qt-free and never blocking, like `ExportJob`: `submit()` returns a `WarmJob` at once; the caller
polls it from a timer (`job.poll()` returns the job's new `ExportEvent`s; the last is final).
Any poll pumps the whole exporter, so the preview's timer also moves an export along. Jobs run
one at a time in submission order (WeasyPrint is single-threaded; a second worker would double
the memory for no gain on two cores). The guide is pickled when submitted: later edits to the
live `Guide` do not change a job already submitted.

A final event means the worker is done with the file: on every failure (error, cancel, time
limit, memory, crash) no half-written `.OUT.PID.xxxx.part` is left beside the output, because
the worker removes it as it stops, and the parent removes what a killed worker could not.

The worker bookkeeping (starting, feeding and stopping the worker, the limits) is in
`warm_workers.py`; this module is the caller's side.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import Any

from reading_guide.export.options import ExportOptions
from reading_guide.export.warm_job import ExportEvent, WarmJob
from reading_guide.export.warm_workers import FIRST_JOB_BYTES, START_TIMEOUT, WorkerKeeper
from reading_guide.model import Guide

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIME_LIMIT", "FIRST_JOB_BYTES", "ExportEvent",
           "WarmExporter", "WarmJob"]

DEFAULT_TIME_LIMIT = 300.0  # seconds for one job
DEFAULT_MEMORY_MB = 2048  # the worker's cap (address space on Linux: see child_limits)
IDLE_TIMEOUT = 900.0  # an idle worker exits after this long, giving back its memory


class WarmExporter(WorkerKeeper):
    """The one export worker of an app (or of one command-line export). Not thread-safe: use
    it from one thread (the GUI's), which is how a timer calls it anyway."""

    def __init__(self, *, time_limit: float | None = DEFAULT_TIME_LIMIT,
                 memory_mb: int | None = DEFAULT_MEMORY_MB,
                 idle_timeout: float | None = IDLE_TIMEOUT, memory_method: str | None = None,
                 max_jobs: int = 0, warm: bool = True) -> None:
        self.time_limit = time_limit
        super().__init__(memory_mb=memory_mb, idle_timeout=idle_timeout,
                         memory_method=memory_method, max_jobs=max_jobs, warm=warm)
        self._next_id = 1

    # --- the caller's side -----------------------------------------------------------------

    @property
    def worker_pid(self) -> int | None:
        w = self._worker
        return w.process.pid if w is not None else None

    @property
    def ready(self) -> bool:
        """A worker is up, warm and idle: a job submitted now starts at once."""
        w = self._worker
        return (w is not None and w.ready and not w.retiring and w.job is None
                and not self._queue)

    def start(self) -> None:
        """Start a worker now, ahead of the first job (it warms up while the caller works)."""
        self.poll()
        if self._worker is None:
            self._spawn(None)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> bool:
        """Start a worker if none is up and wait until it is ready (for scripts and benchmarks;
        the app never waits: it submits and polls). False if it could not start (the reason in
        `start_failure`) or did not within `timeout` seconds."""
        self.start()
        deadline = time.monotonic() + timeout
        while not self.ready:
            if self._worker is None or time.monotonic() > deadline:
                return False
            time.sleep(0.02)
            self.poll()
        return True

    def submit(self, guide: Guide | str, out_path: str | Path, options: ExportOptions,
               fmt: str | None = None, *, time_limit: float | None = None) -> WarmJob:
        """Queue an export of `guide` (a Guide, or a guide file's YAML text) and return its job.
        `time_limit` overrides the exporter's for this job."""
        limit = self.time_limit if time_limit is None else time_limit
        job_id = self._next_id
        self._next_id += 1
        out = str(out_path)
        message = pickle.dumps(("job", job_id, guide, out, options, fmt, limit),
                               protocol=pickle.HIGHEST_PROTOCOL)
        job = WarmJob(self, job_id, message, out, options, fmt, limit)
        self._queue.append(job)
        self.poll()
        return job

    def poll(self) -> None:
        """Read the worker's messages, enforce the limits, hand the next job over. Cheap when
        nothing happened; never waits."""
        self._reap()
        w = self._worker
        if w is not None:
            self._read(w)
        if self._worker is not None:
            self._check(self._worker)
        self._dispatch()
        self._reap()

    def sleep(self, seconds: float) -> None:
        """Wait up to `seconds`, returning early when the worker says something or ends: for
        callers without an event loop (the command line, `WarmJob.wait`), which then react at
        once instead of at their next turn. An app polls from its timer instead."""
        from multiprocessing.connection import wait

        handles: list[Any] = [d.worker.process.sentinel for d in self._dying]
        w = self._worker
        if w is not None:
            handles += [w.process.sentinel] if w.eof else [w.conn, w.process.sentinel]
        if handles:
            wait(handles, seconds)
        else:
            time.sleep(seconds)

    def close(self, timeout: float = 3.0) -> None:
        """Cancel queued jobs, stop the worker (at once if busy) and wait up to `timeout` for it
        to be gone and its files removed. For the app's exit and the end of a command."""
        while self._queue:
            self._queue.popleft()._emit(ExportEvent("cancelled", message="export cancelled"))
        self._end_workers(timeout)
