"""Every change a user makes to a guide, as a plain-Python edit that can be applied and reverted.

DESIGN.md rule 2: each user change is one undoable command, and edits are testable without Qt. The
GUI wraps each `Edit` in a QUndoCommand (reading_guide/gui/undo.py); here an edit only knows how to
change a `Guide` and how to put it back. `apply` records what it needs to undo (an index, the old
value, the removed questions), so `revert` restores the guide exactly, order included.

Edits name their targets by id, never by object, so they stay valid after an undo re-inserts
objects. Each `apply`/`revert` returns a `Change` saying what moved, so views redraw only that
(the idea behind Anki's "operations").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reading_guide.model.edit_checks import (
    check_category,
    check_count,
    check_highlight,
    check_question,
    check_value,
)
from reading_guide.model.guide import (
    Category,
    Guide,
    Highlight,
    Question,
)

# Which object a SetField edit changes: a question, highlight or category by id, or the guide's
# own parts (title, session, essay metadata) with no id.
TARGETS = ("question", "highlight", "category", "guide", "session", "essay")

class Change(NamedTuple):
    """What an edit touched: `aspects` among highlights/questions/categories/meta, and the ids.

    `structure` is True when items were added, removed or reordered (a list view must rebuild);
    False when only fields of existing items changed (a view can update those items in place).
    """

    aspects: frozenset[str]
    ids: tuple[str, ...] = ()
    structure: bool = True
    field: str = ""


class Edit:
    """One undoable change. Subclasses set `label` (shown as "Undo <label>"); `typing` is True
    for a keystroke's edit of a text field, which merges with the next one (SetField)."""

    label = "Edit"
    typing = False

    def apply(self, guide: Guide) -> Change:
        raise NotImplementedError

    def revert(self, guide: Guide) -> Change:
        raise NotImplementedError

    def merge(self, other: Edit) -> bool:
        """Absorb a following edit into this one (typing in one field is one undo step)."""
        return False


def _index_of(items: list[Any], item_id: str, what: str) -> int:
    for i, item in enumerate(items):
        if item.id == item_id:
            return i
    raise KeyError(f"no {what} with id {item_id!r}")


@dataclass
class AddHighlight(Edit):
    """Add a highlight and maybe questions about it, as one step ("Ask about this passage")."""

    highlight: Highlight
    questions: list[Question] = field(default_factory=list)
    question_index: int | None = None  # where the questions go in the running order; None: end
    label: str = "Add highlight"

    def apply(self, guide: Guide) -> Change:
        if guide.highlight(self.highlight.id) is not None:
            raise ValueError(f"highlight id {self.highlight.id!r} already in use")
        if guide.category(self.highlight.category) is None:
            raise ValueError(f"no category with id {self.highlight.category!r}")
        check_highlight(self.highlight)
        check_count(guide, "highlights", 1)
        check_count(guide, "questions", len(self.questions))
        for q in self.questions:
            check_question(q)
        guide.highlights.append(self.highlight)
        index = len(guide.questions) if self.question_index is None else self.question_index
        guide.questions[index:index] = self.questions
        ids = (self.highlight.id, *(q.id for q in self.questions))
        return Change(frozenset({"highlights", "questions"}), ids)

    def revert(self, guide: Guide) -> Change:
        guide.highlights.pop(_index_of(guide.highlights, self.highlight.id, "highlight"))
        for q in self.questions:
            guide.questions.pop(_index_of(guide.questions, q.id, "question"))
        ids = (self.highlight.id, *(q.id for q in self.questions))
        return Change(frozenset({"highlights", "questions"}), ids)


@dataclass
class RemoveHighlight(Edit):
    """Remove a highlight; its questions are deleted or kept as general questions."""

    highlight_id: str
    keep_questions: bool = False
    label: str = "Delete highlight"
    _index: int = field(default=-1, init=False, repr=False)
    _highlight: Highlight | None = field(default=None, init=False, repr=False)
    _questions: list[tuple[int, Question]] = field(default_factory=list, init=False, repr=False)
    _notes: list[str] = field(default_factory=list, init=False, repr=False)

    def apply(self, guide: Guide) -> Change:
        self._index = _index_of(guide.highlights, self.highlight_id, "highlight")
        self._highlight = guide.highlights.pop(self._index)
        self._questions = [
            (i, q) for i, q in enumerate(guide.questions) if q.highlight == self.highlight_id
        ]
        self._notes = [q.facilitator_note for _, q in self._questions]
        if self.keep_questions:
            # The passage and its private note would otherwise vanish with the highlight: they
            # move into each kept question's facilitator note.
            h = self._highlight
            moved = f"Was about “{h.quote.exact}”."
            if h.note:
                moved += f" Highlight note: {h.note}"
            for _, q in self._questions:
                q.highlight = None
                q.facilitator_note = "\n\n".join(filter(None, (q.facilitator_note, moved)))
        else:
            for i, _ in reversed(self._questions):
                guide.questions.pop(i)
        ids = (self.highlight_id, *(q.id for _, q in self._questions))
        return Change(frozenset({"highlights", "questions"}), ids)

    def revert(self, guide: Guide) -> Change:
        assert self._highlight is not None, "revert before apply"
        guide.highlights.insert(self._index, self._highlight)
        for (i, q), note in zip(self._questions, self._notes, strict=True):
            # ascending: each goes back to its old running-order place
            q.highlight = self.highlight_id
            q.facilitator_note = note
            if not self.keep_questions:
                guide.questions.insert(i, q)
        ids = (self.highlight_id, *(q.id for _, q in self._questions))
        return Change(frozenset({"highlights", "questions"}), ids)


@dataclass
class AddQuestion(Edit):
    """Add a question at `index` in the running order (default: the end)."""

    question: Question
    index: int | None = None
    label: str = "Add question"

    def apply(self, guide: Guide) -> Change:
        if self.question.highlight is not None and guide.highlight(self.question.highlight) is None:
            raise ValueError(f"no highlight with id {self.question.highlight!r}")
        if any(q.id == self.question.id for q in guide.questions):
            raise ValueError(f"question id {self.question.id!r} already in use")
        check_question(self.question)
        check_count(guide, "questions", 1)
        index = len(guide.questions) if self.index is None else self.index
        guide.questions.insert(index, self.question)
        return Change(frozenset({"questions"}), (self.question.id,))

    def revert(self, guide: Guide) -> Change:
        guide.questions.pop(_index_of(guide.questions, self.question.id, "question"))
        return Change(frozenset({"questions"}), (self.question.id,))


@dataclass
class RemoveQuestion(Edit):
    question_id: str
    label: str = "Delete question"
    _index: int = field(default=-1, init=False, repr=False)
    _question: Question | None = field(default=None, init=False, repr=False)

    def apply(self, guide: Guide) -> Change:
        self._index = _index_of(guide.questions, self.question_id, "question")
        self._question = guide.questions.pop(self._index)
        return Change(frozenset({"questions"}), (self.question_id,))

    def revert(self, guide: Guide) -> Change:
        assert self._question is not None, "revert before apply"
        guide.questions.insert(self._index, self._question)
        return Change(frozenset({"questions"}), (self.question_id,))


@dataclass
class MoveQuestion(Edit):
    """Move a question to `to_index` in the running order (the numbering of every handout)."""

    question_id: str
    to_index: int
    label: str = "Move question"
    _from: int = field(default=-1, init=False, repr=False)

    def apply(self, guide: Guide) -> Change:
        self._from = _index_of(guide.questions, self.question_id, "question")
        q = guide.questions.pop(self._from)
        to = max(0, min(self.to_index, len(guide.questions)))
        guide.questions.insert(to, q)
        return Change(frozenset({"questions"}), (self.question_id,))

    def revert(self, guide: Guide) -> Change:
        q = guide.questions.pop(_index_of(guide.questions, self.question_id, "question"))
        guide.questions.insert(self._from, q)
        return Change(frozenset({"questions"}), (self.question_id,))


def _target_object(guide: Guide, target: str, target_id: str | None) -> Any:
    if target == "question":
        return guide.questions[_index_of(guide.questions, target_id or "", "question")]
    if target == "highlight":
        return guide.highlights[_index_of(guide.highlights, target_id or "", "highlight")]
    if target == "category":
        return guide.categories[_index_of(guide.categories, target_id or "", "category")]
    if target == "guide":
        return guide
    if target == "session":
        return guide.session
    if target == "essay":
        return guide.essay
    raise ValueError(f"unknown target {target!r}")


_ASPECT = {"question": "questions", "highlight": "highlights", "category": "categories"}


@dataclass
class SetField(Edit):
    """Set one field of one object; with `typing=True` consecutive edits of one field merge."""

    target: str
    target_id: str | None
    name: str
    value: Any
    typing: bool = False
    # Typing merges only within one visit to the field: the editor starts a new burst each time
    # the field gains focus, so coming back to a field later is a separate undo step.
    burst: int = 0
    label: str = ""
    _old: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.target == "highlight" and self.name == "status" and self.value is not None:
            # Statuses are set by anchoring (docs/FORMAT.md, "Highlight lifecycle"); a person
            # only confirms a placement, which is setting it to None.
            raise ValueError("a highlight's status can only be cleared (confirming its placement)")
        check_value(self.target, self.name, self.value)
        if not self.label:
            self.label = f"Change {self.name.replace('_', ' ')}"

    def _change(self) -> Change:
        aspect = _ASPECT.get(self.target, "meta")
        aspects = {aspect}
        if self.target == "question" and self.name == "highlight":
            aspects.add("highlights")
        ids = (self.target_id,) if self.target_id else ()
        structural = self.target == "question" and self.name == "highlight"
        return Change(frozenset(aspects), ids, structure=structural, field=self.name)

    def apply(self, guide: Guide) -> Change:
        obj = _target_object(guide, self.target, self.target_id)
        if self.target == "highlight" and self.name == "category":
            if guide.category(self.value) is None:
                raise ValueError(f"no category with id {self.value!r}")
        if self.target == "highlight" and self.name == "status":
            # Confirming a placement also makes the placed text the highlight's quote.
            self._old = copy.deepcopy((obj.status, obj.quote, obj.placed, obj.reason))
            obj.confirm()
            return self._change()
        self._old = copy.deepcopy(getattr(obj, self.name))
        setattr(obj, self.name, copy.deepcopy(self.value))
        return self._change()

    def revert(self, guide: Guide) -> Change:
        obj = _target_object(guide, self.target, self.target_id)
        if self.target == "highlight" and self.name == "status":
            obj.status, obj.quote, obj.placed, obj.reason = copy.deepcopy(self._old)
            return self._change()
        setattr(obj, self.name, copy.deepcopy(self._old))
        return self._change()

    def merge(self, other: Edit) -> bool:
        if not (isinstance(other, SetField) and self.typing and other.typing):
            return False
        mine = (self.target, self.target_id, self.name, self.burst)
        if mine != (other.target, other.target_id, other.name, other.burst):
            return False
        self.value = copy.deepcopy(other.value)  # keep our _old: one step back to before typing
        return True


@dataclass
class AddCategory(Edit):
    category: Category
    label: str = "Add category"

    def apply(self, guide: Guide) -> Change:
        if guide.category(self.category.id) is not None:
            raise ValueError(f"category id {self.category.id!r} already in use")
        check_category(self.category)
        check_count(guide, "categories", 1)
        guide.categories.append(self.category)
        return Change(frozenset({"categories"}), (self.category.id,))

    def revert(self, guide: Guide) -> Change:
        guide.categories.pop(_index_of(guide.categories, self.category.id, "category"))
        return Change(frozenset({"categories"}), (self.category.id,))


def question_index_for(guide: Guide, start: int) -> int:
    """Where a new question about a passage at `start` goes so the running order follows the essay.

    After the last question about a passage that starts at or before `start`; failing that, before
    the first question about a later passage; failing that (no passage questions), at the end.
    """
    starts = {h.id: h.position.start for h in guide.highlights if h.position is not None}
    after = None
    before = None
    for i, q in enumerate(guide.questions):
        s = starts.get(q.highlight or "")
        if s is None:
            continue
        if s <= start:
            after = i + 1
        elif before is None:
            before = i
    if after is not None:
        return after
    if before is not None:
        return before
    return len(guide.questions)


def new_category_id(guide: Guide, label: str) -> str:
    """A short, readable, unused id from a label: "Key claim" -> "key-claim" (then -2, -3...)."""
    # ASCII letters and digits only, as the file's ids are (model/fields.py): accents are taken
    # off first ("Clé" -> "cle"); a label with no Latin letters gives "category".
    import unicodedata  # only when a category is added: not at start-up

    plain = "".join(c for c in unicodedata.normalize("NFKD", label.lower())
                    if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()
    base = "-".join(words)[:40].strip("-") or "category"
    used = {c.id for c in guide.categories}
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
