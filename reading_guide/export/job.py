"""`ExportJob`: run an export in a child process and poll it from an event loop (Qt-free).

The GUI calls `poll()` from a timer; the child reports progress, done or one error line. A time
limit and an address-space cap stop runaway exports with a clear message (the child also arms
its own alarm, so the limit holds when nobody polls); `cancel()` stops the child. The child
writes to a temporary file and renames at the end, and the parent removes that file on every
failure, so a cancelled, stopped, failed or killed export leaves no half PDF behind.
"""

from __future__ import annotations

import glob
import multiprocessing
import queue
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reading_guide.export.options import ExportOptions
from reading_guide.model import Guide

DEFAULT_TIME_LIMIT = 300.0  # seconds
DEFAULT_MEMORY_MB = 2048  # address space, which runs well above the resident size


@dataclass(frozen=True)
class ExportEvent:
    kind: str  # "progress" | "done" | "error" | "cancelled"
    fraction: float = 0.0
    label: str = ""
    message: str = ""
    pages: int = 0

    @property
    def final(self) -> bool:
        return self.kind in ("done", "error", "cancelled")


class ExportJob:
    """One export in a child process ("spawn" context: no state inherited from the GUI)."""

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
        self._ctx = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._events: Any = None
        self._cancel: Any = None
        self._started = 0.0
        self._cancel_at: float | None = None
        self._finished = False

    @property
    def running(self) -> bool:
        return self._process is not None and not self._finished

    def start(self) -> None:
        from reading_guide.export.worker import child_main

        self._events = self._ctx.Queue()
        self._cancel = self._ctx.Event()
        self._process = self._ctx.Process(
            target=child_main,
            args=(self.guide, self.out_path, self.options, self.fmt, self._events,
                  self._cancel, self.memory_mb, self.time_limit),
            daemon=True,
        )
        self._started = time.monotonic()
        self._process.start()

    def cancel(self) -> None:
        """Ask the child to stop; it is killed if it has not stopped within two seconds."""
        if self._cancel is not None and not self._finished:
            self._cancel.set()
            self._cancel_at = time.monotonic()

    def poll(self) -> list[ExportEvent]:
        """Events since the last call; the last one is final once the job has ended."""
        if self._process is None or self._finished:
            return []
        out: list[ExportEvent] = []
        while True:
            try:
                kind, fraction, label, message, pages = self._events.get_nowait()
            except queue.Empty:
                break
            out.append(ExportEvent(kind, fraction, label, message, pages))
            if kind in ("done", "error", "cancelled"):
                self._finish()
                if kind != "done":
                    self._remove_partial()  # the child removes it too, unless it died doing so
                return out
        elapsed = time.monotonic() - self._started
        if elapsed > self.time_limit:
            self._kill()
            out.append(ExportEvent(
                "error", message=f"{self.out_path}: export took longer than "
                f"{self.time_limit:g} s and was stopped"))
        elif self._cancel_at is not None and (
            not self._process.is_alive() or time.monotonic() - self._cancel_at > 2.0
        ):
            # The child stops at its next progress step; one stuck in a long step is killed.
            self._kill()
            out.append(ExportEvent("cancelled", message="export cancelled"))
        elif not self._process.is_alive():
            # Died without a word: killed by the memory cap inside C code, or a crash.
            self._process.join(0.1)
            code = self._process.exitcode
            self._finish()
            self._remove_partial()
            why = (f"ran out of memory ({self.memory_mb} MB) or crashed"
                   if self.memory_mb else "crashed")
            out.append(ExportEvent(
                "error", message=f"{self.out_path}: export {why} (exit code {code})"))
        return out

    def wait(self, timeout: float | None = None, interval: float = 0.05) -> list[ExportEvent]:
        """Poll until the job ends (for the command line and tests); all events in order."""
        events: list[ExportEvent] = []
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._finished:
            events += self.poll()
            if deadline is not None and time.monotonic() > deadline:
                break
            time.sleep(interval)
        return events

    def _kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(2.0)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(1.0)
        self._finish()
        self._remove_partial()

    def _remove_partial(self) -> None:
        """Remove the child's half-written `.OUT.PID.xxxx.part` (export.api names it with its
        pid), left when the child was killed before it could rename or delete it. Only this
        child's file: another export to the same output has its own pid in its name."""
        if self._process is None or self._process.pid is None:
            return
        out = Path(self.out_path)
        for part in out.parent.glob(f".{glob.escape(out.name)}.{self._process.pid}.*.part"):
            part.unlink(missing_ok=True)

    def _finish(self) -> None:
        """Stop listening. The child has already renamed its file when it reports "done"; its
        exit takes a few hundred ms, so it is reaped without waiting (never block an event
        loop): `join(0)` now, and `multiprocessing.active_children()` reaps it later."""
        self._finished = True
        if self._process is not None:
            self._process.join(0)
