"""`reading-guide [FILE]`: open the app, or say in one line why it cannot start.

Without a display Qt would abort the process from C++ with a message about platform plugins; a
facilitator on a server or over SSH gets one line instead, pointing at the command that works
without a display.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reading_guide.commands.warm_cache import CacheWarmer
    from reading_guide.errors import InputError
    from reading_guide.storage.opening import OpenedFile

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
    """Open the app, on `path` if given.

    Three things make start-up shorter (bench/bench_startup.py):
    - A guide opened before comes from the app's cache (storage/cache.py), read before Qt is
      imported: PySide6 6.12 reads the source of every module imported after it, looking for
      `__feature__` use (PYSIDE-2029), and the reading need not pay for that.
    - Any other guide is read by a child process on the second core while this one starts Qt
      (commands/warm_cache.py); an essay is read here, before Qt. A file that cannot be read is
      not reported here: the window shows the same one-line error.
    - The garbage collector waits until the window is up (app.run): start-up makes a few
      hundred thousand objects that live as long as the app (Qt's enums, our classes), and
      collecting among them found nothing to free.
    """
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    gc.disable()  # app.run enables it again, as the event loop starts
    try:
        read: OpenedFile | InputError | Callable[[], OpenedFile | InputError] | None = None
        if path:
            from reading_guide.storage.opening import GUIDE_SUFFIXES, read_cached

            read = read_cached(path)
            if read is None:
                warmer = None
                if os.path.splitext(path)[1].lower() in GUIDE_SUFFIXES:
                    from reading_guide.commands.warm_cache import CacheWarmer

                    warmer = CacheWarmer.start(path)
                read = _read_after(path, warmer) if warmer is not None else _read(path)
        from reading_guide import app

        return app.run(path, read)
    finally:
        gc.enable()


def _read(path: str) -> OpenedFile | InputError:
    """The file read now: an OpenedFile, or the InputError saying why it cannot be opened."""
    from reading_guide.errors import InputError
    from reading_guide.storage.opening import read_openable

    try:
        return read_openable(path)
    except InputError as error:
        return error
    except Exception as error:  # noqa: BLE001 - not ours (a library's limit): still one line
        detail = " ".join(str(error).split())[:200]
        return InputError(f"could not open it ({type(error).__name__}: {detail})", file=path)


def _read_after(path: str, warmer: CacheWarmer) -> Callable[[], OpenedFile | InputError]:
    """For app.run to call once the window is built: the file, read after the child has
    (from the cache it filled), or read in full if it has not."""
    def read() -> OpenedFile | InputError:
        warmer.wait()
        return _read(path)

    return read
