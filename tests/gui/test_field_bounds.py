"""Every widget's limits are the table of fields' (model/fields.py), and a value outside the table
is refused at the field with a visible word: the guide always saves and opens again (issue 16.3).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyleOptionViewItem,
    QWidget,
)

from reading_guide.gui.core.field_limits import FIELD_PROPERTY
from reading_guide.gui.guide.categories_dialog import CategoriesDialog
from reading_guide.gui.guide.details_dialog import DetailsDialog
from reading_guide.gui.plan.session_plan import ID_ROLE, MIN_COLUMN
from reading_guide.model.fields import FIELDS, LIST_LIMITS, IntField, TextField
from reading_guide.storage import load_guide
from tests.gui.app_support import quiet_window

# Every field a widget edits; the walk must find each, so the test cannot pass by finding none.
EDITED = {
    "question.text", "question.kind", "question.stage", "question.minutes",
    "question.answer_lines", "question.follow_up", "question.facilitator_note",
    "highlight.note", "session.minutes", "session.group", "session.date", "session.facilitator",
    "guide.title", "guide.introduction", "essay.title", "essay.author", "essay.source",
    "essay.edition", "essay.language", "category.label", "category.mark",
}


@pytest.fixture
def window(qtbot, tmp_path: Path, sample_guide_path: Path):
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide_path)
    return window


def _roots(qtbot, window) -> list[QWidget]:
    """The editors (showing a question and a highlight), the plan with a Min cell's editor open,
    the details and the categories dialogs."""
    session = window.shell.session
    editors = window.guide.editors
    guide = session.guide
    editors.question.show_question(guide.questions[0].id)
    editors.highlight.show_highlight(guide.highlights[0].id)
    plan = window.plan.plan
    delegate = plan.tree.itemDelegateForColumn(MIN_COLUMN)
    cell = delegate.createEditor(plan.tree.viewport(), QStyleOptionViewItem(),
                                 plan.tree.model().index(0, MIN_COLUMN))
    details = DetailsDialog(session, window.shell)
    categories = CategoriesDialog(session, window.shell)
    for dialog in (details, categories):
        qtbot.addWidget(dialog)
    return [editors.question, editors.highlight, plan, cell, details, categories]


def _bounded(roots: list[QWidget]) -> list[QWidget]:
    found = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.property(FIELD_PROPERTY):
                found.append(widget)
    return found


def test_every_widget_bound_equals_the_table(qtbot, window) -> None:
    widgets = _bounded(_roots(qtbot, window))
    assert {w.property(FIELD_PROPERTY) for w in widgets} == EDITED
    for widget in widgets:
        name = widget.property(FIELD_PROPERTY)
        rule = FIELDS[name]
        where = f"{widget.objectName()} ({name})"
        if isinstance(widget, QSpinBox):
            assert isinstance(rule, IntField), where
            assert widget.maximum() == rule.maximum, where
            # The lowest value may stand for "not set" (left out of the file), and says so.
            assert widget.minimum() == rule.minimum or (
                widget.minimum() == rule.minimum - 1 and widget.specialValueText()), where
        elif isinstance(widget, QComboBox):
            values = [widget.itemData(i) for i in range(widget.count())]
            assert tuple(values) == rule.choices, where
        elif isinstance(widget, QLineEdit) and isinstance(rule, IntField):  # the plan's Min cell
            assert widget.maxLength() == len(str(rule.maximum)), where
        elif isinstance(widget, QLineEdit):
            assert isinstance(rule, TextField), where
            assert widget.maxLength() == rule.max_length, where
            validator = widget.validator()
            pattern = validator.regularExpression().pattern() if validator else ""
            assert pattern == rule.pattern, where
        elif isinstance(widget, QPlainTextEdit):
            # A text box has no maximum to read: paste past it and see what it keeps.
            assert isinstance(rule, TextField), where
            widget.setPlainText("x" * (rule.max_length + 5))
            assert len(widget.toPlainText()) == rule.max_length, where
        else:
            raise AssertionError(f"a bounded widget of no known kind: {where}")


def _type_over(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    edit = widget.lineEdit() if isinstance(widget, QSpinBox) else widget
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _paste(box: QPlainTextEdit, text: str) -> None:
    QApplication.clipboard().setText(text)
    box.setFocus()
    box.selectAll()
    box.paste()


def test_bad_values_in_every_field_are_refused_with_a_word_and_the_guide_reopens(
        qtbot, window) -> None:
    session = window.shell.session
    guide = session.guide
    q = guide.questions[0]
    editor = window.guide.editors.question
    editor.show_question(q.id)

    _type_over(qtbot, editor.minutes, "5000")  # the last 0 is refused: 500 is in the table
    assert q.minutes == 500 and "1,440" in editor.problem.text()
    assert not editor.problem.isHidden()
    _type_over(qtbot, editor.answer_lines, "10000")
    assert q.answer_lines == 10 and "Answer lines" in editor.problem.text()
    _paste(editor.text, "words " * 200_000)  # 1.2 MB
    assert len(q.text) == FIELDS["question.text"].max_length
    assert "not kept" in editor.problem.text()
    _paste(editor.follow_ups, "\n".join(f"Follow-up {i}?" for i in range(150)))
    assert len(q.follow_ups) == LIST_LIMITS["question.follow_ups"]
    assert "Follow-ups" in editor.problem.text()

    # The plan's Min cell: 5000 is typed, refused on commit, and the question keeps its minutes.
    plan = window.plan.plan
    other = guide.questions[1]
    kept = other.minutes
    item = next(it for it in plan._rows() if it.data(0, ID_ROLE) == other.id)
    plan.tree.setCurrentItem(item)
    window.plan.show()
    plan.tree.editItem(item, MIN_COLUMN)
    cell = plan.tree.findChild(QLineEdit, "planMinutesEditor")
    assert isinstance(cell, QLineEdit)
    cell.selectAll()
    qtbot.keyClicks(cell, "5000")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(plan.problem.text()))  # Qt commits a cell from its event loop
    assert other.minutes == kept
    assert "5000" in plan.problem.text() and "1440" in plan.problem.text()
    _type_over(qtbot, plan.length, "5000")
    assert guide.session.minutes == 500 and "Session length" in plan.problem.text()

    details = DetailsDialog(session, window.shell)
    qtbot.addWidget(details)
    title = details.fields[("guide", "title")]
    title.setFocus()
    title.insert("T" * 5000)
    assert len(guide.title) == FIELDS["guide.title"].max_length
    assert "Title" in details.problem.text()
    language = details.fields[("essay", "language")]
    _type_over(qtbot, language, "x1")
    assert guide.essay.language == "en" and "language" in details.problem.text()
    date, kept_date = details.fields[("session", "date")], guide.session.date
    _type_over(qtbot, date, "2026-13-45")
    assert guide.session.date == kept_date and "no such day" in details.problem.text()

    categories = CategoriesDialog(session, window.shell)
    qtbot.addWidget(categories)
    label = guide.categories[0].label
    categories.label.setFocus()
    categories.label.clear()
    qtbot.keyClick(categories.label, Qt.Key.Key_Return)
    assert guide.categories[0].label == label
    assert categories.label.text() == label and "empty" in categories.problem.text()

    assert window.shell.files.save()
    reopened = load_guide(session.path)
    assert reopened.questions[0].minutes == 500
    assert len(reopened.questions[0].text) == FIELDS["question.text"].max_length
    assert reopened.session.minutes == 500
    assert window.shell.files.open_path(session.path)  # and in the window


def test_a_refusal_reads_on_a_light_and_on_a_dark_window(qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette

    from reading_guide.gui.core.field_limits import NOTE_COLOR, NOTE_COLOR_DARK, FieldNote

    app = QApplication.instance()
    before = app.palette()
    note = FieldNote("note")
    qtbot.addWidget(note)
    role = QPalette.ColorRole.WindowText
    try:
        app.setPalette(QPalette(QColor("#f5f5f5")))
        app.processEvents()  # Qt posts the palette change to each widget
        assert note.palette().color(role).name() == NOTE_COLOR
        app.setPalette(QPalette(QColor("#2b2b2b")))  # the theme switched to dark
        app.processEvents()
        assert note.palette().color(role).name() == NOTE_COLOR_DARK
    finally:
        app.setPalette(before)
