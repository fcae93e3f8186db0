"""The window's actions, menus and toolbar, built from one table.

Standard shortcuts come from QKeySequence.StandardKey, so each platform gets its own (Ctrl+S here,
Cmd+S on macOS). Category actions are rebuilt when categories change: Ctrl+1..Ctrl+9 follow the
order of the guide's categories.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from reading_guide.gui.core.plain_text import menu_text, shown
from reading_guide.gui.core.plain_text import tip as tip_markup
from reading_guide.gui.guide.panel import swatch
from reading_guide.model.guide import Category
from reading_guide.resources import resource_path

SK = QKeySequence.StandardKey
ASK_SHORTCUT = "Ctrl+Shift+A"


def make_action(
    parent: QObject, text: str, slot: Callable[[], object], *, shortcut: object = None,
    tip: str = "", icon: QIcon | None = None, name: str = "",
) -> QAction:
    """`text` is our own menu text (with & mnemonics); `tip` is plain text."""
    tip_text = tip
    action = QAction(text, parent)
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip_text:
        action.setStatusTip(shown(tip_text))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(tip_markup(f"{tip_text} ({keys})" if keys else tip_text))
    if icon is not None:
        action.setIcon(icon)
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def action_icon(name: str, theme_name: str) -> QIcon:
    """The desktop theme's icon `theme_name` (Linux desktops), else ours,
    resources/icons/actions/`name`.svg.

    Our own files rather than QStyle's standard pixmaps: those look different on every
    platform, and asking QStyle for one makes PySide build all of QStyle's enums (~4 ms of
    start-up, bench/bench_startup.py).
    """
    return QIcon.fromTheme(theme_name, QIcon(str(resource_path("icons", "actions", f"{name}.svg"))))


def category_actions(
    parent: QWidget, categories: list[Category], slot: Callable[[str], object]
) -> list[QAction]:
    """One action per category; the first nine get Ctrl+1..Ctrl+9."""
    actions = []
    for i, c in enumerate(categories):
        keys = f"Ctrl+{i + 1}" if i < 9 else None
        action = make_action(
            parent, menu_text(c.label), lambda cid=c.id: slot(cid), shortcut=keys,
            tip=f"Highlight the selection as “{c.label}”", icon=swatch(c.color, 14),
            name=f"highlight_{c.id}",
        )
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions.append(action)
    return actions


def fill_menu(menu: QMenu, items: list[QAction | None]) -> None:
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            menu.addAction(item)


def fill_toolbar(bar: QToolBar, items: list[QAction | None]) -> None:
    for item in items:
        if item is None:
            bar.addSeparator()
        else:
            bar.addAction(item)
