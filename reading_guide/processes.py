"""Is a process still running? One answer that is safe on every platform.

On POSIX `os.kill(pid, 0)` asks without touching the process; on Windows the same call
*terminates* it, so Windows asks the kernel through OpenProcess/GetExitCodeProcess instead.
Used to tell a live writer's temporary or recovery files from those a crashed process left.
"""

from __future__ import annotations

import os
import sys

_STILL_ACTIVE = 259  # GetExitCodeProcess's code for a running process
_QUERY_LIMITED_INFORMATION = 0x1000
_ACCESS_DENIED = 5


def process_alive(pid: int) -> bool:
    """True when a process `pid` exists (or might: when in doubt, say alive, so nothing of a
    live process is ever removed or taken over)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else (PermissionError), or cannot tell
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes  # here: only Windows needs it

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # No such process, unless it exists but we may not look at it.
        return ctypes.get_last_error() == _ACCESS_DENIED  # type: ignore[attr-defined]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
