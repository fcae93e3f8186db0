"""Builds the app's objects and wires them: the only place that does (DESIGN.md layers).

`create_application` makes the QApplication with the names QSettings uses; `build_window` makes
the main window with its collaborators (settings, prompts, the PDF opener), each replaceable by
tests and by the screenshot command; `run` is `reading-guide [FILE]`.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import APPLICATION, ORGANIZATION, Settings
from reading_guide.gui.core.window import MainWindow
from reading_guide.resources import resource_path

if TYPE_CHECKING:
    from reading_guide.errors import InputError
    from reading_guide.storage.opening import OpenedFile


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named for QSettings, with the bundled fonts."""
    from reading_guide.gui.refcount_guard import protect_singletons

    protect_singletons()  # PySide6 6.12 on Python 3.11: see refcount_guard, before any Qt work
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("reading-guide")
    icon = resource_path("icons", "reading-guide.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    from reading_guide.gui.core.fonts import load_bundled_fonts

    load_bundled_fonts()
    return app


def open_in_system_viewer(path: str) -> object:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def build_window(
    settings: Settings | None = None,
    prompts: Prompts | None = None,
    opener: Callable[[str], object] | None = None,
    *,
    restore_layout: bool = True,
    locks: GuideLocks | None = None,
) -> MainWindow:
    """The main window. `restore_layout=False` when more docks are still to come (part 2
    restores the layout once they exist: restoring twice, before and after, left a split dock
    half-tabified, with a stray tab bar over the essay)."""
    settings = settings or Settings(QSettings(ORGANIZATION, APPLICATION))
    window = MainWindow(settings, prompts=prompts, opener=opener or open_in_system_viewer,
                        locks=locks)
    if restore_layout:
        window.restore_layout()
    return window


def run(
    path: str | None = None,
    read: OpenedFile | InputError | Callable[[], OpenedFile | InputError] | None = None,
) -> int:
    """Open the window (on `path` if given) and run the event loop; the exit status.

    `read` is `path` already read by `storage.opening.read_openable` (or its InputError), or a
    function that gives it once the window is built (`reading-guide GUIDE` reads a guide in a
    child process meanwhile: commands/warm_cache.py); without it the window reads the file.
    """
    app = create_application()
    from reading_guide.userdirs import user_folder

    locks = GuideLocks(user_folder("state") / "open-guides", app)
    window = build_window(restore_layout=False, locks=locks)
    if path and not window.files.claim(Path(path)):
        return 0  # another window has this guide open: it came forward instead
    from reading_guide.gui.part2 import install_part2

    install_part2(window)  # plan, preview, review, library, autosave and recovery
    from reading_guide.gui.core.crash_report import ExceptionHook

    def keep_safe() -> list[Path]:
        written = window.part2.recovery.autosave()
        return [written] if written is not None else []

    hook = ExceptionHook(keep_safe, parent=app)
    hook.install()
    window.show()
    if path:
        window.files.open_path(Path(path), _finish_reading(path, read))
    # Start-up is over: what it made lives as long as the app, so later collections can skip
    # it (gc.freeze), and the collector runs again if `reading-guide` turned it off to start.
    gc.freeze()
    gc.enable()
    try:
        return app.exec()
    finally:
        hook.uninstall()


def _finish_reading(
    path: str, read: OpenedFile | InputError | Callable[[], OpenedFile | InputError] | None,
) -> OpenedFile | InputError | None:
    """The file `reading-guide FILE` started reading; an error that is not the project's own
    (a bug) becomes the same one line the window shows for any file it cannot open."""
    if not callable(read):
        return read
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - the window opens and says why, never a traceback
        from reading_guide.errors import InputError as OneLine
        from reading_guide.gui.core.files import unexpected

        logging.getLogger(__name__).error("reading %s failed", path, exc_info=True)
        return OneLine(unexpected(Path(path), "open", error))
