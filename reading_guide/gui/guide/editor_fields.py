"""The fields the editors are made of: text boxes and spin boxes whose Undo and Redo keys go to
the window's undo stack (the guide's history, not a private one per box), two fields to a form
row (the editor fits 1024x700 with its buttons), and replacing a box's text without moving the
cursor when an undo reloads it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QWidget


class UndoKeysToWindow(QObject):
    """Send Undo/Redo keys past a text widget to the window's actions (the guide's undo stack),
    and count focus visits, so typing merges only within one visit to a field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.burst = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn:
            self.burst += 1
        elif event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                event.ignore()  # not overridden: the window's shortcut fires
                return True
        return False


def text_box(name: str, filt: UndoKeysToWindow, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setUndoRedoEnabled(False)
    box.setTabChangesFocus(True)
    box.installEventFilter(filt)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def spin_box(name: str, filt: UndoKeysToWindow) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.installEventFilter(filt)
    spin.lineEdit().installEventFilter(filt)
    return spin


def pair(first: QWidget, label: str, second: QWidget) -> QWidget:
    """Two fields on one form row, the second with its own label (its mnemonic still works)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    caption = QLabel(label)
    caption.setBuddy(second)
    layout.addWidget(caption)
    layout.addWidget(second, 1)
    return row


def out_of_tab_order(button: QPushButton) -> None:
    """Tab from the last field never lands on Delete (one Space away from losing the item): it
    takes a click, or the Delete key, which asks as the menu does."""
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


def set_plain(box: QPlainTextEdit, text: str) -> None:
    """Replace the text, keeping the cursor where it was (as far as the new text allows)."""
    if box.toPlainText() == text:
        return
    pos = box.textCursor().position()
    box.setPlainText(text)
    cursor = box.textCursor()
    cursor.setPosition(min(pos, len(text)))
    box.setTextCursor(cursor)
