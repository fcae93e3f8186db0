"""The export worker's limits on each platform (issue 16: export from the app failed on Windows,
because worker.py imported `resource` at module level).

Linux runs the real thing (RLIMIT_AS, SIGALRM). Windows and macOS are checked here with
`sys.platform` patched and `resource` made unavailable: the modules import, the right cap is
chosen, the Job object gets the right structure and calls (through a fake kernel32), the
deadline falls back to a timer thread, and the macOS watchdog ends the process past its cap.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from reading_guide.export import child_limits
from reading_guide.export.child_limits import (
    apply_memory_cap,
    arm_deadline,
    extended_limit_type,
    memory_method,
    start_memory_watchdog,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("platform", "method"), [
    ("linux", "address-space"), ("freebsd14", "address-space"), ("darwin", "watchdog"),
    ("win32", "job-object"),
])
def test_each_platform_gets_a_cap_it_enforces(monkeypatch: pytest.MonkeyPatch, platform: str,
                                              method: str) -> None:
    assert memory_method(platform) == method
    monkeypatch.setattr(sys, "platform", platform)
    assert memory_method() == method


WINDOWS_IMPORTS = """
import sys
sys.modules["resource"] = None  # as on Windows: `import resource` raises ImportError
sys.modules["fcntl"] = None
sys.modules["termios"] = None
import multiprocessing, tempfile  # the standard library picks its own Windows parts at import
sys.platform = "win32"
import reading_guide.export.child_limits as limits
import reading_guide.export.worker, reading_guide.export.warm, reading_guide.export.job
import reading_guide.export.warm_job, reading_guide.export.worker_files
import reading_guide.commands.export, reading_guide.commands.stop_signals
print(limits.memory_method(), limits.peak_resident_mb())
"""


def test_the_export_modules_import_without_posix_modules() -> None:
    done = subprocess.run([sys.executable, "-c", WINDOWS_IMPORTS], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["job-object", "None"]


class FakeKernel32:
    """Records the Job object calls; `assign_ok` says whether Windows lets the process in."""

    def __init__(self, assign_ok: bool = True) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.assign_ok = assign_ok

    def CreateJobObjectW(self, attributes: Any, name: Any) -> int:  # noqa: N802 (Win32 names)
        self.calls.append(("create", (attributes, name)))
        return 0x44

    def SetInformationJobObject(self, job: int, klass: int, info: Any,  # noqa: N802
                                size: int) -> int:
        limit = ctypes.cast(info, ctypes.POINTER(extended_limit_type())).contents
        self.calls.append(("set", (job, klass, limit.BasicLimitInformation.LimitFlags,
                                   limit.ProcessMemoryLimit, size)))
        return 1

    def GetCurrentProcess(self) -> int:  # noqa: N802
        return -1

    def AssignProcessToJobObject(self, job: int, process: int) -> int:  # noqa: N802
        self.calls.append(("assign", (job, process)))
        return 1 if self.assign_ok else 0


def test_windows_caps_committed_memory_with_a_job_object() -> None:
    kernel32 = FakeKernel32()
    said = apply_memory_cap(2048, "job-object", kernel32=kernel32)
    assert said == "committed memory capped at 2048 MB (Windows job object)"
    size = ctypes.sizeof(extended_limit_type())
    assert kernel32.calls == [
        ("create", (None, None)),
        ("set", (0x44, 9, 0x100, 2048 * 1024 * 1024, size)),  # extended info, PROCESS_MEMORY
        ("assign", (0x44, -1)),
    ]


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="the layout checked is 64-bit")
def test_the_job_object_structure_has_the_windows_layout() -> None:
    limit = extended_limit_type()
    assert ctypes.sizeof(limit) == 144  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION on x64
    assert limit.ProcessMemoryLimit.offset == 112


def test_windows_without_a_job_runs_uncapped_and_says_so() -> None:
    said = apply_memory_cap(2048, "job-object", kernel32=FakeKernel32(assign_ok=False))
    assert said.startswith("no memory cap")


def test_no_cap_when_none_is_asked() -> None:
    assert apply_memory_cap(None) == apply_memory_cap(0) == "no memory cap"
    with pytest.raises(ValueError, match="unknown memory cap method"):
        apply_memory_cap(100, "ulimit")


def test_the_watchdog_ends_the_process_once_past_its_cap() -> None:
    readings = iter([100.0, 200.0, None, 650.0, 700.0])
    ended = threading.Event()
    stop = start_memory_watchdog(600, measure=lambda: next(readings, 0.0), interval=0.01,
                                 on_exceeded=ended.set)
    assert ended.wait(10)
    stop.set()


def test_the_watchdog_leaves_a_process_under_its_cap_alone() -> None:
    ended = threading.Event()
    stop = start_memory_watchdog(600, measure=lambda: 599.0, interval=0.01,
                                 on_exceeded=ended.set)
    assert not ended.wait(0.2)  # twenty readings under the cap
    stop.set()


def test_without_sigalrm_the_deadline_is_a_timer_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no SIGALRM (worker.py called signal.alarm unguarded)."""
    monkeypatch.delattr(child_limits.signal, "alarm")
    ended = threading.Event()
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        ended.set()

    monkeypatch.setattr(child_limits.os, "_exit", fake_exit)
    disarm = arm_deadline(0.05)
    assert ended.wait(10) and codes == [child_limits.EXIT_TIME_LIMIT]
    disarm()
    codes.clear()
    disarm = arm_deadline(5.0)
    disarm()  # cancelled in time: the timer never fires
    assert codes == []
    assert arm_deadline(None) is not None and arm_deadline(float("inf")) is not None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX: SIGALRM")
def test_with_sigalrm_the_deadline_is_the_alarm() -> None:
    import signal

    disarm = arm_deadline(100.0)
    try:
        assert signal.alarm(0) == 100  # armed (and read back by disarming it)
    finally:
        disarm()


def test_macos_reads_its_peak_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    resource = pytest.importorskip("resource")

    class Usage:
        ru_maxrss = 300 * 1024 * 1024

    monkeypatch.setattr(resource, "getrusage", lambda who: Usage())
    monkeypatch.setattr(sys, "platform", "darwin")
    assert child_limits.peak_resident_mb() == 300
    monkeypatch.setattr(sys, "platform", "linux")
    assert child_limits.peak_resident_mb() == 300 * 1024  # Linux counts KiB
