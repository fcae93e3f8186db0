"""Render the main window with a guide open to a PNG (the screenshot command and the README)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reading_guide.errors import InputError
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import Settings


class _FailingPrompts(Prompts):
    """No dialogs in a screenshot: an error becomes an InputError, anything else a safe no."""

    def error(self, title: str, message: str) -> None:
        raise InputError(message)

    def save_changes(self, name: str) -> str:
        return "discard"


def render_screenshot(
    guide: Path, out: Path, size: tuple[int, int], dark: bool = False
) -> tuple[int, int]:
    """Write the picture; the size it has (larger than asked when the window cannot shrink)."""
    from reading_guide.app import build_window, create_application

    app = create_application()
    if dark:
        from reading_guide.gui.core.theme import dark_palette

        app.setPalette(dark_palette())
    folder = tempfile.mkdtemp(prefix="reading-guide-screenshot-")
    try:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = build_window(settings, prompts=_FailingPrompts(), opener=lambda _p: None,
                              restore_layout=False)
        from reading_guide.gui.part2 import install_part2

        install_part2(window, data_dir=Path(folder) / "data", offer_restore=False)
        window.resize(*size)
        window.show()
        window.files.open_path(guide)
        select_showcase_item(window)
        for _ in range(3):
            app.processEvents()
        picture = window.grab()
        if not picture.save(str(out), "PNG"):
            raise InputError("could not write the picture", file=out)
        actual = (picture.width(), picture.height())
        window.session.undo_stack.setClean()
        window.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    QApplication.processEvents()
    return actual


def select_showcase_item(window) -> None:
    """Select the first question about a passage (its highlight outlined), else a highlight."""
    guide = window.session.guide
    placed = {h.id: h for h in guide.highlights if h.position is not None}
    question = next((q for q in guide.questions if q.highlight in placed), None)
    if question is not None:
        window.select_item("question", question.id)
    elif placed:
        window.select_item("highlight", next(iter(placed)))
    window.panel.tree.setFocus()  # the selection shows in the active colour, no stray caret
