"""Putting an import repair back: the essay's text as it was before that change, or before every
change of a grouped one ("Removed links that went nowhere (12)"), as one undoable edit.

A repair made on the essay's Markdown keeps its exact changes (render/repairs.py `Change`);
`render/repair_changes.py` finds them in the essay as it is now, even after other repairs were
put back, and only for certain. A repair from before the Markdown existed keeps none; a single
one of those is still put back when its "after" excerpt is found exactly once in the essay and
no "…" cuts it (the way every Put Back worked before changes were kept). Either way the
highlights are placed again by the anchoring engine, as Update Essay does, and the whole change
is one `ReplaceEssay` edit through the session (Undo restores the repaired text and the
highlights exactly). Anything else is not offered, and the panel says why in words: guessing
where a change was could damage the essay.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reading_guide.render.repair_changes import (
    Placed,
    Span,
    is_put_back,
    locate_all,
    place_changes,
    put_back_text,
)

if TYPE_CHECKING:
    from reading_guide.model.guide import Guide
    from reading_guide.model.session import ReplaceEssay
    from reading_guide.render.document import Document
    from reading_guide.render.repairs import Repair

READY = "ready"  # it can be put back now
DONE = "done"  # it was put back (Undo brings the repair back)
CHANGED = "changed"  # it kept its changes, but the essay is not the imported one there any more
NOT_KEPT = "not kept"  # it kept no changes that could be put back exactly


@dataclass(frozen=True)
class PutBack:
    edit: ReplaceEssay  # push with `document`
    document: Document


class Placement:
    """Where the changes of every repair of a report stand in one essay text: computed once per
    text (the panel asks about each row), from the Markdown the import produced."""

    def __init__(self, text: str, imported: str, report: Sequence[Repair]) -> None:
        self.text = text
        self.placed: Placed = place_changes(text, imported, report)

    def spans(self, repair: Repair) -> list[Span] | None:
        """What to replace to put `repair` back, or None when it cannot be put back now."""
        if repair.changes:
            return locate_all(repair, self.placed)
        found = reversible(self.text, repair)
        if found is None:
            return None
        after, before = found
        start = self.text.index(after)
        return [(start, start + len(after), before)]

    def state(self, repair: Repair) -> str:
        """READY, DONE, CHANGED or NOT_KEPT (see above)."""
        if self.spans(repair) is not None:
            return READY
        if repair.changes:
            return DONE if is_put_back(repair, self.placed) else CHANGED
        if _excerpts_whole(repair) and self.text.count(repair.before) == 1:
            return DONE
        return NOT_KEPT


def _excerpts_whole(repair: Repair) -> bool:
    """A single repair whose excerpts are whole (no "…"): put back by its excerpts alone."""
    return (repair.count == 1 and repair.where != "document" and bool(repair.after)
            and repair.before != repair.after and "…" not in repair.before + repair.after
            and "\n\n" not in repair.after)


def reversible(markdown: str, repair: Repair) -> tuple[str, str] | None:
    """(after, before) for a repair without kept changes: the exact text to replace and what to
    put back, or None when it cannot be located for certain in `markdown`."""
    if repair.changes or not _excerpts_whole(repair) or markdown.count(repair.after) != 1:
        return None
    return repair.after, repair.before


def put_back(guide: Guide, old_text: str, spans: list[Span], label: str) -> PutBack:
    """The edit that writes `spans` (Placement.spans) into `guide`'s essay, highlights placed
    again on the new reading text."""
    from reading_guide.anchoring import reanchor_guide
    from reading_guide.model.session import ReplaceEssay
    from reading_guide.render import parse

    essay = copy.deepcopy(guide.essay)
    essay.text = put_back_text(guide.essay.text, spans)
    document = parse(essay.text)
    twin = copy.deepcopy(guide)
    reanchor_guide(twin, essay, old_text, document.text)
    return PutBack(ReplaceEssay(twin.essay, twin.highlights, label=label), document)
