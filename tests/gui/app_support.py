"""Helpers for the app tests (no tests here): a real window whose dialogs answer from a script.

`make_window` builds the window as app.py does (the shell and every feature), with settings and
the per-user data folder in the test's folder; it returns app.AppWindow (`.shell` is the
QMainWindow, `.guide`, `.reader`, `.plan`... the features)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from reading_guide.app import AppWindow, build_window, create_application
from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data" / "gui"
ESSAY = DATA / "lighthouse.md"
# Three passages of ESSAY, in essay order, that the tests highlight and ask about.
PASSAGES = ("A lighthouse does not guide ships home", "The sea is patient",
            "care is mostly repetition")


class RecordingPrompts(Prompts):
    """Records every question and error; answers from attributes. No modal dialog ever opens."""

    def __init__(self) -> None:
        super().__init__(None)
        self.errors: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []
        self.asked: list[str] = []
        self.save_answer = "save"
        self.delete_answer = "keep"
        self.overwrite_answer = False
        self.next_open: str | None = None
        self.next_save: str | None = None
        self.next_export: str | None = None
        self.opened: list[str] = []  # PDFs the export opened in the viewer
        self.replace_answer = True  # replace a handout that exists

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def notice(self, title: str, message: str) -> None:
        self.notices.append((title, message))

    def save_changes(self, name: str) -> str:
        self.asked.append(f"save_changes:{name}")
        return self.save_answer

    def delete_highlight(self, count: int) -> str:
        self.asked.append(f"delete_highlight:{count}")
        return self.delete_answer

    def overwrite_changed_file(self, path: str) -> bool:
        self.asked.append(f"overwrite:{path}")
        return self.overwrite_answer

    def open_path(self, folder: str, essays_only: bool = False) -> str | None:
        self.asked.append("open_essay" if essays_only else "open_path")
        return self.next_open

    def save_path(self, suggested: str) -> str | None:
        self.asked.append(f"save_path:{suggested}")
        return self.next_save

    def export_path(self, suggested: str) -> str | None:
        return self.next_export

    def replace_file(self, path: str) -> bool:
        self.asked.append(f"replace:{path}")
        return self.replace_answer


class ScriptedPrompts(RecordingPrompts):
    """Recording prompts that discard unsaved work when asked and never overwrite."""

    def __init__(self) -> None:
        super().__init__()
        self.save_answer = "discard"


def make_window(qtbot: Any, tmp_path: Path, show: bool = True, *,
                prompts: RecordingPrompts | None = None, locks: GuideLocks | None = None,
                autosave_ms: int = 30_000, offer_restore: bool = False) -> AppWindow:
    """The real window as app.py builds it, settings and data in tmp_path, scripted prompts."""
    create_application()
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    prompts = prompts if prompts is not None else RecordingPrompts()
    window = build_window(settings, prompts=prompts, opener=prompts.opened.append, locks=locks,
                          data_dir=tmp_path / "data", autosave_ms=autosave_ms,
                          offer_restore=offer_restore)
    qtbot.addWidget(window.shell)
    window.shell.resize(1200, 800)
    if show:
        with qtbot.waitActive(window.shell):  # window shortcuts need an active window
            window.shell.show()
            window.shell.activateWindow()
    return window


def quiet_window(qtbot: Any, tmp_path: Path, **options: Any) -> AppWindow:
    """A window not shown, whose prompts discard unsaved work (the feature tests' window)."""
    options.setdefault("prompts", ScriptedPrompts())
    return make_window(qtbot, tmp_path, show=False, **options)


def click_at_offset(qtbot: Any, window: Any, offset: int, modifier=Qt.KeyboardModifier.NoModifier):
    """Click in the reader just at the caret position of `offset` (a reading-text code point)."""
    reader = window.reader.view
    reader.scroll_to(offset)
    rect = reader.offset_rect(offset)
    point = QPoint(rect.x(), rect.center().y())
    qtbot.mouseClick(reader.editor.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def select_with_mouse(qtbot: Any, window: Any, start: int, end: int) -> None:
    """Click at `start`, Shift+click at `end`: how a user selects without dragging."""
    click_at_offset(qtbot, window, start)
    click_at_offset(qtbot, window, end, Qt.KeyboardModifier.ShiftModifier)


def type_text(widget: QWidget, text: str) -> None:
    """Type text one key event at a time (qtbot.keyClicks crashes on non-ASCII)."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def press(qtbot: Any, window: Any, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's focus is (shortcuts resolve as for a real key press)."""
    target = QApplication.focusWidget() or window.shell
    qtbot.keyClick(target, key, modifier)


def ask_about(window: Any, passage: str) -> str:
    """Select `passage` in the essay and ask about it (Ctrl+Shift+A); the new question's id."""
    text = window.shell.session.document.text
    start = text.index(passage)
    window.reader.view.select_range(start, start + len(passage))
    question_id = window.guide.ask()
    assert question_id
    return question_id
