"""The item the user is working on, shared by every view: the tree row, the editor, the outline
in the essay and the plan row all show the same one.

One object, not each view's own idea of it: when the item disappears (deleted, or its creation
undone) the selection goes with it, so the Edit panel can never keep showing a ghost that takes
keystrokes nobody keeps (issue 16), and a new guide starts with nothing selected.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.session import GuideSession

HIGHLIGHT = "highlight"
QUESTION = "question"


class Selected(NamedTuple):
    """What is selected: `kind` is "highlight", "question" or "" (nothing), with the item's id.
    `scroll`: bring it into view in the essay; `initiator`: the view that selected it."""

    kind: str = ""
    id: str = ""
    scroll: bool = False
    initiator: object | None = None

    @property
    def empty(self) -> bool:
        return not self.kind

    def same_item(self, other: Selected) -> bool:
        return (self.kind, self.id) == (other.kind, other.id)


class Selection(QObject):
    """Signals `changed(Selected)` whenever the selection is set (even to the same item)."""

    changed = Signal(object)

    def __init__(self, session: GuideSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.current = Selected()
        session.reset.connect(self.clear)
        session.changed.connect(self._on_changed)

    def select(self, kind: str, item_id: str, *, scroll: bool = True,
               initiator: object | None = None) -> None:
        if kind and not self.exists(kind, item_id):
            kind, item_id = "", ""
        self.current = Selected(kind, item_id, scroll, initiator)
        self.changed.emit(self.current)

    def clear(self) -> None:
        self.select("", "", scroll=False)

    def exists(self, kind: str, item_id: str) -> bool:
        guide = self._session.guide
        if kind == HIGHLIGHT:
            return guide.highlight(item_id) is not None
        if kind == QUESTION:
            return any(q.id == item_id for q in guide.questions)
        return False

    def highlight_id(self) -> str | None:
        """The highlight shown: the selected one, or the one the selected question is about."""
        current = self.current
        if current.kind == HIGHLIGHT:
            return current.id
        if current.kind == QUESTION:
            q = next((q for q in self._session.guide.questions if q.id == current.id), None)
            return q.highlight if q is not None else None
        return None

    def _on_changed(self, change: GuideChange) -> None:
        if change.what & Changed.ITEMS and not self.current.empty and not self.exists(
                self.current.kind, self.current.id):
            self.clear()  # its item is gone: nothing real to show or edit
