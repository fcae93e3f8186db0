"""What the user does to a guide from the window: highlight, ask, delete, reorder.

Each operation turns the reader's selection or the selected item into one edit on the session
(undoable), then says which item to select next, so the window, panel and editor follow along.
The edit classes (model/edits.py) are imported by the operations, on the first edit: a window
opened to read a guide never needs them (start-up, bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable

from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.reader.highlighter import HighlightPaint
from reading_guide.model.guide import Guide, Highlight, Position, Question

Selector = Callable[[str, str], None]  # select(kind, id) in the window


def paints_for(guide: Guide) -> list[HighlightPaint]:
    """What the reader draws: every placed highlight in its category's colour and mark."""
    paints = []
    for h in guide.highlights:
        if h.position is None:
            continue
        c = guide.category(h.category)
        paints.append(HighlightPaint(h.id, h.position.start, h.position.end,
                                     c.color if c else "#cccccc", c.mark if c else "underline"))
    return paints


def tooltip_for(guide: Guide, highlight_id: str) -> str:
    """Hovering a highlight shows its category and its questions, numbered as printed."""
    h = guide.highlight(highlight_id)
    if h is None:
        return ""
    c = guide.category(h.category)
    lines = [c.label if c else h.category]
    numbers = guide.question_numbers()
    lines += [f"Q{numbers[q.id]}. {q.text or '(new question)'}"
              for q in guide.questions_for(h.id)]
    return "\n".join(lines)


class GuideOperations:
    def __init__(
        self,
        session: GuideSession,
        prompts: Prompts,
        selection: Callable[[], tuple[int, int] | None],
        select: Selector,
        notify: Callable[[str], None],
        collapse: Callable[[int], None] | None = None,
    ) -> None:
        self.session = session
        self.prompts = prompts
        self._selection = selection
        self._select = select
        self._notify = notify  # a short message in the status bar
        # Collapses the reader's selection to an offset once it became a highlight, so the
        # highlight shows in its colour and pressing the key again does not highlight it twice.
        self._collapse = collapse or (lambda _offset: None)
        self.last_category: str = ""

    def _new_highlight(self, category_id: str) -> Highlight | None:
        span = self._selection()
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
        if h is None:
            return None
        self.session.push(AddHighlight(h, label="Highlight passage"))
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
        span = self._selection()
        if span is not None and span[0] < span[1]:
            category = self.default_category()
            if not category:
                self._notify("Add a category first (Guide ▸ Categories…).")
                return None
            h = self._new_highlight(category)
            assert h is not None
            q = Question(guide.new_id("q"), "", highlight=h.id)
            index = question_index_for(guide, span[0])
            self.session.push(AddHighlight(h, [q], question_index=index, label="Ask about passage"))
            self._collapse(span[1])
        else:
            highlight_id = None
            if current and current[0] == "highlight":
                highlight_id = current[1]
            elif current and current[0] == "question":
                q_current = next((q for q in guide.questions if q.id == current[1]), None)
                highlight_id = q_current.highlight if q_current else None
            q = Question(guide.new_id("q"), "", highlight=highlight_id)
            index = None
            h_obj = guide.highlight(highlight_id) if highlight_id else None
            if h_obj is not None and h_obj.position is not None:
                index = question_index_for(guide, h_obj.position.start)
            self.session.push(AddQuestion(q, index))
        self._select("question", q.id)
        return q.id

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
        self.session.push(RemoveHighlight(highlight_id, keep_questions=keep))
        self._select("", "")
        return True

    def delete_question(self, question_id: str) -> bool:
        from reading_guide.model.edits import RemoveQuestion

        guide = self.session.guide
        q = next((q for q in guide.questions if q.id == question_id), None)
        if q is None:
            return False
        self.session.push(RemoveQuestion(question_id))
        if q.highlight and guide.highlight(q.highlight) is not None:
            self._select("highlight", q.highlight)
        else:
            self._select("", "")
        return True

    def delete(self, current: tuple[str, str] | None) -> bool:
        if current is None:
            return False
        if current[0] == "highlight":
            return self.delete_highlight(current[1])
        return self.delete_question(current[1])

    def move_question(self, question_id: str, step: int) -> None:
        from reading_guide.model.edits import MoveQuestion

        guide = self.session.guide
        index = next((i for i, q in enumerate(guide.questions) if q.id == question_id), None)
        if index is None or not 0 <= index + step < len(guide.questions):
            return
        self.session.push(MoveQuestion(question_id, index + step))
        self._select("question", question_id)
