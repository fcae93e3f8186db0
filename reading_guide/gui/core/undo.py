"""QUndoCommands wrapping the plain edits of reading_guide.model.edits.

The edit does the work; the command only hands it to the session, which applies it to the guide
and announces the change. QUndoStack merges consecutive commands with the same `id()`, and the
edit decides whether the merge makes sense (same field, both typing), so typing a question is one
undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reading_guide.model.edits import Edit


class EditTarget(Protocol):
    """Who applies an edit and announces it (the session): undo and redo go through it."""

    def apply_edit(self, edit: Edit) -> None: ...

    def revert_edit(self, edit: Edit) -> None: ...

TYPING_ID = 1001  # every typing edit shares this id; Edit.merge checks the target and field


class GuideCommand(QUndoCommand):
    def __init__(self, edit: Edit, session: EditTarget, *, applied: bool = False) -> None:
        super().__init__(edit.label)
        self.edit = edit
        self._session = session
        # The session applies the edit before pushing, so a refused edit never reaches the stack;
        # the push's own call to redo() must then not apply it twice.
        self._skip_redo = applied
        # What was selected just before the step and just after it, as (kind, id); kept by
        # core/selection.py so an undo shows the selection from before the step (a deleted item
        # comes back selected) and a redo the one after it (the item the step made).
        self.selected_before: tuple[str, str] | None = None
        self.selected_after: tuple[str, str] | None = None

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._session.apply_edit(self.edit)

    def undo(self) -> None:
        self._session.revert_edit(self.edit)

    def id(self) -> int:
        if self.edit.typing:
            return TYPING_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, GuideCommand):
            return False
        return self.edit.merge(other.edit)
