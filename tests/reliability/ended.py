"""Has a process ended? For tests that stop an export and check its worker is gone too."""

from __future__ import annotations

import time

from reading_guide.processes import process_alive


def process_ended(pid: int) -> bool:
    """Gone, or a zombie waiting for a parent that is not ours to reap it."""
    if not process_alive(pid):
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except OSError:
        return True


def wait_ended(pid: int, seconds: float = 30) -> bool:
    """Whether `pid` ends within `seconds` (polled; returns as soon as it has)."""
    deadline = time.monotonic() + seconds
    while not process_ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return process_ended(pid)
