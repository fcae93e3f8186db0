"""Reopen the last guide on start (File ▸ Reopen Last Guide at Start, on by default).

A facilitator comes back to the guide they were preparing; the window opens first and the guide
after (never on the start-up budget, bench/bench_startup.py), and only when no other file was
named, no restored work is on show, and no dialog (the offer to restore work) is waiting.
A last guide that has gone is skipped without a question; one open in another window brings
that window forward, as opening it from the menu does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core.actions import make_action
from reading_guide.gui.core.shell import Menu, WindowShell
from reading_guide.storage.opening import GUIDE_SUFFIXES

SETTING = "files/reopen_last"
RETRY_MS = 300


class ReopenLast:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self.action = make_action(shell.widget(), "Reopen Last Guide at &Start", self._toggle,
                                  name="actReopenLast",
                                  tip="Open the guide you last used when Reading Guide starts")
        self.action.setCheckable(True)
        self.action.setChecked(shell.settings.get(SETTING))
        shell.add_action(Menu.FILE, self.action, "open")

    def _toggle(self) -> None:
        self.shell.settings.set(SETTING, self.action.isChecked())

    def last_guide(self) -> Path | None:
        """The most recent guide in the recent files, if the setting is on and it exists."""
        if not self.shell.settings.get(SETTING):
            return None
        for name in self.shell.settings.recent_files():
            path = Path(name)
            if path.suffix.lower() in GUIDE_SUFFIXES:
                return path if path.is_file() else None
        return None

    def start(self, tries: int = 20) -> None:
        """Once the event loop runs: open the last guide, unless something else is on show."""
        QTimer.singleShot(0, lambda: self._open(tries))

    def _open(self, tries: int) -> None:
        if self.shell.session.is_open:
            return  # restored work, or a file dropped meanwhile
        if QApplication.activeModalWidget() is not None:  # the offer to restore work
            if tries > 0:
                QTimer.singleShot(RETRY_MS, lambda: self._open(tries - 1))
            return
        path = self.last_guide()
        if path is not None:
            self.shell.files.open_path(path)  # open elsewhere: that window comes forward
