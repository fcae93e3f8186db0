"""Random walks of edits, undos and redos through the real window: after every step the editor,
the tree and the plan show the guide's true state, no slot raises, no keystroke is lost.

Every edit kind a user can make is in the walk: highlighting, asking (about a selection or the
selected highlight), typing into every editor field, kind and stage, minutes, moving questions
(editor and plan), deleting (keeping or dropping questions), session length, categories,
guide details, placing a highlight from the review, selecting in the tree and the plan. A walk
is reproducible from its seed (printed on failure)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reading_guide.anchoring import describe_selection
from reading_guide.model.guide import QUESTION_KINDS, QUESTION_STAGES, Position
from reading_guide.model.session import PlaceHighlight
from tests.gui.app_support import ESSAY, make_window
from tests.gui.view_state import editor_shows_truth, plan_matches, tree_matches

STEPS = 70


class Walk:
    def __init__(self, window, seed: int) -> None:
        self.w = window
        self.rng = random.Random(seed)
        self.shell = window.shell
        self.session = window.shell.session
        self.log: list[str] = []

    # Picking ------------------------------------------------------------------------------

    def span(self) -> tuple[int, int]:
        text = self.session.document.text
        words = [i for i in range(1, len(text)) if text[i - 1].isspace() and text[i].isalpha()]
        start = self.rng.choice(words)
        end = min(len(text), start + self.rng.randint(4, 60))
        return start, end

    def question(self) -> str | None:
        qs = self.session.guide.questions
        return self.rng.choice(qs).id if qs else None

    def highlight(self) -> str | None:
        hs = self.session.guide.highlights
        return self.rng.choice(hs).id if hs else None

    # Steps --------------------------------------------------------------------------------

    def step(self) -> None:
        # Weighted so a guide grows to a dozen items and more, with undo all along.
        weighted = [(self.highlight_span, 3), (self.ask_span, 4), (self.ask_selected, 2),
                    (self.type_question, 3), (self.kind_and_stage, 4), (self.minutes, 2),
                    (self.follow_ups_and_note, 2), (self.highlight_fields, 2), (self.delete, 1),
                    (self.move, 2), (self.plan_step, 2), (self.plan_minutes, 1),
                    (self.session_length, 1), (self.categories, 1), (self.details, 1),
                    (self.place, 1), (self.select, 2), (self.undo, 3), (self.redo, 2)]
        actions = [a for a, _w in weighted]
        action = self.rng.choices(actions, weights=[w for _a, w in weighted])[0]
        self.log.append(action.__name__)
        action()
        QApplication.processEvents()

    def highlight_span(self) -> None:
        self.w.reader.view.select_range(*self.span())
        cats = self.session.guide.categories
        self.w.guide.ops.highlight(self.rng.choice(cats).id)

    def ask_span(self) -> None:
        self.w.reader.view.select_range(*self.span())
        self.w.guide.ask()

    def ask_selected(self) -> None:
        hid = self.highlight()
        if hid:
            self.w.reader.view.select_range(0, 0)
            self.shell.selection.select("highlight", hid)
            self.w.guide.ask()

    def _edit_question(self) -> str | None:
        qid = self.question()
        if qid:
            self.shell.selection.select("question", qid)
        return qid

    def type_question(self) -> None:
        qid = self._edit_question()
        if not qid:
            return
        box = self.w.guide.editors.question.text
        box.setFocus()
        box.moveCursor(box.textCursor().MoveOperation.End)
        typed = "".join(self.rng.choice("abc xyz?") for _ in range(self.rng.randint(1, 8)))
        QTest.keyClicks(box, typed)
        q = next(q for q in self.session.guide.questions if q.id == qid)
        assert q.text.endswith(typed), f"keystrokes lost: {q.text!r} after typing {typed!r}"

    def kind_and_stage(self) -> None:
        if not self._edit_question():
            return
        ed = self.w.guide.editors.question
        combo, values = self.rng.choice([(ed.kind, QUESTION_KINDS), (ed.stage, QUESTION_STAGES)])
        index = self.rng.randrange(len(values))
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def minutes(self) -> None:
        if self._edit_question():
            ed = self.w.guide.editors.question
            self.rng.choice([ed.minutes, ed.answer_lines]).setValue(self.rng.randint(0, 12))

    def follow_ups_and_note(self) -> None:
        if self._edit_question():
            ed = self.w.guide.editors.question
            box = self.rng.choice([ed.follow_ups, ed.note])
            box.setFocus()
            QTest.keyClicks(box, self.rng.choice(["why", "who else", "later"]))

    def highlight_fields(self) -> None:
        hid = self.highlight()
        if not hid:
            return
        self.shell.selection.select("highlight", hid)
        ed = self.w.guide.editors.highlight
        if self.rng.random() < 0.5:
            index = self.rng.randrange(ed.category.count())
            ed.category.setCurrentIndex(index)
            ed.category.activated.emit(index)
        else:
            ed.note.setFocus()
            QTest.keyClicks(ed.note, "note")

    def delete(self) -> None:
        self.shell.prompts.delete_answer = self.rng.choice(["keep", "delete"])
        kind = self.rng.choice(["highlight", "question"])
        item = self.highlight() if kind == "highlight" else self.question()
        if item:
            self.shell.selection.select(kind, item)
            self.w.guide.delete_current()

    def move(self) -> None:
        qid = self._edit_question()
        if qid:
            self.w.guide.ops.move_question(qid, self.rng.choice([-1, 1]))

    def plan_step(self) -> None:
        qid = self.question()
        if not qid:
            return
        plan = self.w.plan.plan
        if self.rng.random() < 0.5:
            plan.step(qid, self.rng.choice([-1, 1]))
        else:
            plan.move_to(qid, self.rng.choice(QUESTION_STAGES))

    def plan_minutes(self) -> None:
        qid = self.question()
        plan = self.w.plan.plan
        rows = [r for r in plan._rows() if r.data(0, 256) == qid]
        if rows:
            rows[0].setText(3, str(self.rng.randint(1, 20)))

    def session_length(self) -> None:
        self.w.plan.plan.length.setValue(self.rng.choice([0, 45, 60, 90]))

    def categories(self) -> None:
        from reading_guide.gui.guide.categories_dialog import CategoriesDialog

        dialog = CategoriesDialog(self.session, self.shell, pick_color=lambda _c: "#336699")
        if self.rng.random() < 0.5:
            dialog.add_category(f"Theme {self.rng.randint(1, 99)}")
        else:
            dialog.label.setText(f"Renamed {self.rng.randint(1, 99)}")
            dialog.label.editingFinished.emit()
        dialog.deleteLater()

    def details(self) -> None:
        from reading_guide.gui.guide.details_dialog import DetailsDialog

        dialog = DetailsDialog(self.session, self.shell)
        field = dialog.fields[("guide", "title")]
        text = f"Guide {self.rng.randint(1, 999)}"
        field.setText(text)
        field.textEdited.emit(text)
        dialog.deleteLater()

    def place(self) -> None:
        hid = self.highlight()
        if hid:
            start, end = self.span()
            quote = describe_selection(self.session.document.text, start, end)
            self.session.push(PlaceHighlight(hid, Position(start, end), quote))

    def select(self) -> None:
        if self.rng.random() < 0.5:
            qid = self.question()
            if qid:
                plan = self.w.plan.plan
                plan.select_question(qid)
        else:
            kind = self.rng.choice(["highlight", "question", ""])
            item = self.highlight() if kind == "highlight" else self.question()
            self.shell.selection.select(kind if item else "", item or "")

    def undo(self) -> None:
        for _ in range(self.rng.randint(1, 3)):
            self.session.undo_stack.undo()

    def redo(self) -> None:
        for _ in range(self.rng.randint(1, 2)):
            self.session.undo_stack.redo()

    # Checking -----------------------------------------------------------------------------

    def check(self) -> None:
        where = f"after {self.log[-6:]}"
        assert tree_matches(self.w), f"tree out of step {where}"
        assert plan_matches(self.w), f"plan out of step {where}"
        assert editor_shows_truth(self.w), f"editor out of step {where}"
        placed = sum(1 for h in self.session.guide.highlights if h.position is not None)
        assert len(self.w.reader.view._items) == placed, f"essay out of step {where}"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_edits_undos_and_redos_keep_every_view_true(
    qtbot, tmp_path: Path, seed: int
) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    window.plan.show()
    walk = Walk(window, seed)
    for _ in range(STEPS):
        walk.step()
        walk.check()
    # All the way back, and all the way forward again.
    stack = window.shell.session.undo_stack
    while stack.canUndo():
        stack.undo()
        walk.check()
    while stack.canRedo():
        stack.redo()
        walk.check()
    stack.setClean()
