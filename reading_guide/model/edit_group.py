"""Several edits as one undoable step.

Some user actions need more than one edit: inserting a question from the bank onto a passage
may add the passage's category, then the highlight with its question. Pushed one by one they
would take as many undos, and a refusal half way would leave half of them applied. An
`EditGroup` applies its edits in order and reverts them in reverse; if one is refused, those
already applied are reverted before the error goes on, so the guide is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reading_guide.model.edits import Change, Edit
from reading_guide.model.guide import Guide


def merged(changes: list[Change]) -> Change:
    """One Change saying what all of `changes` touched."""
    aspects: frozenset[str] = frozenset().union(*(c.aspects for c in changes))
    ids = tuple(dict.fromkeys(i for c in changes for i in c.ids))
    fields = {c.field for c in changes}
    return Change(aspects, ids, any(c.structure for c in changes),
                  fields.pop() if len(fields) == 1 else "")


@dataclass
class EditGroup(Edit):
    edits: list[Edit] = field(default_factory=list)
    label: str = "Edit"

    def apply(self, guide: Guide) -> Change:
        done: list[Edit] = []
        changes = []
        try:
            for edit in self.edits:
                changes.append(edit.apply(guide))
                done.append(edit)
        except BaseException:
            for edit in reversed(done):
                edit.revert(guide)
            raise
        return merged(changes)

    def revert(self, guide: Guide) -> Change:
        return merged([edit.revert(guide) for edit in reversed(self.edits)])
