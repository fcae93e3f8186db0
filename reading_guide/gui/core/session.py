"""The open guide: the guide itself, its rendered essay, its file, and its undo stack.

One object owns "what is open", so every view looks at the same guide and learns about changes
from two signals, each with one meaning (DESIGN.md rule 2):
- `reset()`: another guide is open now (opened, closed, reloaded, duplicated, restored); every
  view starts over, selections included.
- `changed(GuideChange)`: the open guide changed (an edit, an undo, a redo); the change says what
  (flags) and who asked (the initiator), so each view redraws only that.
Every change goes through `push(edit)`, which makes it one undoable step, essay updates included;
the stack's clean state is the "modified" mark.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reading_guide.gui.core.changes import Changed, from_model
from reading_guide.gui.core.undo import GuideCommand
from reading_guide.model.guide import Essay, Guide
from reading_guide.render.document import Document

if TYPE_CHECKING:
    from reading_guide.model.edits import Change, Edit
    from reading_guide.render.repairs import Repair
    from reading_guide.storage.files import FileStamp


class GuideSession(QObject):
    """Signals `changed(GuideChange)` after each edit, undo or redo; `reset()` when another guide
    is open."""

    changed = Signal(object)
    reset = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guide: Guide = Guide()
        self.document: Document = Document.from_blocks([])
        self.path: Path | None = None  # None: never saved
        self.stamp: FileStamp | None = None  # the file's stamp as loaded or saved
        self.suggested_path: Path | None = None  # where Save As starts for a new guide
        self.repairs: list[Repair] = []  # import clean-up report of a freshly imported essay
        self.generation = 0  # counts the guides opened: work started on one is not applied
        self.undo_stack = QUndoStack(self)
        # The reader's document for each essay object the undo history holds (an essay update
        # computes the new one in a worker; undo gives the old one back without parsing again).
        self._documents: dict[int, tuple[Essay, Document]] = {}

    @property
    def is_open(self) -> bool:
        return bool(self.document.blocks)

    def load(
        self,
        guide: Guide,
        document: Document,
        path: Path | None,
        stamp: FileStamp | None = None,
        repairs: list[Repair] | None = None,
        suggested_path: Path | None = None,
        *,
        saved: bool = True,
    ) -> None:
        """Show another guide with a fresh undo history; `saved=False` for work that is not on
        disk yet (a duplicate, a restored recovery file): it starts modified."""
        self.guide = guide
        self.document = document
        self.path = path
        self.stamp = stamp
        self.repairs = list(repairs or [])
        self.suggested_path = suggested_path
        self.generation += 1
        self._documents = {id(guide.essay): (guide.essay, document)}
        self.undo_stack.clear()
        if saved:
            self.undo_stack.setClean()
        else:
            self.undo_stack.resetClean()  # no state of this stack is on disk
        self.reset.emit()

    def push(self, edit: Edit, initiator: object | None = None,
             document: Document | None = None) -> None:
        """Apply `edit` as one undoable step; a refused edit raises ValueError, changing nothing.

        `initiator` is the widget asking (it need not reload what it wrote); `document` is the
        reader's document for the essay an edit puts in place (an essay update)."""
        essay = self.guide.essay
        change = edit.apply(self.guide)
        if document is not None:
            self._documents[id(self.guide.essay)] = (self.guide.essay, document)
        self._documents.setdefault(id(essay), (essay, self.document))
        self.undo_stack.push(GuideCommand(edit, self, applied=True))
        self._announce(change, initiator, undoing=False)

    def apply_edit(self, edit: Edit) -> None:
        """Redo (the undo stack's call)."""
        self._announce(edit.apply(self.guide), None, undoing=True)

    def revert_edit(self, edit: Edit) -> None:
        """Undo (the undo stack's call)."""
        self._announce(edit.revert(self.guide), None, undoing=True)

    def _announce(self, change: Change, initiator: object | None, undoing: bool) -> None:
        announced = from_model(change, initiator, undoing)
        if announced.what & Changed.ESSAY:
            self.document = self._document_for(self.guide.essay)
        self.changed.emit(announced)

    def _document_for(self, essay: Essay) -> Document:
        known = self._documents.get(id(essay))
        if known is not None and known[0] is essay:
            return known[1]
        from reading_guide.render import parse

        document = parse(essay.text)
        self._documents[id(essay)] = (essay, document)
        return document

    def mark_saved(self, path: Path, stamp: FileStamp) -> None:
        self.path = path
        self.stamp = stamp
        self.undo_stack.setClean()

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.suggested_path is not None:
            return self.suggested_path.name
        return "Untitled guide"
