"""What the user does to a guide from the window: highlight, ask, delete, reorder.

Each operation turns the essay's selection or the selected item into one edit on the session
(undoable), then selects what it made or what is left, so the panel, editor and essay follow.
An operation on an item that no longer exists does nothing and says so: it never raises.
The edit classes (model/edits.py) are imported by the operations, on the first edit: a window
opened to read a guide never needs them (start-up, bench/bench_startup.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from reading_guide.gui.core.shell import WindowShell
from reading_guide.model.guide import Highlight, Position, Question

if TYPE_CHECKING:
    from reading_guide.model.edits import Edit

log = logging.getLogger(__name__)


class GuideOperations:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self.session = shell.session
        self.prompts = shell.prompts
        self.last_category: str = ""

    def _select(self, kind: str, item_id: str) -> None:
        self.shell.selection.select(kind, item_id, scroll=False, initiator=self)

    def _select_first(self, candidates: list[tuple[str, str]]) -> None:
        """After a delete: the first neighbour still there (as a mail program moves on to the
        next message), else nothing."""
        selection = self.shell.selection
        self._select(*next((c for c in candidates if selection.exists(*c)), ("", "")))

    def _notify(self, text: str) -> None:
        self.shell.show_status(text, 4000)

    def _collapse(self, offset: int) -> None:
        # The essay's selection shrinks to an offset once it became a highlight, so the
        # highlight shows in its colour and pressing the key again does not highlight it twice.
        self.shell.essay.select_range(offset, offset)

    def _push(self, edit: Edit) -> bool:
        try:
            self.session.push(edit, initiator=self)
        except ValueError as error:  # refused by the model: nothing changed
            log.warning("edit refused: %s", error)
            self._notify(f"Not done: {error}.")
            return False
        return True

    def _new_highlight(self, category_id: str) -> Highlight | None:
        span = self.shell.essay.selection_range()
        if span is None or span[0] >= span[1]:
            self._notify("Select a passage in the essay first.")
            return None
        from reading_guide.anchoring import describe_selection

        start, end = span
        guide = self.session.guide
        quote = describe_selection(self.session.document.text, start, end)
        return Highlight(guide.new_id("h"), category_id, quote, Position(start, end))

    def default_category(self) -> str:
        guide = self.session.guide
        if guide.category(self.last_category) is not None:
            return self.last_category
        return guide.categories[0].id if guide.categories else ""

    def highlight(self, category_id: str) -> str | None:
        """Highlight the selection in a category; the new highlight's id (None if no selection)."""
        from reading_guide.model.edits import AddHighlight

        if not self.session.is_open or self.session.guide.category(category_id) is None:
            return None
        h = self._new_highlight(category_id)
        if h is None or not self._push(AddHighlight(h, label="Highlight passage")):
            return None
        self.last_category = category_id
        assert h.position is not None
        self._collapse(h.position.end)
        self._select("highlight", h.id)
        return h.id

    def ask(self, current: tuple[str, str] | None) -> str | None:
        """"Ask about this passage": a highlight and a question on the selection; without a
        selection, a question about the selected highlight, or else a general question."""
        from reading_guide.model.edits import AddHighlight, AddQuestion, question_index_for

        if not self.session.is_open:
            return None
        guide = self.session.guide
        span = self.shell.essay.selection_range()
        if span is not None and span[0] < span[1]:
            category = self.default_category()
            if not category:
                self._notify("Add a category first (Guide ▸ Categories…).")
                return None
            h = self._new_highlight(category)
            assert h is not None
            q = Question(guide.new_id("q"), "", highlight=h.id)
            index = question_index_for(guide, span[0])
            if not self._push(AddHighlight(h, [q], question_index=index,
                                           label="Ask about passage")):
                return None
            self._collapse(span[1])
        else:
            highlight_id = None
            if current and current[0] == "highlight":
                highlight_id = current[1]
            elif current and current[0] == "question":
                q_current = next((q for q in guide.questions if q.id == current[1]), None)
                highlight_id = q_current.highlight if q_current else None
            h_obj = guide.highlight(highlight_id) if highlight_id else None
            if highlight_id and h_obj is None:
                self._notify("That passage is no longer in the guide.")
                return None
            q = Question(guide.new_id("q"), "", highlight=highlight_id)
            index = None
            if h_obj is not None and h_obj.position is not None:
                index = question_index_for(guide, h_obj.position.start)
            if not self._push(AddQuestion(q, index)):
                return None
        self._select("question", q.id)
        return q.id

    def new_general_question(self) -> str | None:
        """A question about the whole essay, last in the running order: Guide ▸ New General
        Question, the + on the tree's General questions group, the plan's add button."""
        from reading_guide.model.edits import AddQuestion

        if not self.session.is_open:
            return None
        q = Question(self.session.guide.new_id("q"), "")
        if not self._push(AddQuestion(q, None)):
            return None
        self._select("question", q.id)
        return q.id

    def highlights_in_selection(self) -> list[str]:
        """The highlights the essay's selection touches (or the one under its caret)."""
        span = self.shell.essay.selection_range(snap=False)
        if span is None:
            return []
        start, end = span
        found = []
        for h in self.session.guide.highlights:
            p = h.position
            if p is not None and p.start < max(end, start + 1) and start < p.end:
                found.append(h.id)
        return found

    def delete_in_essay(self) -> bool:
        """Delete pressed in the essay: the highlight under the selection (asking what to do
        with its questions, as the tree's Delete does); several or none: say so, delete
        nothing."""
        found = self.highlights_in_selection()
        selected = self.shell.selection.current
        if not found and selected.kind == "highlight" and not selected.empty:
            found = [selected.id]  # clicked a highlight (the caret may sit at its edge)
        if len(found) > 1:
            self._notify(f"The selection touches {len(found)} highlights: click one, then "
                         "press Delete.")
            return False
        if not found:
            self._notify("No highlight here to delete.")
            return False
        return self.delete_highlight(found[0])

    def delete_highlight(self, highlight_id: str) -> bool:
        from reading_guide.model.edits import RemoveHighlight

        guide = self.session.guide
        if guide.highlight(highlight_id) is None:
            return False
        count = len(guide.questions_for(highlight_id))
        keep = False
        if count:
            answer = self.prompts.delete_highlight(count)
            if answer == "cancel":
                return False
            keep = answer == "keep"
        neighbours = self.shell.selection.neighbours_of("highlight", highlight_id)
        if not self._push(RemoveHighlight(highlight_id, keep_questions=keep)):
            return False
        self._select_first(neighbours)
        return True

    def delete_question(self, question_id: str) -> bool:
        from reading_guide.model.edits import RemoveQuestion

        guide = self.session.guide
        q = next((q for q in guide.questions if q.id == question_id), None)
        if q is None:
            return False
        neighbours = self.shell.selection.neighbours_of("question", question_id)
        if not self._push(RemoveQuestion(question_id)):
            return False
        self._select_first(neighbours)  # its passage, else the next question
        return True

    def delete(self, current: tuple[str, str] | None) -> bool:
        if current is None:
            return False
        if current[0] == "highlight":
            return self.delete_highlight(current[1])
        return self.delete_question(current[1])

    def move_question(self, question_id: str, step: int) -> None:
        """One place earlier or later in the running order (the printed numbers), into the
        neighbouring stage at a stage's edge: what Alt+Up/Down does in the plan."""
        from reading_guide.model.session import ReorderQuestions, moved_in_plan

        guide = self.session.guide
        if not any(q.id == question_id for q in guide.questions):
            return
        order, stages = moved_in_plan(guide, question_id, step)
        if order == [q.id for q in guide.questions] and not stages:
            return
        if self._push(ReorderQuestions(order, stages, label="Move question")):
            self._select("question", question_id)
