"""Making actions and icons the same way everywhere.

Standard shortcuts come from QKeySequence.StandardKey, so each platform gets its own (Ctrl+S here,
Cmd+S on macOS); a tip is plain text (shown escaped in the tool tip, literally in the status bar).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap, QUndoStack

from reading_guide.gui.core.plain_text import shown
from reading_guide.gui.core.plain_text import tip as tip_markup
from reading_guide.resources import resource_path

SK = QKeySequence.StandardKey
ASK_SHORTCUT = "Ctrl+Shift+A"


def make_action(
    parent: QObject, text: str, slot: Callable[[], object], *,
    shortcut: QKeySequence.StandardKey | str | None = None,
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


def undo_actions(stack: QUndoStack, parent: QObject) -> tuple[QAction, QAction]:
    """Edit ▸ Undo and Redo, named after the step they undo or redo; on the toolbar as icons
    only (their text grows long)."""
    undo = stack.createUndoAction(parent, "&Undo")
    undo.setShortcuts(SK.Undo)
    undo.setIcon(action_icon("undo", "edit-undo"))
    undo.setObjectName("actUndo")
    redo = stack.createRedoAction(parent, "&Redo")
    redo.setShortcuts(SK.Redo)
    redo.setIcon(action_icon("redo", "edit-redo"))
    redo.setObjectName("actRedo")
    for action in (undo, redo):
        action.setPriority(QAction.Priority.LowPriority)
    return undo, redo


def action_icon(name: str, theme_name: str) -> QIcon:
    """The desktop theme's icon `theme_name` (Linux desktops), else ours,
    resources/icons/actions/`name`.svg.

    Our own files rather than QStyle's standard pixmaps: those look different on every
    platform, and asking QStyle for one makes PySide build all of QStyle's enums (~4 ms of
    start-up, bench/bench_startup.py).
    """
    return QIcon.fromTheme(theme_name, QIcon(str(resource_path("icons", "actions", f"{name}.svg"))))


def swatch(color: str, size: int = 12) -> QIcon:
    """A small square of a category colour, for the tree, the toolbar and menus."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
