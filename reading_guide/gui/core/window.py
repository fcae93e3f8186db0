"""The main window shell: menus, toolbar, docks, status bar, title and the file actions.

It owns what every feature shares (the session, the selection, the file rules, prompts and
settings) and offers features the typed `WindowShell` protocol (core/shell.py): a dock by name,
an action in a named menu section, a status widget, the essay page. It imports no feature:
app.py builds the shell, installs each feature into it, then calls `finish_setup` once, which
restores the dock layout the user left (all docks exist by then) or, on a first start, puts the
docks that share a place into tabs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QStackedWidget, QWidget

from reading_guide.gui.core import actions as A
from reading_guide.gui.core.files import FileController
from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.help_menu import HelpMenu
from reading_guide.gui.core.pages import Pages, fill_recent_menu, welcome_label
from reading_guide.gui.core.plain_text import shown, title_text
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.reading_room import ReadingRoom
from reading_guide.gui.core.reopen import ReopenLast
from reading_guide.gui.core.selection import Selection
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.settings import Settings
from reading_guide.gui.core.shell import SECTIONS, EssayView, Menu, NoEssay
from reading_guide.storage.opening import is_openable

if TYPE_CHECKING:
    # Annotations only: naming a Qt class makes PySide build it and its enums (start-up).
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent, QShowEvent
    from PySide6.QtWidgets import QToolBar

log = logging.getLogger(__name__)

APP_TITLE = "Reading Guide"
MENU_TITLES = {m: f"&{m.value.capitalize()}" for m in Menu if m is not Menu.ESSAY}


class MainWindow(QMainWindow):
    """The shell (implements core.shell.WindowShell). `closing()`: the window is closing for
    good (after the user agreed), features save their settings."""

    closing = Signal()

    def __init__(self, settings: Settings, prompts: Prompts | None = None,
                 locks: GuideLocks | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._settings = settings
        self._prompts = prompts or Prompts(self)
        self._session = GuideSession(self)
        self._selection = Selection(self._session, self)
        self._files = FileController(self._session, self._prompts, settings, self, locks=locks,
                                     bring_forward=self.bring_forward)
        self._essay: EssayView = NoEssay()
        self._docks: dict[str, QDockWidget] = {}
        self._actions: dict[str, QAction] = {}
        self._page_actions: list[QAction] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._made: set[str] = set()
        self._default_tabs: list[tuple[str, str]] = []
        self._layout_restored = False
        self._setup_done = False
        self._asking = True  # closing asks about unsaved work
        self.pages = QStackedWidget()
        self.welcome = welcome_label()
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self._room = ReadingRoom(self, self._docks, self.pages)
        self._essay_page: Pages | None = None
        self._build_menus()
        self._build_actions()
        self.setAcceptDrops(True)
        self._session.reset.connect(self._on_reset)
        # Bound methods, not lambdas: Qt drops them with the window (the undo stack announces
        # its last clean state while it is being destroyed).
        self._session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._files.opened.connect(self._on_opened)
        self._files.saved.connect(self._on_saved)
        self._files.handedOver.connect(self._on_handed_over)
        available = self.screen().availableGeometry()
        self.resize(min(1200, int(available.width() * 0.9)),
                    min(800, int(available.height() * 0.9)))
        self._on_reset()

    # WindowShell ----------------------------------------------------------------------------

    @property
    def session(self) -> GuideSession:
        return self._session

    @property
    def selection(self) -> Selection:
        return self._selection

    @property
    def prompts(self) -> Prompts:
        return self._prompts

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def files(self) -> FileController:
        return self._files

    @property
    def essay(self) -> EssayView:
        return self._essay

    def widget(self) -> QMainWindow:
        return self

    def set_essay(self, page: QWidget, view: EssayView) -> None:
        self._essay_page = Pages()
        self._essay_page.add("essay", "Essay", lambda: page, lazy=False)
        self._essay = view
        self.pages.addWidget(self._essay_page)
        self._page_actions.append(A.make_action(
            self, "&Essay", lambda: self.show_page("essay"), shortcut="Alt+1",
            tip="Show the essay in the middle of the window", name="actPage_essay"))
        self.add_action(Menu.VIEW, self._page_actions[-1], "pages")
        self._on_reset()

    def add_page(self, name: str, title: str, factory: Callable[[], QWidget],
                 shortcut: str = "") -> QAction:
        assert self._essay_page is not None, "the reader's essay page comes first"
        self._essay_page.add(name, title, factory)
        action = A.make_action(self, title, lambda: self.show_page(name), shortcut=shortcut,
                               tip=f"Show the {title.replace('&', '').lower()} in the middle "
                               "of the window", name=f"actPage_{name}")
        self.add_action(Menu.VIEW, action, "pages")
        self._page_actions.append(action)
        action.setEnabled(self._session.is_open)
        return action

    def show_page(self, name: str) -> None:
        if self._essay_page is not None and self._session.is_open:
            self._essay_page.show_page(name)

    def page_widget(self, name: str) -> QWidget:
        assert self._essay_page is not None
        return self._essay_page.widget_of(name)

    def menu(self, menu: Menu) -> QMenu:
        return self._menus[menu]

    def add_action(self, menu: Menu, action: QAction, section: str = "",
                   toolbar: bool = False) -> None:
        target = self._menus[menu]
        target.insertAction(self._section_end(menu, section), action)
        if action.objectName():
            self._actions.setdefault(action.objectName(), action)
        if menu is not Menu.ESSAY:
            self.addAction(action)  # its shortcut works wherever the focus is in the window
        if toolbar:
            self.toolbar.addAction(action)

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def all_actions(self) -> list[tuple[str, QAction]]:
        from reading_guide.gui.core.shortcuts import menu_actions

        return menu_actions(self.menuBar())

    def add_submenu(self, menu: Menu, title: str, section: str = "") -> QMenu:
        sub = QMenu(title, self)
        self._menus[menu].insertMenu(self._section_end(menu, section), sub)
        return sub

    def add_toolbar(self, name: str, title: str) -> QToolBar:
        bar = self.addToolBar(title)
        bar.setObjectName(name)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return bar

    def add_dock(self, name: str, title: str, factory: Callable[[], QWidget],
                 area: Qt.DockWidgetArea, *, visible: bool = False,
                 tab_with: str = "", lazy: bool = True) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        self._docks[name] = dock
        self._factories[name] = factory
        self.addDockWidget(area, dock)
        dock.setVisible(visible)
        if not lazy:
            self.dock_widget(name)
        dock.visibilityChanged.connect(lambda on: self.dock_widget(name) if on else None)
        if tab_with:
            self._default_tabs.append((tab_with, name))
        dock.visibilityChanged.connect(
            lambda on: QTimer.singleShot(0, lambda: self._room.keep(dock)) if on else None)
        self.add_action(Menu.VIEW, dock.toggleViewAction(), "panels" if visible else "more")
        return dock

    def dock(self, name: str) -> QDockWidget:
        return self._docks[name]

    def dock_widget(self, name: str) -> QWidget:
        dock = self._docks[name]
        if name not in self._made:
            self._made.add(name)
            dock.setWidget(self._factories[name]())
        widget = dock.widget()
        assert widget is not None
        return widget

    def show_dock(self, name: str) -> None:
        dock = self._docks[name]
        dock.show()
        dock.raise_()

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def show_status(self, text: str, ms: int = 4000) -> None:
        self.statusBar().showMessage(shown(text), ms)

    def when_closing(self, callback: Callable[[], object]) -> None:
        self.closing.connect(callback)

    # Building ---------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        self._menus: dict[Menu, QMenu] = {}
        self._ends: dict[tuple[Menu, str], QAction] = {}
        bar = self.menuBar()
        for menu, sections in SECTIONS.items():
            if menu is Menu.ESSAY:
                target = QMenu(self)  # a template: the reader copies its actions
            else:
                target = bar.addMenu(MENU_TITLES[menu])
            target.setObjectName(f"{menu.value}Menu")
            self._menus[menu] = target
            for section in sections:
                self._ends[(menu, section)] = target.addSeparator()  # each section's end

    def _section_end(self, menu: Menu, section: str) -> QAction:
        return self._ends[(menu, section or SECTIONS[menu][-1])]

    def _build_actions(self) -> None:
        sk, icon, mk = A.SK, A.action_icon, A.make_action
        files = self._files
        self.toolbar = self.add_toolbar("mainToolbar", "Main")
        self.act_new = mk(self, "&New Guide from Essay…", files.new_from_essay_dialog,
                          shortcut=sk.New, tip="Start a guide from an essay", name="actNew")
        self.act_open = mk(self, "&Open…", files.open_dialog, shortcut=sk.Open,
                           tip="Open a guide or an essay", icon=icon("open", "document-open"),
                           name="actOpen")
        self.act_save = mk(self, "&Save", files.save, shortcut=sk.Save, tip="Save the guide",
                           icon=icon("save", "document-save"), name="actSave")
        self.act_save_as = mk(self, "Save &As…", files.save_as, shortcut=sk.SaveAs,
                              tip="Save the guide under another name", name="actSaveAs")
        self.act_close = mk(self, "&Close Guide", files.close_guide, shortcut=sk.Close,
                            name="actClose")
        self.act_quit = mk(self, "&Quit", self.close, shortcut=sk.Quit, name="actQuit")
        if self.act_quit.shortcut().isEmpty():  # desktops whose theme names no Quit key
            self.act_quit.setShortcut("Ctrl+Q")
        self.act_undo, self.act_redo = A.undo_actions(self._session.undo_stack, self)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._update_recent_menu)  # a failed open drops one
        self.add_action(Menu.FILE, self.act_new, "open")
        self.add_action(Menu.FILE, self.act_open, "open", toolbar=True)
        self._menus[Menu.FILE].insertMenu(self._section_end(Menu.FILE, "open"), self.recent_menu)
        self.add_action(Menu.FILE, self.act_save, "save", toolbar=True)
        self.add_action(Menu.FILE, self.act_save_as, "save")
        self.add_action(Menu.FILE, self.act_close, "close")
        self.add_action(Menu.FILE, self.act_quit, "close")
        self.toolbar.addSeparator()
        self.add_action(Menu.EDIT, self.act_undo, "undo", toolbar=True)
        self.add_action(Menu.EDIT, self.act_redo, "undo", toolbar=True)
        self.toolbar.addSeparator()
        self.help = HelpMenu(self)
        self.reopen = ReopenLast(self)
        self._update_recent_menu()

    # Reacting -------------------------------------------------------------------------------

    def _on_reset(self) -> None:
        is_open = self._session.is_open
        page = self._essay_page if is_open and self._essay_page is not None else self.welcome
        self.pages.setCurrentWidget(page)
        for action in (self.act_save, self.act_save_as, self.act_close, *self._page_actions):
            action.setEnabled(is_open)
        if self._essay_page is not None:
            self._essay_page.show_page("essay")  # another guide starts on its essay
        if self._setup_done:
            self._room.set_empty(not is_open)
        self._update_title()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_handed_over(self, path: str) -> None:
        self.show_status(f"“{Path(path).name}” is open in another window: it was brought "
                         "forward.", 8000)

    def _on_opened(self, _path: str) -> None:
        self._update_recent_menu()
        self._essay.setFocus()  # ready to read and select

    def _on_saved(self, _path: str) -> None:
        self._update_title()
        self._update_recent_menu()
        self.show_status("Saved.", 3000)

    def _update_title(self) -> None:
        s = self._session
        name = s.display_name() if s.is_open else ""
        if name and s.path is None:
            name += " (not saved yet)"
        self.setWindowTitle(f"{title_text(name)}[*] — {APP_TITLE}" if name else APP_TITLE)
        self.setWindowModified(s.is_modified)

    def _update_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self._settings.recent_files(), self._files.open_path)

    def bring_forward(self) -> None:
        """Show this window above the others (another window asked to open its guide)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # Layout ---------------------------------------------------------------------------------

    def finish_setup(self) -> None:
        """Every feature is in: restore the saved layout, or arrange the docks' first places."""
        geometry = self._settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self._settings.get("window/state")
        if not state.isEmpty():
            self._layout_restored = self.restoreState(state)
        if not self._layout_restored:
            # Only on a first start: tabifying before restoring a saved layout left a stray
            # tab bar over the essay.
            for first, second in self._default_tabs:
                if first in self._docks and second in self._docks:
                    self.tabifyDockWidget(self._docks[first], self._docks[second])
                    self._docks[first].raise_()
        self._setup_done = True
        self._room.sized = self._layout_restored  # a restored layout keeps its sizes
        self._room.restored = state  # kept as it was if no guide shows the panels this time
        self._room.set_empty(not self._session.is_open)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._room.sized:
            # First start: the guide gets about a third of the window, the essay the rest
            # (now, or when a guide opens and the panels show).
            self._room.first_show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._room.resized(event.oldSize().width(), event.size().width())

    # Window events --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and is_openable(urls[0].toLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self._files.open_path(urls[0].toLocalFile())

    def close_without_asking(self) -> None:
        """Close now, no question (the app was told to stop; its work is in the recovery
        file)."""
        self._asking = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._asking and not self._files.maybe_save():
            event.ignore()
            return
        self._settings.set("window/geometry", self.saveGeometry())
        if not (state := self._room.state_to_save()).isEmpty():
            self._settings.set("window/state", state)
        self.closing.emit()
        self._settings.sync()
        self._files.release()
        event.accept()
