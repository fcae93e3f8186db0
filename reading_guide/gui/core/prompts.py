"""Every question the app asks the user, in one replaceable object.

The window never calls QMessageBox or QFileDialog directly: it asks `Prompts`. The real one shows
native dialogs; tests pass one that records the question and answers from a script, so a test can
drive "close with unsaved work -> Save" without a blocking modal loop. Every message box is built
by `plain_box` (guide text and file names shown as plain text, never as markup) and shown by
`run`, which a test may replace to look at the real box without a modal loop.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from reading_guide.gui.core.plain_text import plain_box, shown
from reading_guide.render.formats import (
    ACCEPTED_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    HTML_EXTENSIONS,
    MARKDOWN_EXTENSIONS,
)


def _patterns(extensions: tuple[str, ...]) -> str:
    return " ".join(f"*{e}" for e in extensions)


# The dialogs' filters come from the one list of essay extensions (render/formats.py), so the
# Open dialog offers every file the importer reads, Word, OpenDocument, EPUB and PDF included.
GUIDE_FILTER = "Reading guides (*.guide.yaml *.yaml)"
ESSAY_FILTER = f"Essays and documents ({_patterns(ACCEPTED_EXTENSIONS)})"
TEXT_FILTER = f"Markdown, text and web pages ({_patterns(MARKDOWN_EXTENSIONS + HTML_EXTENSIONS)})"
DOCUMENT_FILTER = f"Word, OpenDocument, EPUB and PDF ({_patterns(DOCUMENT_EXTENSIONS)})"
OPEN_FILTER = (
    f"Guides and essays (*.guide.yaml *.yaml {_patterns(ACCEPTED_EXTENSIONS)});;"
    f"{GUIDE_FILTER};;{ESSAY_FILTER};;{TEXT_FILTER};;{DOCUMENT_FILTER};;All files (*)"
)
ESSAYS_ONLY_FILTER = f"{ESSAY_FILTER};;{TEXT_FILTER};;{DOCUMENT_FILTER};;All files (*)"

if TYPE_CHECKING:
    # Imported by each question when asked: naming QMessageBox or QFileDialog makes PySide
    # build them and their enums (~2 ms of start-up, bench/bench_startup.py).
    from PySide6.QtWidgets import QMessageBox, QWidget


class Prompts:
    """Dialogs shown over `parent`. Each method returns the answer as plain Python."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def run(self, box: QMessageBox) -> None:
        """Show `box` modally (tests replace this to look at the box without a modal loop)."""
        box.exec()

    def error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Warning, title, message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.run(box)

    def notice(self, title: str, message: str) -> None:
        """Something the user should know that is not an error."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Information, title, message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.run(box)

    def save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel' for unsaved changes in `name`."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Warning, "Unsaved changes",
                        f"Save the changes to “{name}” before closing it?",
                        "Your changes are lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self.run(box)
        answer = box.standardButton(box.clickedButton()) if box.clickedButton() else None
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def delete_highlight(self, count: int) -> str:
        """'delete' (its questions too), 'keep' (as general questions) or 'cancel'."""
        from PySide6.QtWidgets import QMessageBox

        plural = "question" if count == 1 else "questions"
        box = plain_box(self.parent, QMessageBox.Icon.Question, "Delete highlight",
                        f"This highlight has {count} {plural}. What should happen to them?")
        delete = box.addButton(f"Delete the {plural}", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep as general questions", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        self.run(box)
        clicked = box.clickedButton()
        if clicked is delete:
            return "delete"
        if clicked is keep:
            return "keep"
        return "cancel"

    def overwrite_changed_file(self, path: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Question, "File changed on disk",
                        f"“{path}” was changed by another program since you opened it.",
                        "Overwrite it with your version?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.run(box)
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def replace_file(self, path: str) -> bool:
        """True to replace a file that exists (a handout printed before) with a new export."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Question, "Replace file?",
                        f"“{path}” already exists.", "Replace it with the new handout?")
        replace = box.addButton("Replace", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(replace)
        self.run(box)
        return box.clickedButton() is replace

    def restore_unsaved(self, name: str, saved_at: float) -> str:
        """'restore', 'discard' or 'later' for work autosaved from `name` before a crash."""
        from PySide6.QtWidgets import QMessageBox

        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))
        box = plain_box(self.parent, QMessageBox.Icon.Question, "Recover unsaved work",
                        f"Reading Guide closed without saving changes to “{name}”.",
                        f"Autosaved {when}. Restore those changes?")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Decide Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        self.run(box)
        if box.clickedButton() is restore:
            return "restore"
        return "discard" if box.clickedButton() is discard else "later"

    def reload_changed(self, name: str, modified: bool) -> bool:
        """True to reload a guide another program changed, False to keep the open version."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.parent, QMessageBox.Icon.Warning, "Guide changed on disk",
                        f"“{name}” was changed by another program.",
                        "Reload it from disk, dropping your unsaved changes?" if modified
                        else "Reload it from disk?")
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep My Version", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        self.run(box)
        return box.clickedButton() is reload

    def open_path(self, folder: str, essays_only: bool = False) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        if essays_only:
            title, filters = "New guide from essay", ESSAYS_ONLY_FILTER
        else:
            title, filters = "Open", OPEN_FILTER
        path, _ = QFileDialog.getOpenFileName(self.parent, title, shown(folder), filters)
        return path or None

    def save_path(self, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.parent, "Save guide as", shown(suggested),
                                              GUIDE_FILTER)
        if not path:
            return None
        if not path.endswith((".yaml", ".yml")):
            path += ".guide.yaml"
        return path

    def export_path(self, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Export handout", shown(suggested), "PDF (*.pdf)"
        )
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"
