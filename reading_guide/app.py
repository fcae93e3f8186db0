"""Builds the app's objects and wires them: the only place that does (DESIGN.md layers).

`create_application` makes the QApplication with the names QSettings uses; `build_window` makes
the window shell (gui/core) and installs every feature into it (gui/reader, gui/guide, ...), with
its collaborators (settings, prompts, the PDF opener, the per-user folders), each replaceable by
tests and by the screenshot command; `run` is `reading-guide [FILE]`; `render_screenshot` is
`reading-guide screenshot`. No module of gui/ imports this one.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reading_guide.errors import InputError
from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import APPLICATION, ORGANIZATION, Settings
from reading_guide.gui.core.theme import ThemeMenu
from reading_guide.gui.core.window import MainWindow
from reading_guide.gui.documents.feature import DocumentsFeature
from reading_guide.gui.export.feature import ExportFeature
from reading_guide.gui.guide.feature import GuideFeature
from reading_guide.gui.library.feature import LibraryFeature
from reading_guide.gui.plan.feature import PlanFeature
from reading_guide.gui.preview.feature import PreviewFeature
from reading_guide.gui.reader.feature import ReaderFeature
from reading_guide.gui.recovery.autosave import AUTOSAVE_MS
from reading_guide.gui.recovery.feature import RecoveryFeature
from reading_guide.gui.review.feature import ReviewFeature
from reading_guide.resources import resource_path

if TYPE_CHECKING:
    from reading_guide.export.warm import WarmExporter
    from reading_guide.storage.opening import OpenedFile

log = logging.getLogger(__name__)
WARM_EXPORT_AFTER_MS = 1000


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


class AppExporter:
    """The app's one warm export process (`export.warm.WarmExporter`), shared by the preview and
    the export dialog: `exporter()` gives it, made when first asked for; `close()` stops it
    (the window closing, the app quitting).

    Why made late: importing the export package costs about 200 ms, which start-up does not
    pay (bench_startup.py); `run` asks for it, and starts its worker, once the window is up."""

    def __init__(self) -> None:
        self._exporter: WarmExporter | None = None
        self.closed = False

    def __call__(self) -> WarmExporter:
        if self._exporter is None:
            from reading_guide.export.warm import WarmExporter

            self._exporter = WarmExporter()
        return self._exporter

    @property
    def made(self) -> bool:
        return self._exporter is not None

    def start(self) -> None:
        """Start the worker now (about 20 ms here; it warms up in its own process); not after
        `close` (a window closed before the start-up timer fired)."""
        if not self.closed:
            exporter = self()
            exporter.start()
            if self.closed:  # a stop signal's handler closed the app while the worker started
                exporter.close()

    def close(self) -> None:
        self.closed = True
        if self._exporter is not None:
            self._exporter.close()
            self._exporter = None


class AppWindow(NamedTuple):
    """The window shell and its features, as `build_window` installed them."""

    shell: MainWindow
    reader: ReaderFeature
    guide: GuideFeature
    plan: PlanFeature
    review: ReviewFeature
    preview: PreviewFeature
    library: LibraryFeature
    export: ExportFeature
    recovery: RecoveryFeature
    documents: DocumentsFeature
    exporter: AppExporter
    theme: ThemeMenu

    def keep_safe(self) -> list[Path]:
        """Write this window's unsaved work to its recovery file now."""
        return self.recovery.keep_safe()

    def stop(self) -> None:
        """Close without a question, the unsaved work kept for the next start (SIGTERM)."""
        self.recovery.hold_for_next_start()
        self.shell.close_without_asking()


def build_window(
    settings: Settings | None = None,
    prompts: Prompts | None = None,
    opener: Callable[[str], object] | None = None,
    *,
    locks: GuideLocks | None = None,
    data_dir: Path | None = None,
    autosave_ms: int = AUTOSAVE_MS,
    offer_restore: bool = False,
    theme: str | None = None,
) -> AppWindow:
    """The window with every feature; its dock layout restored once all docks exist.

    `data_dir` holds recovery files, the user's guides and preview files (default: the user's
    data folder); `offer_restore` offers recovery files left by a crash once the event loop
    runs (`run` does; tests and screenshots do not); `theme` ("light", "dark") replaces the
    user's View ▸ Theme for this window, unsaved (screenshots)."""
    from reading_guide.userdirs import user_folder

    settings = settings or Settings(QSettings(ORGANIZATION, APPLICATION))
    data = data_dir if data_dir is not None else user_folder("data")
    shell = MainWindow(settings, prompts=prompts, locks=locks)
    exporter = AppExporter()
    shell.when_closing(exporter.close)  # the worker and its files go with the window
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(exporter.close)
    window = AppWindow(
        shell=shell,
        reader=ReaderFeature(shell),
        guide=GuideFeature(shell),
        plan=PlanFeature(shell),
        review=ReviewFeature(shell),
        preview=PreviewFeature(shell, data / "preview", exporter),
        library=LibraryFeature(shell, data),
        export=ExportFeature(shell, opener or open_in_system_viewer, exporter),
        recovery=RecoveryFeature(shell, data / "recovery", autosave_ms=autosave_ms,
                                 offer_restore=offer_restore),
        documents=DocumentsFeature(shell),
        exporter=exporter,
        theme=ThemeMenu(shell, override=theme),
    )
    shell.finish_setup()
    return window


def run(
    path: str | None = None,
    read: OpenedFile | InputError | Callable[[], OpenedFile | InputError] | None = None,
) -> int:
    """Open the window (on `path` if given) and run the event loop; the exit status.

    `read` is `path` already read by `storage.opening.read_openable` (or its InputError), or a
    function that gives it once the window is built (`reading-guide GUIDE` reads a guide in a
    child process meanwhile: commands/warm_cache.py); without it the window reads the file.
    A guide already open in another window is not opened twice: that window comes forward and
    this process ends.
    """
    app = create_application()
    # The app's records go to the log file (never onto a terminal nobody reads; `--debug`
    # set it up, with a stderr copy, before). Cheap now: the file and its handler's module
    # load with the first record (logs.py), so start-up's own records are kept too.
    from reading_guide.logs import setup_logging
    from reading_guide.userdirs import user_folder

    # Kept at DEBUG when `--debug` asked for it (a second call sets the level).
    setup_logging(debug=logging.getLogger("reading_guide").isEnabledFor(logging.DEBUG))

    locks = GuideLocks(user_folder("state") / "open-guides", app)
    window = build_window(locks=locks, offer_restore=True)
    if path and not window.shell.files.claim(Path(path)):
        return 0  # another window has this guide open: it came forward instead
    from reading_guide.gui.core.crash_report import ExceptionHook
    from reading_guide.gui.core.shutdown import end_child_processes, quit_safely_on_signals

    hook = ExceptionHook(window.keep_safe, parent=app)
    hook.install()
    quit_safely_on_signals(app, window.stop)
    window.shell.show()
    if path:
        window.shell.files.open_path(Path(path), _finish_reading(path, read))
    else:
        window.shell.reopen.start()  # the last guide, once the window is up (a setting)
    # Start-up is over: what it made lives as long as the app, so later collections can skip
    # it (gc.freeze), and the collector runs again if `reading-guide` turned it off to start.
    gc.freeze()
    gc.enable()
    from PySide6.QtCore import QTimer

    # The export worker warms up (Python, WeasyPrint, fonts) while the user reads, so the first
    # preview or export does not wait for it; a moment after start-up, which it would slow.
    QTimer.singleShot(WARM_EXPORT_AFTER_MS, window.exporter.start)
    try:
        return app.exec()
    finally:
        hook.uninstall()
        window.exporter.close()  # closed with the window already, unless it never closed
        end_child_processes()


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
        from reading_guide.gui.core.files import unexpected

        log.error("reading %s failed", path, exc_info=True)
        return InputError(unexpected(Path(path), "open", error))


# The screenshot command ---------------------------------------------------------------------


class _FailingPrompts(Prompts):
    """No dialogs in a screenshot: an error becomes an InputError, anything else a safe no."""

    def error(self, title: str, message: str) -> None:
        raise InputError(message)

    def notice(self, title: str, message: str) -> None:
        pass

    def save_changes(self, name: str) -> str:
        return "discard"


def render_screenshot(
    guide: Path, out: Path, size: tuple[int, int], dark: bool = False
) -> tuple[int, int]:
    """`reading-guide screenshot`: the window with `guide` open, its first passage with a
    question selected, as a PNG at `out`; the size it has (larger than asked when the window
    cannot shrink). The user's settings and folders are neither read nor written."""
    import shutil
    import tempfile

    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="reading-guide-screenshot-"))
    try:
        settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        window = build_window(settings, prompts=_FailingPrompts(), opener=lambda _p: None,
                              data_dir=folder / "data", theme="dark" if dark else "light")
        shell = window.shell
        shell.resize(*size)
        shell.show()
        shell.files.open_path(guide)
        select_showcase_item(window)
        for _ in range(3):
            app.processEvents()
        picture = shell.grab()
        if not picture.save(str(out), "PNG"):
            raise InputError("could not write the picture", file=out)
        actual = (picture.width(), picture.height())
        shell.session.undo_stack.setClean()
        shell.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    QApplication.processEvents()
    return actual


def select_showcase_item(window: AppWindow) -> None:
    """Select the first question about a passage (its highlight outlined), else a highlight."""
    shell = window.shell
    guide = shell.session.guide
    placed = {h.id: h for h in guide.highlights if h.position is not None}
    question = next((q for q in guide.questions if q.highlight in placed), None)
    if question is not None:
        shell.selection.select("question", question.id)
    elif placed:
        shell.selection.select("highlight", next(iter(placed)))
    window.guide.panel.tree.setFocus()  # the selection shows in the active colour, no caret
