"""Editors for the selected item: a question (text, kind, stage, timing, follow-ups, notes) or a
highlight (category, note).

Each widget change becomes one SetField edit pushed on the session, so it is undoable; typing in a
field merges into one step. The editors' own undo is switched off and Ctrl+Z goes to the window's
undo stack (UndoKeysToWindow), otherwise a text box would keep a second, private history that
the guide never hears about. An editor pushes its edits as their initiator and does not reload
what it just wrote (the way Anki's editor skips its own changes); after an undo, a redo or
someone else's change it reloads only the fields whose value differs from the guide, so the
cursor does not jump. Each editor only ever shows an item that exists: the window's selection
drops an item that is deleted or whose creation is undone, and the editor empties with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.actions import swatch
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.plain_text import make_plain
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.guide.panel import excerpt, plural
from reading_guide.model.edits import SetField
from reading_guide.model.guide import QUESTION_KINDS, QUESTION_STAGES, Question


class UndoKeysToWindow(QObject):
    """Send Undo/Redo keys past a text widget to the window's actions (the guide's undo stack),
    and count focus visits, so typing merges only within one visit to a field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.burst = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn:
            self.burst += 1
        elif event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                event.ignore()  # not overridden: the window's shortcut fires
                return True
        return False


def _text_box(name: str, filt: UndoKeysToWindow, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setUndoRedoEnabled(False)
    box.setTabChangesFocus(True)
    box.installEventFilter(filt)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _spin(name: str, filt: UndoKeysToWindow, maximum: int, none_text: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, maximum)
    spin.setSpecialValueText(none_text)
    spin.installEventFilter(filt)
    spin.lineEdit().installEventFilter(filt)
    return spin


def _pair(first: QWidget, label: str, second: QWidget) -> QWidget:
    """Two fields on one form row, the second with its own label (its mnemonic still works)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    caption = QLabel(label)
    caption.setBuddy(second)
    layout.addWidget(caption)
    layout.addWidget(second, 1)
    return row


def _out_of_tab_order(button: QPushButton) -> None:
    """Tab from the last field never lands on Delete (one Space away from losing the item): it
    takes a click, or the Delete key, which asks as the menu does."""
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


def _set_plain(box: QPlainTextEdit, text: str) -> None:
    """Replace the text, keeping the cursor where it was (as far as the new text allows)."""
    if box.toPlainText() == text:
        return
    pos = box.textCursor().position()
    box.setPlainText(text)
    cursor = box.textCursor()
    cursor.setPosition(min(pos, len(text)))
    box.setTextCursor(cursor)


class QuestionEditor(QWidget):
    moveRequested = Signal(str, int)  # question id, -1 up / +1 down
    deleteRequested = Signal(str)

    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self._session = session
        self._filter = UndoKeysToWindow(self)
        self.question_id: str | None = None
        self._loading = False
        self.heading = make_plain(QLabel())
        self.heading.setObjectName("questionHeading")
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.text = _text_box("questionText", self._filter, 4)
        self.text.setPlaceholderText("What do you want the group to discuss?")
        self.kind = QComboBox()
        self.kind.setObjectName("questionKind")
        self.kind.addItems(list(QUESTION_KINDS))
        self.stage = QComboBox()
        self.stage.setObjectName("questionStage")
        self.stage.addItems(list(QUESTION_STAGES))
        self.minutes = _spin("questionMinutes", self._filter, 600, "no time set")
        self.minutes.setSuffix(" min")
        self.answer_lines = _spin("questionAnswerLines", self._filter, 40, "none")
        self.follow_ups = _text_box("questionFollowUps", self._filter, 3)
        self.follow_ups.setPlaceholderText("One follow-up question per line")
        self.note = _text_box("questionNote", self._filter, 3)
        self.note.setPlaceholderText("Only in the facilitator edition")
        # Short labels: the editor dock is narrow, and a wider row would force a scroll bar.
        self.up = QPushButton("▲ Earlier")
        self.up.setToolTip("Move this question earlier in the running order")
        self.down = QPushButton("▼ Later")
        self.down.setToolTip("Move this question later in the running order")
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete this question (Undo brings it back)")
        self.delete.setObjectName("deleteQuestion")
        _out_of_tab_order(self.delete)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Question", self.text)
        # Two short fields to a row: the editor fits a 700-px-high window without scrolling.
        form.addRow("&Kind", _pair(self.kind, "&Stage", self.stage))
        form.addRow("&Time", _pair(self.minutes, "&Answer lines", self.answer_lines))
        form.addRow("&Follow-ups", self.follow_ups)
        form.addRow("Facilitator &note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.text.textChanged.connect(lambda: self._edit("text", self.text.toPlainText(), True))
        self.kind.activated.connect(lambda i: self._edit("kind", QUESTION_KINDS[i], False))
        self.stage.activated.connect(lambda i: self._edit("stage", QUESTION_STAGES[i], False))
        self.minutes.valueChanged.connect(lambda v: self._edit("minutes", v or None, True))
        self.answer_lines.valueChanged.connect(lambda v: self._edit("answer_lines", v, True))
        self.follow_ups.textChanged.connect(
            lambda: self._edit("follow_ups", self._follow_up_list(), True)
        )
        self.note.textChanged.connect(
            lambda: self._edit("facilitator_note", self.note.toPlainText(), True)
        )
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.delete.clicked.connect(lambda: self.deleteRequested.emit(self.question_id or ""))
        session.changed.connect(self._on_changed)

    def _follow_up_list(self) -> list[str]:
        return [line.strip() for line in self.follow_ups.toPlainText().splitlines() if line.strip()]

    def _question(self) -> Question | None:
        guide = self._session.guide
        return next((q for q in guide.questions if q.id == self.question_id), None)

    def show_question(self, question_id: str | None) -> None:
        self.question_id = question_id
        self._load()

    def _load(self) -> None:
        q = self._question()
        self.setEnabled(q is not None)  # nothing real shown: nothing to type into
        if q is None:
            return
        self._loading = True
        try:
            self._show_heading(q)
            _set_plain(self.text, q.text)
            self.kind.setCurrentIndex(QUESTION_KINDS.index(q.kind))
            self.stage.setCurrentIndex(QUESTION_STAGES.index(q.stage))
            if self.minutes.value() != (q.minutes or 0):
                self.minutes.setValue(q.minutes or 0)
            if self.answer_lines.value() != q.answer_lines:
                self.answer_lines.setValue(q.answer_lines)
            if self._follow_up_list() != q.follow_ups:
                _set_plain(self.follow_ups, "\n".join(q.follow_ups))
            _set_plain(self.note, q.facilitator_note)
        finally:
            self._loading = False

    def _show_heading(self, q: Question) -> None:
        """The number (running order), what it is about, and whether it can move."""
        guide = self._session.guide
        number = guide.question_numbers()[q.id]
        about = "a general question"
        h = guide.highlight(q.highlight) if q.highlight else None
        if h is not None:
            para = (
                self._session.document.paragraph_at(h.position.start)
                if h.position is not None else None
            )
            where = f"¶{para} " if para else ""
            about = f"about {where}“{excerpt(h.quote.exact, 48)}”"
        self.heading.setText(f"Question {number} — {about}")
        index = number - 1
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < len(guide.questions) - 1)

    def _edit(self, name: str, value: object, typing: bool) -> None:
        q = self._question()
        if self._loading or q is None or getattr(q, name) == value:
            return
        self._session.push(
            SetField("question", q.id, name, value, typing=typing, burst=self._filter.burst),
            initiator=self,
        )

    def _move(self, step: int) -> None:
        if self.question_id:
            self.moveRequested.emit(self.question_id, step)

    def _on_changed(self, change: GuideChange) -> None:
        q = self._question()
        if q is None:
            return
        if change.initiator is self:
            if change.what & Changed.ORDER:  # its own stage change moved its number
                self._show_heading(q)
            return
        if change.what & (Changed.ORDER | Changed.ITEMS | Changed.ESSAY) or (
                change.what & Changed.QUESTIONS and q.id in change.ids) or (
                change.what & Changed.HIGHLIGHTS and q.highlight in change.ids):
            self._load()

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text.setTextCursor(cursor)


class HighlightEditor(QWidget):
    askRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightEditor")
        self._session = session
        self._filter = UndoKeysToWindow(self)
        self.highlight_id: str | None = None
        self._loading = False
        self.heading = QLabel()
        self.heading.setObjectName("highlightHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.quote = make_plain(QLabel())
        self.quote.setObjectName("highlightQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.category = QComboBox()
        self.category.setObjectName("highlightCategory")
        self.note = _text_box("highlightNote", self._filter, 4)
        self.note.setPlaceholderText("A note for yourself (facilitator edition only)")
        self.confirm = QPushButton("Confirm")
        self.confirm.setToolTip("This passage was placed by fuzzy matching; confirm it is right")
        self.ask = QPushButton("Ask about it")
        self.ask.setToolTip("Add a question about this passage")
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete this highlight (Undo brings it back)")
        self.delete.setObjectName("deleteHighlight")
        _out_of_tab_order(self.delete)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Category", self.category)
        form.addRow("&Note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask)
        buttons.addWidget(self.confirm)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.category.activated.connect(self._on_category)
        self.note.textChanged.connect(self._on_note)
        self.confirm.clicked.connect(self._on_confirm)
        self.ask.clicked.connect(lambda: self.askRequested.emit(self.highlight_id or ""))
        self.delete.clicked.connect(lambda: self.deleteRequested.emit(self.highlight_id or ""))
        session.changed.connect(self._on_changed)

    def show_highlight(self, highlight_id: str | None) -> None:
        self.highlight_id = highlight_id
        self._load()

    def _load(self) -> None:
        guide = self._session.guide
        h = guide.highlight(self.highlight_id or "")
        self.setEnabled(h is not None)  # nothing real shown: nothing to type into
        if h is None:
            return
        self._loading = True
        try:
            status = h.anchor_status
            para = (
                self._session.document.paragraph_at(h.position.start)
                if h.position is not None else None
            )
            count = len(guide.questions_for(h.id))
            where = f"¶{para}" if para else "Not found in the essay"
            state = "" if status == "exact" else f" · placement: {status}"
            self.heading.setText(f"Highlight {where} · {plural(count, 'question')}{state}")
            self.quote.setText(f"“{excerpt(h.quote.exact, 400)}”")
            self.category.clear()
            for c in guide.categories:
                self.category.addItem(swatch(c.color), c.label, c.id)
            self.category.setCurrentIndex(max(0, self.category.findData(h.category)))
            _set_plain(self.note, h.note)
            self.confirm.setVisible(status in ("fuzzy", "review"))
        finally:
            self._loading = False

    def _push(self, name: str, value: object, typing: bool) -> None:
        h = self._session.guide.highlight(self.highlight_id or "")
        if self._loading or h is None or getattr(h, name) == value:
            return
        self._session.push(
            SetField("highlight", h.id, name, value, typing=typing, burst=self._filter.burst),
            initiator=self,
        )

    def _on_category(self, index: int) -> None:
        self._push("category", self.category.itemData(index), False)

    def _on_note(self) -> None:
        self._push("note", self.note.toPlainText(), True)

    def _on_confirm(self) -> None:
        self._push("status", None, False)

    def _on_changed(self, change: GuideChange) -> None:
        h = self._session.guide.highlight(self.highlight_id or "")
        if h is None or change.initiator is self:
            return
        if change.what & (Changed.CATEGORIES | Changed.ITEMS | Changed.ESSAY) or (
                change.what & Changed.HIGHLIGHTS and h.id in change.ids):
            self._load()
