"""Widget limits from the one table of fields (`model/fields.py`), and a visible word when a
value is refused.

Why: a guide the app saves must open again (DESIGN.md rule 3). Before this module the question
editor allowed 600 minutes, the plan's Min cell anything made of digits (5000 saved, then the file
would not open), and two session-length boxes had two maxima. Every bounded widget now takes its
range, maximum length, pattern and choices from `FIELDS`, and records the table name it follows
in the Qt property `tableField`, so tests/gui/test_field_bounds.py can walk the widgets and
compare each bound with the table.

A value outside the table is refused at the field, never silently: Qt refuses a keystroke past a
spin box's maximum or a line edit's length without a word (`inputRejected` is its only trace), so
each form has a `FieldNote` under it that says what was refused and why; a text box cut to its
maximum says how much was left out. Nothing here raises: a refused value is a message.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QColor, QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain, shown
from reading_guide.model.fields import FIELDS, LIST_LIMITS, ChoiceField, IntField, TextField

FIELD_PROPERTY = "tableField"  # the FIELDS name a widget's limits come from
# A red readable on a light window and one readable on a dark window (contrast above 4.5:1 on
# the usual greys). Set through the palette, not a style sheet: the first style sheet in a
# process builds Qt's style-sheet engine, a cost start-up would pay.
NOTE_COLOR, NOTE_COLOR_DARK = "#b42318", "#ff8a80"

# fit(text) -> (text to keep, message or None): how a text box keeps within its field.
Fit = Callable[[str], tuple[str, str | None]]


class FieldNote(QLabel):
    """One line under a form naming the last value refused; empty (and hidden) otherwise."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_plain(self)
        self.setObjectName(name)
        self.setWordWrap(True)
        self._colour()
        self.hide()

    def _colour(self) -> None:
        """The note's red for the application's colours (light or dark)."""
        app_palette = QApplication.palette()
        dark = app_palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         QColor(NOTE_COLOR_DARK if dark else NOTE_COLOR))
        self.setPalette(palette)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # the theme changed
            self._colour()
        return super().event(event)

    def say(self, message: str) -> None:
        self.setText(shown(message))
        self.setVisible(bool(message))

    def clear_note(self) -> None:
        self.say("")


def int_rule(name: str) -> IntField:
    rule = FIELDS[name]
    assert isinstance(rule, IntField), name
    return rule


def text_rule(name: str) -> TextField:
    rule = FIELDS[name]
    assert isinstance(rule, TextField), name
    return rule


def choice_rule(name: str) -> ChoiceField:
    rule = FIELDS[name]
    assert isinstance(rule, ChoiceField), name
    return rule


def range_words(rule: IntField) -> str:
    unit = f" {rule.unit}" if rule.unit and " " not in rule.unit else ""
    return f"a whole number from {rule.minimum:,} to {rule.maximum:,}{unit}"


def bound_spin(spin: QSpinBox, name: str, note: FieldNote, label: str, *,
               unset: str = "") -> QSpinBox:
    """`spin` limited to the table's range. With `unset`, the lowest value shows that text and
    means "not set" (one below the table's minimum when the minimum is above 0)."""
    rule = int_rule(name)
    low = rule.minimum - 1 if unset and rule.minimum > 0 else rule.minimum
    spin.setRange(low, rule.maximum)
    if unset:
        spin.setSpecialValueText(unset)
    spin.setProperty(FIELD_PROPERTY, name)
    # Qt drops a keystroke that would leave the range; say why instead of nothing.
    spin.lineEdit().inputRejected.connect(
        lambda: note.say(f"{label}: {range_words(rule)}; that keystroke was not taken."))
    spin.valueChanged.connect(lambda _v: note.clear_note())
    return spin


def bound_line(edit: QLineEdit, name: str, note: FieldNote, label: str) -> QLineEdit:
    """`edit` limited to the table's length, with the table's pattern as a validator."""
    rule = text_rule(name)
    edit.setMaxLength(rule.max_length)
    if rule.pattern:
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(rule.pattern), edit))
    edit.setProperty(FIELD_PROPERTY, name)

    def rejected() -> None:
        if len(edit.text()) >= rule.max_length:
            note.say(f"{label}: at most {rule.max_length:,} characters; the rest was not taken.")
        else:
            note.say(f"{label}: expected {rule.example or 'another form'}.")

    edit.inputRejected.connect(rejected)
    return edit


def bound_combo(combo: QComboBox, name: str, labels: dict[str, str] | None = None) -> QComboBox:
    """`combo` holding the table's choices in its order (item data = the value written)."""
    rule = choice_rule(name)
    combo.clear()
    for value in rule.choices:
        combo.addItem((labels or {}).get(value, value), value)
    combo.setProperty(FIELD_PROPERTY, name)
    return combo


def text_fit(name: str, label: str) -> Fit:
    """Keep a text within the table's maximum length, saying how much was left out."""
    rule = text_rule(name)

    def fit(text: str) -> tuple[str, str | None]:
        if len(text) <= rule.max_length:
            return text, None
        cut = len(text) - rule.max_length
        return text[:rule.max_length], (f"{label}: at most {rule.max_length:,} characters; "
                                        f"the last {cut:,} were not kept.")

    return fit


def lines_fit(name: str, list_name: str, label: str) -> Fit:
    """One item a line (follow-ups): at most `LIST_LIMITS[list_name]` items that are not blank,
    each within `FIELDS[name]`'s length."""
    rule, most = text_rule(name), LIST_LIMITS[list_name]

    def fit(text: str) -> tuple[str, str | None]:
        lines = text.split("\n")
        if len(lines) <= most and all(len(line) <= rule.max_length for line in lines):
            return text, None  # the usual case: nothing built
        kept: list[str] = []
        filled = 0
        for line in lines:
            if filled >= most:
                break
            kept.append(line[:rule.max_length])
            filled += bool(line.strip())
        if kept == lines:
            return text, None
        return "\n".join(kept), (f"{label}: at most {most} of at most {rule.max_length:,} "
                                 f"characters each; the rest was not kept.")

    return fit


def bound_text_box(box: QPlainTextEdit, name: str, note: FieldNote, fit: Fit) -> QPlainTextEdit:
    """`box` kept within `fit` as it changes (typed, pasted or dropped).

    Connect this before the slot that stores the text: Qt calls slots in connection order, so
    the store sees the text already cut."""
    box.setProperty(FIELD_PROPERTY, name)

    def changed() -> None:
        text = box.toPlainText()
        kept, message = fit(text)
        if message is None:
            return
        box.setPlainText(kept)  # re-emits textChanged with the kept text
        cursor = box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        box.setTextCursor(cursor)
        note.say(message)

    box.textChanged.connect(changed)
    return box
