"""Putting a question from the bank into the open guide: one edit, so one undo takes it out.

Three places a question can go, as the facilitator chooses:
- a general question (about the whole essay), from any guide on any essay;
- on the selected passage: a highlight already there, or the selected words (a new highlight in
  the category the question's passage had, added to the guide when it has no such category);
- on its own passage, when the anchoring engine finds that passage in this essay. Only what the
  engine calls `exact` or `fuzzy` counts as found (a `fuzzy` one is marked for the review queue);
  `review` (several equally likely places) and `orphan` are "not found".

Nothing here touches Qt or the session: each function returns an `Insertion` whose `edit` the
GUI pushes through GuideSession.push, and whose `message` it can show as it is.
`find_passage` runs the anchoring engine over the whole essay (milliseconds on an essay, up to a
second on a whole book with a passage that is not there): call it from a worker thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reading_guide.anchoring import describe_selection, place_highlights
from reading_guide.model import MARKS, Category, Guide, Highlight, Position, Quote
from reading_guide.model.edit_group import EditGroup
from reading_guide.model.edits import (
    AddCategory,
    AddHighlight,
    AddQuestion,
    Edit,
    new_category_id,
    question_index_for,
)
from reading_guide.model.guide import DEFAULT_CATEGORIES
from reading_guide.storage.bank_records import BankPassage, BankQuestion, question_key

LABEL = "Insert question from the bank"
FOUND = ("exact", "fuzzy")  # anchoring statuses that place a passage; the others do not
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")  # the file format's ids (storage.schema)
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}\Z")


@dataclass(frozen=True)
class Placement:
    """Where a question's passage is in this essay's reading text."""

    start: int
    end: int
    status: str  # exact | fuzzy


@dataclass(frozen=True)
class Insertion:
    edit: Edit  # push it through the session: one undo step
    question_id: str  # the new question's id in the guide (to select it)
    highlight_id: str | None  # the passage it is on (new or existing); None: a general question
    where: str  # general | highlight | selection | passage
    message: str  # one line for the status bar


def find_passage(question: BankQuestion, text: str) -> Placement | None:
    """Where `question`'s passage is in the reading text `text`, if the anchoring engine finds
    it there (`exact` or `fuzzy`); None when it has no passage or the passage is not found."""
    passage = question.passage
    if passage is None or not passage.exact or not text:
        return None
    scratch = Guide(highlights=[Highlight("h", "c", Quote(passage.exact, passage.prefix,
                                                           passage.suffix))])
    place_highlights(scratch, text)
    found = scratch.highlights[0]
    if found.position is None or found.anchor_status not in FOUND:
        return None
    return Placement(found.position.start, found.position.end, found.anchor_status)


def as_general(guide: Guide, question: BankQuestion, message: str = "") -> Insertion:
    qid = guide.new_id("q")
    edit = AddQuestion(question.as_question(qid, None), label=LABEL)
    return Insertion(edit, qid, None, "general", message or "Inserted as a general question.")


def at_highlight(guide: Guide, question: BankQuestion, highlight_id: str,
                 message: str = "Inserted on the selected passage.") -> Insertion:
    """On a highlight of the guide (ValueError when there is no such highlight)."""
    h = guide.highlight(highlight_id)
    if h is None:
        raise ValueError(f"no highlight with id {highlight_id!r}")
    qid = guide.new_id("q")
    index = question_index_for(guide, h.position.start) if h.position is not None else None
    edit = AddQuestion(question.as_question(qid, highlight_id), index, label=LABEL)
    return Insertion(edit, qid, highlight_id, "highlight", message)


def at_range(guide: Guide, question: BankQuestion, text: str, start: int, end: int,
             status: str = "exact", where: str = "selection") -> Insertion:
    """On text[start:end] of the reading text: the highlight already there, else a new one."""
    if not 0 <= start < end <= len(text):
        raise ValueError("choose a passage of at least one character in the essay")
    if where == "selection":
        message = "Inserted on the selected passage."
    elif status == "exact":
        message = "Inserted on its passage, found in this essay."
    else:
        message = ("Inserted on its passage, found in this essay with small differences: "
                   "check it in the review queue.")
    for h in guide.highlights:
        if h.position is not None and (h.position.start, h.position.end) == (start, end):
            return at_highlight(guide, question, h.id, message)
    edits: list[Edit] = []
    category_id, new_category = _category_for(guide, question.passage)
    if new_category is not None:
        edits.append(AddCategory(new_category))
    hid, qid = guide.new_id("h"), guide.new_id("q")
    passage = question.passage
    note = passage.note if passage is not None and where == "passage" else ""
    found = describe_selection(text, start, end)
    if where == "passage" and passage is not None and status != "exact":
        # The highlight's lifecycle (docs/FORMAT.md): the passage as a person chose it stays the
        # quote, and the words found here wait beside it (`placed`) until someone confirms them.
        highlight = Highlight(hid, category_id, Quote(passage.exact, passage.prefix,
                                                      passage.suffix), note=note)
        highlight.settle(status, Position(start, end), found)
    else:
        highlight = Highlight(hid, category_id, found, Position(start, end), note=note)
    edits.append(AddHighlight(highlight, [question.as_question(qid, hid)],
                              question_index_for(guide, start)))
    return Insertion(EditGroup(edits, LABEL), qid, hid, where, message)


def insertion(guide: Guide, text: str, question: BankQuestion, *,
              highlight_id: str | None = None, selection: tuple[int, int] | None = None,
              find: bool = True) -> Insertion:
    """The insertion a facilitator asked for: on the selected highlight, else on the selected
    words, else (with `find`) on the question's own passage found in this essay, else as a
    general question. `text` is the open guide's reading text (session.document.text)."""
    if highlight_id is not None:
        return at_highlight(guide, question, highlight_id)
    if selection is not None and selection[0] < selection[1]:
        return at_range(guide, question, text, *selection)
    if find and question.passage is not None:
        placed = find_passage(question, text)
        if placed is not None:
            return at_range(guide, question, text, placed.start, placed.end, placed.status,
                            "passage")
        return as_general(guide, question, "Its passage is not in this essay: inserted as a "
                                           "general question.")
    return as_general(guide, question)


def already_asked(guide: Guide, question: BankQuestion) -> bool:
    """Whether the guide already has this question (the same words, bank_records.question_key)."""
    key = question_key(question.text)
    return any(question_key(q.text) == key for q in guide.questions)


def _category_for(guide: Guide, passage: BankPassage | None) -> tuple[str, Category | None]:
    """The category a new highlight takes, and the category to add first (None: it exists).

    The passage's own category when the guide has it (by id, else by label); a copy of it when
    not; with no passage, the guide's first category (or the first default one, added)."""
    if passage is None or not passage.category_id:
        if guide.categories:
            return guide.categories[0].id, None
        first = DEFAULT_CATEGORIES[0]
        return first.id, Category(first.id, first.label, first.color, first.mark)
    if guide.category(passage.category_id) is not None:
        return passage.category_id, None
    label = passage.category_label or passage.category_id
    for c in guide.categories:
        if c.label.casefold() == label.casefold():
            return c.id, None
    cid = passage.category_id
    if not _ID.match(cid):
        cid = new_category_id(guide, label)
    color = passage.category_color if _COLOR.match(passage.category_color) else "#f2c94c"
    mark = passage.category_mark if passage.category_mark in MARKS else "underline"
    return cid, Category(cid, label, color, mark)
