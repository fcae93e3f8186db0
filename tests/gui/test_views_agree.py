"""The Edit panel follows its subject, and the tree, the plan and the editor always agree with
the guide (issue 16). Each bug a new user found driving the window has its test here:
typing into a ghost, "Ask about it" raising ValueError, two "Q1." in the tree after a stage
change, a resolved highlight left grey, the tree differing once the guide is reopened, and a
row left selected beside an empty editor after Reload or Duplicate."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest

from reading_guide.model.edits import SetField
from reading_guide.storage import load_guide, save_guide
from tests.gui.app_support import ESSAY, PASSAGES, ask_about, make_window
from tests.gui.view_state import editor_shows_truth, plan_labels, tree_labels, tree_matches


def test_undoing_the_question_on_show_empties_the_editor(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    ask_about(window, PASSAGES[1])
    editors = window.guide.editors
    assert editors.currentWidget() is editors.question
    window.shell.session.undo_stack.undo()
    assert editors.currentWidget() is editors.empty
    assert window.guide.panel.current() is None
    # Keys reaching the hidden editor change nothing (there is nothing real to edit).
    stack = window.shell.session.undo_stack
    count = stack.count()
    QTest.keyClicks(editors.question.text, "lost words")
    assert stack.count() == count and not editors.question.isEnabled()
    assert not any("lost" in q.text for q in window.shell.session.guide.questions)


def test_ask_about_a_highlight_undone_meanwhile_raises_nothing(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    text = window.shell.session.document.text
    start = text.index(PASSAGES[1])
    window.reader.view.select_range(start, start + len(PASSAGES[1]))
    hid = window.guide.ops.highlight(window.shell.session.guide.categories[0].id)
    assert hid and window.guide.editors.currentWidget() is window.guide.editors.highlight
    window.shell.session.undo_stack.undo()
    assert window.guide.editors.currentWidget() is window.guide.editors.empty
    window.guide.editors.askAbout.emit(hid)  # "Ask about it" from a stale editor
    assert window.shell.session.guide.questions == []
    assert "no longer" in window.shell.statusBar().currentMessage()


def test_a_stage_change_renumbers_tree_plan_and_editor(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    first, second = ask_about(window, PASSAGES[0]), ask_about(window, PASSAGES[2])
    window.shell.selection.select("question", second)
    stage = window.guide.editors.question.stage
    stage.setCurrentIndex(0)  # opening: the second question now comes first
    stage.activated.emit(0)
    numbers = window.shell.session.guide.question_numbers()
    assert (numbers[second], numbers[first]) == (1, 2)
    labels = [label for label in tree_labels(window) if label.startswith("Q")]
    assert sorted(label.split(".")[0] for label in labels) == ["Q1", "Q2"]
    assert plan_labels(window) == {"Q1": second, "Q2": first}
    assert window.guide.editors.question.heading.text().startswith("Question 1 ")
    assert tree_matches(window) and editor_shows_truth(window)


def test_a_highlight_placed_by_review_is_no_longer_grey(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    guide = load_guide(sample_guide_path)
    lost = guide.highlights[0]
    lost.quote.exact, lost.position, lost.status = "zebra quagga xylophone", None, "orphan"
    path = tmp_path / "orphan.guide.yaml"
    save_guide(guide, path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(path)
    item = window.guide.panel._items[("highlight", lost.id)]
    assert item.foreground(0).style() != Qt.BrushStyle.NoBrush  # greyed while not found
    queue = window.review.queue
    queue.list.setCurrentRow(next(i for i in range(queue.list.count())
                                  if queue.list.item(i).data(256) == lost.id))
    queue.begin_choose()
    window.reader.view.select_range(10, 40)
    assert queue.use_selection()
    item = window.guide.panel._items[("highlight", lost.id)]
    assert item.foreground(0) == QBrush() and not item.text(0).startswith("Not found")
    assert tree_matches(window)


def test_the_tree_is_the_same_after_saving_and_reopening(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    for passage in reversed(PASSAGES):  # created against essay order
        ask_about(window, passage)
        window.guide.editors.question.text.setPlainText(f"About {passage}?")
    session = window.shell.session
    session.push(SetField("question", session.guide.questions[0].id, "stage", "closing"))
    before = tree_labels(window)
    window.shell.prompts.next_save = str(tmp_path / "r.guide.yaml")
    assert window.shell.files.save(), window.shell.prompts.errors
    again = make_window(qtbot, tmp_path)
    assert again.shell.files.open_path(tmp_path / "r.guide.yaml")
    assert tree_labels(again) == before
    assert tree_matches(window) and tree_matches(again)


def test_reload_and_duplicate_leave_nothing_selected(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(path)
    hid = window.shell.session.guide.highlights[1].id
    window.shell.selection.select("highlight", hid)
    assert window.guide.panel.current() == ("highlight", hid)
    other = load_guide(path)
    other.title = "Changed elsewhere"
    save_guide(other, path)
    window.recovery.controller.ask_reload = lambda _path, _modified: True
    assert window.recovery.controller.check_disk()
    assert window.guide.panel.current() is None
    assert window.guide.editors.currentWidget() is window.guide.editors.empty
    window.shell.selection.select("highlight", hid)
    window.library.ask_duplicate = lambda _g: ("Group", "2027-01-01", "Kim", None)
    assert window.library.duplicate_current()
    assert window.guide.panel.current() is None
    assert window.guide.editors.currentWidget() is window.guide.editors.empty


def test_a_new_subject_shows_the_editor_from_its_top(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.shell.resize(900, 420)  # a small screen: the Edit panel scrolls
    assert window.shell.files.open_path(ESSAY)
    first, second = ask_about(window, PASSAGES[0]), ask_about(window, PASSAGES[2])
    bar = window.guide.scroller.verticalScrollBar()
    window.shell.selection.select("question", first)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the user scrolled down to the facilitator note
    window.shell.session.push(SetField("question", first, "minutes", 5))  # same subject
    assert bar.value() == bar.maximum()
    window.shell.selection.select("question", second)
    assert bar.value() == 0
