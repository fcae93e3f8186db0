"""`reading-guide [FILE]`: open the app, or say in one line why it cannot start.

Without a display Qt would abort the process from C++ with a message about platform plugins; a
facilitator on a server or over SSH gets one line instead, pointing at the command that works
without a display.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY = (
    "reading-guide: no display available; to print a handout use: "
    "reading-guide export GUIDE -o handout.pdf"
)


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform (offscreen, vnc, wayland...): trust it
    if not platform.startswith("linux"):
        return True  # Windows and macOS always have a window system
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def run(path: str | None) -> int:
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from reading_guide import app

    return app.run(path)
