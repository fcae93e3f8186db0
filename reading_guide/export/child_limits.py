"""The limits an export child puts on itself: a memory cap, a deadline, and how it meets signals.

An export runs in a child process (`export/warm.py`) so that a runaway handout (the "question
bomb" of issue 18: 20,000 questions with writing space, 4 GB after four minutes) can be stopped
without harming the app or the terminal. The parent enforces the time limit while it polls and
kills the child; the child enforces what the parent cannot see or may not be there to enforce.

The memory cap, per platform (`memory_method`):
- Linux and the BSDs: `RLIMIT_AS`, a hard cap on the address space. An allocation past it fails:
  Python raises MemoryError (one clear line), C code may abort (the parent then reports "ran out
  of memory or crashed"). The address space runs above the resident size, so 2,048 MB of address
  space keeps the export under about 2 GB of real memory.
- macOS: the kernel accepts `RLIMIT_AS` but does not enforce it, so a watchdog thread samples the
  process's peak resident size (getrusage) ten times a second and ends the process past the cap
  (exit status `EXIT_OUT_OF_MEMORY`, which the parent reports as running out of memory). It can
  overshoot by what the export allocates in a tenth of a second; WeasyPrint grows by tens of MB
  a second, so the overshoot is small.
- Windows: a Job object with `JOB_OBJECT_LIMIT_PROCESS_MEMORY`, the kernel's own cap on the
  memory the process commits (allocation past it fails, as with `RLIMIT_AS`). Should the process
  not be allowed into a new job (Windows before 8 inside another job), the export runs with no
  cap, and `apply_memory_cap` says so.
The deadline uses SIGALRM where it exists (its default action ends the process even inside C
code), else a timer thread that ends the process (Windows).

POSIX-only modules (`resource`) and Windows-only ones (`ctypes.wintypes`) are imported inside the
functions that need them, so this module imports on every platform.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

# Exit statuses of a child that ended itself; the parent turns them into the user's message.
EXIT_OUT_OF_MEMORY = 86
EXIT_TIME_LIMIT = 87
WATCHDOG_INTERVAL = 0.1  # seconds between two looks at the resident size (macOS)

METHODS = ("address-space", "watchdog", "job-object", "none")


class Stopped(BaseException):
    """Raised in the child by SIGTERM or SIGHUP, so `export_guide`'s `finally` removes the
    half-written file before the process ends. A BaseException: nothing in WeasyPrint that
    catches `Exception` may swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def memory_method(platform: str | None = None) -> str:
    """How this platform caps the child's memory (see the module's docstring)."""
    platform = platform or sys.platform
    if platform == "win32":
        return "job-object"
    if platform == "darwin":
        return "watchdog"
    return "address-space"


def apply_memory_cap(megabytes: int | None, method: str | None = None,
                     kernel32: Any = None) -> str:
    """Cap this process's memory at `megabytes` (None or 0: no cap). Returns what was done, in
    words for a log line. `method` is normally chosen by the platform (`memory_method()`);
    tests choose one to run the macOS watchdog on Linux, or pass a fake `kernel32`."""
    if not megabytes:
        return "no memory cap"
    method = method or memory_method()
    limit = megabytes * 1024 * 1024
    if method == "address-space":
        import resource  # POSIX only

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return f"address space capped at {limit // (1024 * 1024)} MB (RLIMIT_AS)"
    if method == "watchdog":
        start_memory_watchdog(megabytes)
        return f"resident size watched, process ended past {megabytes} MB"
    if method == "job-object":
        if _windows_job_limit(limit, kernel32):
            return f"committed memory capped at {megabytes} MB (Windows job object)"
        return "no memory cap (Windows would not put the export in a job object)"
    if method == "none":
        return "no memory cap"
    raise ValueError(f"unknown memory cap method {method!r}; use one of {', '.join(METHODS)}")


def peak_resident_mb() -> float | None:
    """The most memory this process has held resident so far, in MB (None where unknown)."""
    try:
        import resource  # POSIX only
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def resident_mb() -> float | None:
    """Memory this process holds resident now, in MB: /proc where there is one, else the peak
    (never smaller than now). None where neither is known (Windows)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError, AttributeError):
        return peak_resident_mb()


def start_memory_watchdog(megabytes: int, measure: Callable[[], float | None] = resident_mb,
                          interval: float = WATCHDOG_INTERVAL,
                          on_exceeded: Callable[[], None] | None = None) -> threading.Event:
    """A daemon thread that ends the process (`EXIT_OUT_OF_MEMORY`) once `measure()` passes
    `megabytes`. Returns an Event that stops the watchdog when set."""
    stop = threading.Event()
    end = on_exceeded or (lambda: os._exit(EXIT_OUT_OF_MEMORY))

    def watch() -> None:
        while not stop.wait(interval):
            used = measure()
            if used is not None and used > megabytes:
                end()
                return

    threading.Thread(target=watch, name="memory-watchdog", daemon=True).start()
    return stop


def arm_deadline(seconds: float | None) -> Callable[[], None]:
    """End this process `seconds` from now unless the returned function is called first. For a
    parent that stopped polling (hung, or dead): a polling parent always stops the child first."""
    if not seconds or not math.isfinite(seconds):
        return lambda: None
    if hasattr(signal, "alarm") and threading.current_thread() is threading.main_thread():
        signal.alarm(math.ceil(seconds))  # default action: the process ends, even inside C code

        def disarm() -> None:
            signal.alarm(0)

        return disarm
    timer = threading.Timer(seconds, os._exit, args=(EXIT_TIME_LIMIT,))
    timer.daemon = True
    timer.start()
    return timer.cancel


def send_stderr_to(path: str) -> None:
    """Point this process's standard error (file descriptor 2, which C libraries write to as
    well) at `path`, a file the parent created for it. A worker that crashes inside GLib or
    Pango prints its reason there, and the parent puts the last line into its one-line
    message, instead of the command line gaining a second line (or the app losing it)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return  # keep the inherited stderr rather than fail the export
    try:
        sys.stderr.flush()
        os.dup2(fd, 2)
    finally:
        os.close(fd)


def handle_signals_in_child() -> None:
    """Ctrl-C reaches every process of the terminal's group: the child ignores it and lets the
    parent decide (it stops the child and removes the file). SIGTERM and SIGHUP sent to the
    child itself raise `Stopped`, so the half-written file is removed before the child ends."""

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def parent_watch(interval: float = 1.0) -> Callable[[], bool]:
    """A cheap check, for the export's cancel hook, that the parent is gone (killed with
    SIGKILL, say): looked at most once per `interval`. A child whose parent died stops and
    removes its file instead of finishing a handout nobody waits for."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    last = [0.0, False]

    def gone() -> bool:
        now = time.monotonic()
        if parent is not None and now - float(last[0]) >= interval:
            last[0] = now
            last[1] = not parent.is_alive()
        return bool(last[1])

    return gone


# --- Windows: a Job object -------------------------------------------------------------------

_JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x100
_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9


def extended_limit_type() -> Any:
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION as a ctypes structure (144 bytes on 64-bit Windows;
    built on call, so importing this module costs nothing where it is never needed)."""
    import ctypes

    class BasicLimit(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", ctypes.c_uint32),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", ctypes.c_uint32),
            ("Affinity", ctypes.c_size_t),  # ULONG_PTR
            ("PriorityClass", ctypes.c_uint32),
            ("SchedulingClass", ctypes.c_uint32),
        ]

    class IoCounters(ctypes.Structure):
        _fields_ = [(name, ctypes.c_uint64) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class ExtendedLimit(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimit),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    return ExtendedLimit


def _windows_job_limit(limit: int, kernel32: Any = None) -> bool:
    """Put this process in a new job whose processes may commit at most `limit` bytes. The job's
    handle is left open on purpose: the job must live as long as the process."""
    import ctypes

    if kernel32 is None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.CreateJobObjectW.restype = ctypes.c_void_p
        kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p]
        kernel32.SetInformationJobObject.argtypes = [
            ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32]
        kernel32.GetCurrentProcess.restype = ctypes.c_void_p
        kernel32.AssignProcessToJobObject.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return False
    info = extended_limit_type()()
    info.BasicLimitInformation.LimitFlags = _JOB_OBJECT_LIMIT_PROCESS_MEMORY
    info.ProcessMemoryLimit = limit
    if not kernel32.SetInformationJobObject(job, _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION,
                                            ctypes.byref(info), ctypes.sizeof(info)):
        return False
    return bool(kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()))
