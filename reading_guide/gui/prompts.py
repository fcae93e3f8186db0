"""Every question the app asks the user, in one replaceable object.

The window never calls QMessageBox or QFileDialog directly: it asks `Prompts`. The real one shows
native dialogs; tests pass one that records the question and answers from a script, so a test can
drive "close with unsaved work -> Save" without a blocking modal loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

GUIDE_FILTER = "Reading guides (*.guide.yaml *.yaml)"
ESSAY_FILTER = "Essays (*.md *.markdown *.txt *.html *.htm)"
OPEN_FILTER = (
    "Guides and essays (*.guide.yaml *.yaml *.md *.markdown *.txt *.html *.htm);;"
    f"{GUIDE_FILTER};;{ESSAY_FILTER};;All files (*)"
)


class Prompts:
    """Dialogs shown over `parent`. Each method returns the answer as plain Python."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel' for unsaved changes in `name`."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}” before closing it?")
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def delete_highlight(self, count: int) -> str:
        """'delete' (its questions too), 'keep' (as general questions) or 'cancel'."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete highlight")
        plural = "question" if count == 1 else "questions"
        box.setText(f"This highlight has {count} {plural}. What should happen to them?")
        delete = box.addButton(f"Delete the {plural}", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep as general questions", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        if clicked is delete:
            return "delete"
        if clicked is keep:
            return "keep"
        return "cancel"

    def overwrite_changed_file(self, path: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "File changed on disk",
            f"“{path}” was changed by another program since you opened it.\n"
            "Overwrite it with your version?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_path(self, folder: str, essays_only: bool = False) -> str | None:
        if essays_only:
            title, filters = "New guide from essay", f"{ESSAY_FILTER};;All files (*)"
        else:
            title, filters = "Open", OPEN_FILTER
        path, _ = QFileDialog.getOpenFileName(self.parent, title, folder, filters)
        return path or None

    def save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save guide as", suggested, GUIDE_FILTER)
        if not path:
            return None
        if not path.endswith((".yaml", ".yml")):
            path += ".guide.yaml"
        return path

    def export_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Export handout", suggested, "PDF (*.pdf)"
        )
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"
