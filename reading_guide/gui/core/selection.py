"""The item the user is working on, shared by every view: the tree row, the editor, the outline
in the essay and the plan row all show the same one.

One object, not each view's own idea of it: when the item disappears (deleted, or its creation
undone) the selection goes with it, so the Edit panel can never keep showing a ghost that takes
keystrokes nobody keeps (issue 16), and a new guide starts with nothing selected.

Undo and redo show what they changed, the way a list in a mail program does. Each step on the
undo stack (core/undo.GuideCommand) keeps the selection from just before it and the one just
after it (what the operation that pushed it selected: the question "Ask" made, the highlight a
deleted question was about). An undo returns to the selection from before the step, so an
undone delete shows the item again and an undone "Ask" the passage selected before; a redo to
the one after it, so a redone "Add question" shows that question. When that is nothing and the
redo took away the selected item (a redone "Delete highlight"), its neighbour is selected: the
next highlight in the essay (else the one before), for a question its passage, else the next
question in the running order (else the one before). A delete itself moves on the same way.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.undo import GuideCommand
from reading_guide.model.guide import Highlight

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
        # Undo and redo (see the module docstring).
        self._index = session.undo_stack.index()
        self._stepping = False  # an undo or redo is changing the guide; indexChanged ends it
        self._neighbours: list[tuple[str, str]] = []  # where to go if the selected item goes
        self._lost: list[tuple[str, str]] = []  # the neighbours from before the undo or redo
        self._pushed: tuple[GuideCommand, object] | None = None  # the last step and its maker
        session.reset.connect(self._on_reset)
        session.changed.connect(self._on_changed)
        session.undo_stack.indexChanged.connect(self._on_index)

    def select(self, kind: str, item_id: str, *, scroll: bool = True,
               initiator: object | None = None) -> None:
        if kind and not self.exists(kind, item_id):
            kind, item_id = "", ""
        self.current = Selected(kind, item_id, scroll, initiator)
        pushed = self._pushed
        if pushed is not None and initiator is not None and initiator is pushed[1]:
            pushed[0].selected_after = (kind, item_id)  # what the step's operation chose
        self._neighbours = self.neighbours_of(kind, item_id)
        self.changed.emit(self.current)

    def clear(self) -> None:
        self.select("", "", scroll=False)

    def _on_reset(self) -> None:
        """Another guide: nothing selected, and no step of the old one's history pending."""
        self._stepping, self._pushed, self._lost = False, None, []
        self._index = self._session.undo_stack.index()
        self.clear()

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
        if change.undoing:
            if not self._stepping:  # the first change of an undo or redo (setIndex: several)
                self._stepping = True
                self._lost = self._neighbours
            self._pushed = None
        else:
            self._remember_step(change)
        if change.what & Changed.ITEMS and not self.current.empty and not self.exists(
                self.current.kind, self.current.id):
            self.clear()  # its item is gone: nothing real to show or edit
        elif change.what & (Changed.ITEMS | Changed.ORDER | Changed.ESSAY):
            self._neighbours = self.neighbours_of(self.current.kind, self.current.id)

    def _remember_step(self, change: GuideChange) -> None:
        """A step was pushed: keep the selection from before it (and, until its operation
        selects something, as the one after it)."""
        stack = self._session.undo_stack
        command = stack.command(stack.index() - 1)
        if isinstance(command, GuideCommand) and command.selected_before is None:
            here = (self.current.kind, self.current.id)
            command.selected_before = command.selected_after = here
            self._pushed = (command, change.initiator)

    def _on_index(self, index: int) -> None:
        before, self._index = self._index, index
        if not self._stepping:
            return  # a push, or the stack cleared for another guide
        self._stepping = False
        lost, self._lost = self._lost, []
        stack = self._session.undo_stack
        undo = index < before
        command = stack.command(index if undo else index - 1)
        wanted = None
        if isinstance(command, GuideCommand):
            wanted = command.selected_before if undo else command.selected_after
        if wanted is not None and wanted[0] and not self.exists(*wanted):
            wanted = None
        if wanted is None or (not wanted[0] and not undo):
            # Nothing chosen after the step: keep what is shown, or go to the neighbour of
            # the item the step took away.
            wanted = next((n for n in lost if self.exists(*n)), None) if self.current.empty \
                else None
        if wanted is not None and wanted != (self.current.kind, self.current.id):
            self.select(*wanted, scroll=True)

    def neighbours_of(self, kind: str, item_id: str) -> list[tuple[str, str]]:
        """Where the selection goes when this item is taken away, best first (module docstring):
        by a redo, or by a delete, which asks before its step and selects the first that still
        exists after it."""
        guide = self._session.guide
        if kind == HIGHLIGHT:
            order = [h.id for h in sorted(guide.highlights, key=_place)]
            found: list[tuple[str, str]] = []
        elif kind == QUESTION:
            order = [q.id for q in guide.running_order()]
            q = next((q for q in guide.questions if q.id == item_id), None)
            found = [(HIGHLIGHT, q.highlight)] if q is not None and q.highlight else []
        else:
            return []
        if item_id not in order:
            return found
        i = order.index(item_id)
        return found + [(kind, x) for x in order[i + 1:i + 2] + order[max(0, i - 1):i]]


def _place(h: Highlight) -> tuple[bool, int, int]:
    """Essay order: placed highlights by position, then the ones not found (as the tree)."""
    if h.position is None:
        return (True, 0, 0)
    return (False, h.position.start, h.position.end)
