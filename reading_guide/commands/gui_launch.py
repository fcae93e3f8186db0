"""`reading-guide [FILE]`: open the app, or say in one line why it cannot start.

Without a display Qt would abort the process from C++ with a message about platform plugins; a
facilitator on a server or over SSH gets one line instead, pointing at the command that works
without a display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "reading-guide: no display available; to print a handout use: "
    "reading-guide export GUIDE -o handout.pdf"
)


def display_available(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """Whether Qt can open a window: a platform chosen by the user, or a display we can reach.

    A DISPLAY or WAYLAND_DISPLAY that names a local socket which does not exist (a stale
    variable in an SSH or container session) would make Qt abort the process, so it counts as
    no display. Remote X displays (`host:10.0`, SSH forwarding) are trusted.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform (offscreen, vnc, wayland...): trust it
    if not platform.startswith("linux"):
        return True  # Windows and macOS always have a window system
    return _x11_reachable(env.get("DISPLAY", "")) or _wayland_reachable(env)


def _x11_reachable(display: str) -> bool:
    if not display:
        return False
    host, _, rest = display.rpartition(":")
    if host not in ("", "unix"):
        return True  # a remote or TCP display: only connecting would tell; let Qt try
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    return os.path.exists(f"/tmp/.X11-unix/X{number}")


def _wayland_reachable(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    if os.path.isabs(name):
        return os.path.exists(name)
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and os.path.exists(os.path.join(runtime, name))


def run(path: str | None) -> int:
    """Open the app. The core (PyYAML, markdown-it, anchoring) is imported on the main thread
    when the guide opens: an earlier background-thread preload fought the Qt set-up for the GIL
    on 2 cores and made start-up ~11 ms slower (bench/bench_startup.py, 288 -> 277 ms)."""
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from reading_guide import app

    return app.run(path)
