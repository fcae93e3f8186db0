"""Undo and redo show what they changed: the tree row, the Edit panel and the essay's outline
move to the item a step brought back, and to the neighbour of one a redone delete took away.

Undo returns to the selection from just before the step (so undoing a delete shows the item
again); redo to the one just after it (what the step made, or what its operation chose)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gui.app_support import ESSAY, PASSAGES, ask_about, make_window
from tests.gui.view_state import editor_shows_truth, tree_matches


def _highlight(window, passage: str) -> str:
    text = window.shell.session.document.text
    start = text.index(passage)
    window.reader.view.select_range(start, start + len(passage))
    hid = window.guide.ops.highlight(window.shell.session.guide.categories[0].id)
    assert hid
    return hid


def _shows(window, kind: str, item_id: str) -> bool:
    """Tree row, Edit panel and essay outline all on this item (or on nothing)."""
    selection = window.shell.selection
    if (selection.current.kind, selection.current.id) != (kind, item_id):
        return False
    panel = window.guide.panel.current()
    if panel != ((kind, item_id) if kind else None):
        return False
    outline = window.reader.view._current  # the highlight outlined in the essay
    return (outline == selection.highlight_id() and editor_shows_truth(window)
            and tree_matches(window))


def _window(qtbot, tmp_path: Path):
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    return window


def test_redo_ask_selects_the_question_it_brings_back(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    first = ask_about(window, PASSAGES[0])
    hid = window.shell.session.guide.questions[0].highlight
    second = ask_about(window, PASSAGES[2])
    stack = window.shell.session.undo_stack
    stack.undo()  # the second ask goes: back to the first question, selected before it
    assert _shows(window, "question", first)
    stack.redo()
    second_h = next(q.highlight for q in window.shell.session.guide.questions if q.id == second)
    assert _shows(window, "question", second) and window.reader.view._current == second_h
    window.shell.selection.select("highlight", hid)  # the user looks elsewhere meanwhile
    stack.undo()
    stack.redo()
    assert _shows(window, "question", second)


def test_redo_new_general_question_selects_it(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    hid = _highlight(window, PASSAGES[1])
    qid = window.guide.ops.new_general_question()
    assert _shows(window, "question", qid)
    stack = window.shell.session.undo_stack
    stack.undo()
    assert _shows(window, "highlight", hid)  # what was selected before the step
    stack.redo()
    assert _shows(window, "question", qid)


def test_undo_delete_shows_the_item_again_and_redo_moves_to_its_neighbour(
    qtbot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    first, second, third = (_highlight(window, p) for p in PASSAGES)
    window.shell.selection.select("highlight", second)
    assert window.guide.ops.delete_highlight(second)
    stack = window.shell.session.undo_stack
    stack.undo()
    assert _shows(window, "highlight", second)
    stack.redo()
    assert _shows(window, "highlight", third)  # the next one in the essay
    stack.undo()
    window.shell.selection.select("highlight", third)
    assert window.guide.ops.delete_highlight(third)  # the last one: its neighbour is before it
    stack.undo()
    assert _shows(window, "highlight", third)
    stack.redo()
    assert _shows(window, "highlight", second)
    assert first in {h.id for h in window.shell.session.guide.highlights}


def test_undo_and_redo_delete_question(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    qid = ask_about(window, PASSAGES[1])
    hid = window.shell.session.guide.questions[0].highlight
    window.guide.ops.delete_question(qid)
    assert _shows(window, "highlight", hid)
    stack = window.shell.session.undo_stack
    stack.undo()
    assert _shows(window, "question", qid)
    stack.redo()
    assert _shows(window, "highlight", hid)


def test_undoing_everything_ends_with_nothing_selected(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    ask_about(window, PASSAGES[0])
    stack = window.shell.session.undo_stack
    stack.setIndex(0)
    assert _shows(window, "", "")
    assert window.shell.selection.current.empty


def test_undo_and_redo_bring_the_passage_into_view_in_the_essay(qtbot, tmp_path: Path) -> None:
    """The essay scrolls to what an undo or redo brought back, as it does for a click in the
    tree: a facilitator sees the passage, not only its row."""
    sample = tmp_path / "sample.guide.yaml"  # a copy: closing the window saves it
    shutil.copy(Path(__file__).resolve().parents[2] / "guides" / "sample.guide.yaml", sample)
    window = make_window(qtbot, tmp_path)
    window.shell.resize(1024, 700)
    assert window.shell.files.open_path(sample)
    guide = window.shell.session.guide
    last = max((h for h in guide.highlights if h.position), key=lambda h: h.position.start)
    qid = window.guide.ops.ask(("highlight", last.id))
    bar = window.reader.view.editor.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    stack = window.shell.session.undo_stack
    stack.undo()
    bar.setValue(0)  # the user reads the beginning meanwhile
    stack.redo()
    assert _shows(window, "question", qid)
    assert bar.value() > 0  # scrolled down to the passage of the question brought back


def test_deleting_selects_the_neighbour_as_redoing_the_delete_does(qtbot, tmp_path: Path) -> None:
    """Delete moves on to the next highlight in the essay (the last one: the one before), the
    way a list in a mail program moves to the next message; a deleted general question to the
    next question. Redoing the delete lands on the same item as the delete did."""
    window = _window(qtbot, tmp_path)
    ids = [_highlight(window, p) for p in PASSAGES]
    window.shell.selection.select("highlight", ids[1])
    assert window.guide.ops.delete_highlight(ids[1])
    assert _shows(window, "highlight", ids[2])
    stack = window.shell.session.undo_stack
    stack.undo()
    assert _shows(window, "highlight", ids[1])
    stack.redo()
    assert _shows(window, "highlight", ids[2])
    assert window.guide.ops.delete_highlight(ids[2])  # the last: the one before it
    assert _shows(window, "highlight", ids[0])
    first, second = window.guide.ops.new_general_question(), window.guide.ops.new_general_question()
    window.shell.selection.select("question", first)
    assert window.guide.ops.delete_question(first)
    assert _shows(window, "question", second)
