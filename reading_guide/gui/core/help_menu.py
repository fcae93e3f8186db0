"""The Help menu: the user guide, the keyboard shortcuts, About.

Each window opened from here is made on first use (none of them is on the start-up budget) and
brought forward when asked again; the shortcut list is made fresh each time, from the menus as
they are then (categories come and go with the guide).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reading_guide.gui.core.actions import SK, make_action
from reading_guide.gui.core.shell import Menu, WindowShell


class HelpMenu:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        window = shell.widget()
        self.act_manual = make_action(
            window, "Reading Guide &User Guide", self.show_manual, shortcut=SK.HelpContents,
            name="actManual", tip="How to prepare a session, with pictures (offline)")
        self.act_shortcuts = make_action(
            window, "&Keyboard Shortcuts", self.show_shortcuts, shortcut="Ctrl+/",
            name="actShortcuts", tip="Every shortcut of the menus")
        self.act_about = make_action(window, "&About Reading Guide", self.show_about,
                                     name="actAbout")
        for action in (self.act_manual, self.act_shortcuts, self.act_about):
            shell.add_action(Menu.HELP, action, "help")

    def show_manual(self) -> QWidget:
        from reading_guide.gui.core.manual import ManualDialog

        window = self.shell.widget()
        dialog = window.findChild(ManualDialog)
        if dialog is None:
            dialog = ManualDialog(window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_shortcuts(self) -> QWidget:
        from reading_guide.gui.core.shortcuts import ShortcutsDialog, shortcut_list

        window = self.shell.widget()
        old = window.findChild(ShortcutsDialog)
        if old is not None:  # the menus may have changed since it opened: a fresh list
            old.close()
            old.deleteLater()
        dialog = ShortcutsDialog(shortcut_list(self.shell.all_actions()), window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()  # in front and taking the keys, as the user guide does: Escape closes it
        dialog.activateWindow()
        return dialog

    def show_about(self) -> None:
        from reading_guide.gui.core.about import show_about

        show_about(self.shell.widget())
