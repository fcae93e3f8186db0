"""Shared helpers for the part 2 GUI tests (no tests here): a window with scripted prompts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import Settings


class ScriptedPrompts(Prompts):
    """Answers from attributes, records errors: no modal dialog ever opens in a test."""

    def __init__(self) -> None:
        super().__init__(None)
        self.errors: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []
        self.save_answer = "discard"

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def notice(self, title: str, message: str) -> None:
        self.notices.append((title, message))

    def save_changes(self, name: str) -> str:
        return self.save_answer

    def overwrite_changed_file(self, path: str) -> bool:
        return False


def make_window(qtbot: Any, tmp_path: Path, locks: Any = None, **part2: Any) -> Any:
    """The real main window (app.build_window) with part 2 installed, data in tmp_path."""
    from reading_guide.app import build_window
    from reading_guide.gui.part2 import install_part2

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(settings, prompts=ScriptedPrompts(), opener=lambda _p: None,
                          locks=locks)
    qtbot.addWidget(window)
    part2.setdefault("offer_restore", False)
    install_part2(window, data_dir=tmp_path / "data", **part2)
    return window
