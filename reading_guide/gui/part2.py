"""Part 2 of the desktop app, added to a finished main window through its public attributes.

`install_part2(window)` adds the session plan and preview docks, the review queue, the menu
actions ("Update essay…", "Duplicate for a new session…", "Guide library…", "Preview",
"Session plan"), autosave with recovery on start, and changed-on-disk detection. The window keeps
one `Part2` object (`window.part2`) holding them, so tests and app.py can reach each feature.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QWidget

from reading_guide.errors import InputError
from reading_guide.gui.recovery.autosave import AUTOSAVE_MS, RecoveryController, app_data_folder
from reading_guide.model.guide import Guide


def _menu(window: QMainWindow, title: str) -> QMenu:
    """The menu bar's menu called `title` ("&View" and "View" match), made if missing."""
    plain = title.replace("&", "")
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == plain:
            return menu
    return window.menuBar().addMenu(title)


def _action(window: QMainWindow, text: str, slot: Any, name: str, tip: str = "",
            shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if shortcut:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class Part2:
    """What install_part2 added: docks, controllers and actions, by name."""

    def __init__(self, window: Any, data_dir: Path, autosave_ms: int) -> None:
        self.window = window
        self.data_dir = data_dir
        session = window.session
        self.recovery = RecoveryController(
            session, data_dir / "recovery", window.prompts, maybe_save=window.files.maybe_save,
            window=window, delay_ms=autosave_ms,
        )
        window.files.tookOver.connect(lambda path, _pid: self.recovery.offer_restore(Path(path)))
        self.docks: dict[str, QDockWidget] = {}
        self.actions: dict[str, QAction] = {}
        # Dock contents are made the first time a dock shows (or code asks for them): at
        # start-up only the empty docks exist, so the app opens without importing or building
        # the preview (QtPdf), the review queue or the plan (bench/bench_startup.py).
        self._contents: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        # Docks that share a place on first start (tabified after the layout restore).
        self._default_tabs: list[tuple[QDockWidget, QDockWidget]] = []
        self._updater: Any = None
        self._build_review()
        self._build_plan()
        self._build_reuse()
        self._build_preview()

    # Reuse: library, duplicate, copy questions ------------------------------------------------

    def _build_reuse(self) -> None:
        w = self.window
        self.ask_duplicate: Callable[[Guide], tuple[str, str, str, int | None] | None] = (
            self._duplicate_dialog)
        self.actions["duplicate"] = _action(
            w, "&Duplicate for a New Session…", self.duplicate_current, "actDuplicate",
            "Copy this guide for another group or date")
        self.actions["library"] = _action(
            w, "Guide &Library…", self.show_library, "actLibrary",
            "Open, duplicate or copy questions from saved guides", shortcut="Ctrl+Shift+L")

    def library_folders(self) -> list[Path]:
        from reading_guide.resources import guides_dir

        user = self.data_dir / "guides"
        try:
            user.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        return [guides_dir(), user]

    def make_library(self) -> Any:
        """The library dialog, wired to open, duplicate and copy (not yet shown)."""
        from reading_guide.gui.library.library_dialog import LibraryDialog

        w = self.window
        return LibraryDialog(
            self.library_folders(), lambda p: bool(w.files.open_path(p)), self.duplicate_from,
            self.copy_from, w.session.is_open, w)

    def show_library(self) -> None:
        self.make_library().exec()

    def _duplicate_dialog(self, guide: Guide) -> tuple[str, str, str, int | None] | None:
        from reading_guide.gui.library.library_dialog import DuplicateDialog

        dialog = DuplicateDialog(guide, self.window)
        return dialog.values() if dialog.exec() else None

    def duplicate_current(self) -> bool:
        s = self.window.session
        if not s.is_open:
            return False
        return self._duplicate(copy.deepcopy(s.guide), s.path)

    def duplicate_from(self, path: Path) -> bool:
        from reading_guide.storage import load_guide

        try:
            guide = load_guide(path)
        except InputError as error:
            self.window.prompts.error("Could not open the guide", str(error))
            return False
        return self._duplicate(guide, Path(path))

    def _duplicate(self, guide: Guide, source: Path | None) -> bool:
        from reading_guide.model.session import duplicate_guide
        from reading_guide.render import parse
        from reading_guide.resources import guides_dir

        w = self.window
        values = self.ask_duplicate(guide)
        if values is None or not w.files.maybe_save():
            return False
        group, date, facilitator, minutes = values
        twin = duplicate_guide(guide, group, date, facilitator, minutes)
        folder = source.parent if source is not None else self.data_dir / "guides"
        if source is not None and folder.resolve() == guides_dir().resolve():
            folder = self.data_dir / "guides"  # the app's own guides are not the user's folder
        stem = (source.name.split(".")[0] if source else "guide") or "guide"
        suggested = folder / f"{stem}-{date or 'copy'}.guide.yaml"
        w.session.load(twin, parse(twin.essay.text), None, suggested_path=suggested)
        w.session.undo_stack.resetClean()  # a new guide that is not saved yet
        w.session.reset.emit()
        w.statusBar().showMessage(f"Duplicated for {group or 'a new group'}; save it to keep it.",
                                  6000)
        return True

    def copy_from(self, path: Path, question_ids: list[str]) -> bool:
        """Copy questions (and their highlights) from the guide at `path`: one undoable step."""
        from reading_guide.anchoring import reanchor
        from reading_guide.model.session import EssaysDiffer, copy_questions
        from reading_guide.render import parse
        from reading_guide.storage import load_guide

        w = self.window
        if not w.session.is_open:
            return False
        try:
            source = load_guide(path)
            edit, report = copy_questions(
                w.session.guide, source, question_ids, w.session.document.text,
                parse(source.essay.text).text, reanchor)
        except (InputError, EssaysDiffer) as error:
            w.prompts.error("Could not copy the questions", str(error))
            return False
        w.session.push(edit)
        review = f"; {len(report.not_exact)} passage(s) to review" if report.not_exact else ""
        w.statusBar().showMessage(f"Copied {report.questions} question(s){review}.", 6000)
        if report.not_exact:
            self.docks["review"].show()
        return True

    # Live preview -------------------------------------------------------------------------------

    def _build_preview(self) -> None:
        dock = self.add_lazy_dock("preview", "Preview", self._make_preview,
                                  Qt.DockWidgetArea.LeftDockWidgetArea, False)
        toggle = dock.toggleViewAction()
        toggle.setShortcut("Ctrl+Shift+P")
        toggle.triggered.connect(lambda on: dock.raise_() if on else None)
        review = self.docks.get("review")
        if review is not None:
            self._default_tabs.append((review, dock))

    def _make_preview(self) -> QWidget:
        from reading_guide.gui.preview.panel import PreviewPanel

        panel = PreviewPanel(self.window.session, self.data_dir / "preview")
        panel.setObjectName("previewPanel")
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(panel.shutdown)
        return panel

    @property
    def preview(self) -> Any:
        """The live preview panel (PreviewPanel), made on first use."""
        return self.content("preview")

    def show_preview(self) -> None:
        self.docks["preview"].show()
        self.docks["preview"].raise_()

    # Session plan -------------------------------------------------------------------------------

    def _build_plan(self) -> None:
        w = self.window
        dock = self.add_lazy_dock("plan", "Session Plan", self._make_plan,
                                  Qt.DockWidgetArea.RightDockWidgetArea, True)
        guide_dock = getattr(w, "guide_dock", None)
        if isinstance(guide_dock, QDockWidget):
            self._default_tabs.append((guide_dock, dock))

    def _make_plan(self) -> QWidget:
        from reading_guide.gui.plan.session_plan import SessionPlan

        w = self.window
        plan = SessionPlan(w.session, lambda qid: w.select_item("question", qid, True))
        plan.setObjectName("sessionPlan")
        return plan

    @property
    def plan(self) -> Any:
        """The session plan (SessionPlan), made on first use."""
        return self.content("plan")

    def show_plan(self) -> None:
        self.docks["plan"].show()
        self.docks["plan"].raise_()

    # Update essay and review ------------------------------------------------------------------

    def _build_review(self) -> None:
        w = self.window
        self._last_guide: object = w.session.guide
        w.session.reset.connect(self._on_guide_opened)
        self.add_lazy_dock("review", "Review Highlights", self._make_review,
                           Qt.DockWidgetArea.LeftDockWidgetArea, False)
        self.actions["update"] = _action(
            w, "&Update Essay…", self.update_essay, "actUpdateEssay",
            "Move this guide onto a revised edition of the essay and review what moved")

    def _make_review(self) -> QWidget:
        from reading_guide.gui.review.review_queue import ReviewQueue

        w = self.window
        review = ReviewQueue(w.session, w.reader.selection_range, self._show_passage)
        review.setObjectName("reviewQueue")
        return review

    @property
    def review(self) -> Any:
        """The review queue (ReviewQueue), made on first use."""
        return self.content("review")

    @property
    def updater(self) -> Any:
        """The essay updater (EssayUpdater), made on first use: it only counts edits made
        while an update runs, so starting it late loses nothing."""
        if self._updater is None:
            from reading_guide.gui.review.review_queue import EssayUpdater

            self._updater = EssayUpdater(self.window.session, self.window)
            self._updater.finished.connect(self._on_update_finished)
        return self._updater

    def _show_passage(self, highlight_id: str, start: int, end: int) -> None:
        w = self.window
        if hasattr(w, "select_item"):  # panel, editor and reader all show it
            w.select_item("highlight", highlight_id, True)
        else:
            w.reader.set_current_highlight(highlight_id)
            w.reader.scroll_to(start)

    def _on_guide_opened(self) -> None:
        """A guide opened with passages still awaiting review (saved mid-review, or its essay
        edited by hand): say so and show the queue, so the review can go on."""
        session = self.window.session
        if session.guide is self._last_guide:
            return
        self._last_guide = session.guide
        if all(h.anchor_status == "exact" for h in session.guide.highlights):
            return  # nothing to review (ReviewQueue.pending): the queue need not be built
        waiting = len(self.review.pending())
        if waiting:
            self.window.statusBar().showMessage(
                f"{waiting} highlight{'s' if waiting != 1 else ''} to review.", 8000)
            self.docks["review"].show()
            self.docks["review"].raise_()

    def update_essay(self, path: str | None = None, edition: str | None = None) -> bool:
        """Ask for the revised essay and its edition name, then start the update."""
        from PySide6.QtWidgets import QFileDialog, QInputDialog

        from reading_guide.gui.core.prompts import ESSAY_FILTER

        w = self.window
        if not w.session.is_open or self.updater.busy:
            return False
        if path is None:
            folder = str(w.session.path.parent) if w.session.path else ""
            path, _ = QFileDialog.getOpenFileName(w, "Revised essay", folder, ESSAY_FILTER)
            if not path:
                return False
        if edition is None:
            edition, ok = QInputDialog.getText(
                w, "Edition", "Name this edition of the essay (printed nowhere; shown in the "
                "library):", text=Path(path).stem)
            if not ok:
                return False
        w.statusBar().showMessage("Re-anchoring highlights on the revised essay…")
        return self.updater.start(path, edition)

    def _on_update_finished(self, error: str) -> None:
        w = self.window
        if error:
            w.statusBar().clearMessage()
            w.prompts.error("Could not update the essay", error)
            return
        result = self.updater.last
        if result is not None:
            self.review.set_origin(result)
        waiting = len(self.review.pending())
        w.statusBar().showMessage(
            f"Essay updated: {waiting} highlight{'s' if waiting != 1 else ''} to review "
            "(Undo puts the old essay back).", 8000)
        self.docks["review"].setVisible(True)
        self.docks["review"].raise_()

    def add_lazy_dock(self, name: str, title: str, factory: Callable[[], QWidget],
                      area: Qt.DockWidgetArea, visible: bool) -> QDockWidget:
        """A dock whose widget `factory()` makes the first time the dock shows or `content`
        asks for it."""
        self._factories[name] = factory
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"{name}Dock")
        self.window.addDockWidget(area, dock)
        dock.setVisible(visible)
        self.docks[name] = dock
        dock.visibilityChanged.connect(lambda on: self.content(name) if on else None)
        return dock

    def content(self, name: str) -> Any:
        """The widget inside dock `name`, made now if it does not exist yet."""
        widget = self._contents.get(name)
        if widget is None:
            widget = self._contents[name] = self._factories[name]()
            self.docks[name].setWidget(widget)
        return widget

    def add_dock(self, name: str, title: str, widget: Any, area: Qt.DockWidgetArea,
                 visible: bool) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.setVisible(visible)
        self.docks[name] = dock
        return dock


def _add_menus(window: Any, part2: Part2) -> None:
    a = part2.actions
    guide_menu = _menu(window, "&Guide")
    guide_menu.addSeparator()
    guide_menu.addAction(a["update"])
    file_menu = getattr(window, "file_menu", None) or _menu(window, "&File")
    # Library after New/Open/Recent (before the first separator); Duplicate before Export.
    separator = next((x for x in file_menu.actions() if x.isSeparator()), None)
    file_menu.insertAction(separator, a["library"])  # None: at the end
    export = getattr(window, "act_export", None)
    file_menu.insertAction(export if export in file_menu.actions() else None, a["duplicate"])
    view_menu = _menu(window, "&View")
    view_menu.addSeparator()
    for dock in part2.docks.values():
        view_menu.addAction(dock.toggleViewAction())

    def enable() -> None:
        for name, action in a.items():
            action.setEnabled(window.session.is_open or name == "library")

    window.session.reset.connect(enable)
    enable()


def install_part2(
    window: Any, *, data_dir: Path | None = None, autosave_ms: int = AUTOSAVE_MS,
    offer_restore: bool = True,
) -> None:
    """Add part 2 to `window` (a MainWindow); `data_dir` defaults to the user's data folder.

    With `offer_restore`, recovery files left by a crash are offered once the event loop runs.
    """
    part2 = Part2(window, data_dir or app_data_folder(), autosave_ms)
    window.part2 = part2
    _add_menus(window, part2)
    if hasattr(window, "restore_layout"):
        window.restore_layout()  # the saved dock layout includes part 2's docks
    if not getattr(window, "_layout_restored", False):
        # First start: the plan shares the Guide dock's place, the preview the review's. Only
        # then: tabifying before restoring a saved layout left a stray tab bar over the essay.
        for first, second in part2._default_tabs:
            window.tabifyDockWidget(first, second)
            first.raise_()
    if offer_restore:
        QTimer.singleShot(0, part2.recovery.offer_restore)
