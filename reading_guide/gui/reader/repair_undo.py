"""Putting one import repair back: the essay's text as it was before that one change.

An import repair (render/repairs.py) records a short excerpt of the text before and after the
change. When the "after" excerpt is found exactly once in the guide's essay (its Markdown), that
place is the repair, and replacing it with the "before" excerpt undoes that repair alone; the
highlights are placed again by the anchoring engine, as Update Essay does, and the whole change
is one `ReplaceEssay` edit through the session (Undo restores the repaired text and the
highlights exactly). A repair that cannot be located that way (a grouped one, an excerpt cut
with "…", one the text no longer holds, a document clean-up such as running heads) is not
offered: guessing where it was could damage the essay.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reading_guide.model.guide import Guide
    from reading_guide.model.session import ReplaceEssay
    from reading_guide.render.document import Document
    from reading_guide.render.repairs import Repair


@dataclass(frozen=True)
class PutBack:
    edit: ReplaceEssay  # push with `document`
    document: Document


def reversible(markdown: str, repair: Repair) -> tuple[str, str] | None:
    """(after, before): the exact text to replace and what to put back, or None when this
    repair cannot be located for certain in `markdown`."""
    before, after = repair.before, repair.after
    if (repair.count != 1 or repair.where == "document" or not after or before == after
            or "…" in before or "…" in after or "\n\n" in after):
        return None
    if markdown.count(after) != 1:
        return None
    return after, before


def put_back(guide: Guide, old_text: str, repair: Repair, label: str) -> PutBack | None:
    """The edit that puts `repair` back in `guide`'s essay (None: not reversible)."""
    from reading_guide.anchoring import reanchor_guide
    from reading_guide.model.session import ReplaceEssay
    from reading_guide.render import parse

    found = reversible(guide.essay.text, repair)
    if found is None:
        return None
    after, before = found
    essay = copy.deepcopy(guide.essay)
    essay.text = guide.essay.text.replace(after, before, 1)
    document = parse(essay.text)
    twin = copy.deepcopy(guide)
    reanchor_guide(twin, essay, old_text, document.text)
    return PutBack(ReplaceEssay(twin.essay, twin.highlights, label=label), document)
