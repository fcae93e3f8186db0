"""Editing a guide in the window: every field, every category change and every deletion is one
undoable step, and the editors follow undo without losing the cursor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.app_support import ESSAY, make_window, press

CTRL = Qt.KeyboardModifier.ControlModifier
PASSAGES = ("A lighthouse does not guide ships home", "The sea is patient",
            "care is mostly repetition")


@pytest.fixture
def window(qtbot, tmp_path: Path):
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    return window


def _ask(window, passage: str) -> str:
    text = window.shell.session.document.text
    start = text.index(passage)
    window.reader.view.select_range(start, start + len(passage))
    window.guide.act_ask.trigger()
    kind, question_id = window.guide.panel.current()
    assert kind == "question"
    return question_id


def test_question_editor_sets_every_field_and_each_undoes(qtbot, window) -> None:
    qid = _ask(window, PASSAGES[0])
    ed = window.guide.editors.question
    q = next(q for q in window.shell.session.guide.questions if q.id == qid)
    ed.kind.setFocus()
    qtbot.keyClick(ed.kind, Qt.Key.Key_Down)  # interpretive -> evaluative
    ed.stage.setCurrentIndex(0)  # what a user's pick does: set the index, then "activated"
    ed.stage.activated.emit(0)
    ed.minutes.setFocus()
    ed.minutes.selectAll()
    qtbot.keyClicks(ed.minutes, "15")  # typed digits merge into one step
    ed.answer_lines.setValue(4)
    qtbot.keyClicks(ed.follow_ups, "What would change your mind?")
    qtbot.keyClick(ed.follow_ups, Qt.Key.Key_Return)
    qtbot.keyClicks(ed.follow_ups, "Who benefits?")
    qtbot.keyClicks(ed.note, "Give them time.")
    assert (q.kind, q.stage, q.minutes, q.answer_lines) == ("evaluative", "opening", 15, 4)
    assert q.follow_ups == ["What would change your mind?", "Who benefits?"]
    assert q.facilitator_note == "Give them time."
    assert window.guide.panel.summary.text().endswith("15 min planned")
    # One undo per field: note, follow-ups, answer lines, minutes, stage, kind.
    stack = window.shell.session.undo_stack

    def fields() -> tuple:
        return (q.kind, q.stage, q.minutes, q.answer_lines, len(q.follow_ups), q.facilitator_note)

    expected = [
        ("evaluative", "opening", 15, 4, 2, ""),
        ("evaluative", "opening", 15, 4, 0, ""),
        ("evaluative", "opening", 15, 0, 0, ""),
        ("evaluative", "opening", None, 0, 0, ""),
        ("evaluative", "core", None, 0, 0, ""),
        ("interpretive", "core", None, 0, 0, ""),
    ]
    for state in expected:
        stack.undo()
        assert fields() == state
    assert (ed.kind.currentText(), ed.stage.currentText(), ed.minutes.value()) == (
        "interpretive", "core", 0)
    assert ed.follow_ups.toPlainText() == "" and ed.note.toPlainText() == ""


def test_ctrl_z_in_a_text_box_undoes_the_guide_not_a_private_history(qtbot, window) -> None:
    _ask(window, PASSAGES[0])
    box = window.guide.editors.question.text
    assert QApplication.focusWidget() is box
    qtbot.keyClicks(box, "First words")
    stack = window.shell.session.undo_stack
    steps = stack.count()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.shell.session.guide.questions[0].text == "" and box.toPlainText() == ""
    press(qtbot, window, Qt.Key.Key_Y, CTRL)  # Redo (Ctrl+Y or Ctrl+Shift+Z on this platform)
    if window.shell.session.guide.questions[0].text == "":
        press(qtbot, window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert box.toPlainText() == "First words" == window.shell.session.guide.questions[0].text
    assert stack.count() == steps


def test_typing_after_another_field_starts_a_new_step(qtbot, window) -> None:
    _ask(window, PASSAGES[0])
    ed = window.guide.editors.question
    qtbot.keyClicks(ed.text, "One")
    qtbot.keyClicks(ed.note, "Note")
    qtbot.keyClicks(ed.text, " two")
    q = window.shell.session.guide.questions[0]
    window.shell.session.undo_stack.undo()
    assert (q.text, q.facilitator_note) == ("One", "Note")
    window.shell.session.undo_stack.undo()
    assert (q.text, q.facilitator_note) == ("One", "")


def test_highlight_editor_changes_category_and_note(qtbot, window) -> None:
    text = window.shell.session.document.text
    start = text.index(PASSAGES[1])
    window.reader.view.select_range(start, start + len(PASSAGES[1]))
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    h = window.shell.session.guide.highlights[0]
    assert h.category == "evidence"
    ed = window.guide.editors.highlight
    assert window.guide.editors.currentWidget() is ed
    ed.category.activated.emit(2)
    assert h.category == window.shell.session.guide.categories[2].id
    qtbot.keyClicks(ed.note, "Ask who wrote it")
    assert h.note == "Ask who wrote it"
    window.shell.session.undo_stack.undo()
    window.shell.session.undo_stack.undo()
    assert (h.category, h.note) == ("evidence", "")


@pytest.mark.parametrize("answer", ["keep", "delete", "cancel"])
def test_deleting_a_highlight_asks_about_its_questions(qtbot, window, answer: str) -> None:
    _ask(window, PASSAGES[0])
    guide = window.shell.session.guide
    hid = guide.highlights[0].id
    window.shell.prompts.delete_answer = answer
    window.shell.selection.select("highlight", hid)
    window.guide.panel.tree.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.shell.prompts.asked[-1] == "delete_highlight:1"
    if answer == "cancel":
        assert guide.highlight(hid) is not None and guide.questions[0].highlight == hid
        return
    assert guide.highlight(hid) is None
    assert len(guide.questions) == (1 if answer == "keep" else 0)
    if answer == "keep":
        assert guide.questions[0].highlight is None
        assert window.guide.panel.tree.topLevelItem(1).text(0) == "General questions (1)"
    assert window.guide.editors.currentWidget() is window.guide.editors.empty
    window.shell.act_undo.trigger()
    assert guide.highlight(hid) is not None and guide.questions[0].highlight == hid


def test_a_highlight_without_questions_is_deleted_without_asking(qtbot, window) -> None:
    window.reader.view.select_range(0, 10)
    window.guide.ops.highlight("claim")
    window.guide.editors.highlight.delete.click()
    assert window.shell.session.guide.highlights == [] and window.shell.prompts.asked == []


def test_overlapping_highlights_are_allowed(qtbot, window) -> None:
    text = window.shell.session.document.text
    start = text.index(PASSAGES[0])
    window.reader.view.select_range(start, start + len(PASSAGES[0]))
    window.guide.ops.highlight("claim")
    window.reader.view.select_range(start + 2, start + 30)
    window.guide.ops.highlight("language")
    spans = [(h.position.start, h.position.end) for h in window.shell.session.guide.highlights]
    assert len(spans) == 2 and spans[0][0] < spans[1][0] < spans[0][1]


def test_questions_follow_essay_order_and_can_be_moved(qtbot, window) -> None:
    last = _ask(window, PASSAGES[2])
    first = _ask(window, PASSAGES[0])
    guide = window.shell.session.guide
    assert [q.id for q in guide.questions] == [first, last]  # essay order, not creation order
    window.shell.selection.select("question", first)
    window.guide.editors.question.down.click()
    assert [q.id for q in guide.questions] == [last, first]
    assert window.guide.panel.current() == ("question", first)
    window.shell.act_undo.trigger()
    assert [q.id for q in guide.questions] == [first, last]


def test_ask_without_a_selection_adds_to_the_selected_highlight_or_a_general_question(
    qtbot, window
) -> None:
    _ask(window, PASSAGES[0])
    guide = window.shell.session.guide
    hid = guide.highlights[0].id
    window.shell.selection.select("highlight", hid)
    window.reader.view.select_range(0, 0)
    window.guide.act_ask.trigger()
    assert [q.highlight for q in guide.questions] == [hid, hid]
    window.shell.selection.select("", "")
    window.guide.act_ask.trigger()
    assert guide.questions[-1].highlight is None
    assert window.guide.panel.tree.topLevelItem(1).text(0) == "General questions (1)"


def test_categories_dialog_adds_renames_recolours_and_remarks(qtbot, window) -> None:
    from reading_guide.gui.guide.categories_dialog import CategoriesDialog

    dialog = CategoriesDialog(window.shell.session, window.shell, pick_color=lambda _c: "#123456")
    qtbot.addWidget(dialog)
    guide = window.shell.session.guide
    dialog.add_category("Theme")
    assert guide.categories[-1].id == "theme"
    assert window.guide.category_actions[-1].text() == "Theme"
    assert window.guide.category_actions[-1].shortcut().toString() == "Ctrl+5"
    dialog.label.setText("Big theme")
    dialog.label.editingFinished.emit()
    dialog.color.click()
    dialog.mark.activated.emit(6)
    theme = guide.categories[-1]
    assert (theme.label, theme.color, theme.mark) == ("Big theme", "#123456", "box")
    assert "Big theme" in dialog.list.currentItem().text()
    for _ in range(4):
        window.shell.act_undo.trigger()
    assert [c.id for c in guide.categories] == ["claim", "evidence", "question", "language"]
    assert len(window.guide.category_actions) == 4


def test_recolouring_a_category_repaints_its_highlights(qtbot, window) -> None:
    window.reader.view.select_range(0, 10)
    window.guide.ops.highlight("claim")
    from reading_guide.model.edits import SetField

    window.shell.session.push(SetField("category", "claim", "color", "#000000"))
    assert window.reader.view._items[0].color == "#000000"


def test_coming_back_to_a_field_later_is_a_new_undo_step(qtbot, window) -> None:
    _ask(window, PASSAGES[0])
    ed = window.guide.editors.question
    q = window.shell.session.guide.questions[0]
    ed.text.setFocus()
    qtbot.keyClicks(ed.text, "First")
    ed.note.setFocus()
    ed.text.setFocus()  # no edit elsewhere, but the user left and came back
    qtbot.keyClicks(ed.text, " second")
    window.shell.session.undo_stack.undo()
    assert q.text == "First"


def test_guide_details_are_edited_and_undone_and_bad_values_never_stored(qtbot, window) -> None:
    from reading_guide.gui.guide.details_dialog import DetailsDialog

    dialog = DetailsDialog(window.shell.session, window.shell)
    qtbot.addWidget(dialog)
    dialog.show()
    guide = window.shell.session.guide
    group = dialog.fields[("session", "group")]
    group.setFocus()
    qtbot.keyClicks(group, "Thursday club")
    date = dialog.fields[("session", "date")]
    date.setFocus()
    qtbot.keyClicks(date, "2026-12-01")
    dialog.minutes.setValue(90)
    dialog.introduction.setFocus()
    qtbot.keyClicks(dialog.introduction, "Read it *twice*.")
    assert (guide.session.group, guide.session.date, guide.session.minutes) == (
        "Thursday club", "2026-12-01", 90)
    assert guide.introduction == "Read it *twice*."
    # A keystroke past the date's form is refused at the field, with a word.
    date.setFocus()
    qtbot.keyClick(date, "1")
    assert date.text() == "2026-12-01" and "Date" in dialog.problem.text()
    # A date that is not a date is shown as a problem and never reaches the guide.
    date.selectAll()
    qtbot.keyClicks(date, "2026-02-30")
    assert guide.session.date == "2026-12-01"
    assert date.styleSheet() and "no such day" in dialog.problem.text()
    language = dialog.fields[("essay", "language")]
    language.setFocus()
    language.selectAll()
    qtbot.keyClicks(language, "x1")
    assert guide.essay.language == "en" and "language" in dialog.problem.text()
    # One undo per field visit: introduction, minutes, date, group.
    for _ in range(4):
        window.shell.act_undo.trigger()
    assert (guide.session.group, guide.session.date, guide.session.minutes,
            guide.introduction) == ("", "", None, "")
    assert group.text() == ""
