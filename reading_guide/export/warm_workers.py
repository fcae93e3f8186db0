"""The warm exporter's worker bookkeeping: starting the export worker, handing it jobs over the
pipe, reading what it says, and enforcing the limits (time, cancel, start-up), down to a
stopped worker's files (`WorkerKeeper`, the base of `warm.WarmExporter`).

Kept apart from the caller's API (warm.py: submit, poll, wait, close) because it is the part
that reasons about processes: a worker is starting, ready, busy, retiring or dying, and every
job gets exactly one final event whatever happens to its worker. See warm.py for why there is
one long-lived worker; `export/worker.py` is the worker's own side of the pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from reading_guide.errors import InputError
from reading_guide.export.warm_job import ExportEvent, WarmJob
from reading_guide.export.worker_files import last_line, remove_font_copies, remove_partials

CANCEL_GRACE = 2.0  # a worker that has not stopped this long after a cancel is killed
KILL_GRACE = 1.0  # after SIGTERM (the worker removes its file), this long before SIGKILL
START_TIMEOUT = 60.0  # a worker that is not ready by then is stopped
# A job started with its worker travels in the start-up data, which `Process.start` writes to a
# pipe the new interpreter reads only after its first imports: above the pipe's buffer that
# write waits (120 ms for a 1 MB guide), so a bigger job waits for the worker's "ready" instead
# (it is sent from `poll`, to a worker reading it at once: 5 ms for the same guide).
# A one-job exporter (`ExportJob`) always sends it along, so it runs even if nobody polls.
FIRST_JOB_BYTES = 32 * 1024


@dataclass
class _Worker:
    process: Any
    conn: Any
    cancel_id: Any
    started: float
    log: str  # the worker's stderr
    ready: bool = False
    retiring: bool = False  # it said it reads no more jobs
    eof: bool = False  # its end of the pipe is closed (it is ending)
    job: WarmJob | None = None
    cancel_at: float | None = None


@dataclass
class _Dying:
    """A worker being stopped: its job's final event waits until it is gone and its file
    removed."""

    worker: _Worker
    deadline: float
    event: ExportEvent | None

class WorkerKeeper:
    """The worker and the jobs waiting for it. Not thread-safe, like the exporter it serves."""

    def __init__(self, *, memory_mb: int | None, idle_timeout: float | None,
                 memory_method: str | None, max_jobs: int, warm: bool) -> None:
        self.memory_mb = memory_mb
        self.idle_timeout = idle_timeout
        self.memory_method = memory_method  # None: the platform's (child_limits.memory_method)
        self.max_jobs = max_jobs  # a worker retires after this many jobs (0: never)
        self.warm = warm  # render a one-page handout when a worker starts with nothing to do
        self.memory_cap = ""  # what the last worker did to cap its memory, in words
        self.start_failure = ""  # why the last worker could not start (empty once one did)
        self.workers_started = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._worker: _Worker | None = None
        self._queue: deque[WarmJob] = deque()
        self._dying: list[_Dying] = []

    def _spawn(self, job: WarmJob | None, warm: bool | None = None) -> None:
        from reading_guide.export import worker

        try:
            fd, log = tempfile.mkstemp(prefix="reading-guide-export-", suffix=".log")
            os.close(fd)
        except OSError:
            log = ""  # no temporary folder: the worker keeps the inherited stderr
        parent_conn, child_conn = self._ctx.Pipe()
        cancel_id = self._ctx.RawValue("q", 0)
        process = self._ctx.Process(
            target=worker.warm_main, name="reading-guide-export",
            args=(child_conn, cancel_id, self.memory_mb, self.memory_method, self.idle_timeout,
                  self.max_jobs, job._message if job is not None else None,
                  self.warm if warm is None else warm, log),
            daemon=True,
        )
        now = time.monotonic()
        w = _Worker(process, parent_conn, cancel_id, now, log)
        try:
            process.start()
        except OSError as error:  # out of processes or memory: this job cannot run
            parent_conn.close()
            last_line(log)
            if job is not None:
                job._emit(_error(job, f"could not start the export: {error}", "start"))
            return
        finally:
            child_conn.close()
        self.workers_started += 1
        self._worker = w
        if job is not None:
            self._begin(w, job, now)

    def _begin(self, w: _Worker, job: WarmJob, now: float) -> None:
        w.job = job
        w.cancel_at = None
        job.state = "running"
        job.started = now
        if job.cancel_requested:
            self._cancel(job)

    def _dispatch(self) -> None:
        while self._queue:
            w = self._worker
            if w is None:
                job = self._queue[0]
                if self.max_jobs == 1 or len(job._message) <= FIRST_JOB_BYTES:
                    self._spawn(self._queue.popleft())  # the job travels with the worker
                else:  # sent once the worker is ready, which skips its warm-up: a job waits
                    self._spawn(None, warm=False)
                return
            if w.retiring and w.job is None:
                self._forget(w)  # it ends by itself; reaped (or killed) like a stopped one
                self._dying.append(_Dying(w, time.monotonic() + START_TIMEOUT, None))
                continue
            if not w.ready or w.job is not None:
                return
            job = self._queue.popleft()
            try:
                w.conn.send_bytes(job._message)
            except OSError:  # the worker died between two polls: the next one starts afresh
                self._queue.appendleft(job)
                self._stop(w, None)
                continue
            self._begin(w, job, time.monotonic())
            return

    def _read(self, w: _Worker) -> None:
        while self._worker is w:
            try:
                if not w.conn.poll(0):
                    return
                message = w.conn.recv()
            except (EOFError, OSError):
                w.eof = True
                return  # the worker exited: `_check` sees it
            kind = message[0]
            if kind == "ready":
                w.ready = True
                self.memory_cap = message[2]
                self.start_failure = ""
            elif kind == "retiring":
                w.retiring = True
            elif kind == "broken":
                self.start_failure = message[1]
                self._fail_all(w, message[1], "start")
            elif w.job is None or message[1] != w.job.id:
                continue  # a late word about a job that already ended
            elif kind == "progress":
                w.job._emit(ExportEvent("progress", fraction=message[2], label=message[3]))
            else:
                job, w.job, w.cancel_at = w.job, None, None
                if kind == "done":
                    job._emit(ExportEvent("done", 1.0, "done", pages=message[2],
                                          warning=message[3] if len(message) > 3 else ""))
                elif kind == "cancelled":
                    job._emit(ExportEvent("cancelled", message="export cancelled"))
                else:
                    job._emit(ExportEvent("error", message=message[2], reason=message[3]))

    def _check(self, w: _Worker) -> None:
        now = time.monotonic()
        if not w.process.is_alive():
            self._read(w)  # what it said just before it ended (a final event, then retiring)
            job = w.job
            self._forget(w)
            code = w.process.exitcode
            if job is not None and w.retiring:
                # Sent as it was retiring, so never read: it goes first to the next worker.
                job.state = "queued"
                self._queue.appendleft(job)
                last_line(w.log)
                return
            said = last_line(w.log)
            remove_font_copies(w.process.pid)
            detail = f"exit code {code}: {said}" if said else f"exit code {code}"
            if job is not None:
                remove_partials(job.out_path, w.process.pid)
                job._emit(self._death_event(job, code, detail))
            elif not w.ready:
                self.start_failure = f"the PDF printer stopped as it started ({detail})"
                self._fail_queue(self.start_failure)
            return
        job = w.job
        if job is not None and job.time_limit and now - job.started > job.time_limit:
            self._stop(w, _error(job, f"export took longer than {job.time_limit:g} s and was "
                                 "stopped", "time-limit"))
        elif job is not None and w.cancel_at is not None and now - w.cancel_at > CANCEL_GRACE:
            self._stop(w, ExportEvent("cancelled", message="export cancelled"))
        elif not w.ready and job is None and now - w.started > START_TIMEOUT:
            self._stop(w, None)
            self.start_failure = f"the PDF printer did not start within {START_TIMEOUT:g} s"
            self._fail_queue(self.start_failure)

    def _death_event(self, job: WarmJob, code: int | None, detail: str) -> ExportEvent:
        from reading_guide.export.child_limits import EXIT_OUT_OF_MEMORY, EXIT_TIME_LIMIT

        if job.cancel_requested:
            return ExportEvent("cancelled", message="export cancelled")
        alarm = getattr(signal, "SIGALRM", None)
        if code == EXIT_TIME_LIMIT or (alarm is not None and code == -alarm):
            return _error(job, f"export took longer than {job.time_limit:g} s and was stopped",
                          "time-limit")
        if code == EXIT_OUT_OF_MEMORY:
            return _error(job, f"export ran out of memory ({self.memory_mb} MB)", "memory")
        why = (f"ran out of memory ({self.memory_mb} MB) or crashed" if self.memory_mb
               else "crashed")
        return _error(job, f"export {why} ({detail})", "crashed")

    def _cancel(self, job: WarmJob) -> None:
        if job.state == "finished":
            return
        job.cancel_requested = True
        if job in self._queue:
            self._queue.remove(job)
            job._emit(ExportEvent("cancelled", message="export cancelled"))
            return
        w = self._worker
        if w is not None and w.job is job and w.cancel_at is None:
            w.cancel_id.value = job.id
            w.cancel_at = time.monotonic()

    def _stop(self, w: _Worker, event: ExportEvent | None) -> None:
        """Stop a worker: SIGTERM first (it removes its half-written file), SIGKILL after
        `KILL_GRACE`; the job's final `event` is given once the worker is gone."""
        self._forget(w)
        w.process.terminate()
        self._dying.append(_Dying(w, time.monotonic() + KILL_GRACE, event))

    def _reap(self) -> None:
        for dying in list(self._dying):
            process = dying.worker.process
            if process.is_alive():
                if time.monotonic() > dying.deadline:
                    process.kill()
                continue
            process.join(0)
            self._dying.remove(dying)
            last_line(dying.worker.log)
            remove_font_copies(process.pid)
            job = dying.worker.job
            if job is not None:
                remove_partials(job.out_path, process.pid)
                if dying.event is not None:
                    job._emit(dying.event)

    def _forget(self, w: _Worker) -> None:
        if self._worker is w:
            self._worker = None
        try:
            w.conn.close()
        except OSError:
            pass

    def _fail_all(self, w: _Worker, message: str, reason: str) -> None:
        job = w.job
        self._stop(w, None)
        if job is not None:
            job._emit(_error(job, message, reason))
        self._fail_queue(message, reason)

    def _fail_queue(self, message: str, reason: str = "start") -> None:
        """The worker could not start: the queued jobs fail with its reason (the next submit
        tries a fresh worker)."""
        while self._queue:
            job = self._queue.popleft()
            job._emit(_error(job, message, reason))

    def _end_workers(self, timeout: float) -> None:
        """Stop the worker (at once if busy) and wait up to `timeout` for every stopping worker
        to be gone and its files removed (killed after that)."""
        w = self._worker
        if w is not None and w.ready and w.job is None:
            try:
                w.conn.send_bytes(pickle.dumps(("quit",)))
            except OSError:
                pass
            self._forget(w)
            self._dying.append(_Dying(w, time.monotonic() + KILL_GRACE, None))
        elif w is not None:  # busy, or still starting (it would read "quit" only when ready)
            self._stop(w, ExportEvent("cancelled", message="export cancelled"))
        deadline = time.monotonic() + timeout
        while self._dying and time.monotonic() < deadline:
            self._reap()
            if self._dying:
                time.sleep(0.02)
        for dying in self._dying:
            dying.worker.process.kill()
            dying.worker.process.join(1.0)
        self._reap()


def _error(job: WarmJob, text: str, reason: str) -> ExportEvent:
    """A final error naming the job's output file (escaped as every one-line error is)."""
    return ExportEvent("error", message=InputError(text, file=job.out_path).one_line(),
                       reason=reason)
