"""What a change to the guide touched, and who made it: the one announcement every view hears.

Like Anki's operations (qt/aqt/operations: an operation's `OpChanges` and its `initiator`;
editcurrent.py reloads a note only when `handler is not self.editor`), a change carries a set of
flags saying what changed and the object that asked for it. A view redraws only what its flags
name, and the editor that typed a change does not reload what it just wrote.

The model's edits (model/edits.py) report what they touched as `Change(aspects, ids, structure,
field)`; `GuideSession` turns that into a `GuideChange` here, adding what the GUI needs to know
on top: whether the running order (question numbers) moved, and whether the essay itself did.
"""

from __future__ import annotations

from enum import Flag, auto
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reading_guide.model.edits import Change


class Changed(Flag):
    """What a change touched. Several flags at once is the rule (an added highlight with its
    question is HIGHLIGHTS | QUESTIONS | ITEMS | ORDER)."""

    NONE = 0
    HIGHLIGHTS = auto()  # a highlight's fields: category, note, status, position, quote
    QUESTIONS = auto()  # a question's fields: text, kind, minutes, follow-ups, notes...
    CATEGORIES = auto()  # labels, colours, marks (how highlights are drawn and named)
    META = auto()  # title, introduction, session, essay details (not its text)
    ESSAY = auto()  # the essay's text: the reader's document is another one
    ITEMS = auto()  # highlights or questions were added or removed (lists rebuild)
    ORDER = auto()  # the running order moved: question numbers may all have changed


_ASPECTS = {
    "highlights": Changed.HIGHLIGHTS,
    "questions": Changed.QUESTIONS,
    "categories": Changed.CATEGORIES,
    "meta": Changed.META,
    "essay": Changed.ESSAY,
}
# Question fields whose change moves the running order (numbers follow stage, then list order).
_ORDER_FIELDS = {"stage"}


class GuideChange(NamedTuple):
    """One announced change: `what` changed, for which `ids`, in which `field` (a field edit),
    by whom (`initiator`: the widget that asked, None for undo/redo or code)."""

    what: Changed
    ids: tuple[str, ...] = ()
    field: str = ""
    initiator: object | None = None
    undoing: bool = False  # an undo or redo: every view shows the guide again, editors too

    def touches(self, flags: Changed) -> bool:
        return bool(self.what & flags)


def from_model(change: Change, initiator: object | None = None,
               undoing: bool = False) -> GuideChange:
    """The GUI's announcement of a model edit's `Change`."""
    what = Changed.NONE
    for aspect in change.aspects:
        what |= _ASPECTS.get(aspect, Changed.NONE)
    if change.structure:
        what |= Changed.ITEMS
        if what & Changed.QUESTIONS:
            what |= Changed.ORDER
    if change.field in _ORDER_FIELDS and what & Changed.QUESTIONS:
        what |= Changed.ORDER
    if what & Changed.ESSAY:
        what |= Changed.ITEMS | Changed.ORDER | Changed.HIGHLIGHTS
    return GuideChange(what, tuple(change.ids), change.field, initiator, undoing)
