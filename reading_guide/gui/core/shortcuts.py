"""Help ▸ Keyboard Shortcuts: every shortcut the window has, read from its actions.

The list is never kept by hand: it walks the menus (and their submenus) as they are when the
dialog opens, so an action added by a feature, or a category renamed, shows up with its own
keys and text. Keys are shown in the platform's own words (Ctrl here, ⌘ on macOS).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain


class Shortcut(NamedTuple):
    where: str  # the menu path, "Guide ▸ Highlight As"
    text: str  # the action's text without its & mnemonic
    keys: str  # every key sequence, native text, ", " between


def plain_action_text(action: QAction) -> str:
    """The menu text as a user reads it: "&&" is a literal "&", a single "&" marks a mnemonic."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…")


def menu_actions(bar: QMenuBar) -> list[tuple[str, QAction]]:
    """Every action in the menu bar's menus, depth first, with the path of menus above it."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {plain_action_text(action)}")
            else:
                found.append((path, action))

    for top in bar.actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, plain_action_text(top))
    return found


# Keys of a few keyboards only ("Open", "Save", "Undo" keys of X11 multimedia keyboards), which
# StandardKey adds on Linux: listed, they read as words, not keys.
# So are F13-F20 after a first key (Sun keyboards' Undo is F14) and Exit (Quit's).
_DEVICE_KEYS = {Qt.Key.Key_New, Qt.Key.Key_Open, Qt.Key.Key_Save, Qt.Key.Key_Close,
                Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Find, Qt.Key.Key_Help,
                Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Paste, Qt.Key.Key_Print,
                Qt.Key.Key_Exit, *(getattr(Qt.Key, f"Key_F{n}") for n in range(13, 21))}


def keys_of(action: QAction) -> str:
    """The action's keys as a user types them, ", " between."""
    fmt = QKeySequence.SequenceFormat.NativeText
    device = {QKeySequence(key).toString(fmt) for key in _DEVICE_KEYS}
    keys = [k.toString(fmt) for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(k for i, k in enumerate(keys) if i == 0 or k.split("+")[-1] not in device)


def shortcut_list(actions: list[tuple[str, QAction]]) -> list[Shortcut]:
    """The actions that have a key, once each (an action sits in several menus)."""
    seen: set[int] = set()
    rows = []
    for where, action in actions:
        keys = keys_of(action)
        if not keys or id(action) in seen:
            continue
        seen.add(id(action))
        rows.append(Shortcut(where, plain_action_text(action), keys))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every shortcut, grouped by menu; not modal, so it can stay open."""

    def __init__(self, rows: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        intro = make_plain(QLabel(
            "Every shortcut of the menus. In the guide tree, Return edits the selected item; "
            "in an editor, Escape goes back to the essay."))
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("shortcutsTable")
        self.table.setColumnCount(2)
        self.table.setHeaderLabels(["Action", "Keys"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            group = groups.get(row.where)
            if group is None:
                group = groups[row.where] = QTreeWidgetItem(self.table, [row.where, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(group, [row.text, row.keys])
        self.table.expandAll()
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 560)
