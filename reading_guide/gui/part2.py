"""Part 2 of the desktop app, added to a finished main window through its public attributes.

`install_part2(window)` adds the session plan and preview docks, the review queue, the menu
actions ("Update essay…", "Duplicate for a new session…", "Guide library…", "Preview",
"Session plan"), autosave with recovery on start, and changed-on-disk detection. The window keeps
one `Part2` object (`window.part2`) holding them, so tests and app.py can reach each feature.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reading_guide.gui.recovery import AUTOSAVE_MS, RecoveryController, app_data_folder


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
            session, data_dir / "recovery", maybe_save=window.files.maybe_save,
            report=window.prompts.error, window=window, delay_ms=autosave_ms,
        )
        self.docks: dict[str, QDockWidget] = {}
        self.actions: dict[str, QAction] = {}

    def add_dock(self, name: str, title: str, widget: Any, area: Qt.DockWidgetArea,
                 visible: bool) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.setVisible(visible)
        self.docks[name] = dock
        return dock


def install_part2(
    window: Any, *, data_dir: Path | None = None, autosave_ms: int = AUTOSAVE_MS,
    offer_restore: bool = True,
) -> None:
    """Add part 2 to `window` (a MainWindow); `data_dir` defaults to the user's data folder.

    With `offer_restore`, recovery files left by a crash are offered once the event loop runs.
    """
    part2 = Part2(window, data_dir or app_data_folder(), autosave_ms)
    window.part2 = part2
    if offer_restore:
        QTimer.singleShot(0, part2.recovery.offer_restore)
