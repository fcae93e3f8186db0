"""The open guide: the guide itself, its rendered essay, its file, and its undo stack.

One object owns "what is open", so the window, the panel, the editors and the reader all look at
the same guide and learn about changes from one signal. Every change goes through `push(edit)`,
which makes it undoable (DESIGN.md rule 2); the stack's clean state is the "modified" mark.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reading_guide.gui.core.undo import GuideCommand
from reading_guide.model.guide import Guide
from reading_guide.render.document import Document

if TYPE_CHECKING:
    from reading_guide.model.edits import Change, Edit


class GuideSession(QObject):
    """Signals `changed(Change)` after each edit, undo or redo; `reset()` on opening a guide."""

    changed = Signal(object)
    reset = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guide: Guide = Guide()
        self.document: Document = Document.from_blocks([])
        self.path: Path | None = None  # None: never saved
        self.stamp: object | None = None  # storage.FileStamp of the file as loaded or saved
        self.suggested_path: Path | None = None  # where Save As starts for a new guide
        self.repairs: list = []  # import clean-up report of a freshly imported essay
        self.undo_stack = QUndoStack(self)

    @property
    def is_open(self) -> bool:
        return bool(self.document.blocks)

    def load(
        self,
        guide: Guide,
        document: Document,
        path: Path | None,
        stamp: object | None = None,
        repairs: list | None = None,
        suggested_path: Path | None = None,
    ) -> None:
        """Show another guide: a fresh undo history, clean unless it was never saved."""
        self.guide = guide
        self.document = document
        self.path = path
        self.stamp = stamp
        self.repairs = list(repairs or [])
        self.suggested_path = suggested_path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset.emit()

    def push(self, edit: Edit) -> None:
        """Apply `edit` as one undoable step; a refused edit raises ValueError, changing nothing."""
        change = edit.apply(self.guide)
        self.undo_stack.push(GuideCommand(edit, self, applied=True))
        self._announce(change)

    def apply_edit(self, edit: Edit) -> None:
        self._announce(edit.apply(self.guide))

    def revert_edit(self, edit: Edit) -> None:
        self._announce(edit.revert(self.guide))

    def _announce(self, change: Change) -> None:
        self.changed.emit(change)

    def mark_saved(self, path: Path, stamp: object) -> None:
        self.path = path
        self.stamp = stamp
        self.undo_stack.setClean()

    @property
    def is_modified(self) -> bool:
        # A guide started from an essay and never saved counts as modified once anything is in it.
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.suggested_path is not None:
            return self.suggested_path.name
        return "Untitled guide"
