"""Read a guide on the second core while the first starts Qt.

The first time a guide is opened, reading it costs PyYAML and markdown-it (~30 ms of imports
and work, bench/bench_startup.py); starting Qt and building the window costs ~80 ms more, and
none of it needs the guide until the window shows it. `reading-guide GUIDE` therefore forks a
child, before Qt is imported, that reads the guide the way the window would and leaves the
result in the app's cache (storage/cache.py), then exits. The window, once built, waits for the
child and reads the guide from the cache: the same guide, as the cache never changes a result.
If the child fails, is slow (over `WAIT_SECONDS`) or cannot be started, the window reads the
file itself, and any problem with it is reported from that read, as before.

Only on Linux: forking is safe there while no threads exist (none do before Qt starts); macOS
discourages fork without exec, and Windows has none. Elsewhere the guide is read in turn.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WAIT_SECONDS = 10.0


class CacheWarmer:
    """A child process filling the cache for one file; `wait()` once, then it is gone."""

    def __init__(self, pid: int, done_fd: int) -> None:
        self.pid = pid
        self._done_fd = done_fd  # reaches end-of-file when the child exits, however it exits

    @classmethod
    def start(cls, path: str | Path) -> CacheWarmer | None:
        """Fork the child that reads `path`; None where that is not possible."""
        if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
            return None
        try:
            done_read, done_write = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: read, keep the result, and leave without a trace
            code = 1
            try:
                os.close(done_read)
                from reading_guide.storage.opening import read_openable

                read_openable(path)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent reads the file and reports
                pass
            finally:
                os._exit(code)  # no atexit handlers, no flush of the parent's buffers
        os.close(done_write)
        return cls(pid, done_read)

    def wait(self, timeout: float = WAIT_SECONDS) -> bool:
        """Wait for the child (at most `timeout` seconds); True when it read the file."""
        import select

        try:
            finished = bool(select.select([self._done_fd], [], [], timeout)[0])
        finally:
            os.close(self._done_fd)
        if not finished:
            try:
                os.kill(self.pid, 9)
            except OSError:
                pass
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return False
        return finished and os.waitstatus_to_exitcode(status) == 0
