"""The export worker: a child process that prints handouts for `WarmExporter`, one at a time.

Why a separate, long-lived process (DESIGN.md rule 5; ReText's converterprocess.py is the model):
WeasyPrint is CPU-bound Python, so it must not run in the GUI's process, and importing it plus
the first render's font loading cost about a second, which a live preview should pay once, not
on every edit. So the worker starts ("spawn": nothing inherited from the GUI), imports WeasyPrint,
renders a tiny handout to warm fonts and caches, caps its own memory, says "ready" and then
serves jobs from its pipe until told to quit, until its parent goes away, or until it has been
idle for `idle_timeout` seconds. It retires itself after running out of memory, after an
unexpected error (its state is then suspect), after `max_jobs` jobs, or when a big job left it
holding more than `RECYCLE_MB` of memory; the parent starts a fresh one for the next job.

Messages (pickled tuples over a multiprocessing Pipe):
  parent -> worker  ("job", job_id, payload, out_path, options, fmt, time_limit) | ("quit",)
  worker -> parent  ("ready", pid, memory cap in words) | ("broken", one-line message)
                    ("retiring",)  it reads no more jobs and ends
                    ("progress", job_id, fraction, label)      at most ten a second
                    ("done", job_id, pages, warning) | ("cancelled", job_id)
                    ("error", job_id, one-line message, reason)  reason: input | memory | internal
The payload is a `Guide` or a guide file's YAML text. Cancelling is a shared integer the worker
reads at each progress step (the id of the job to cancel), so it needs no message while busy.

Also runnable as `python -m reading_guide.export.worker GUIDE OUT VARIANT PAPER` for debugging.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from typing import Any

from reading_guide.errors import InputError
from reading_guide.export.child_limits import (
    Stopped,
    apply_memory_cap,
    arm_deadline,
    handle_signals_in_child,
    parent_watch,
    resident_mb,
    send_stderr_to,
)
from reading_guide.export.options import ExportOptions
from reading_guide.export.styles import StyleCache
from reading_guide.model import Guide

# The child's own deadline rings this long after the job's time limit, so a polling parent
# always stops the child first (with its message); the deadline is for a parent that stopped
# polling or died.
ALARM_GRACE = 2  # seconds
RECYCLE_MB = 400  # a worker holding more than this after a job retires (big handouts fragment)
PROGRESS_INTERVAL = 0.1  # seconds: at most ten progress messages a second


class _ParentGone(Exception):
    """The pipe to the parent broke: nobody is waiting for this job any more."""


def run_export(payload: Guide | str, out_path: str, options: ExportOptions, fmt: str | None,
               send_progress: Any, cancelled: Any, memory_mb: int | None,
               styles: StyleCache | None = None) -> tuple[Any, ...]:
    """One export; every outcome becomes one final tuple: ("done", pages, a word on letters
    printed blank or ""), ("cancelled",) or ("error", one-line message, reason). `Stopped`
    (SIGTERM, SIGHUP) passes through, after `export_guide` has removed its half-written file.
    `styles`: the worker's parsed stylesheets, kept for its life (styles.py)."""
    from reading_guide.export.api import export_guide
    from reading_guide.export.blank_letters import blank_letters_note
    from reading_guide.export.pdf import ExportCancelled

    last = [0.0]

    def progress(fraction: float, label: str) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - last[0] > PROGRESS_INTERVAL:
            last[0] = now
            send_progress(fraction, label)

    try:
        if isinstance(payload, str):
            from reading_guide.storage import loads_guide

            guide = loads_guide(payload, file="<guide>")
        else:
            guide = payload
        pages = export_guide(guide, out_path, options, fmt, progress=progress, cancel=cancelled,
                             styles=styles)
        return ("done", pages, blank_letters_note(out_path) if pages else "")
    except ExportCancelled:
        return ("cancelled",)
    except InputError as error:
        return ("error", error.one_line(), "input")
    except MemoryError:
        mb = f" ({memory_mb} MB)" if memory_mb else ""
        return ("error", InputError(f"export ran out of memory{mb}", file=out_path).one_line(),
                "memory")
    except _ParentGone:
        return ("cancelled",)
    except Exception as error:  # a bug of ours: still one line for the user
        text = " ".join(str(error).split())[:300]
        return ("error", InputError(f"export failed: {type(error).__name__}: {text}",
                                    file=out_path).one_line(), "internal")


def warm_up(styles: StyleCache | None = None) -> None:
    """Render a one-page handout into a temporary folder: loads the bundled fonts, fontTools'
    subsetter and pydyf, so the first real job costs what every later one does (and, given
    the worker's `styles`, parses the handout's stylesheets for it)."""
    import tempfile
    from pathlib import Path

    from reading_guide.export.api import export_guide
    from reading_guide.model import Essay, Question

    guide = Guide(title="Warm-up", essay=Essay(title="Warm-up", text="A *warm-up* page.\n"),
                  questions=[Question("q1", "Why?", answer_lines=2)])
    try:
        with tempfile.TemporaryDirectory(prefix="reading-guide-warm-") as folder:
            export_guide(guide, Path(folder) / "warm-up.pdf", ExportOptions(), styles=styles)
    except Exception:  # noqa: BLE001 - a failed warm-up only costs speed; the job reports
        pass


def warm_main(conn: Any, cancel_id: Any, memory_mb: int | None, memory_method: str | None,
              idle_timeout: float | None, max_jobs: int = 0, first_job: bytes | None = None,
              warm: bool = True, log_path: str | None = None) -> None:
    """Entry point of the worker process. `first_job` (a pickled job message) runs before
    anything is read from the pipe: a job that started the worker needs no "ready" round trip,
    and runs even if the parent never polls. `log_path` receives the worker's stderr; a worker
    that ends in an orderly way removes it (after a crash the parent reads and removes it)."""
    if log_path:
        send_stderr_to(log_path)
    try:
        code = _main(conn, cancel_id, memory_mb, memory_method, idle_timeout, max_jobs,
                     first_job, warm)
    finally:
        if log_path:
            try:
                os.unlink(log_path)
            except OSError:
                pass  # Windows: still open as stderr; the parent removes it
    # Every file of ours is closed and every message sent: skip the interpreter's teardown of
    # WeasyPrint's thousands of objects (a few hundred ms the command line would wait for).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _main(conn: Any, cancel_id: Any, memory_mb: int | None, memory_method: str | None,
          idle_timeout: float | None, max_jobs: int, first_job: bytes | None,
          warm: bool) -> int:
    """The worker's life; returns its exit status."""
    handle_signals_in_child()
    # This process's parsed stylesheets, for every job it runs (bounded; see styles.py).
    styles = StyleCache()
    try:
        try:
            import weasyprint  # noqa: F401  (before the cap: the cap is for the exports)

            if warm and first_job is None:
                warm_up(styles)
            cap = apply_memory_cap(memory_mb, memory_method)
        except Exception as error:  # no Pango, a broken install: say so once, in one line
            text = " ".join(str(error).split())[:300]
            conn.send(("broken", f"the PDF printer cannot start: {type(error).__name__}: "
                       f"{text}"))
            return 1
        conn.send(("ready", os.getpid(), cap))
        _serve(conn, cancel_id, memory_mb, idle_timeout, max_jobs, first_job, styles)
    except Stopped as stop:
        return 128 + stop.signum
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent closed the pipe or died: nobody to report to
    finally:
        styles.close()  # its fonts' temporary copies: warm_main ends with os._exit
    return 0


def _serve(conn: Any, cancel_id: Any, memory_mb: int | None, idle_timeout: float | None,
           max_jobs: int, first_job: bytes | None, styles: StyleCache) -> None:
    parent_gone = parent_watch()
    done = 0
    pending = first_job
    while True:
        if pending is None:
            if not conn.poll(idle_timeout):
                _retire(conn)  # idle: free the memory; the parent starts a new worker
                return
            pending = conn.recv_bytes()
        message = pickle.loads(pending)
        pending = None
        if message[0] != "job":
            return  # "quit"
        _, job_id, payload, out_path, options, fmt, time_limit = message

        def send_progress(fraction: float, label: str, job_id: int = job_id) -> None:
            try:
                conn.send(("progress", job_id, fraction, label))
            except OSError as error:
                raise _ParentGone() from error

        def cancelled(job_id: int = job_id) -> bool:
            return bool(cancel_id.value == job_id or parent_gone())

        disarm = arm_deadline(time_limit + ALARM_GRACE if time_limit else None)
        try:
            final = run_export(payload, out_path, options, fmt, send_progress, cancelled,
                               memory_mb, styles)
        finally:
            disarm()
        if parent_gone():
            return
        conn.send((final[0], job_id, *final[1:]))
        done += 1
        used = resident_mb()
        if ((final[0] == "error" and final[2] in ("memory", "internal"))  # state suspect
                or (max_jobs and done >= max_jobs) or (used is not None and used > RECYCLE_MB)):
            _retire(conn)
            return


def _retire(conn: Any) -> None:
    """Tell the parent this worker reads no more jobs (one it sent meanwhile goes to the next
    worker), then end."""
    try:
        conn.send(("retiring",))
    except OSError:
        pass


def main(argv: list[str]) -> int:
    from reading_guide.export.api import export_guide
    from reading_guide.storage import load_guide

    guide_path, out, variant, paper = argv
    pages = export_guide(load_guide(guide_path), out, ExportOptions(variant, paper))
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
