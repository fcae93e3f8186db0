"""The plan's Min cell: edited within `question.minutes`' bounds, a refusal said in words.

Why a delegate of our own: Qt's default cell editor takes any text, and the plan used to store
any run of digits, so 5000 minutes saved and the guide then would not open ("expected a whole
number from 0 to 1440"). This editor takes digits only, at most as many as the table's maximum
has; a number over the maximum is refused when the cell is committed, the question keeps its
minutes, and the plan's note says why. An empty cell means "no time set".
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reading_guide.gui.core.field_limits import FIELD_PROPERTY, FieldNote, int_rule, range_words

FIELD = "question.minutes"
Index = QModelIndex | QPersistentModelIndex


def parse_minutes(text: str) -> tuple[int | None, str | None]:
    """(minutes or None for "no time set", None) or (None, why the text is refused)."""
    text = text.strip()
    if not text:
        return None, None
    try:
        return int_rule(FIELD).parse(text), None
    except ValueError as error:
        return None, str(error)


class MinutesDelegate(QStyledItemDelegate):
    """Edits the Min column; refusals go to `note` instead of the model."""

    def __init__(self, note: FieldNote, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = note

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        rule = int_rule(FIELD)
        edit = QLineEdit(parent)
        edit.setObjectName("planMinutesEditor")
        edit.setProperty(FIELD_PROPERTY, FIELD)
        edit.setMaxLength(len(str(rule.maximum)))
        edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), edit))
        edit.inputRejected.connect(
            lambda: self.note.say(f"Minutes: {range_words(rule)}; that keystroke was not taken."))
        return edit

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = editor.text()
        _value, problem = parse_minutes(text)
        if problem:  # the cell goes back to the stored minutes; the note says why
            row = model.index(index.row(), 0, index.parent()).data()
            kept = index.data() or "no time set"
            self.note.say(f"{row} minutes: {problem}; it keeps {kept}"
                          f"{' min' if index.data() else ''}.")
            return
        self.note.clear_note()
        model.setData(index, text.strip())


__all__ = ["MinutesDelegate", "parse_minutes", "range_words"]
