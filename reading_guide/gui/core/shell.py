"""The window as features see it: a typed protocol, not the window class.

A feature (gui/reader, gui/guide, gui/plan...) gets a `WindowShell` and builds itself into it:
docks by name, actions into named menus and sections, status widgets, the essay view. It never
finds a menu by its visible text, reads the window's private state or takes `Any`, so a feature
can be built against a test double, and the window can change without breaking the features.
The essay is reached through `EssayView` (the reader feature provides it) so the guide's edits
and the review queue use the reader's selection without importing the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

    from reading_guide.gui.core.files import FileController
    from reading_guide.gui.core.prompts import Prompts
    from reading_guide.gui.core.selection import Selection
    from reading_guide.gui.core.session import GuideSession
    from reading_guide.gui.core.settings import Settings


class Menu(StrEnum):
    """The window's menus, and the essay's context menu."""

    FILE = "file"
    EDIT = "edit"
    GUIDE = "guide"
    VIEW = "view"
    HELP = "help"
    ESSAY = "essay"  # the reader's context menu, below the copy/select actions


# Each menu's sections, top to bottom (a separator between sections that have items).
SECTIONS: dict[Menu, tuple[str, ...]] = {
    Menu.FILE: ("open", "library", "save", "share", "close"),
    Menu.EDIT: ("undo", "find"),
    Menu.GUIDE: ("mark", "items", "guide", "essay"),
    Menu.VIEW: ("pages", "panels", "more", "theme"),
    Menu.HELP: ("help",),
    Menu.ESSAY: ("mark", "items"),
}


class EssayView(Protocol):
    """The essay as other features use it: its selection in reading-text code points."""

    def selection_range(self, snap: bool = True) -> tuple[int, int] | None: ...

    def select_range(self, start: int, end: int) -> None: ...

    def scroll_to(self, offset: int) -> None: ...

    def setFocus(self) -> None: ...  # noqa: N802 (Qt's name)

    def hasFocus(self) -> bool:  # noqa: N802 (Qt's name)
        """The keyboard is in the essay (so Delete means the passage under the selection)."""
        ...


class NoEssay:
    """The essay view until the reader is installed: nothing is ever selected."""

    def selection_range(self, snap: bool = True) -> tuple[int, int] | None:
        return None

    def select_range(self, start: int, end: int) -> None:
        pass

    def scroll_to(self, offset: int) -> None:
        pass

    def setFocus(self) -> None:  # noqa: N802 (Qt's name)
        pass

    def hasFocus(self) -> bool:  # noqa: N802 (Qt's name)
        return False


class WindowShell(Protocol):
    """What a feature may use of the main window."""

    @property
    def session(self) -> GuideSession: ...

    @property
    def selection(self) -> Selection: ...

    @property
    def prompts(self) -> Prompts: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def files(self) -> FileController: ...

    @property
    def essay(self) -> EssayView: ...

    def widget(self) -> QMainWindow:
        """The window itself, as the parent of dialogs."""
        ...

    def set_essay(self, page: QWidget, view: EssayView) -> None:
        """The page shown while a guide is open (the welcome page otherwise) and its essay."""
        ...

    def add_action(self, menu: Menu, action: QAction, section: str = "",
                   toolbar: bool = False) -> None:
        """Put `action` in a section of `menu` (default: its last), and on the main toolbar;
        its shortcut works wherever the focus is in the window."""
        ...

    def add_submenu(self, menu: Menu, title: str, section: str = "") -> QMenu: ...

    def add_toolbar(self, name: str, title: str) -> QToolBar: ...

    def add_dock(self, name: str, title: str, factory: Callable[[], QWidget],
                 area: Qt.DockWidgetArea, *, visible: bool = False,
                 tab_with: str = "", lazy: bool = True) -> QDockWidget:
        """A dock whose widget `factory()` makes the first time it shows (or `dock_widget`
        asks), or at once when not `lazy`; on a first start it shares the place of dock
        `tab_with`."""
        ...

    def dock(self, name: str) -> QDockWidget: ...

    def add_page(self, name: str, title: str, factory: Callable[[], QWidget],
                 shortcut: str = "") -> QAction:
        """A tab beside the essay for a view that needs the window's width (the session plan),
        made on first show; its View-menu action (returned) brings it to the front."""
        ...

    def show_page(self, name: str) -> None:
        """Bring a page ("essay", "plan"...) to the front (while a guide is open)."""
        ...

    def page_widget(self, name: str) -> QWidget:
        """The widget of page `name`, made now if it never showed."""
        ...

    def dock_widget(self, name: str) -> QWidget:
        """The widget inside dock `name`, made now if it does not exist yet."""
        ...

    def show_dock(self, name: str) -> None: ...

    def add_status_widget(self, widget: QWidget) -> None: ...

    def show_status(self, text: str, ms: int = 4000) -> None: ...

    def menu(self, menu: Menu) -> QMenu: ...

    def action(self, name: str) -> QAction:
        """An action some feature added, by its object name (e.g. "actNewGeneral"), so a
        feature can offer another's action (a button in its panel) without importing it."""
        ...

    def all_actions(self) -> list[tuple[str, QAction]]:
        """Every action in the window's menus with the menu path it sits in ("Guide ▸
        Highlight As"), top to bottom: what Help ▸ Keyboard Shortcuts lists."""
        ...

    def when_closing(self, callback: Callable[[], object]) -> None:
        """Call `callback` when the window closes for good (the user agreed to close it)."""
        ...
